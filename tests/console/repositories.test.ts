import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffCaseRepository } from '../../server/store/console-cases.js';
import { consoleStore } from '../../server/store/console-repositories.js';
import { createStore, MEMORY_DATA_DIR, type SqlStore } from '../../server/store/index.js';
import { startPostgres, type PrivatePostgres } from '../helpers/postgres.js';

/** The console's repositories behave the same on the embedded database and on real PostgreSQL. */
describe.each(['pglite', 'postgres'] as const)('console repositories on %s', (driver) => {
  let postgres: PrivatePostgres | null = null;
  let store: SqlStore;
  const t0 = new Date('2026-05-04T10:00:00Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);

  beforeAll(async () => {
    if (driver === 'postgres') postgres = await startPostgres();
    store = await createStore(postgres ? { databaseUrl: await postgres.createDatabase('console_repos') } : { dataDir: MEMORY_DATA_DIR });
    await store.conversations.create({ id: 'conv-1', locale: 'en-GB', now: t0 });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await postgres?.stop();
  });

  it('keeps accounts, failures and locks', async () => {
    const { accounts } = consoleStore(store.db);
    const a = await accounts.create({ username: 'Sam', firstName: 'Sam', role: 'counsellor', passwordHash: '$argon2id$x', now: t0 });
    expect(a).toMatchObject({ username: 'sam', firstName: 'Sam', role: 'counsellor', failedAttempts: 0, lockedUntil: null });
    await expect(accounts.create({ username: 'SAM', firstName: 'S', role: 'counsellor', passwordHash: 'h', now: t0 })).rejects.toThrow();
    await accounts.recordFailure(a.id, 5, at(30));
    expect(await accounts.byUsername('sam')).toMatchObject({ failedAttempts: 5, lockedUntil: at(30) });
    await accounts.clearFailures(a.id);
    expect(await accounts.byId(a.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('keeps sessions: touch never moves back, an ended session stays ended', async () => {
    const { accounts, sessions } = consoleStore(store.db);
    const a = await accounts.create({ username: 'lee', firstName: 'Lee', role: 'supervisor', passwordHash: 'h', now: t0 });
    await sessions.create({ idHash: 'hash-1', accountId: a.id, csrfToken: 'csrf', now: t0 });
    await sessions.touch('hash-1', at(60));
    await sessions.touch('hash-1', at(10));
    expect(await sessions.get('hash-1')).toMatchObject({ lastSeenAt: at(60), endedAt: null });
    await sessions.end('hash-1', 'signed_out', at(70));
    await sessions.end('hash-1', 'idle', at(80));
    expect((await sessions.get('hash-1'))?.endedAt).toEqual(at(70));
  });

  it('keeps participants once, the audit log newest first, notes, referrals and feedback', async () => {
    const repos = consoleStore(store.db);
    const a = await repos.accounts.create({ username: 'kim', firstName: 'Kim', role: 'counsellor', passwordHash: 'h', now: t0 });
    await repos.participants.add({ conversationId: 'conv-1', accountId: a.id, how: 'accept', now: t0 });
    await repos.participants.add({ conversationId: 'conv-1', accountId: a.id, how: 'accept', now: at(5) });
    expect(await repos.participants.forConversation('conv-1')).toEqual([{ accountId: a.id, how: 'accept', at: t0 }]);
    expect(await repos.participants.isParticipant('conv-1', 'someone-else')).toBe(false);
    await repos.audit.write({ at: t0, actorId: a.id, action: 'accept', conversationId: 'conv-1', detail: { urgency: 'high' } });
    await repos.audit.write({ at: at(1), actorId: a.id, action: 'note', conversationId: 'conv-1', detail: { noteId: 'n' } });
    await repos.audit.write({ at: at(2), actorId: a.id, action: 'sign_out', conversationId: null, detail: {} });
    const log = await repos.audit.list({ conversationId: 'conv-1' });
    expect(log.map((e) => [e.action, e.detail])).toEqual([
      ['note', { noteId: 'n' }],
      ['accept', { urgency: 'high' }],
    ]);
    const words = 'exact words: "quoted" \\ back-slash 😢';
    await repos.cases.addNote({ conversationId: 'conv-1', authorId: a.id, text: words, now: t0 });
    await repos.cases.addReferral({ conversationId: 'conv-1', authorId: a.id, toWhom: 'Police', why: words, now: t0 });
    await repos.cases.addFeedback({
      conversationId: 'conv-1',
      authorId: a.id,
      kind: 'missed',
      seq: 3,
      rule: null,
      category: null,
      detectorVersion: null,
      messageText: words,
      comment: '',
      now: t0,
    });
    expect((await repos.cases.notes('conv-1'))[0]?.text).toBe(words);
    expect((await repos.cases.referrals('conv-1'))[0]?.why).toBe(words);
    expect((await repos.cases.feedback())[0]).toMatchObject({ kind: 'missed', seq: 3, messageText: words });
  });

  it('keeps handoff cases with their state, and lists the open ones for a restart', async () => {
    const cases = handoffCaseRepository(store.db);
    const finding = {
      category: 'sexual' as const,
      urgency: 'high' as const,
      confidence: 0.9,
      rule: 'lex:sexual.image-request',
      detectorVersion: 'v1',
      evidence: [{ text: 'send pics', start: 4, end: 13, turnsAgo: 0 }],
    };
    await cases.save({ conversationId: 'conv-1', urgency: 'high', reason: 'red_flag', findings: [{ finding, foundAt: t0 }], summary: { app: 'Snapchat' }, waitingSince: t0 }, t0);
    expect(await cases.get('conv-1')).toEqual({
      conversationId: 'conv-1',
      urgency: 'high',
      reason: 'red_flag',
      findings: [{ finding, foundAt: t0 }],
      summary: { app: 'Snapchat' },
      waitingSince: t0,
    });
    expect((await cases.open()).map((c) => [c.conversationId, c.state])).toEqual([['conv-1', 'queued']]);
    await cases.setState('conv-1', 'live', null, at(5));
    expect((await cases.open())[0]?.state).toBe('live');
    await cases.setState('conv-1', 'closed', null, at(9));
    expect(await cases.open()).toEqual([]);
    // Deleting the conversation (retention) takes its case, notes and referrals with it.
    expect(await store.retention.deleteConversation('conv-1')).toEqual({ deleted: true, held: false });
    expect(await cases.get('conv-1')).toBeNull();
    expect(await consoleStore(store.db).cases.notes('conv-1')).toEqual([]);
  });
});

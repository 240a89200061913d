import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleAuth } from '../../auth/console-auth.js';
import type { LiveHandoffService } from '../../handoff/service.js';
import type { HarbourChannelData } from '../../protocol/index.js';
import type { ConversationService } from '../../sessions/types.js';
import type { ConsoleStore, CounsellorAccount } from '../../store/console-types.js';
import type { RetentionRepository } from '../../store/types.js';
import { buildTranscript, exportText } from './chat-view.js';
import { refuse, sessionOf } from './guard.js';

/** A canned response a counsellor can drop into the composer (from content). */
export interface CannedReply {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

/** Longest counsellor message, note, referral field or reason (characters). */
export const CONSOLE_TEXT_LIMITS = { message: 4000, note: 8000, field: 500, reason: 1000 } as const;

interface ApiDeps {
  readonly auth: ConsoleAuth;
  readonly handoff: LiveHandoffService;
  readonly conversations: ConversationService;
  readonly repos: ConsoleStore;
  readonly retention: RetentionRepository;
  readonly canned: readonly CannedReply[];
}

const ChatParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
type ChatParams = Static<typeof ChatParams>;
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

function who(a: CounsellorAccount): { id: string; firstName: string; role: 'counsellor' | 'supervisor' } {
  return { id: a.id, firstName: a.firstName, role: a.role };
}

/** The authenticated console API (mounted under /console/api behind the guard). */
export async function consoleApi(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { handoff, repos, conversations } = deps;
  const now = (): Date => deps.auth.now();

  /** May this account read this chat? Supervisors always; counsellors only chats they took part in. */
  async function canRead(account: CounsellorAccount, conversationId: string): Promise<boolean> {
    if (account.role === 'supervisor') return true;
    if (handoff.isInChat(account.id, conversationId)) return true;
    return repos.participants.isParticipant(conversationId, account.id);
  }

  async function readable(request: FastifyRequest<{ Params: ChatParams }>, reply: FastifyReply): Promise<CounsellorAccount | null> {
    const { account } = sessionOf(request);
    if (!(await canRead(account, request.params.id))) {
      await refuse(reply, 'forbidden');
      return null;
    }
    return account;
  }

  const refusal = (reply: FastifyReply, r: string | null) =>
    r === null
      ? reply.send({ ok: true })
      : r === 'not_yours'
        ? refuse(reply, 'forbidden', { reason: r })
        : r === 'no_such_chat' || r === 'not_waiting'
          ? refuse(reply, 'notFound', { reason: r })
          : refuse(reply, 'conflict', { reason: r });

  app.get('/me', async (request) => {
    const { account, session } = sessionOf(request);
    return { account: who(account), username: account.username, csrfToken: session.csrfToken, available: handoff.isAvailable(account.id) };
  });

  app.put<{ Body: { available: boolean } }>(
    '/availability',
    { schema: { body: Type.Object({ available: Type.Boolean() }, { additionalProperties: false }) } },
    async (request) => {
      const { account } = sessionOf(request);
      await handoff.setAvailability(who(account), request.body.available);
      return { available: handoff.isAvailable(account.id) };
    },
  );

  app.get('/queue', async (request) => {
    const { account } = sessionOf(request);
    return { items: handoff.queueView(), ...(account.role === 'supervisor' ? { live: handoff.liveChats() } : {}), mine: handoff.chatsOf(account.id) };
  });

  app.get('/counsellors', async () => {
    const accounts = await repos.accounts.list();
    return {
      counsellors: accounts.map((a) => ({ id: a.id, firstName: a.firstName, role: a.role, canTakeChats: handoff.roster.canTakeChats(a.id) })),
    };
  });

  app.get('/canned', async () => ({ replies: deps.canned }));

  app.post<{ Params: ChatParams }>('/chats/:id/accept', { schema: { params: ChatParams } }, async (request, reply) => {
    const { account } = sessionOf(request);
    return refusal(reply, await handoff.accept(who(account), request.params.id));
  });

  app.post<{ Params: ChatParams }>('/chats/:id/join', { schema: { params: ChatParams } }, async (request, reply) => {
    const { account } = sessionOf(request);
    if (account.role !== 'supervisor') return refuse(reply, 'supervisorsOnly');
    return refusal(reply, await handoff.join(who(account), request.params.id));
  });

  app.get<{ Params: ChatParams }>('/chats/:id', { schema: { params: ChatParams } }, async (request, reply) => {
    const account = await readable(request, reply);
    if (!account) return reply;
    const id = request.params.id;
    const entry = await handoff.caseEntry(id);
    const activities = await conversations.history(id, 0, 10_000);
    if (!entry && activities.length === 0) return refuse(reply, 'notFound');
    const { lines, findings } = buildTranscript(activities, entry?.findings ?? []);
    const chat = handoff.activeChat(id);
    await repos.audit.write({ at: now(), actorId: account.id, action: 'view', conversationId: id, detail: { lines: lines.length } });
    const holds = await deps.retention.activeHolds(id);
    return {
      conversationId: id,
      state: chat ? 'live' : handoff.queue.has(id) ? 'queued' : 'closed',
      counsellor: chat ? { id: chat.counsellorId, firstName: chat.counsellorName } : null,
      yours: chat?.counsellorId === account.id,
      presence: conversations.childPresence(id),
      urgency: entry?.urgency ?? null,
      reason: entry?.reason ?? null,
      summary: entry?.summary ?? {},
      waitingSince: entry?.waitingSince.toISOString() ?? null,
      findings,
      lines,
      notes: (await repos.cases.notes(id)).map((n) => ({ id: n.id, authorId: n.authorId, text: n.text, at: n.createdAt.toISOString() })),
      referrals: (await repos.cases.referrals(id)).map((r) => ({ id: r.id, toWhom: r.toWhom, why: r.why, at: r.createdAt.toISOString() })),
      holds: holds.map((h) => ({ id: h.id, reason: h.reason, placedBy: h.placedBy, at: h.placedAt.toISOString() })),
    };
  });

  app.post<{ Params: ChatParams; Body: { text: string; clientId: string } }>(
    '/chats/:id/messages',
    {
      schema: {
        params: ChatParams,
        body: Type.Object({ text: Text(CONSOLE_TEXT_LIMITS.message), clientId: Text(100) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { account } = sessionOf(request);
      if (!handoff.isInChat(account.id, request.params.id)) return refuse(reply, 'forbidden');
      const stored = await conversations.counsellorMessage(request.params.id, {
        counsellorId: account.id,
        counsellorName: account.firstName,
        text: request.body.text,
        clientActivityId: `console:${request.body.clientId}`,
      });
      return { seq: stored.seq };
    },
  );

  app.post<{ Params: ChatParams; Body: { toAccountId: string } }>(
    '/chats/:id/transfer',
    { schema: { params: ChatParams, body: Type.Object({ toAccountId: Text(100) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const { account } = sessionOf(request);
      const target = await repos.accounts.byId(request.body.toAccountId);
      if (!target) return refuse(reply, 'conflict', { reason: 'target_not_available' });
      return refusal(reply, await handoff.transfer(who(account), request.params.id, who(target)));
    },
  );

  app.post<{ Params: ChatParams }>('/chats/:id/end', { schema: { params: ChatParams } }, async (request, reply) => {
    const { account } = sessionOf(request);
    return refusal(reply, await handoff.end(who(account), request.params.id));
  });

  app.post<{ Params: ChatParams; Body: { text: string } }>(
    '/chats/:id/notes',
    { schema: { params: ChatParams, body: Type.Object({ text: Text(CONSOLE_TEXT_LIMITS.note) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const account = await readable(request, reply);
      if (!account) return reply;
      const note = await repos.cases.addNote({ conversationId: request.params.id, authorId: account.id, text: request.body.text, now: now() });
      await repos.audit.write({ at: now(), actorId: account.id, action: 'note', conversationId: request.params.id, detail: { noteId: note.id } });
      return { id: note.id };
    },
  );

  app.post<{ Params: ChatParams; Body: { reason: string } }>(
    '/chats/:id/hold',
    { schema: { params: ChatParams, body: Type.Object({ reason: Text(CONSOLE_TEXT_LIMITS.field, 3) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const account = await readable(request, reply);
      if (!account) return reply;
      const hold = await deps.retention.placeHold({ conversationId: request.params.id, placedBy: account.id, reason: request.body.reason, now: now() });
      await repos.audit.write({ at: now(), actorId: account.id, action: 'hold_place', conversationId: request.params.id, detail: { holdId: hold.id } });
      return { id: hold.id };
    },
  );

  app.delete<{ Params: ChatParams & { holdId: number } }>(
    '/chats/:id/hold/:holdId',
    { schema: { params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), holdId: Type.Integer({ minimum: 1 }) }) } },
    async (request, reply) => {
      const account = await readable(request, reply);
      if (!account) return reply;
      const holds = await deps.retention.activeHolds(request.params.id);
      if (!holds.some((h) => h.id === request.params.holdId)) return refuse(reply, 'notFound', { reason: 'no_such_hold' });
      await deps.retention.releaseHold(request.params.holdId, now());
      await repos.audit.write({
        at: now(),
        actorId: account.id,
        action: 'hold_release',
        conversationId: request.params.id,
        detail: { holdId: request.params.holdId },
      });
      return { ok: true };
    },
  );

  app.post<{ Params: ChatParams; Body: { toWhom: string; why: string } }>(
    '/chats/:id/referrals',
    {
      schema: {
        params: ChatParams,
        body: Type.Object({ toWhom: Text(CONSOLE_TEXT_LIMITS.field, 2), why: Text(CONSOLE_TEXT_LIMITS.reason, 3) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const account = await readable(request, reply);
      if (!account) return reply;
      const r = await repos.cases.addReferral({ conversationId: request.params.id, authorId: account.id, toWhom: request.body.toWhom, why: request.body.why, now: now() });
      await repos.audit.write({ at: now(), actorId: account.id, action: 'referral', conversationId: request.params.id, detail: { referralId: r.id } });
      return { id: r.id };
    },
  );

  app.post<{ Params: ChatParams; Body: { reason: string } }>(
    '/chats/:id/export',
    { schema: { params: ChatParams, body: Type.Object({ reason: Text(CONSOLE_TEXT_LIMITS.reason, 10) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const account = await readable(request, reply);
      if (!account) return reply;
      const id = request.params.id;
      const entry = await handoff.caseEntry(id);
      const { lines } = buildTranscript(await conversations.history(id, 0, 10_000), entry?.findings ?? []);
      const at = now();
      await repos.audit.write({ at, actorId: account.id, action: 'export', conversationId: id, detail: { reason: request.body.reason, lines: lines.length } });
      return {
        conversationId: id,
        exportedAt: at.toISOString(),
        reason: request.body.reason,
        text: exportText({ conversationId: id, exportedAt: at, exportedBy: account.username, reason: request.body.reason, lines }),
        lines: lines.filter((l) => l.sender !== 'system').map((l) => ({ seq: l.seq, at: l.at, sender: l.sender, name: l.name, text: l.text })),
      };
    },
  );

  app.post<{ Params: ChatParams; Body: { kind: 'false_alarm' | 'missed'; seq: number; rule?: string; comment?: string } }>(
    '/chats/:id/feedback',
    {
      schema: {
        params: ChatParams,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('false_alarm'), Type.Literal('missed')]),
            seq: Type.Integer({ minimum: 1 }),
            rule: Type.Optional(Text(200)),
            comment: Type.Optional(Type.String({ maxLength: CONSOLE_TEXT_LIMITS.reason })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const account = await readable(request, reply);
      if (!account) return reply;
      const id = request.params.id;
      const [message] = await conversations.history(id, request.body.seq - 1, 1);
      if (!message || message.seq !== request.body.seq || (message.activity.channelData as HarbourChannelData | undefined)?.sender !== 'child') {
        return refuse(reply, 'notFound', { reason: 'no_such_child_message' });
      }
      let finding: { rule: string; category: string; detectorVersion: string } | null = null;
      if (request.body.kind === 'false_alarm') {
        const entry = await handoff.caseEntry(id);
        const found = entry?.findings.find((f) => f.finding.rule === request.body.rule);
        if (!found) return refuse(reply, 'notFound', { reason: 'no_such_finding' });
        finding = { rule: found.finding.rule, category: found.finding.category, detectorVersion: found.finding.detectorVersion };
      }
      const fb = await repos.cases.addFeedback({
        conversationId: id,
        authorId: account.id,
        kind: request.body.kind,
        seq: request.body.seq,
        rule: finding?.rule ?? null,
        category: finding?.category ?? null,
        detectorVersion: finding?.detectorVersion ?? null,
        messageText: message.activity.text ?? '',
        comment: request.body.comment ?? '',
        now: now(),
      });
      await repos.audit.write({ at: now(), actorId: account.id, action: 'feedback', conversationId: id, detail: { kind: fb.kind, seq: fb.seq } });
      return { id: fb.id };
    },
  );

  app.get('/feedback', async (request, reply) => {
    const { account } = sessionOf(request);
    if (account.role !== 'supervisor') return refuse(reply, 'supervisorsOnly');
    return {
      feedback: (await repos.cases.feedback()).map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    };
  });

  app.get<{ Querystring: { conversationId?: string } }>(
    '/audit',
    { schema: { querystring: Type.Object({ conversationId: Type.Optional(Type.String({ maxLength: 100 })) }) } },
    async (request, reply) => {
      const { account } = sessionOf(request);
      if (account.role !== 'supervisor') return refuse(reply, 'supervisorsOnly');
      const entries = await repos.audit.list({ ...(request.query.conversationId ? { conversationId: request.query.conversationId } : {}), limit: 500 });
      return { entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })) };
    },
  );
}

import { beforeAll, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createHarbourMachine, type DialogEvent, type DialogInput } from '../../dialogs/index.js';
import { isPlainAnswer, PLAIN_ANSWER_KEYS } from '../../dialogs/harbour.setup.js';
import type { HarbourContext } from '../../dialogs/harbour.types.js';
import type { TurnAnalysis } from '../../dialogs/analyse.js';
import { CHILD_SCRIPT } from '../../bench/lib/load.js';
import type { Content } from '../../server/content/types.js';
import { loadDataset } from '../fixtures/flags/dataset.js';
import { msg, offShift, onShift, realContent } from './harness.js';

/**
 * The step answers a message only when no route at the root takes it (`isAnswer`, which asks `stepAnswers`' fifty-odd
 * conditions). A message whose turn holds only `PLAIN_ANSWER_KEYS` skips them (`isPlainAnswer`): here the real machine is
 * built with and without that gate, and the two must give the same replies and snapshots, and the same verdict for every
 * plain key, with every value the tuning conversations give it, in every context those conversations pass through.
 * A condition added to stepAnswers (or standingAnswerLines) that a plain key can meet makes this file fail.
 */

type Machine = ReturnType<typeof createHarbourMachine>;
type Guard = (args: { context: HarbourContext; event: DialogEvent }) => boolean;

let content: Content;
let gated: Machine;
let full: Machine;
beforeAll(async () => {
  content = (await realContent()).content;
  gated = createHarbourMachine(content.dialogDeps);
  full = createHarbourMachine(content.dialogDeps, { answerGate: false });
});

/**
 * Contexts made on purpose where a plain answer is not the step's (the gate's "no"): a counsellor has joined, or a
 * brother or sister was named on the friend path, so a plain answer with an age of 18 or over brings their role's line
 * first. The tuning sample below may or may not pass through such contexts (a new tuning file moves it); these always do.
 */
const NO_CONTEXTS: readonly { readonly input: DialogInput; readonly events: readonly DialogEvent[] }[] = [
  {
    input: onShift,
    events: [
      msg('im 14'),
      msg('a man on roblox keeps asking me for pics'),
      { type: 'handoff.queued', position: 1 },
      { type: 'handoff.accepted', counsellorName: 'Sam' },
      ...['ok', 'a few weeks', 'not sure', 'it was on snapchat', 'my mum', 'no', 'yes', 'i feel scared', 'hi'].map(msg),
    ],
  },
  // A brother or sister named, their age not yet said: a plain answer that says "im 19" brings their role's line. The
  // first gives the plain keys that value (ageBand 18+); the others pass through the contexts.
  ...['im her older sister im 19', 'its about my little sister', 'its my younger brother'].map((who, n) => ({
    input: n === 1 ? onShift : offShift,
    events: ['its for a friend', who, 'someone online is asking for photos', 'a few weeks', 'not sure', 'on instagram', 'ok', 'no', 'yes'].map(msg),
  })),
];

/** The bench's long chat, every fourth tuning conversation (never the reporting ones) after who is chatting, and {@link NO_CONTEXTS}. */
function conversations(): { input: DialogInput; events: DialogEvent[]; made: boolean }[] {
  const items = loadDataset().filter((item) => item.file.endsWith('.tuning.txt') && item.conversation);
  const texts = items.filter((_, i) => i % 4 === 0).map((item) => item.turns.map((t) => t.text));
  const openings = ['im 13', 'my son', 'for a friend', 'im her older sister im 19'];
  const sampled = [
    [...CHILD_SCRIPT, ...CHILD_SCRIPT.slice(1)].map(msg),
    ...texts.map((t, n) => [openings[n % openings.length]!, ...t].map(msg)),
  ].map((events, n) => ({ input: n % 2 === 0 ? offShift : onShift, events, made: false }));
  return [...sampled, ...NO_CONTEXTS.map(({ input, events }) => ({ input, events: [...events], made: true }))];
}

/** One conversation as an actor: after each event, what the child saw and what was saved, as text; and the contexts. */
function run(machine: Machine, input: DialogInput, events: readonly DialogEvent[]): { seen: string[]; contexts: HarbourContext[] } {
  const seen: string[] = [];
  const contexts: HarbourContext[] = [];
  const actor = createActor(machine, { input });
  let emitted: string[] = [];
  actor.on('*', (e) => void emitted.push(JSON.stringify(e)));
  actor.start();
  for (const event of events) {
    if (actor.getSnapshot().status !== 'active') break;
    actor.send(event);
    seen.push([...emitted, JSON.stringify(actor.getPersistedSnapshot())].join('\n'));
    emitted = [];
    contexts.push(actor.getSnapshot().context as HarbourContext);
  }
  actor.stop();
  return { seen, contexts };
}

describe('the plain-answer gate before stepAnswers', () => {
  it('gives the same replies and snapshots as asking every condition, on shift and off', () => {
    let turns = 0;
    const differ: string[] = [];
    conversations().forEach(({ input, events }, n) => {
      const a = run(gated, input, events).seen;
      const b = run(full, input, events).seen;
      turns += b.length;
      for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
        if (a[i] !== b[i] && differ.length < 3) differ.push(`conversation ${n}, message ${i}:\nwith the gate:\n${a[i]}\nwithout:\n${b[i]}`);
      }
    });
    expect(differ).toEqual([]);
    expect(turns).toBeGreaterThan(1_500);
  }, 240_000);

  it('gives every plain key, with each value seen, the verdict of every condition, in real contexts', () => {
    // Real contexts (after each message of the conversations), and the values each plain key takes in real turns.
    const contexts: HarbourContext[] = [];
    const made = new Set<HarbourContext>();
    const values = new Map<string, unknown[]>();
    for (const conversation of conversations()) {
      for (const c of run(full, conversation.input, conversation.events).contexts) {
        contexts.push(c);
        if (conversation.made) made.add(c);
        for (const [key, value] of Object.entries(c.turn)) {
          if (!PLAIN_ANSWER_KEYS.has(key) || value === undefined) continue;
          const seen = values.get(key) ?? [];
          if (!seen.some((v) => JSON.stringify(v) === JSON.stringify(value))) seen.push(value);
          values.set(key, seen);
        }
      }
    }
    // Every plain key must be tried: a key no conversation gives cannot be shown harmless here.
    expect([...PLAIN_ANSWER_KEYS].filter((key) => !values.has(key))).toEqual([]);

    const guards = (m: Machine, name: string): Guard => (m.implementations.guards as unknown as Record<string, Guard>)[name]!;
    const asked = ['isAnswer', 'hasStandingAnswer'].map((name) => ({ name, gated: guards(gated, name), full: guards(full, name) }));
    const verdicts = { plain: 0, yes: 0, no: 0 };
    // The "no"s given in the contexts NO_CONTEXTS makes, by kind (a counsellor joined; a brother or sister named).
    const noWhen = { counsellorJoined: 0, siblingNamed: 0 };
    const differ: string[] = [];
    const ask = (context: HarbourContext, turn: TurnAnalysis): void => {
      const taken: HarbourContext = { ...context, turn };
      if (isPlainAnswer(taken, turn)) verdicts.plain += 1;
      for (const guard of asked) {
        // A fresh event each time: isAnswer remembers its last verdict by event.
        const event = (): DialogEvent => ({ type: 'user.message', text: '', reading: { turn, detector: context.detector, summary: context.summary, checkIns: 0 } }) as DialogEvent;
        const want = guard.full({ context: taken, event: event() });
        const got = guard.gated({ context: taken, event: event() });
        if (guard.name === 'isAnswer') verdicts[want ? 'yes' : 'no'] += 1;
        if (guard.name === 'isAnswer' && !want && made.has(context) && context.handoff === 'accepted') noWhen.counsellorJoined += 1;
        if (guard.name === 'isAnswer' && !want && made.has(context) && context.sayFacts !== undefined) noWhen.siblingNamed += 1;
        if (want !== got && differ.length < 5) differ.push(`${guard.name} ${JSON.stringify(turn)} in ${JSON.stringify({ ...context, turn: undefined, detector: undefined })}: ${want} without the gate`);
      }
    };
    // (Every second context, and all of NO_CONTEXTS': over a million verdicts, a minute on a quiet machine.)
    for (const context of contexts.filter((c, i) => i % 2 === 0 || made.has(c))) {
      const bare = { findings: context.turn.findings, categories: context.turn.categories };
      // Each plain key alone, with each of its values; all of them at once; and the real turn's plain keys.
      for (const [key, seen] of values) for (const value of seen) ask(context, { ...bare, [key]: value } as TurnAnalysis);
      ask(context, { ...bare, ...Object.fromEntries([...values].map(([key, seen]) => [key, seen[0]])) } as TurnAnalysis);
      ask(context, Object.fromEntries(Object.entries(context.turn).filter(([key]) => PLAIN_ANSWER_KEYS.has(key))) as unknown as TurnAnalysis);
    }
    expect(differ).toEqual([]);
    // Enough for the comparison to mean something: the gate taken often, and both verdicts given. A plain answer is the
    // step's unless a counsellor is with the child, or a brother or sister of 18 was named: NO_CONTEXTS makes both.
    expect(verdicts.plain).toBeGreaterThan(200_000);
    expect(verdicts.yes).toBeGreaterThan(200_000);
    expect(noWhen.counsellorJoined).toBeGreaterThan(100);
    expect(noWhen.siblingNamed).toBeGreaterThan(5);
  }, 240_000);

  it('takes most messages of the bench script’s long chat', () => {
    const { contexts } = run(gated, offShift, [...CHILD_SCRIPT, ...CHILD_SCRIPT.slice(1), ...CHILD_SCRIPT.slice(1)].map(msg));
    const plain = contexts.filter((c) => isPlainAnswer(c, c.turn)).length;
    expect(plain / contexts.length).toBeGreaterThan(0.8);
  });
});

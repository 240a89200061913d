import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { createHarbourMachine, messageKeysFor, QUESTION_KEYS, type DialogEmitted, type DialogEvent, type DialogInput } from '../../dialogs/index.js';
import { URGENCY_RANK, type Urgency } from '../../dialogs/safety/finding.js';
import type { Content } from '../../server/content/types.js';
import type { ContentSource } from '../../server/content/load.js';
import { fleschKincaid, sentences, words } from '../content/readability.js';
import { keysOf, msg, play, realContent, stateName, wordsOf, type HarbourMachine, type Turn } from './harness.js';

/**
 * Model-based tests: every state of the real machine (real content, real detector) is reached by
 * its shortest path, then every global event is fired from it and the invariants of the
 * guidance are checked on what the child would see.
 */

/** Answers the traversal may give: one of each kind the steps listen for. */
const ANSWERS: readonly DialogEvent[] = [
  msg("I'm a young person"),
  msg("I'm a parent or carer"),
  msg("I'm asking for a friend"),
  msg('Someone else'),
  msg('someone on roblox keeps messaging me'),
  msg('Yes'),
  msg('No'),
  msg("I'd rather not say"),
  msg('Scared'),
  msg('my teacher'),
  // One of their own grown-ups, in person: the path's shorter branch.
  msg('my coach shouts at me'),
  // Life at home, no red flag: said back, and are they safe at home (no or not sure: a counsellor).
  msg('my dad shouts at me all the time'),
  // A rule or row at home, nothing online: said back, and is anything else worrying them.
  msg('my mum took my phone and i hate her'),
  // Bullying by children they know: said back as bullying, then feelings; bullying tips.
  msg('a boy in my class keeps calling me names'),
  msg('Give me tips'),
  msg('🙂'),
  { type: 'handoff.queued', position: 2 },
  { type: 'handoff.unavailable', reason: 'none_available' },
  { type: 'handoff.accepted', counsellorName: 'Sam' },
  { type: 'handoff.failed' },
  { type: 'user.quickExit' },
];

/** Red flags the real detector finds, one per urgency, checked below to really have that urgency. */
const RED_FLAGS: Readonly<Record<Urgency, string>> = {
  // Since v130 the classifier also reads personal_info in "he is outside my house right now" (he knows where they live, as
  // the s39 writers label it): a stranger with no "he" who knows them raises danger alone.
  immediate: 'a man is outside my house right now',
  high: 'he asked me to send nudes',
  normal: 'he asked for my mums card details',
};

/** The one category each red flag above raises (checked by the first test). */
const GLOBAL_CATEGORY: Readonly<Record<Urgency, string>> = { immediate: 'immediate_danger', high: 'sexual', normal: 'financial' };

const GLOBAL: readonly { name: string; events: readonly DialogEvent[] }[] = [
  { name: 'red flag (immediate)', events: [msg(RED_FLAGS.immediate)] },
  { name: 'red flag (high)', events: [msg(RED_FLAGS.high)] },
  { name: 'red flag (normal)', events: [msg(RED_FLAGS.normal)] },
  { name: 'request for a person', events: [msg('I want to talk to a real person')] },
  { name: 'stop', events: [msg('stop')] },
  { name: 'quick exit', events: [{ type: 'user.quickExit' }] },
  { name: 'silence', events: [{ type: 'session.timeout' }, { type: 'session.timeout' }, { type: 'session.timeout' }] },
];

/** Words that would name what was noticed, or frighten; never in an escalation turn. */
const CATEGORY_WORDS = /sexual|blackmail|sextortion|groom|self-harm|suicid|abuse|predator|paedophile|red flag|exploit/i;

/** A parent must never be told they will get the child's words. */
const SHARES_CHILDS_WORDS =
  /(we|i|counsellors?)\s+(will|can|'ll)\s+(tell|share|show|pass on|send)\s+(you\s+)?(what (your|the) child|everything|their words|the chat)/i;

let content: Content;
let source: ContentSource;
let machine: HarbourMachine;
let exempt: Set<string>;

beforeAll(async () => {
  ({ content, source } = await realContent());
  machine = createHarbourMachine(content.dialogDeps);
  const list = (parse(readFileSync('tests/content/readability-exempt.yaml', 'utf8')) as { names: string[] }).names;
  exempt = new Set(list.map((n) => n.toLowerCase()));
});

/** Whether a message is for the child (scored for reading age) or for an adult. */
function readerOf(key: string): 'child' | 'adult' {
  if (key.startsWith('apps.')) return 'child';
  return source.locales.get('en-GB')?.messages.get(key)?.reader ?? 'child';
}

function serialise(s: AnyMachineSnapshot): string {
  const c = s.context as {
    audience?: string;
    handoff: string;
    urgency?: string;
    checkIns: number;
    notUnderstood: number;
    summary: { app?: string; homeIsUnsafe?: boolean };
    bullying?: boolean;
  };
  // Done states are all alike to the traversal; elsewhere, what changes behaviour (a bullying story
  // changes the tips, so its states are kept apart from the same steps of a stranger's story).
  if (s.status === 'done') return JSON.stringify(s.value);
  return JSON.stringify([s.value, c.audience, c.handoff, c.urgency, c.notUnderstood, c.summary.app !== undefined, c.bullying === true]);
}

const pathCache = new Map<boolean, ReturnType<typeof getShortestPaths<HarbourMachine>>>();
function pathsFor(input: DialogInput) {
  let paths = pathCache.get(input.counsellorOnShift);
  if (!paths) {
    paths = getShortestPaths(machine, { events: ANSWERS, input, serializeState: serialise, limit: 50_000 });
    pathCache.set(input.counsellorOnShift, paths);
  }
  return paths;
}

function allStateNodeIds(m: HarbourMachine): string[] {
  const out: string[] = [];
  const walk = (node: { id: string; type: string; states: Record<string, unknown> }) => {
    if (node.type !== 'history') out.push(node.id);
    for (const child of Object.values(node.states)) walk(child as typeof node);
  };
  walk(m.root);
  return out;
}

function eventsOf(path: { steps: readonly { event: unknown }[] }): DialogEvent[] {
  return path.steps.map((s) => s.event as DialogEvent).filter((e) => !String(e.type).startsWith('xstate.'));
}

/** Whether a handoff asked in this turn carries a category the console has not heard in this conversation. */
function raisesUnheard(emitted: readonly DialogEmitted[], heard: readonly string[]): boolean {
  return emitted.some((e) => e.type === 'handoff.requested' && e.findings.some((f) => !heard.includes(f.category)));
}

function urgencyRequested(emitted: readonly DialogEmitted[]): Urgency | undefined {
  let u: Urgency | undefined;
  for (const e of emitted) if (e.type === 'handoff.requested' && (u === undefined || URGENCY_RANK[e.urgency] > URGENCY_RANK[u])) u = e.urgency;
  return u;
}

describe.each([
  { shift: 'on shift', input: { counsellorOnShift: true } },
  { shift: 'off shift', input: { counsellorOnShift: false } },
])('the Harbour machine, counsellor $shift', ({ input }) => {
  it('uses red flags the real detector scores at each urgency', () => {
    for (const [urgency, text] of Object.entries(RED_FLAGS)) {
      const found = content.dialogDeps.detect(text, { version: 1, signals: [], turn: 0 }).findings;
      expect(found.map((f) => f.urgency), text).toContain(urgency);
      expect([...new Set(found.map((f) => f.category))], text).toEqual([GLOBAL_CATEGORY[urgency as Urgency]]);
    }
  });

  it('reaches every state node', () => {
    const reached = new Set<string>();
    for (const p of pathsFor(input)) {
      for (const n of p.state._nodes) reached.add(n.id);
    }
    // Transient steps (routing, advice, what follows the asked-to-do question, the bullying line, whether to ask how long) pass straight on; they are reached inside a turn.
    const transient = ['harbour.talking.routing', 'harbour.talking.young.advice', 'harbour.talking.adult.advice', 'harbour.talking.young.afterAskedToDo', 'harbour.talking.young.bullying', 'harbour.talking.young.toHowLong'];
    const all = allStateNodeIds(machine).filter((id) => !transient.includes(id));
    expect(all.length).toBeGreaterThan(25);
    expect(all.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('never asks a question before the confidentiality statement', () => {
    const [opening] = play(machine, input, []);
    const keys = keysOf(opening?.emitted ?? []);
    const privacy = keys.indexOf('opening.privacy');
    expect(privacy).toBeGreaterThan(-1);
    const texts = wordsOf(content, opening?.emitted ?? []);
    const firstQuestion = texts.findIndex((t) => t.includes('?'));
    expect(firstQuestion).toBeGreaterThan(privacy);
    expect(keys.findIndex((k) => QUESTION_KEYS.includes(k))).toBeGreaterThan(privacy);
    expect(texts.slice(0, privacy + 1).join(' ')).not.toMatch(/\?/);
    // Never promises total secrecy.
    expect(texts.join(' ')).not.toMatch(/never tell anyone|totally secret|100% (private|secret)|no one will ever know/i);
    expect(texts[privacy]).toMatch(/danger/);
  });

  it('holds every invariant for every global event fired from every reachable state', () => {
    const paths = pathsFor(input);
    expect(paths.length).toBeGreaterThan(30);
    console.info(`${paths.length} reachable states × ${GLOBAL.length} global events`);
    let checked = 0;
    const declared = new Set(messageKeysFor(content.dialogDeps.apps.map((a) => a.id)));
    for (const path of paths) {
      if (path.state.status === 'done') continue;
      const prefix = eventsOf(path);
      const before = path.state.context as { handoff: string; urgency?: Urgency; audience?: string; escalated?: string[]; said?: { leaveAsked?: boolean } };
      const where = `${stateName(path.state)} after [${prefix.map((e) => (e.type === 'user.message' ? e.text : e.type)).join(' | ')}]`;
      for (const g of GLOBAL) {
        // Restored from the path's snapshot, as the server restores a persisted one.
        const turns = play(machine, input, g.events, path.state);
        const fired = turns.slice(1);
        const first = fired[0];
        if (!first) throw new Error('no turn');
        const said = wordsOf(content, first.emitted);
        const all = fired.flatMap((t) => t.emitted);
        const withCounsellor = before.handoff === 'accepted';
        checked++;

        if (g.name.startsWith('red flag')) {
          const urgency = g.name.match(/\((\w+)\)/)?.[1] as Urgency;
          // Escalates in the same turn: requests a person unless one was already asked at this urgency or higher.
          const requested = urgencyRequested(first.emitted);
          if (before.urgency === undefined || URGENCY_RANK[urgency] > URGENCY_RANK[before.urgency] || before.handoff === 'none') {
            expect(requested, `${g.name} from ${where}`).toBe(urgency);
          } else if (!(before.escalated ?? []).includes(GLOBAL_CATEGORY[urgency]) || raisesUnheard(first.emitted, before.escalated ?? [])) {
            // A category the console has not heard yet is sent, at the most urgent level so far: the red flag's own, or
            // another the message raises in this conversation (session 34: after "someone on roblox keeps messaging me",
            // "he is outside my house right now" is personal_info too, someone from online who knows where the child is).
            expect(requested, `${g.name} from ${where}`).toBe(before.urgency);
          } else {
            expect(requested, `${g.name} from ${where}`).toBeUndefined();
          }
          expect(['escalated', 'withCounsellor'], where).toContain(first.state);
          if (!withCounsellor) expect(said.length, where).toBeGreaterThan(0);
          // Neutral words: never names the category.
          expect(said.join(' '), where).not.toMatch(CATEGORY_WORDS);
          if (urgency === 'immediate') {
            const text = said.join(' ');
            expect(text, where).toMatch(/999/);
            expect(text, where).toMatch(/press 55/);
            expect(text, where).toMatch(/can't send help/);
            // 999 comes before everything else said in that turn.
            expect(said[0], where).toMatch(/999/);
          }
          const handoff = first.emitted.find((e) => e.type === 'handoff.requested');
          if (handoff?.type === 'handoff.requested') expect(handoff.findings.length).toBeGreaterThan(0);
        }

        if (g.name === 'request for a person') {
          if (withCounsellor) expect(first.emitted.filter((e) => e.type === 'bot.say')).toEqual([]);
          else if (before.handoff === 'none' || before.handoff === 'failed') {
            expect(first.emitted, where).toContainEqual({ type: 'handoff.requested', urgency: 'normal', findings: [], reason: 'asked_for_person' });
          } else if (input.counsellorOnShift && before.handoff !== 'unavailable') {
            expect(keysOf(first.emitted), where).toContain('handoff.already-asked');
          } else {
            // Nobody can come: said honestly, with people to call now.
            expect(keysOf(first.emitted), where).toEqual(['handoff.nobody-now', expect.stringMatching(/^helplines\.now\./)]);
          }
          expect(first.state, where).not.toBe('closed');
        }

        if (g.name === 'stop') {
          const waiting = (before.handoff === 'requested' || before.handoff === 'queued') && input.counsellorOnShift;
          if (withCounsellor) expect(first.state).toBe('withCounsellor');
          else if (waiting && before.said?.leaveAsked !== true) {
            // A counsellor is on the way: asked once whether they want to wait; the next goodbye closes.
            expect(first.state, where).toBe('escalated');
            expect(keysOf(first.emitted), where).toContain('handoff.leave-check');
            const again = play(machine, input, [...g.events, ...g.events], path.state).at(-1);
            expect(again?.state, where).toBe('closed');
            expect(again?.emitted).toContainEqual({ type: 'conversation.closed', reason: 'goodbye' });
          } else {
            expect(first.state, where).toBe('closed');
            expect(first.emitted).toContainEqual({ type: 'conversation.closed', reason: 'goodbye' });
            expect(keysOf(first.emitted).some((k) => k.startsWith('close.helplines.')), where).toBe(true);
          }
        }

        if (g.name === 'quick exit') {
          expect(first.state).toBe('exited');
          expect(first.emitted).toContainEqual({ type: 'conversation.closed', reason: 'quick_exit' });
          // Silent: nothing more appears on the child's screen.
          expect(first.emitted.filter((e) => e.type === 'bot.say')).toEqual([]);
        }

        if (g.name === 'silence') {
          const closed = all.filter((e) => e.type === 'conversation.closed');
          if (before.handoff !== 'none') expect(closed, `silence closed an escalated chat at ${where}`).toEqual([]);
          else {
            // A gentle check-in first, then a kind close with the helplines.
            expect(keysOf(first.emitted)).toContain('checkin.gentle');
            expect(closed).toEqual([{ type: 'conversation.closed', reason: 'silence' }]);
            const closing = fired[1];
            expect(keysOf(closing?.emitted ?? []).some((k) => k.startsWith('close.helplines.'))).toBe(true);
          }
        }

        // Every turn ends somewhere the child can go on from, or in a goodbye, handoff or quick exit.
        const last = fired[fired.length - 1];
        if (last?.snapshot.status === 'done') {
          const reason = all.find((e) => e.type === 'conversation.closed');
          expect(reason, where).toBeDefined();
        }

        // The parent path never claims to pass on the child's words.
        if (before.audience === 'parent_carer' || before.audience === 'someone_else') {
          for (const t of turns) {
            const text = wordsOf(content, t.emitted).join(' ');
            expect(text, where).not.toMatch(SHARES_CHILDS_WORDS);
            expect(keysOf(t.emitted).filter((k) => k.startsWith('child.') || k.startsWith('friend.')), where).toEqual([]);
          }
        }

        // Child-facing words in these turns (escalation, 999, closing) read at grade 5 or below too.
        for (const t of fired) {
          const childSays = t.emitted.filter((e) => e.type === 'bot.say' && readerOf(e.key) === 'child');
          if (childSays.length > 0) expect(fleschKincaid(wordsOf(content, childSays, 'en-GB'), exempt).grade, where).toBeLessThanOrEqual(5);
        }

        // Every key the machine emitted is a declared key (checked at boot) and renders in every locale.
        for (const t of turns) for (const k of keysOf(t.emitted)) expect(declared.has(k), k).toBe(true);
        for (const locale of content.locales) for (const t of turns) expect(() => wordsOf(content, t.emitted, locale)).not.toThrow();
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('has no dead ends: from every state a goodbye, a handoff or a quick exit is reachable', () => {
    for (const path of pathsFor(input)) {
      if (path.state.status === 'done') continue;
      const exit = play(machine, input, [{ type: 'user.quickExit' }], path.state).at(-1);
      expect(exit?.snapshot.status).toBe('done');
      const bye = play(machine, input, [msg('bye')], path.state).at(-1);
      const ended = play(machine, input, [{ type: 'handoff.completed' }], path.state).at(-1);
      expect(bye?.snapshot.status === 'done' || ended?.snapshot.status === 'done', stateName(path.state)).toBe(true);
    }
  });

  it('keeps every child-facing step at reading grade 5 or below (en-GB) and every sentence short in every locale', () => {
    const grades: number[] = [];
    const tooHard: string[] = [];
    const tooLong: string[] = [];
    for (const path of pathsFor(input)) {
      const turns: Turn[] = play(machine, input, eventsOf(path));
      for (const t of turns) {
        const childSays = t.emitted.filter((e) => e.type === 'bot.say' && readerOf(e.key) === 'child');
        if (childSays.length > 0) {
          const score = fleschKincaid(wordsOf(content, childSays, 'en-GB'), exempt);
          grades.push(score.grade);
          if (score.grade > 5) tooHard.push(`${score.grade.toFixed(1)} ${keysOf(childSays).join('+')}`);
        }
        for (const locale of content.locales) {
          for (const text of wordsOf(content, t.emitted, locale)) {
            for (const s of sentences(text)) if (words(s).length > MAX_SENTENCE_WORDS) tooLong.push(`${locale}: ${s}`);
          }
        }
      }
    }
    const mean = grades.reduce((n, g) => n + g, 0) / grades.length;
    console.info(`en-GB child-facing steps: ${grades.length}, grade mean ${mean.toFixed(1)}, max ${Math.max(...grades).toFixed(1)}`);
    expect([...new Set(tooHard)]).toEqual([]);
    expect([...new Set(tooLong)]).toEqual([]);
    expect(grades.length).toBeGreaterThan(50);
  });
});

/** The sentence-length cap, in every locale. */
const MAX_SENTENCE_WORDS = 25;

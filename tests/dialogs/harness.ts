import { beforeAll } from 'vitest';
import { createActor, type AnyMachineSnapshot } from 'xstate';
import { createHarbourMachine, type DialogEmitted, type DialogEvent, type DialogInput } from '../../dialogs/index.js';
import { contentFrom, readContent, type ContentSource } from '../../server/content/load.js';
import type { Content } from '../../server/content/types.js';
import { readerOf, sayFactsOf } from '../../server/sessions/turn-effects.js';

/** Real content, read once per test file: the real detector, words and apps. */
let cached: Promise<{ content: Content; source: ContentSource }> | undefined;
export function realContent(): Promise<{ content: Content; source: ContentSource }> {
  cached ??= (async () => {
    const { source, problems } = await readContent(process.env['HARBOUR_TEST_CONTENT'] ?? 'content');
    if (!source || problems.length > 0) throw new Error(`content invalid: ${problems.map((p) => p.message).join('; ')}`);
    return { content: contentFrom(source), source };
  })();
  return cached;
}

export type HarbourMachine = ReturnType<typeof createHarbourMachine>;

/** A counsellor on shift, or none: the two inputs most dialog tests play each conversation with. */
export const onShift: DialogInput = { counsellorOnShift: true };
export const offShift: DialogInput = { counsellorOnShift: false };

/**
 * The real content and the machine built from it, for one test file: call at the top of the file, read
 * `.content` and `.machine` inside tests (they are filled in before the first test runs).
 */
export function useRealMachine(): { readonly content: Content; readonly machine: HarbourMachine } {
  const real = {} as { content: Content; machine: HarbourMachine };
  beforeAll(async () => {
    real.content = (await realContent()).content;
    real.machine = createHarbourMachine(real.content.dialogDeps);
  });
  return real;
}

/** What one turn produced: the events the dialog emitted, and the state it ended in. */
export interface Turn {
  readonly event: DialogEvent | { type: 'start' };
  readonly emitted: readonly DialogEmitted[];
  readonly state: string;
  readonly snapshot: AnyMachineSnapshot;
}

export function stateName(s: AnyMachineSnapshot): string {
  return JSON.stringify(s.value).replace(/[{}"]/g, '').replace(/:/g, '.');
}

/**
 * Start a real actor (or restore one from a persisted snapshot, as the server does) and play
 * events into it, one turn each; turn 0 is the start (the opening, for a new actor). Stops
 * early once the conversation is over.
 */
export function play(
  machine: HarbourMachine,
  input: DialogInput,
  events: readonly DialogEvent[],
  from?: AnyMachineSnapshot,
): Turn[] {
  const actor =
    from === undefined
      ? createActor(machine, { input })
      : createActor(machine, { input, snapshot: JSON.parse(JSON.stringify(machine.getPersistedSnapshot(from as never))) as never });
  let pending: DialogEmitted[] = [];
  actor.on('*', (e) => void pending.push(e));
  const turns: Turn[] = [];
  actor.start();
  turns.push({ event: { type: 'start' }, emitted: pending, state: stateName(actor.getSnapshot()), snapshot: actor.getSnapshot() });
  for (const event of events) {
    if (actor.getSnapshot().status === 'done') break;
    pending = [];
    actor.send(event);
    turns.push({ event, emitted: pending, state: stateName(actor.getSnapshot()), snapshot: actor.getSnapshot() });
  }
  actor.stop();
  return turns;
}

export const msg = (text: string): DialogEvent => ({ type: 'user.message', text });

/** The keys said to each message, one list per message (the opening left out). */
export function keysPerMessage(machine: HarbourMachine, input: DialogInput, ...texts: string[]): string[][] {
  return play(machine, input, texts.map(msg)).slice(1).map((t) => keysOf(t.emitted));
}

/** The keys said to the last message. */
export function lastKeys(machine: HarbourMachine, input: DialogInput, ...texts: string[]): string[] {
  return keysOf(play(machine, input, texts.map(msg)).at(-1)?.emitted ?? []);
}

export function keysOf(emitted: readonly DialogEmitted[]): string[] {
  return emitted.flatMap((e) => (e.type === 'bot.say' ? [e.key] : []));
}

/** The words the child would see for a turn, in one locale. */
export function wordsOf(content: Content, emitted: readonly DialogEmitted[], locale?: string, context?: object): string[] {
  // As the server renders: the chat's own facts (`sayFacts`, "your sister") under each message's.
  const chatFacts = context === undefined ? undefined : sayFactsOf(context as Record<string, unknown>);
  const reader = context === undefined ? 'child' : readerOf(context as Record<string, unknown>);
  return emitted.flatMap((e) => (e.type === 'bot.say' ? [content.render(e.key, chatFacts === undefined ? e.facts : { ...chatFacts, ...e.facts }, locale, e.quickReplies, reader).text] : []));
}

/** The words of the last message's replies, as the server renders them: with the chat's own facts ("your sister") and reader. */
export function lastWordsOf(real: { readonly content: Content; readonly machine: HarbourMachine }, input: DialogInput, ...texts: string[]): string {
  const turn = play(real.machine, input, texts.map(msg)).at(-1);
  return wordsOf(real.content, turn?.emitted ?? [], undefined, turn?.snapshot.context).join(' ');
}

/**
 * The three views a probe test reads a conversation through, bound to the real machine: the keys of
 * every message's replies, the keys of the last message's, and the last message's words as the server
 * renders them (`lastWordsOf`).
 */
export function probeOf(real: { readonly content: Content; readonly machine: HarbourMachine }) {
  return {
    keysPerTurn: (input: DialogInput, ...texts: string[]) => keysPerMessage(real.machine, input, ...texts),
    last: (input: DialogInput, ...texts: string[]) => lastKeys(real.machine, input, ...texts),
    lastWords: (input: DialogInput, ...texts: string[]) => lastWordsOf(real, input, ...texts),
  };
}

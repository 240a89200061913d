import { describe, expect, it } from 'vitest';
import type { DialogEvent } from '../../dialogs/index.js';
import { keysPerMessage, lastKeys, msg, offShift, onShift, play, useRealMachine, wordsOf } from './harness.js';

/** Session 29, second round, dialog owner 5: danger lines, the parent's escalation line, hand-off lines, as the child or grown-up sees them. */

const real = useRealMachine();

type Shift = { counsellorOnShift: boolean };
const keysPerTurn = (shift: Shift, ...texts: string[]) => keysPerMessage(real.machine, shift, ...texts);
const last = (shift: Shift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const lastWords = (shift: Shift, ...texts: string[]) => wordsOf(real.content, play(real.machine, shift, texts.map(msg)).at(-1)?.emitted ?? []).join(' ');
const count999 = (keys: readonly (readonly string[])[]) => keys.filter((turn) => turn.some((k) => k === 'safety.immediate' || k.startsWith('escalation.danger-') || k.startsWith('escalation.still-in-danger'))).length;

describe('#14 harm told as something that keeps happening: 999 once and "are you safe right now?", not 999 every turn', () => {
  const told = ['young person', 'my step dad hits me when hes drunk'];

  it('K07: 999 at once, then one question, are you safe right now (before: four 999 lines in a row)', () => {
    const turns = keysPerTurn(onShift, ...told, 'and he looks at my phone all the time', 'i hate being home', 'no');
    expect(turns[1]).toContain('safety.immediate');
    expect(turns[1]?.at(-1)).toBe('safety.ask-safe-habitual');
    expect(lastWords(onShift, ...told)).toMatch(/Are you safe right now\?$/);
    // Three more messages that are not an answer of "no" to the question: no 999 again in any of them.
    expect(count999(turns.slice(2))).toBe(0);
    expect(turns[2]).toContain('shared.device-safety');
  });

  it('"no" to the question is danger now: 999 now, and the reminders from then on', () => {
    const turns = keysPerTurn(onShift, ...told, 'no', 'i hate being home');
    expect(turns[2]).toEqual(['escalation.danger-call']);
    expect(lastWords(onShift, ...told, 'no')).toMatch(/^Please call 999 now/);
    expect(count999(turns.slice(3))).toBe(1);
    expect(last(onShift, ...told, 'not sure')).toEqual(['escalation.danger-call']);
  });

  it('"yes" to the question: glad, not your fault, 999 if it starts again; then no 999 every turn', () => {
    expect(last(onShift, ...told, 'yes')).toEqual(['escalation.safe-for-now-habitual']);
    expect(lastWords(onShift, ...told, 'yes')).toMatch(/not your fault.*999/);
    expect(count999(keysPerTurn(onShift, ...told, 'yes', 'i hate being home', 'he took my phone last week').slice(3))).toBe(0);
  });

  it('off shift, the same: one question, and no 999 on the next message', () => {
    const turns = keysPerTurn(offShift, ...told, 'i hate being home');
    expect(turns[1]).toContain('safety.immediate');
    expect(turns[1]).toContain('safety.ask-safe-habitual');
    expect(count999(turns.slice(2))).toBe(0);
  });

  it('danger said as now is still danger now: 999 at once and again, never the question', () => {
    const now = keysPerTurn(onShift, 'young person', 'my step dad hits me when hes drunk and hes drunk now', 'i hate being home');
    expect(now[1]).toContain('safety.immediate');
    expect(now[1]).not.toContain('safety.ask-safe-habitual');
    expect(count999(now.slice(2))).toBe(1);
    // Plain "hes hitting me" with no habit in it: as before.
    const plain = keysPerTurn(onShift, 'young person', 'my dad is hitting me', 'i hate being home');
    expect(plain[1]).not.toContain('safety.ask-safe-habitual');
    expect(count999(plain.slice(2))).toBe(1);
  });

  it('after the question, danger told as now brings the 999 reminders back', () => {
    const turns = keysPerTurn(onShift, ...told, 'yes', 'hes coming up the stairs now', 'im in my room');
    expect(turns[3]).toContain('safety.immediate');
    expect(count999(turns.slice(4))).toBe(1);
  });
});

describe('#26 and #9: an escalated parent hears what it may be and what to do, not only "a counsellor is being asked"', () => {
  const told = ['parent or carer', 'a man keeps telling my 9 year old he loves her on roblox'];

  it('X08 on shift: warning sign of grooming, don\'t contact, keep the messages, CEOP or 101, then the counsellor (before: serious + asking only)', () => {
    const keys = last(onShift, ...told);
    expect(keys).toEqual(['escalation.serious', 'parent.escalated-warning', 'escalation.asking']);
    const words = lastWords(onShift, ...told);
    expect(words).toMatch(/warning sign of grooming/);
    expect(words).toMatch(/don't contact/);
    expect(words).toMatch(/Keep the messages/);
    expect(words).toMatch(/CEOP.*101/);
  });

  it('off shift: the same warning, then the helplines for a grown-up', () => {
    const keys = last(offShift, ...told);
    expect(keys.indexOf('parent.escalated-warning')).toBeGreaterThan(-1);
    expect(keys.at(-1)).toBe('helplines.now.adult');
  });

  it('a parent whose red flag has its own line already does not hear the warning on top', () => {
    const keys = last(onShift, 'parent or carer', 'a man on snapchat asked my daughter for nudes');
    expect(keys).not.toContain('parent.escalated-warning');
    // A young person never hears it.
    expect(last(onShift, 'young person', 'a man keeps telling me he loves me on roblox')).not.toContain('parent.escalated-warning');
  });
});

describe('#21 the wait asked about twice in a row: not the identical line again', () => {
  const queued: DialogEvent[] = [msg('young person'), msg('a man says he will send my nudes to my family unless i send more'), { type: 'handoff.queued', position: 3 }];
  const keysOf = (shift: Shift, ...events: DialogEvent[]) => (play(real.machine, shift, events).at(-1)?.emitted ?? []).flatMap((e) => (e.type === 'bot.say' ? [e.key] : []));

  it('Q01: "are they coming", then "why is it taking so long": the second is shorter and offers Childline now', () => {
    expect(keysOf(onShift, ...queued, msg('are they coming'))).toEqual(['handoff.wait-again']);
    expect(keysOf(onShift, ...queued, msg('are they coming'), msg('why is it taking so long'))).toEqual(['handoff.wait-again-short']);
    const words = wordsOf(real.content, play(real.machine, onShift, [...queued, msg('are they coming'), msg('why is it taking so long')]).at(-1)?.emitted ?? []).join(' ');
    expect(words).toMatch(/still coming/);
    expect(words).toMatch(/Childline free on 0800 1111/);
    // "hello??" after both: the full line again, not the short one twice.
    expect(keysOf(onShift, ...queued, msg('are they coming'), msg('why is it taking so long'), msg('hello??'))).toEqual(['escalation.listening', 'handoff.wait-again']);
  });

  it('a parent asking twice keeps the full line (Childline is for young people)', () => {
    const parent: DialogEvent[] = [msg('parent or carer'), msg('a man is threatening to share my daughters nudes unless she pays'), { type: 'handoff.queued', position: 2 }];
    const second = keysOf(onShift, ...parent, msg('how long will it take'), msg('how much longer'));
    expect(second).toContain('handoff.wait-again');
    expect(second).not.toContain('handoff.wait-again-short');
  });
});

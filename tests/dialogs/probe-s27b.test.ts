import { describe, expect, it } from 'vitest';
import type { DialogEvent } from '../../dialogs/index.js';
import { keysPerMessage, lastKeys, msg, offShift, onShift, play, useRealMachine, wordsOf } from './harness.js';

/** Session 27's tester report (/work/scratch/s27/probe-report.md), dialog owner 2's problems: what the person sees. */

const real = useRealMachine();
type Shift = { counsellorOnShift: boolean };
const last = (shift: Shift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const perMessage = (shift: Shift, ...texts: string[]) => keysPerMessage(real.machine, shift, ...texts);
const lastTurn = (shift: Shift, ...events: DialogEvent[]) => play(real.machine, shift, events).at(-1);
const lastWords = (shift: Shift, ...texts: string[]) => wordsOf(real.content, lastTurn(shift, ...texts.map(msg))?.emitted ?? []).join(' ');

const YOUNG = "I'm a young person";
const FLAT = 'this guy ive been talkin to for like 3 months wants me to come to his flat';
const LOVES_ME = 'this man keeps messaging me on whatsapp saying he loves me and wants to meet';

describe('#1 a meeting planned with an adult: "don\'t go" again, after the first', () => {
  it('D19: "idk whether to go" after the flat: please don\'t go, why, and a grown-up today (not "I\'m still here")', () => {
    for (const shift of [onShift, offShift]) {
      const keys = last(shift, YOUNG, 'ngl im lowkey scared', FLAT, 'hes 24', 'hes not a creep or anything tho', 'idk whether to go');
      expect(keys).toEqual(['advice.dont-meet-again']);
      const words = lastWords(shift, YOUNG, 'ngl im lowkey scared', FLAT, 'hes 24', 'hes not a creep or anything tho', 'idk whether to go');
      expect(words).toMatch(/^Please don't go\./);
      expect(words).toMatch(/not safe, however nice they seem/);
      expect(words).toMatch(/Tell a grown-up you trust today, before the meeting/);
    }
  });

  it('D19: "hes not a creep or anything tho" is heard as caring for him, not answered with "I\'m reading everything"', () => {
    const keys = last(onShift, YOUNG, 'ngl im lowkey scared', FLAT, 'hes 24', 'hes not a creep or anything tho');
    expect(keys).toContain('child.cares');
    expect(keys).not.toContain('escalation.listening-reading');
  });

  it('B03 off shift: "im meeting him tmrw" gets don\'t go again, not only "Thank you for telling me"', () => {
    const keys = last(offShift, YOUNG, 'its 2am and i cant sleep', LOVES_ME, 'hes 25', 'im meeting him tmrw');
    expect(keys).toContain('advice.dont-meet-again');
    expect(keys).not.toEqual(['escalation.noted-no-counsellor']);
  });

  it('the first time a young person asks, the first line; a friend asked again keeps the friend\'s own line', () => {
    expect(last(onShift, YOUNG, 'a man on snap keeps messaging me', 'should i meet him')).toContain('advice.dont-meet');
    const friend = perMessage(onShift, "I'm asking for a friend", 'a man wants to meet my friend', 'should she meet him', 'should she meet him');
    expect(friend.at(-1)).toContain('friend.advice.dont-meet');
    expect(friend.at(-1)).not.toContain('advice.dont-meet-again');
  });
});

import { describe, expect, it } from 'vitest';
import { keysPerMessage, lastKeys, offShift, onShift, play, msg, useRealMachine } from './harness.js';

/** Session 26, the second dialog owner's fixes from the session 26 tester report (/work/scratch/s26/probe-report.md): what the person sees. */

const real = useRealMachine();
const last = (shift: typeof onShift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const words = (key: string) => real.content.render(key, {}, undefined, undefined, 'adult').text;

describe('#2 parents who punish, spy, hunt the man or set a trap: answered for what they said, not the screening question', () => {
  const story = ['im a mum', 'shes 13, a man on insta asked her for pics'];

  it('spying and punishing: don\'t go through the account, keep the phone for the police; the child was tricked (each long line once)', () => {
    for (const shift of [onShift, offShift]) {
      const turns = keysPerMessage(real.machine, shift, ...story, 'how do i read all her messages', 'shes grounded', 'how can i see all her messages without her knowing', 'shes not allowed her phone ever again', 'she lied to me for months im so angry with her');
      expect(turns[2]).toEqual(['parent.dont-spy']);
      expect(turns[3]).toEqual(['parent.punish']);
      expect(turns[4]).toEqual(['parent.dont-spy-again']);
      expect(turns[5]).toEqual(['parent.punish-again']);
      expect(turns[6]).toEqual(['parent.punish-again']);
      for (const t of turns.slice(2)) {
        expect(t).not.toContain('parent.ask.wellbeing');
        expect(t).not.toContain('parent.ack.wellbeing-other');
        expect(t).not.toContain('parent.advice.dont-meet');
      }
    }
    expect(words('parent.punish')).toMatch(/tricked/);
    expect(words('parent.punish')).toMatch(/can always come to you/);
    expect(words('parent.dont-spy')).toMatch(/Keep the phone as it is/);
    expect(words('parent.dont-spy')).toContain('101');
  });

  it('the screening question\'s answer does not eat them; a plain answer to it still does', () => {
    const asked = keysPerMessage(real.machine, onShift, ...story, 'ok', 'shes grounded');
    expect(asked[2]).toContain('parent.ask.wellbeing');
    expect(asked[3]).toEqual(['parent.punish']);
    expect(last(onShift, ...story, 'ok', 'no')).toEqual(['parent.ack.wellbeing-no']);
    expect(last(onShift, ...story, 'ok', 'yes')).toEqual(['parent.ack.wellbeing-yes']);
  });

  it('hunting the man: acts-alone, then the short line, not the same words again', () => {
    const turns = keysPerMessage(real.machine, onShift, 'im a dad', 'hes 11 and a man on roblox asked him for pics', 'how do i find out who this man is and where he lives', 'i want to give him a taste of his own medicine');
    expect(turns[2]).toEqual(['parent.acts-alone']);
    expect(turns[3]).toEqual(['parent.acts-alone-again']);
  });

  it('a meeting set up to catch him: never go, tell the police today; not "don\'t let the child go", and the red flag still escalates', () => {
    for (const shift of [onShift, offShift]) {
      const turns = keysPerMessage(real.machine, shift, 'im a mum', 'shes 14 and a man on snap asked her for pics', 'ive been messaging him from her phone pretending to be her', 'hes asked "her" to meet on saturday, ive said yes so i can catch him', 'im going to be there with my brother');
      expect(turns[2]).toEqual(['parent.acts-alone']);
      expect(turns[3]).toContain('parent.trap-meeting');
      expect(turns[3]).not.toContain('parent.advice.dont-meet');
      expect(turns[3]).not.toContain('parent.acts-alone');
      expect(turns[4]).toEqual(['parent.trap-meeting-again']);
    }
    const flagged = play(real.machine, onShift, ['im a mum', 'a man on snap wants to meet my daughter tonight, ive said yes so i can catch him'].map(msg)).at(-1);
    expect(flagged?.emitted.some((e) => e.type === 'handoff.requested')).toBe(true);
    expect(flagged?.state).toBe('escalated');
    expect(words('parent.trap-meeting')).toMatch(/don't go to that meeting/);
    expect(words('parent.trap-meeting')).toContain('101');
  });

  it('twins: looking together is still parent.check-messages; the child going to meet is still dont-meet; a child or friend saying "grounded" is not the parent line', () => {
    expect(last(onShift, ...story, 'can i check her messages')).toEqual(['parent.check-messages']);
    expect(last(onShift, 'im a mum', 'a man on snap wants to meet my daughter on saturday')).toContain('parent.advice.dont-meet');
    const child = last(onShift, 'im 13', 'a man on insta asked me for pics', 'im grounded');
    expect(child).not.toContain('parent.punish');
    const friend = last(onShift, 'my friend', 'a man on insta asked her for pics', 'shes grounded now');
    expect(friend).not.toContain('parent.punish');
  });
});

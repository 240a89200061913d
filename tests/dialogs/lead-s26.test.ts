import { describe, expect, it } from 'vitest';
import { keysPerMessage, lastKeys, offShift, onShift, useRealMachine } from './harness.js';

/** Session 26, the lead's fixes from the session 25 tester report (/work/scratch/s25/probe-report.md): what the person sees. */

const real = useRealMachine();
const last = (shift: typeof onShift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);

describe('#6 a fake nude made of them: no "don\'t send them any pictures" when nobody asked for any', () => {
  it('the fake\'s own line, a counsellor, and no "don\'t send"', () => {
    for (const said of ['someone made a fake nude of me with ai', 'they put my face on a naked body', 'someone photoshopped me naked and its on snap']) {
      for (const shift of [onShift, offShift]) {
        const keys = last(shift, 'im 14', said);
        expect(keys, said).toContain('child.ai-fake');
        expect(keys, said).not.toContain('advice.dont-send');
        expect(keys, said).not.toContain('advice.dont-send-or-pay');
      }
    }
  });

  it('a parent hears the adult line without "the child should not send them any pictures"', () => {
    const keys = last(onShift, 'my daughter', 'boys in her year used an app to make fake nudes of her and shared them in a group chat');
    expect(keys).toContain('parent.ai-fake');
    expect(keys).not.toContain('parent.advice.dont-send');
  });

  it('twins: real pictures asked for with the fake, or money under threat, still get "don\'t send" / "don\'t send or pay"', () => {
    expect(last(onShift, 'im 14', 'someone made a fake nude of me with ai and wants real ones')).toContain('advice.dont-send');
    expect(last(onShift, 'im 14', 'he made ai nudes of me and says he will post them unless i pay')).toContain('advice.dont-send-or-pay');
    expect(last(onShift, 'im 14', 'a man on snap keeps asking me for nudes')).toContain('advice.dont-send');
  });
});

describe('"its fine" right after "no pressure": leaving it there, not the answer to the question asked before', () => {
  const story = ['im 13', 'a man on insta keeps messaging me'];

  it('"its fine", "ok", "all good" get the short line; the question still waits and is answered next', () => {
    for (const said of ['its fine', 'ok', 'all good', 'its okay']) {
      for (const shift of [onShift, offShift]) {
        const turns = keysPerMessage(real.machine, shift, ...story, 'actually nah dont worry', said, 'about a week');
        expect(turns.at(-3), said).toEqual(['shared.backs-off']);
        expect(turns.at(-2), said).toEqual(['shared.backs-off-again']);
        // "about a week" is the answer to "How long has this person been talking to you?": the next step's question.
        expect(turns.at(-1), said).toContain('child.ask.asked-to-do');
      }
    }
  });

  it('in Welsh too', () => {
    const turns = keysPerMessage(real.machine, onShift, 'dw i\'n 13', 'mae dyn ar insta yn anfon negeseuon ata i o hyd', 'anghofia fe', "mae'n iawn");
    expect(turns.at(-2)).toEqual(['shared.backs-off']);
    expect(turns.at(-1)).toEqual(['shared.backs-off-again']);
  });

  it('twins: "ok" with no backing off before it, a nod two messages later, and a red flag after backing off', () => {
    expect(last(onShift, ...story, 'ok')).toContain('child.ask.asked-to-do');
    expect(last(onShift, ...story, 'forget it', 'its fine', 'ok')).not.toContain('shared.backs-off-again');
    const flagged = last(onShift, ...story, 'forget it', 'he asked for nudes');
    expect(flagged).toContain('escalation.serious');
    expect(flagged).not.toContain('shared.backs-off-again');
  });
});

describe('a young person whose own grown-up is the one targeted online', () => {
  it('asks what to do: who to tell and who can help, not blocking, keeping evidence or "don\'t pay" aimed at them', () => {
    for (const shift of [onShift, offShift]) {
      const keys = last(shift, 'im 14', 'my mum is talking to a man online who wants money', 'she already sent him 2000', 'what should i do');
      expect(keys).toEqual(['shared.advice.grown-up-targeted', 'child.come-back']);
    }
    const words = real.content.render('shared.advice.grown-up-targeted', {}).text;
    expect(words).toMatch(/grown-up you trust/);
    expect(words).toContain('0800 1111');
  });

  it('"my dad is sending a woman online money" is not "you don\'t owe them anything" (presents to the child)', () => {
    const keys = last(onShift, 'im 12', 'my dad is talking to a woman online and sending her money');
    expect(keys).toContain('shared.grown-up-targeted');
    expect(keys).not.toContain('child.gifts');
  });

  it('twins: asked for pictures themselves, the child\'s own tips; presents given to the child, the gifts line', () => {
    const own = last(onShift, 'im 14', 'my mum is talking to a man online who wants money', 'now hes asking me for pics too', 'what should i do');
    expect(own).toContain('advice.keep-evidence');
    expect(own).not.toContain('shared.advice.grown-up-targeted');
    expect(last(onShift, 'im 12', 'a man on roblox keeps giving me robux')).toContain('child.gifts');
  });
});

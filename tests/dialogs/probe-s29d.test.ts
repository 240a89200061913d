import { describe, expect, it } from 'vitest';
import { offShift, onShift, probeOf, useRealMachine } from './harness.js';

/** Session 29, dialog owner 4 (second round): the tester's open problems on the child's side, as the user sees them. */

const real = useRealMachine();

const { keysPerTurn, last, lastWords } = probeOf(real);
const YP = "I'm a young person";

describe("tester's #1: a meeting with a grown-up that already happened (X07, K11)", () => {
  it('X07: "i met a man from snapchat last week" escalates at once: never okay, not your fault, safe now, a grown-up today', () => {
    const keys = last(onShift, YP, 'i met a man from snapchat last week');
    expect(keys).toContain('escalation.serious');
    expect(keys).toContain('child.met-adult');
    expect(keys).not.toContain('child.ask.asked-to-do');
    const words = lastWords(onShift, YP, 'i met a man from snapchat last week');
    expect(words).toMatch(/A grown-up should never meet up with or kiss someone your age\. What happened is not your fault/);
    expect(words).toMatch(/Are you safe right now\?/);
    expect(words).toMatch(/tell a grown-up you trust today/);
  });

  it('K11: "i already met him", then "hes 22" after the chat escalated on gifts: the grown-up\'s meeting answered, once', () => {
    const turns = keysPerTurn(onShift, YP, 'i already met him', 'nothing happened tho', 'he just bought me food and stuff', 'hes 22', 'he is 22 tho');
    expect(turns[1]).not.toContain('child.met-adult');
    expect(turns[4]).toContain('child.met-adult');
    expect(turns[5]).not.toContain('child.met-adult');
  });

  it('the age told first and the meeting after ("hes 25", then "i went to meet him"), off shift: the line and the helplines', () => {
    const turns = keysPerTurn(offShift, YP, 'this guy from insta hes 25', 'i went to meet him on saturday');
    expect(turns[2]).toContain('child.met-adult');
    expect(turns[2]).toContain('helplines.now.child');
  });

  it('where they first talked is not a meeting: "i met him on roblox", "hes 15", "we met online" raise nothing', () => {
    expect(last(onShift, YP, 'i met him on roblox')).not.toContain('escalation.serious');
    expect(last(onShift, YP, 'i met him on roblox', 'hes 15')).not.toContain('child.met-adult');
    expect(last(onShift, YP, 'a boy in my class', 'we met online last year')).not.toContain('child.met-adult');
  });
});

describe("session 27's leftover #1: a grown-up's age told after pictures were asked for", () => {
  it('"hes 24" after "someone on snap keeps asking for pics": a grown-up asking that is not okay, not your fault; once', () => {
    const turns = keysPerTurn(onShift, YP, 'someone on snap keeps asking for pics', 'hes 24', 'hes like 24');
    expect(turns[2]).toContain('child.adult-asked-images');
    expect(turns[2]).not.toContain('escalation.ask-feelings');
    expect(turns[3]).not.toContain('child.adult-asked-images');
    const words = lastWords(onShift, YP, 'someone on snap keeps asking for pics', 'hes 24');
    expect(words).toMatch(/A grown-up asking someone your age for pictures is not okay, and it is against the law\. It is not your fault\./);
  });

  it('a young age ("hes 15") or no pictures asked ("hes 24" after "he keeps messaging me") gets no such line', () => {
    expect(last(onShift, YP, 'someone on snap keeps asking for pics', 'hes 15')).not.toContain('child.adult-asked-images');
    expect(last(onShift, YP, 'this guy keeps messaging me', 'hes 24')).not.toContain('child.adult-asked-images');
  });
});

describe("tester's #11: a young person's questions about what comes next are answered for themselves", () => {
  const THREAT = [YP, 'someone is threatening to post my pics'];

  it('H02: "what happens when i report", escalated: a Child Protection Advisor gets in touch; not in trouble (not "how are you feeling")', () => {
    const keys = last(onShift, YP, 'a guy asked me to go on discord', 'what is ceop', 'what happens when i report');
    expect(keys).toEqual(['child.after-report']);
    expect(lastWords(onShift, YP, 'a guy asked me to go on discord', 'what happens when i report')).toMatch(
      /a Child Protection Advisor reads it\. They get in touch by email or phone/,
    );
  });

  it('H04: "if i report will the police come to my house": honestly sometimes, to check you are safe; a grown-up can be with you', () => {
    const keys = last(onShift, ...THREAT, 'if i report will the police come to my house');
    expect(keys).toContain('child.police-visit');
    expect(keys).not.toContain('child.not-in-trouble');
    expect(lastWords(onShift, ...THREAT, 'if i report will the police come to my house')).toMatch(/Sometimes the police do come, to check you are safe.*A grown-up you trust can be with you/);
  });

  it('K06: "wil he go to jail" about an uncle: not mine to say, the police decide, not your fault', () => {
    const keys = last(onShift, YP, 'my uncle touches me when he babysits', 'wil he go to jail');
    expect(keys).toEqual(['child.his-fate']);
    expect(lastWords(onShift, YP, 'my uncle touches me when he babysits', 'wil he go to jail')).toMatch(/I can't say what will happen to them\. That is for the police to decide/);
  });

  it('H05: "can i delete my account" first: yes, but keep their username and the chat first; the story question still waits', () => {
    const turns = keysPerTurn(onShift, YP, 'can i delete my account', 'a man on insta keeps messaging me');
    expect(turns[1]).toEqual(['child.delete-account']);
    expect(turns[2]).not.toContain('child.delete-account');
    expect(lastWords(onShift, YP, 'can i delete my account')).toMatch(/Yes, you can\. First, write down their username and keep screenshots/);
  });

  it('a parent asking "will he go to jail" or "will the police come" does not hear the young person\'s lines', () => {
    const parent = ["I'm a parent or carer", 'my daughters coach has been messaging her'];
    expect(last(onShift, ...parent, 'will he go to jail')).not.toContain('child.his-fate');
    expect(last(onShift, ...parent, 'will the police come to my house')).not.toContain('child.police-visit');
  });
});

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

describe('#6 "wats the police number": 999 in an emergency, 101 otherwise, as tap-to-call, anywhere', () => {
  const render = (keys: ReturnType<typeof lastTurn>) =>
    (keys?.emitted ?? []).flatMap((e) => (e.type === 'bot.say' ? [real.content.render(e.key, e.facts, undefined, e.quickReplies, 'child')] : []));

  it('D05 at the first question: both numbers, both as buttons, and no "That sounds hard" or "Which app"', () => {
    for (const text of ['wats the police number', 'whats the number for police', 'wats 101']) {
      expect(last(onShift, YOUNG, text), text).toEqual(['shared.police-number']);
      const [shown] = render(lastTurn(onShift, msg(YOUNG), msg(text)));
      expect(shown?.text).toMatch(/in danger now\? Then call 999\. If it can wait a bit, you can call the police on 101\./);
      expect(shown?.suggestedActions.map((a) => a.title).join(' ')).toMatch(/Emergency services.*Police/);
    }
  });

  it('E05 escalated off shift: answered, not the trusted-adult question; in danger now, 999 is said again after it', () => {
    expect(last(offShift, YOUNG, 'a man says he will post my pics', 'wats the police number')).toEqual(['shared.police-number']);
    const danger = last(onShift, YOUNG, 'theres a man outside my house who i met online', 'whats the number for police');
    expect(danger[0]).toBe('shared.police-number');
    expect(danger.join(' ')).toMatch(/still-in-danger/);
  });

  it('a parent asking gets the same numbers; "should i call the police" keeps its own answer', () => {
    expect(last(onShift, "I'm a parent or carer", 'whats the police number')).toEqual(['shared.police-number']);
    expect(last(onShift, YOUNG, 'should i call the police')).toContain('child.police');
  });
});

describe('#3 a boy sextorted, with a deadline: "kms" is self-harm, not an overdose; the fear of telling is heard', () => {
  const STORY = 'this girl added me on snap and we sent pics and now its a guy saying hell send them to my school unless i pay';
  // A deadline after a threat is the threat (lexicon v74), not danger now; "outside my house now" is danger now.
  const DEADLINE = 'hes given me 1 hour';
  const OUTSIDE = 'he says hes outside my house now';

  it('B08: "might just kms" after the deadline gets the self-harm numbers and "Are you safe right now?" last; no words about things taken', () => {
    for (const shift of [onShift, offShift]) {
      const keys = last(shift, YOUNG, STORY, DEADLINE, 'i cant tell my parents they would disown me', 'might just kms');
      expect(keys).toContain('safety.self-harm');
      expect(keys.at(-1)).toBe('safety.ask-safe');
      expect(keys).not.toContain('escalation.still-in-danger-self-harm');
      const words = lastWords(shift, YOUNG, STORY, DEADLINE, 'i cant tell my parents they would disown me', 'might just kms');
      expect(words).toMatch(/Samaritans on 116 123/);
      expect(words).not.toMatch(/things you take/);
    }
  });

  it('"might just kms" while in danger now from something else gets 999 as well, and still no words about things taken', () => {
    for (const shift of [onShift, offShift]) {
      const keys = last(shift, YOUNG, STORY, OUTSIDE, 'might just kms');
      expect(keys).toContain('safety.self-harm');
      expect(keys.at(-1)).toBe('safety.ask-safe');
      expect(keys).not.toContain('escalation.still-in-danger-self-harm');
      const words = lastWords(shift, YOUNG, STORY, OUTSIDE, 'might just kms');
      expect(words).toMatch(/999/);
      expect(words).toMatch(/Samaritans on 116 123/);
      expect(words).not.toMatch(/things you take/);
    }
  });

  it('then "no" is not safe (999 and Samaritans); "yes" is glad, with 999 still said while in danger now', () => {
    expect(last(offShift, YOUNG, STORY, DEADLINE, 'might just kms', 'no')).toEqual(['safety.not-safe']);
    const yes = last(onShift, YOUNG, STORY, OUTSIDE, 'might just kms', 'yes');
    expect(yes[0]).toBe('safety.safe-yes');
    expect(yes).toContain('escalation.still-in-danger');
  });

  it('an overdose told as danger now keeps its own words', () => {
    expect(last(onShift, YOUNG, 'i took a load of my mums pills', 'ok')).toEqual(['escalation.still-in-danger-self-harm']);
    expect(lastWords(onShift, YOUNG, 'i took a load of my mums pills', 'ok')).toMatch(/things you take can hurt you hours later/);
  });

  it('B08: "i cant tell my parents they would disown me" in danger now gets the fear answered, not only "call 999 now"', () => {
    const keys = last(offShift, YOUNG, STORY, OUTSIDE, 'i cant tell my parents they would disown me');
    expect(keys).toContain('child.fears-telling');
    expect(lastWords(offShift, YOUNG, STORY, OUTSIDE, 'i cant tell my parents they would disown me')).toMatch(/Most grown-ups want to help/);
  });

  it('after the deadline, "they would disown me" is asked about gently in its own terms, not as "they would kill you"', () => {
    const keys = last(offShift, YOUNG, STORY, DEADLINE, 'i cant tell my parents they would disown me');
    expect(keys).toContain('child.fears-harm');
    const words = lastWords(offShift, YOUNG, STORY, DEADLINE, 'i cant tell my parents they would disown me');
    expect(words).not.toMatch(/kill you/);
    expect(words).toMatch(/make you leave home/);
  });
});

describe('#4 hopelessness ("nobody can help me", "theres no point"): heard, hope, and "Are you safe right now?"; never the tips', () => {
  const TIPS = /advice|come-back|anything-else/;

  it('E06 escalated after blackmail: hope and the safety question; "theres no point" then: heard again and asked again', () => {
    const keys = perMessage(onShift, YOUNG, 'someone is blackmailing me with pics', 'nobody can help me', 'theres no point');
    expect(keys[2]).toEqual(['shared.no-point', 'safety.ask-safe']);
    // Asked again in other words, not the same question twice in a row (session 30, tester's #28).
    expect(keys[3]).toEqual(['shared.no-point-again', 'safety.ask-safe-still']);
    expect(keys.slice(2).flat().join(' ')).not.toMatch(TIPS);
    expect(keys.slice(2).flat()).not.toContain('child.ask.feelings');
    const words = lastWords(onShift, YOUNG, 'someone is blackmailing me with pics', 'nobody can help me');
    expect(words).toMatch(/people can help, and this can be stopped/);
    expect(words).toMatch(/Are you safe right now\?$/);
  });

  it('then "no" to the safety question is not safe: 999 and Samaritans', () => {
    expect(last(offShift, YOUNG, 'someone is blackmailing me with pics', 'nobody can help me', 'no')).toEqual(['safety.not-safe']);
  });

  it('B07 on the path, nothing flagged yet: a counsellor asked for, hope, the numbers, and "Are you safe right now?" last; no tips', () => {
    const turn = lastTurn(onShift, ...[YOUNG, 'ur a bot u cant do anything', 'shut up', 'i hate this', 'nobody can help me'].map(msg));
    const keys = (turn?.emitted ?? []).flatMap((e) => (e.type === 'bot.say' ? [e.key] : []));
    expect(keys).toContain('shared.no-point');
    expect(keys).toContain('safety.self-harm');
    expect(keys.at(-1)).toBe('safety.ask-safe');
    expect(keys.join(' ')).not.toMatch(TIPS);
    expect(turn?.emitted.some((e) => e.type === 'handoff.requested')).toBe(true);
    expect(turn?.state).toBe('escalated');
  });

  it('"help me" on its own still asks for the tips; a parent\'s "theres no point" is not read as a child\'s warning sign', () => {
    expect(last(onShift, YOUNG, 'a man keeps messaging me on snap', 'help me').join(' ')).toMatch(/advice/);
    expect(last(onShift, "I'm a parent or carer", 'my son is being messaged by a stranger on roblox', 'theres no point')).not.toContain('shared.no-point');
  });
});

describe('#5 an app named that has no advice of its own, and "he wants to hook up"', () => {
  it('D17: a parent who named Grindr is not asked "Which app or game was it on?"', () => {
    const keys = last(onShift, "I'm a parent or carer", 'i found out my son is gay from messages with an older man on grindr. hes 15');
    expect(keys).not.toContain('parent.ask.app');
    // a 15-year-old and an older man on an adults' app is a red flag since lexicon v74: escalated, not asked
    expect(keys[0]).toBe('escalation.serious');
    const omegle = last(onShift, "I'm a parent or carer", 'my daughter has been talking to a man on omegle');
    expect(omegle).not.toContain('parent.ask.app');
    expect(omegle).toContain('parent.ask.behaviour');
    expect(last(onShift, YOUNG, 'a man on omegle keeps asking me stuff')).not.toContain('child.ask.app');
  });

  it('an app with its own advice, or none named, is as before', () => {
    expect(last(onShift, YOUNG, 'a man keeps messaging me')).toContain('child.ask.app');
    expect(last(onShift, YOUNG, 'a man on snap keeps messaging me')).not.toContain('child.ask.app');
  });

  it('E03: "he wants to hook up", after a 30-year-old on Grindr, gets don\'t meet, not "How are you feeling right now?"', () => {
    const keys = last(onShift, YOUNG, 'im 15 and on grindr talking to a 30 year old', 'he wants to hook up');
    expect(keys).toContain('advice.dont-meet');
    expect(keys).not.toContain('escalation.ask-feelings');
  });
});

describe('#7 the first question takes only a story as the story: no "That sounds hard" when nothing was told', () => {
  const SOUNDS_HARD = 'child.ack.what-happened';

  it('a question to the bot, small talk or testing: here to help when ready; never "That sounds hard" or "Which app?"', () => {
    // ("lol jk" is testing the bot: shared.just-testing, probe-s27a.test.ts)
    for (const text of ['what is childline', 'hey hows ur day', 'ur a bot u cant do anything', 'what happens if i tell u something bad']) {
      const keys = last(onShift, YOUNG, text);
      expect(keys, text).toEqual(['child.nothing-told-yet']);
      expect(lastWords(onShift, YOUNG, text), text).toMatch(/whenever you're ready/);
    }
  });

  it('asked again with nothing told: not "That sounds hard" either (the not-understood steps, a person offered)', () => {
    const keys = perMessage(onShift, YOUNG, 'lol', 'hey hows ur day', 'wat r u doing');
    expect(keys.flat()).not.toContain(SOUNDS_HARD);
    expect(keys.flat()).not.toContain('child.ask.app');
    expect(keys.flat()).not.toContain('child.ask.how-long');
  });

  it('the questions the tester asked get their answers: counsellor, privacy at school, ChatGPT', () => {
    expect(last(onShift, YOUNG, 'wot is a cownsler')).toEqual(['shared.meaning-counsellor']);
    expect(last(onShift, YOUNG, 'will u tell the school')).toContain('child.privacy');
    expect(last(onShift, YOUNG, 'r u chatgpt')).toContain('bot.not-a-person');
  });

  it('"idk" is taken gently, "no" gets space; B04 is never asked about "this person"', () => {
    expect(last(onShift, YOUNG, 'idk')).toEqual(['child.take-your-time']);
    expect(last(onShift, YOUNG, 'no')).toEqual(['child.space']);
    expect(last(onShift, YOUNG, 'its prob nothing')).toEqual(['child.space']);
    const b04 = perMessage(onShift, YOUNG, 'no', 'no', 'no').flat();
    expect(b04.join(' ')).not.toMatch(/how-long|asked-to-do|knows-private|ask\.app/);
  });

  it('a story, however short, is still a story: thanks, that sounds hard, and the next question', () => {
    expect(last(onShift, YOUNG, 'a boy keeps messaging me')).toEqual([SOUNDS_HARD, 'child.ask.app']);
    expect(last(onShift, YOUNG, 'why does this man keep messaging me')).toContain(SOUNDS_HARD);
  });
});

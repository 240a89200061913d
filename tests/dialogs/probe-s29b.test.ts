import { describe, expect, it } from 'vitest';
import { msg, offShift, onShift, play, probeOf, useRealMachine, wordsOf } from './harness.js';

/** Session 29, dialog owner 2: the tester's problems with people the child knows, abuse and shame, as the user sees them. */

const real = useRealMachine();

const { keysPerTurn, last, lastWords } = probeOf(real);
/** The online stranger's escalation lines: wrong about someone the child sees in person. */
const STRANGER_LINES = ['advice.dont-send', 'advice.dont-send-or-pay', 'child.advice.if-they-come', 'advice.dont-meet', 'child.threat-again'];

describe('pattern C: someone the child knows, in person, gets in-person escalation lines (K02, X09, X10, Q05)', () => {
  const COUSIN = ["I'm a young person", 'my cousin is 17 and he makes me do stuff when we stay at nans', 'i dont like it'];

  it('K02: "he said if i tell nobody will believe me" about a cousin: I believe you, not "don\'t pay them" or "never go to meet them"', () => {
    const keys = last(onShift, ...COUSIN, 'he said if i tell nobody will believe me');
    expect(keys).toContain('child.threat-in-person');
    for (const k of STRANGER_LINES) expect(keys).not.toContain(k);
    const words = lastWords(onShift, ...COUSIN, 'he said if i tell nobody will believe me');
    expect(words).toMatch(/I believe you\. You can still tell a grown-up you trust, or call Childline on 0800 1111/);
    expect(words).not.toMatch(/pay|meet them|pictures/);
  });

  it('X10: a brother\'s friend at a sleepover, then "nobody will believe me": the same, once', () => {
    const turns = keysPerTurn(onShift, "I'm a young person", 'my brothers friend did stuff to me at a sleepover', 'nobody will believe me', 'he said no one will believe me');
    expect(turns[1]).toContain('child.abuse-told');
    expect(turns[2]).toContain('child.threat-in-person');
    for (const k of STRANGER_LINES) expect(turns[2]).not.toContain(k);
    expect(turns[3]).not.toContain('child.threat-in-person');
  });

  it('X09: "my uncle makes me sit on his lap" read as sexual gets the abuse line, never "don\'t send them any pictures"', () => {
    const keys = last(onShift, "I'm a young person", 'my uncle makes me sit on his lap and it feels weird');
    expect(keys).toContain('child.abuse-told');
    expect(keys).not.toContain('advice.dont-send');
    expect(lastWords(onShift, "I'm a young person", 'my uncle makes me sit on his lap and it feels weird')).not.toMatch(/pictures/);
  });

  it('Q05: a coach who wants them alone after training, off shift: don\'t be alone with them, leave with a friend or a parent', () => {
    const text = 'my coach sent me a message saying he wants to see me alone after training';
    const keys = last(offShift, "I'm a young person", text);
    expect(keys).toContain('child.advice.not-alone');
    expect(keys).toContain('helplines.now.child');
    expect(keys).not.toContain('advice.dont-meet');
    const words = lastWords(offShift, "I'm a young person", text);
    expect(words).toMatch(/Please don't be alone with them\. Stay where other people are, and leave with a friend or a parent/);
    expect(words).not.toMatch(/online/);
  });

  it('a stranger online still gets the stranger lines ("a man on snapchat said nobody will believe me", "wants to meet me alone")', () => {
    const threat = last(onShift, "I'm a young person", 'a man on snapchat wants my nudes', 'he said if i tell nobody will believe me');
    expect(threat).not.toContain('child.threat-in-person');
    const meet = last(onShift, "I'm a young person", 'a man on roblox wants to meet me alone');
    expect(meet).not.toContain('child.advice.not-alone');
    expect(meet).toContain('advice.dont-meet');
  });

  it('pictures asked for by someone they know still get "don\'t send" (an online element)', () => {
    const keys = last(onShift, "I'm a young person", 'my cousin keeps asking me for nudes on snap');
    expect(keys).toContain('advice.dont-send');
  });
});

describe('#3 abuse at home: "is it normal", the abuser\'s excuse and the fear of telling mum get answers (K03, X09)', () => {
  const BATHROOM = ["I'm a young person", 'mums boyfriend keeps coming in the bathroom when im in the shower'];

  it('"he says its normal in families": that isn\'t true, not normal, said so you keep it secret, not your fault', () => {
    expect(last(onShift, ...BATHROOM, 'he says its normal in families')).toEqual(['child.abuser-excuse']);
    const words = lastWords(onShift, ...BATHROOM, 'he says its normal in families');
    expect(words).toMatch(/^That isn't true\. It is not normal or okay, in families or anywhere/);
    expect(words).toMatch(/It is not your fault\./);
    expect(words).not.toMatch(/like or love someone|send pictures/);
    // Other excuses, said the same way: a game, "i wanted it".
    expect(last(onShift, "I'm a young person", 'my uncle touches me', 'he said its a game')).toEqual(['child.abuser-excuse']);
    expect(last(onShift, "I'm a young person", 'my uncle touches me', 'he said i wanted it')).toEqual(['child.abuser-excuse']);
  });

  it('"i cant tell mum she really loves him" is the fear of telling, not "How are you feeling right now?"', () => {
    const keys = last(onShift, ...BATHROOM, 'he says its normal in families', 'i cant tell mum she really loves him');
    expect(keys).toContain('child.fears-telling');
    expect(keys).not.toContain('escalation.ask-feelings');
  });

  it('"is it normal" after abuse is answered: not okay, not your fault (K03 and X09), never only "I\'m still here"', () => {
    const k03 = last(onShift, ...BATHROOM, 'he says its normal in families', 'i cant tell mum she really loves him', 'is it normal');
    expect(k03).toEqual(['child.not-okay']);
    const x09 = last(onShift, "I'm a young person", 'my uncle makes me sit on his lap and it feels weird', 'is it normal');
    expect(x09).toEqual(['child.not-okay']);
    expect(lastWords(onShift, "I'm a young person", 'my uncle makes me sit on his lap and it feels weird', 'is it normal')).toMatch(/is not okay, and it is not your fault/);
  });

  it('Welsh: the excuse and "ydy e\'n normal" get their Welsh lines', () => {
    const turns = play(real.machine, onShift, ["Dw i'n berson ifanc", "mae fy ewythr yn cyffwrdd fi", "mae e'n dweud ei fod e'n normal"].map(msg));
    const lastTurn = turns.at(-1);
    const words = wordsOf(real.content, lastTurn?.emitted ?? [], 'cy-GB', lastTurn?.snapshot.context).join(' ');
    expect(words).toMatch(/^Dydy hynny ddim yn wir/);
  });
});

describe('#5 "r u there" is never an answer; someone they know coming into their room at night gets help at once (Z01)', () => {
  it('"r u there", "hello??", "is anyone there" at a yes/no step: I\'m here, and the question still waits', () => {
    const STORY = ["I'm a young person", 'a man on snapchat keeps messaging me', 'for weeks'];
    const turns = keysPerTurn(onShift, ...STORY, 'r u there', 'hello??', 'is anyone there', 'yes');
    expect(turns[2]).toEqual(['child.ask.asked-to-do']);
    for (const t of [turns[3], turns[4], turns[5]]) expect(t).toEqual(['shared.im-here']);
    // The "yes" after them still answers the question that waited.
    expect(turns[6]).toEqual(['child.ask.what-asked']);
    expect(lastWords(onShift, ...STORY, 'r u there')).toMatch(/^Yes, I'm here\. I'm a computer helper, and I'm reading everything you write/);
  });

  it('Z01 off shift: "my cousin came in my room again last nite" escalates with the helplines at once, not "How long has this person been talking to you?"', () => {
    const turns = keysPerTurn(offShift, "I'm a young person", 'it happened again', 'my cousin came in my room again last nite', 'r u there');
    // (session 29d) the detector now reads this as sexual (lex:sexual.room-at-night), as it reads "my stepdad comes in my
    // room at night", so the abuse-told line comes with the escalation, as it does for the stepdad. Lead's call: the
    // first round wanted no abuse-told before anything was said of what he did.
    expect(turns[2]).toEqual(['escalation.serious', 'child.abuse-told', 'escalation.off-shift', 'helplines.now.child']);
    expect(turns[2]).not.toContain('child.ask.how-long');
    expect(turns[3]).not.toContain('child.ack.asked-to-do');
    expect(lastWords(offShift, "I'm a young person", 'my cousin came in my room again last nite')).toMatch(/Childline free on 0800 1111/);
  });

  it('a friend at a sleepover coming into the room, with nobody they know named, is not escalated by the dialog', () => {
    const keys = last(onShift, "I'm a young person", 'my friend came in my room and took my charger');
    expect(keys).not.toContain('escalation.serious');
  });
});

describe('#10 shame after sending a video (K13): "please dont hate me" is answered, and no listening line twice in a row', () => {
  const K13 = ["I'm a young person", 'i did something really bad and im so ashamed', 'i cant say', 'i sent a video to someone', 'they were older'];

  it('"please dont hate me": I don\'t think badly of you, not in trouble, not the one in the wrong', () => {
    expect(last(onShift, ...K13, 'please dont hate me')).toEqual(['shared.not-judged']);
    expect(lastWords(onShift, ...K13, 'please dont hate me')).toMatch(/^I don't hate you, and I don't think badly of you at all\. You're not in trouble\./);
    // While escalated too, before "most grown-ups want to help" (fears_telling's "hate me" is about a grown-up they would tell).
    expect(last(onShift, "I'm a young person", 'a man on snap made me send a video', 'are you mad at me')).toContain('shared.not-judged');
    expect(last(onShift, "I'm a young person", 'a man on snap made me send a video', 'are you mad at me')).not.toContain('child.fears-telling');
  });

  it('the open listening lines take turns: never the same line twice in a row', () => {
    const turns = keysPerTurn(onShift, ...K13, 'idk', 'its hard');
    const listening = turns.slice(2).map((t) => t.join(' '));
    for (let i = 1; i < listening.length; i++) {
      if (listening[i]?.includes('listening')) expect(listening[i]).not.toEqual(listening[i - 1]);
    }
    expect(turns[2]).toEqual(['shared.listening']);
    // (session 29d) "they were older" after the video sent is now read as sexual (ctx:sent-to-older): escalated, as the
    // tester asked, so the second open line is the escalated chat's.
    expect(turns[4]).toContain('escalation.serious');
  });
});

describe('pattern C keeps strangers as strangers when a parent is only mentioned', () => {
  it('"a man on snapchat wants to meet me and my mum doesnt know": don\'t go to meet them, not the in-person line', () => {
    for (const text of ['a man on snapchat wants to meet me and my mum doesnt know', 'this guy wants to meet up, should i tell my mum']) {
      const keys = last(onShift, "I'm a young person", text);
      expect(keys).not.toContain('child.advice.not-alone');
      expect(keys).toContain('advice.dont-meet');
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { DialogEvent } from '../../dialogs/index.js';
import { keysPerMessage, lastKeys, msg, onShift, play, useRealMachine, wordsOf } from './harness.js';

/** Session 28, dialog owner 1: session 27's tester's open problems on the child side, as the child or grown-up sees them. */

const real = useRealMachine();

type Shift = { counsellorOnShift: boolean };
const keysPerTurn = (shift: Shift, ...texts: string[]) => keysPerMessage(real.machine, shift, ...texts);
const last = (shift: Shift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const lastTurnOf = (shift: Shift, ...events: DialogEvent[]) => play(real.machine, shift, events).at(-1);
const lastWords = (shift: Shift, ...texts: string[]) => wordsOf(real.content, lastTurnOf(shift, ...texts.map(msg))?.emitted ?? []).join(' ');
const lastEventKeys = (shift: Shift, ...events: DialogEvent[]) => (lastTurnOf(shift, ...events)?.emitted ?? []).flatMap((e) => (e.type === 'bot.say' ? [e.key] : []));

describe('#12 questions and new facts while escalated get their own answer, not only "how are you feeling" or "a counsellor will read this"', () => {
  it('"how long", while a counsellor is on the way, is the wait answered (before: "How are you feeling right now?")', () => {
    const path = ['young person', 'a man on discord says he knows where i live'];
    expect(last(onShift, ...path, 'how long')).toEqual(['handoff.wait-again']);
    expect(last(onShift, ...path, 'how much longer')).toEqual(['handoff.wait-again']);
    // A question that only starts with "how long" is not about the wait.
    expect(last(onShift, ...path, 'how long do pics stay on snap')).not.toContain('handoff.wait-again');
  });

  it('"what now", after "no counsellor is free", is what to do, not what the escalation means', () => {
    const events: DialogEvent[] = [msg('young person'), msg('someone says they will share my nudes unless i send more'), { type: 'handoff.queued', position: 1 }, { type: 'handoff.unavailable', reason: 'none_available' }, msg('what now')];
    const keys = lastEventKeys(onShift, ...events);
    expect(keys).not.toContain('escalation.meaning');
    expect(keys).toContain('child.advice.intro');
    // "wat" on its own is still not understanding.
    expect(lastEventKeys(onShift, ...events.slice(0, -1), msg('wat dose that meen'))).toContain('escalation.meaning');
  });

  it('"is that ok", after telling what they did, is answered (yes, telling was right), not read as feeling okay', () => {
    const path = ['young person', 'a man on snap keeps sending me hearts n stuff and asks wer i live', 'i didnt tell him'];
    expect(last(onShift, ...path, 'is that ok')).toEqual(['child.did-right']);
    expect(lastWords(onShift, ...path, 'is that ok')).toMatch(/^Yes/);
    expect(last(onShift, ...path, 'is that ok')).not.toContain('feeling.okay');
    // "ok" on its own to "How are you feeling?" is still feeling okay.
    expect(last(onShift, ...path, 'ok')).toEqual(['feeling.okay']);
  });

  it('"can i block him", a parent after the tips, is answered yes, keep the evidence first (before: "I\'m still here with you")', () => {
    const path = ['parent', 'found messages on my daughters phone from a man asking her to send photos of herself', 'shes 12', 'what do i do'];
    expect(last(onShift, ...path, 'can i block him')).toEqual(['shared.can-block']);
    expect(lastWords(onShift, ...path, 'can i block him')).toMatch(/^Yes.*username/);
    // A young person asking the same, before any red flag, gets it too (not the whole tips list).
    expect(last(onShift, 'young person', 'a boy keeps messaging me on roblox', 'should i block him')).toContain('shared.can-block');
  });

  it('"is my bf grooming me" is answered (the warning signs, right to ask) beside the escalation', () => {
    const keys = last(onShift, 'young person', 'whats grooming', 'is my bf grooming me');
    expect(keys).toContain('escalation.serious');
    expect(keys).toContain('shared.is-it-grooming');
    expect(lastWords(onShift, 'young person', 'whats grooming', 'is my bf grooming me')).toMatch(/right to ask/);
    // Asked again later, while escalated: answered again.
    // Asked after a red flag: this answer alone, not also "what you have told me is not okay" on top of it.
    const again = last(onShift, 'young person', 'a man keeps asking me for pics on insta', 'is he grooming me');
    expect(again).toContain('shared.is-it-grooming');
    expect(again).not.toContain('child.not-okay');
  });

  it('"hes 30 sumthin", after a man asked to meet: don\'t go, said again with why, not only "a counsellor will read this"', () => {
    const keys = last(onShift, 'young person', 'ther is a man on fortnite he wants to meat me at the shops', 'he sed dont tel ur mum', 'hes 30 sumthin');
    expect(keys).toContain('advice.dont-meet-again');
    // A grown-up boyfriend ("he loves me and wants to meet", "hes 25"): the older-partner line, and "don't go" again only
    // when they say they are going, not the same words twice in a row.
    const off = { counsellorOnShift: false };
    const turns = keysPerTurn(off, 'young person', 'this man keeps messaging me on whatsapp saying he loves me and wants to meet', 'hes 25', 'im meeting him tmrw');
    expect(turns[2]).toContain('child.older-partner');
    expect(turns[2]).not.toContain('advice.dont-meet-again');
    expect(turns[3]).toContain('advice.dont-meet-again');
  });

  it('"he knows my school", after the "if you see them" line: tell a teacher too, so school can keep them safe', () => {
    const path = ['young person', 'he said he will find me', 'im scared'];
    expect(last(onShift, ...path, 'he knows my school')).toContain('child.knows-where');
    expect(lastWords(onShift, ...path, 'he knows my school')).toMatch(/teacher/);
  });

  it('a threat told again while escalated ("he sed if i dont he wil post my face evrywhere") is named for what it is, once', () => {
    const path = ['young person', 'sum1 on snap keep asking 4 nudez'];
    const turns = keysPerTurn(onShift, ...path, 'he sed if i dont he wil post my face evrywhere', 'he said he will post them tonight');
    expect(turns[2]).toContain('child.threat-again');
    expect(lastWords(onShift, ...path, 'he sed if i dont he wil post my face evrywhere')).toMatch(/not your fault/);
    expect(turns[3]).not.toContain('child.threat-again');
  });
});

describe('#15 "help me" and "i just need someone to talk to" before anything is told; a bullying story at the who-question', () => {
  it('"help me" with nothing told yet: here to help, tell me when ready (before: five tip lines about blocking "them"); asked again, the tips', () => {
    const turns = keysPerTurn(onShift, 'help', 'help me', 'help me');
    expect(turns[1]).toEqual(['child.nothing-told-yet']);
    expect(turns[1]).not.toContain('advice.any-app');
    expect(turns[2]).toContain('child.advice.intro');
    // After a story, "help me" is still the tips.
    expect(last(onShift, 'young person', 'a man keeps messaging me on roblox', 'help me')).toContain('child.advice.intro');
  });

  it('"i just need someone to talk to", after two unclear words at the who-question, is listened to, not "Which app or game was it on?"', () => {
    const keys = last(onShift, 'hi', 'idk', 'um', 'i just need someone to talk to');
    expect(keys).toContain('child.just-talk');
    expect(keys).not.toContain('child.ask.app');
    expect(last(onShift, 'young person', 'i just need someone to talk to')).toContain('child.just-talk');
    // Someone in the story beside it is still a story about someone.
    expect(last(onShift, 'young person', 'i just need someone to talk to about a man on snap')).not.toContain('child.just-talk');
  });

  it('"a boy in year 9 keeps sending me mean messages on whatsapp" at the who-question gets the bullying reply, not "How long has this person…?"', () => {
    const keys = last(onShift, '👍', 'ya', 'a boy in year 9 keeps sending me mean messages on whatsapp');
    expect(keys).toContain('child.bullying');
    expect(keys).not.toContain('child.ask.how-long');
  });
});

describe('#10 a grown-up at home who does not know, or who came in, is not "home is hard"; "will i get moved" is answered', () => {
  it('"im trans and my parents dont know" and "my foster carer doesnt know about this": thanks and what has been happening, not "Do you feel safe at home?"', () => {
    for (const text of ['im trans and my parents dont know', 'my foster carer doesnt know about this']) {
      const keys = last(onShift, 'young person', text);
      expect(keys, text).toEqual(['child.home-doesnt-know']);
      expect(keys, text).not.toContain('child.ask.safe-at-home');
    }
    expect(last(onShift, 'young person', 'im in care', 'my foster carer doesnt know about this')).toEqual(['child.home-doesnt-know']);
    // As the first message, before saying who they are: the same line at once (session 29), not home life nor "Which app?".
    expect(last(onShift, 'im trans and my parents dont know')).toEqual(['child.home-doesnt-know']);
    // Trouble at home beside it is still home being hard.
    expect(last(onShift, 'young person', 'my dad shouts at me and my mum doesnt know')).toContain('child.home-hard');
  });

  it('"sorry my mum came in", after "brb" and "im back": that\'s okay, and Quick exit hides the chat (before: "Do you feel safe at home?")', () => {
    const keys = last(onShift, 'young person', 'brb', 'im back', 'sorry my mum came in');
    expect(keys).toEqual(['shared.pause']);
    expect(lastWords(onShift, 'young person', 'brb', 'im back', 'sorry my mum came in')).toMatch(/Quick exit/);
  });

  it('"will i get moved", a child in care after a meeting request, is answered honestly (before: "How are you feeling right now?")', () => {
    const path = ['young person', 'im in care', 'a man online keeps asking me to meet him'];
    expect(last(onShift, ...path, 'will i get moved')).toEqual(['child.will-i-be-moved']);
    expect(lastWords(onShift, ...path, 'will i get moved')).toMatch(/can't say for sure/);
  });
});

describe('severity 3: "don\'t pay" with no money asked, and "today" at 2 a.m.', () => {
  it('#21 "he said he will find me" gets what to do if he turns up, not "Don\'t send them anything, and don\'t pay them"', () => {
    const keys = last(onShift, 'young person', 'he said he will find me');
    expect(keys).toContain('child.advice.if-they-come');
    expect(keys.filter((k) => k.startsWith('advice.dont-'))).toEqual([]);
    // Blackmail over pictures is still "don't send, don't pay"; money asked for, "don't pay".
    expect(last(onShift, 'young person', 'he says he will post my pics if i dont send more')).toContain('advice.dont-send-or-pay');
    expect(last(onShift, 'young person', 'he keeps asking me for pics', 'he said he will find me')).not.toContain('advice.dont-pay');
  });

  it('#20 "its 2am and i cant sleep" is asked how they feel right now, not "today"', () => {
    expect(last(onShift, 'young person', 'its 2am and i cant sleep')).toContain('child.just-talk');
    const words = lastWords(onShift, 'young person', 'its 2am and i cant sleep');
    expect(words).toMatch(/How are you feeling right now\?/);
    expect(words).not.toMatch(/today/);
  });
});

describe('#11 pictures sent to them and pictures asked of them', () => {
  const toEscalated = ['young person', 'theres this older guy i talk to on insta', 'hes 22 im 14'];

  it('"he sent me some stuff tho", then "like nudes": pictures sent to them (not your fault, don\'t reply), not "Don\'t send them any pictures"', () => {
    const keys = last(onShift, ...toEscalated, 'he sent me some stuff tho', 'like nudes');
    expect(keys).toContain('child.sent-images');
    expect(keys).not.toContain('advice.dont-send');
    // Asked for, after something was sent: still "don't send".
    const asked = last(onShift, ...toEscalated, 'he sent me some stuff tho', 'now he wants nudes');
    expect(asked).toContain('advice.dont-send');
    expect(asked).not.toContain('child.sent-images');
  });

  it('"they sent me a pic of my followers list", in a sextortion: the threat named, not the line for a sexual picture', () => {
    const keys = last(onShift, 'young person', 'someone is saying they have my nudes and want £500', 'they sent me a pic of my followers list');
    expect(keys).not.toContain('child.sent-images');
    expect(keys).toContain('child.threat-again');
    // A sexual picture sent to them is still that.
    expect(last(onShift, 'young person', 'a man sent me a pic of his privates')).toContain('child.sent-images');
  });
});

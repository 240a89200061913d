import { describe, expect, it } from 'vitest';
import { offShift, onShift, probeOf, useRealMachine } from './harness.js';

/** Session 30, dialog owner: the session 29 tester's problems still open (docs/testers/session-29.md), as the user sees them. */

const real = useRealMachine();

const { keysPerTurn, last, lastWords } = probeOf(real);
const YP = "I'm a young person";

describe("tester's #19 and #30: money after paying, and presents spent", () => {
  const PAID = [YP, 'i took £50 from my mums purse to pay a guy who said he would post my pics'];

  it('Z06: "he wants more now" after a paid threat: don\'t pay any more, paying does not make them stop, a grown-up tonight', () => {
    const keys = last(onShift, ...PAID, 'he wants more now');
    expect(keys).toContain('child.wants-more');
    expect(keys).not.toContain('escalation.ask-feelings');
    const words = lastWords(onShift, ...PAID, 'he wants more now');
    expect(words).toMatch(/Please don't pay them any more\. Paying does not make them stop\./);
    expect(words).toMatch(/tell a grown-up you trust tonight/);
  });

  it('said once: the next "he keeps asking for more" is not the same line again; a parent hears it about the child', () => {
    const turns = keysPerTurn(onShift, ...PAID, 'he wants more now', 'he keeps asking for more');
    expect(turns[2]).toContain('child.wants-more');
    expect(turns[3]).not.toContain('child.wants-more');
    const parent = ["I'm a parent or carer", 'a man is blackmailing my son over pictures and he paid him', 'now he wants more money'];
    expect(last(onShift, ...parent)).toContain('parent.wants-more');
    expect(lastWords(onShift, ...parent)).toMatch(/The child should not pay any more/);
  });

  it('with no money or threat in the chat, "he wants more" is not a demand ("he wants more pics" is the detector\'s)', () => {
    expect(last(onShift, YP, 'a boy at school likes me', 'he wants more time with me')).not.toContain('child.wants-more');
  });

  it('K12: "i spent it all already" after robux and a gift card: you don\'t owe them anything, you don\'t have to pay it back', () => {
    const gifts = [YP, 'someone on roblox gave me robux and a gift card and now says i have to send pics or pay it back'];
    const keys = last(onShift, ...gifts, 'i spent it all already');
    expect(keys).toContain('child.owe-nothing');
    expect(keys).not.toContain('escalation.ask-feelings');
    expect(lastWords(onShift, ...gifts, 'i spent it all already')).toMatch(/You don't owe them anything, and you don't have to pay it back\./);
    // "i cant pay it back": the same answer, not the line about finding money as well.
    const cant = last(onShift, ...gifts, 'i cant pay it back');
    expect(cant).toContain('child.owe-nothing');
    expect(cant).not.toContain('child.cant-pay');
  });

  it('H05: "if i delete will the pics go away": no, deleting does not delete what they saved; Report Remove; keep the username first', () => {
    const threat = [YP, 'a guy said he will post my pics'];
    for (const q of ['if i delete will the pics go away', 'if i delete my account will the pics go away', 'will deleting the chat get rid of the pics']) {
      const keys = last(onShift, ...threat, q);
      expect(keys, q).toContain('child.delete-not-gone');
      expect(keys, q).not.toContain('escalation.ask-feelings');
      expect(keys, q).not.toContain('child.dont-delete');
    }
    const words = lastWords(onShift, ...threat, 'if i delete will the pics go away');
    expect(words).toMatch(/No\. Deleting your account or the chat does not delete anything they have saved/);
    expect(words).toMatch(/Report Remove/);
    // Asked before anything was told, off shift: the same plain answer.
    expect(last(offShift, YP, 'if i delete my snap will the pics go away')).toContain('child.delete-not-gone');
  });
});

describe("tester's #15: coming back, and a grown-up already told", () => {
  it('H08: "it happened again" at the who-question: sorry it happened again, right to come back, what happened this time (a young person)', () => {
    const turns = keysPerTurn(onShift, 'hi its me again from yesterday', 'it happened again', 'he messaged me again', 'on snap');
    expect(turns[1]).toEqual(['child.happened-again']);
    expect(lastWords(onShift, 'hi its me again from yesterday', 'it happened again')).toMatch(/I'm sorry it happened again\. You did the right thing coming back to tell me\. Can you tell me what happened this time\?/);
    // The story after it is the story: thanked, and which app (not the path's thanks and first question, as a who-answer).
    expect(turns[2]).toEqual(['child.ack.what-happened', 'child.ask.app']);
    expect(turns[3]).toContain('child.ask.how-long');
  });

  it('"he messaged me again" as the first answer, or after "young person": the story is kept, not taken as only who is chatting', () => {
    expect(last(onShift, 'hi its me again from yesterday', 'he messaged me again')).toEqual(['child.happened-again']);
    expect(last(onShift, YP, 'he messaged me again')).toEqual(['child.happened-again']);
    // Then the story: thanked, and which app.
    expect(last(onShift, YP, 'he messaged me again', 'he keeps sending me messages')).toEqual(['child.ack.what-happened', 'child.ask.app']);
  });

  it('H09: "i already told my mum what now", before anything is told: well done for telling, then what happened (not every tip)', () => {
    const keys = last(onShift, YP, 'i already told my mum what now');
    expect(keys).toEqual(['child.told-what-next']);
    expect(keys).not.toContain('child.advice.intro');
    const words = lastWords(onShift, YP, 'i already told my mum what now');
    expect(words).toMatch(/Well done for telling a grown-up\. That was brave/);
    expect(words).toMatch(/Can you tell me what happened\?/);
  });

  it('Z04: "what happens now" after telling a teacher is answered, and is not the answer to "Has this person asked you…?"', () => {
    const story = [YP, 'i told my teacher about the man on snap', 'she said shes going to tell my parents'];
    const turns = keysPerTurn(onShift, ...story, 'what happens now', 'no');
    expect(turns[3]).toEqual(['child.what-next']);
    expect(lastWords(onShift, ...story, 'what happens now')).toMatch(/Now that a grown-up knows, they can help keep you safe\..*You are not in trouble/);
    // The question still waits: "no" answers it.
    expect(turns[4]).toContain('child.ask.knows-private');
    // With no grown-up told, "what now" still asks for the tips.
    expect(last(onShift, YP, 'a man on snap keeps messaging me', '2 weeks', 'what now')).toContain('child.advice.intro');
  });
});

describe("tester's #28 and #29: the safety question asked again, and \"is anyone there\" with nobody coming", () => {
  it('Q04: "no one can help" after "Are you safe right now?": heard, and asked again in other words, not the same question twice', () => {
    const turns = keysPerTurn(offShift, YP, 'i want to die', 'no one can help');
    expect(turns[1]).toContain('safety.ask-safe');
    expect(turns[2]).toContain('shared.no-point');
    expect(turns[2]).toContain('safety.ask-safe-still');
    expect(turns[2]).not.toContain('safety.ask-safe');
    expect(lastWords(offShift, YP, 'i want to die', 'no one can help')).toMatch(/I'm still worried about you, so I'll ask one more time\. Are you safe right now\?/);
    // The answer after it is still heard: "no" is danger now.
    expect(last(offShift, YP, 'i want to die', 'no one can help', 'no')).toContain('safety.not-safe');
  });

  it('Q05: off shift, escalated, "is anyone there": honestly just the computer helper now, and Childline has real people', () => {
    const story = [YP, 'my coach sent me a message saying he wants to see me alone after training', 'hes done it before'];
    const keys = last(offShift, ...story, 'is anyone there');
    expect(keys).toEqual(['escalation.here-computer']);
    const words = lastWords(offShift, ...story, 'is anyone there');
    expect(words).toMatch(/I'm a computer helper, so it's just me right now/);
    expect(words).toMatch(/Childline is free on 0800 1111/);
    // Asked again: still here (not the same words twice). On shift, with someone coming: still here, and they will come.
    expect(last(offShift, ...story, 'is anyone there', 'hello??')).toEqual(['escalation.listening']);
    expect(last(onShift, ...story, 'hello??')).toEqual(['escalation.listening', 'handoff.wait-again']);
    expect(last(onShift, ...story, 'is anyone there')).not.toContain('escalation.here-computer');
  });
});

describe("tester's #16 and #20: dares and gifts on a live stream; a carer's signs of exploitation", () => {
  it('H13: "i go live on tiktok and people ask me to do dares": a warning sign, not your fault, you can end the live, what did they ask', () => {
    const keys = last(onShift, YP, 'i go live on tiktok and people ask me to do dares');
    expect(keys).toContain('child.live-dares');
    expect(keys).not.toContain('child.move-app');
    expect(keys).not.toContain('child.ask.how-long');
    const words = lastWords(onShift, YP, 'i go live on tiktok and people ask me to do dares');
    expect(words).toMatch(/When people on a live ask you to do dares, or give you gifts for doing things, that is a warning sign\./);
    expect(words).toMatch(/You can end the live at any time\. Can you tell me what they asked you to do\?/);
  });

  it('then gifts for doing stuff and "idk if i did anything wrong": not your fault; "how do i stop people gifting" is answered', () => {
    const live = [YP, 'i go live on tiktok and people ask me to do dares', 'one guy gave me gifts for doing stuff'];
    const turns = keysPerTurn(onShift, ...live, 'idk if i did anything wrong', 'how do i stop people gifting');
    expect(turns[2]).not.toContain('child.live-dares');
    expect(turns[3]).toContain('child.not-your-fault');
    expect(turns[3]).not.toContain('escalation.ask-feelings');
    expect(turns[4]).toEqual(['child.live-stop']);
    expect(lastWords(onShift, ...live, 'how do i stop people gifting')).toMatch(/You can end a live at any time, and you don't have to go live at all\./);
    // Gifts on a live told first: the same line, once.
    expect(last(onShift, YP, 'people send me gifts when im live on tiktok')).toContain('child.live-dares');
  });

  it('Z07: a foster carer\'s signs (things they didn\'t buy, won\'t say where from): signs of exploitation, the social worker today, 101 / 999', () => {
    const carer = ['foster carer here. a lad in my care (13) has new trainers and a phone i didnt buy him', 'he wont say where they came from'];
    const turns = keysPerTurn(onShift, ...carer, 'hes out late');
    expect(turns[0]).not.toContain('parent.exploitation-signs');
    expect(turns[1]).toContain('parent.exploitation-signs');
    expect(turns[1]).toContain('parent.advice.foster');
    expect(turns[2]).not.toContain('parent.exploitation-signs');
    const words = lastWords(onShift, ...carer);
    expect(words).toMatch(/can be signs that someone is grooming or exploiting the child/);
    expect(words).toMatch(/police on 101, or 999 if the child is missing or in danger now/);
    expect(words).toMatch(/Please tell the child's social worker or your fostering agency today/);
    // A parent with only new trainers told: no such line.
    expect(last(onShift, "I'm a parent or carer", 'my son got new trainers for his birthday')).not.toContain('parent.exploitation-signs');
  });
});

describe("tester's #15, Z05: mum upset after finding out is mum, not \"this person\"", () => {
  it('"she took my phone", "shes not talking to me" after mum found the pictures: how grown-ups react, still not your fault; never "how long has this person…"', () => {
    const found = [YP, 'my mum found out i sent pics to a guy and shes so angry'];
    const turns = keysPerTurn(onShift, ...found, 'she took my phone', 'shes not talking to me');
    expect(turns[1]).toContain('child.image-family');
    expect(turns[2]).toEqual(['child.family-upset']);
    expect(turns[3]).toEqual(['child.family-upset-again']);
    expect(turns.flat()).not.toContain('child.ask.how-long');
    expect(turns.flat()).not.toContain('child.ask.app');
    expect(lastWords(onShift, ...found, 'she took my phone')).toMatch(/they are often shocked and scared for you, and it can come out as anger\. It is still not your fault\./);
    // Without the picture reaching the family, "she took my phone" is still a rule at home.
    expect(last(onShift, YP, 'my mum took my phone and i hate her')).not.toContain('child.family-upset');
  });
});

describe('"mum was asleep": where a grown-up was, not a grown-up named to trust', () => {
  it('Z01: after "my cousin came in my room again last nite", "mum was asleep" is not "a good person to talk to"', () => {
    const story = ['it happened again', 'my cousin came in my room again last nite'];
    const keys = last(offShift, ...story, 'mum was asleep');
    expect(keys).not.toContain('child.trusted.named');
    // "my mum" named on its own is still welcomed.
    expect(last(offShift, ...story, 'my mum')).toContain('child.trusted.named');
  });
});

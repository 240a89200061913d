import { describe, expect, it } from 'vitest';
import type { DialogEvent } from '../../dialogs/index.js';
import { lastKeys, msg, offShift, onShift, play, useRealMachine, wordsOf } from './harness.js';

/** Session 29, dialog owner 3: the tester's problems with questions, parents and Welsh, as the child or grown-up sees them. */

const real = useRealMachine();

type Shift = { counsellorOnShift: boolean };
const last = (shift: Shift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const lastTurnOf = (shift: Shift, ...events: DialogEvent[]) => play(real.machine, shift, events).at(-1);
const lastWords = (shift: Shift, ...texts: string[]) => wordsOf(real.content, lastTurnOf(shift, ...texts.map(msg))?.emitted ?? []).join(' ');
const lastWelsh = (shift: Shift, ...texts: string[]) => wordsOf(real.content, lastTurnOf(shift, ...texts.map(msg))?.emitted ?? [], 'cy-GB').join(' ');

describe('#2 Welsh words are not read as English text-speak in a Welsh chat', () => {
  const welshStory = ["Rwy'n berson ifanc", 'mae dyn ar snapchat yn gofyn am luniau'];

  it('"mae e\'n 30 oed" (he is 30) after a Welsh story names no trusted grown-up (before: "That sounds like a good person to talk to")', () => {
    for (const age of ["mae e'n 30 oed", "mae o'n 30", 'mae e']) {
      const keys = last(onShift, ...welshStory, age);
      expect(keys).not.toContain('child.trusted.named');
      expect(lastWelsh(onShift, ...welshStory, age)).not.toMatch(/person da i siarad/);
    }
    // "my mum", in English or Welsh, is still a grown-up they could tell.
    expect(last(onShift, ...welshStory, 'fy mam')).toContain('child.trusted.named');
    expect(last(onShift, 'young person', 'a man on snapchat is asking for pics', 'my mum')).toContain('child.trusted.named');
  });

  it('an English message ends the Welsh chat: "mae" is text-speak for mum again there', () => {
    // An English message in between: "mae" in the next one is read as English text-speak again (mum).
    expect(last(onShift, ...welshStory, 'he says he will share my pics', 'mae')).toContain('child.trusted.named');
  });

  it('"oes rhywun yna" (is anyone there) is not a yes to "is there a grown-up you trust" (before: "That\'s really good. Try to tell them today")', () => {
    const path = ["Rwy'n berson ifanc", 'mae fy ewythr yn cyffwrdd fi', "mae o'n dweud mai cyfrinach yw e"];
    const keys = last(offShift, ...path, 'oes rhywun yna');
    expect(keys).not.toContain('child.trusted.yes');
    // Off shift, nobody can come: here, but only the computer helper now (session 30, tester's #29).
    expect(keys).toEqual(['escalation.here-computer']);
    // "oes" on its own still answers yes.
    expect(last(offShift, ...path, 'oes')).toContain('child.trusted.yes');
  });

  it('"is it ok to ignore him?" is a question, not a yes to "has this person asked you to do things" (before: "What did they ask you to do?")', () => {
    for (const q of ['is it ok to ignore him?', 'r u ok with that?']) expect(last(onShift, 'young person', 'a man on snap keeps messaging me', 'a few days', q)).not.toContain('child.ask.what-asked');
    expect(last(onShift, 'young person', 'a man on snap keeps messaging me', 'a few days', 'yes')).toContain('child.ask.what-asked');
  });
});

describe('#6 sending a nude on "to show mum" is answered: please don\'t, show her the phone', () => {
  const path = ['young person', 'a man sent me nudes and asked for mine', 'should i screenshot the pics'];

  it('"can i send them to my mum to show her" gets the don\'t-send-on line, not a threat read into it (before: "Threats like that are meant to scare you")', () => {
    const keys = last(onShift, ...path, 'can i send them to my mum to show her');
    expect(keys).toContain('child.forward-image');
    expect(keys).not.toContain('child.threat-again');
    expect(keys).not.toContain('child.advice.if-they-come');
    expect(lastWords(onShift, ...path, 'can i send them to my mum to show her')).toMatch(/don't send or forward the pictures to anyone, not even your mum/);
  });

  it('"can i forward them to my mum so she can see" is answered too (before: "How are you feeling right now?")', () => {
    const keys = last(onShift, ...path, 'can i forward them to my mum so she can see');
    expect(keys).toContain('child.forward-image');
    expect(keys).not.toContain('escalation.ask-feelings');
  });

  it('his threat to send them to mum is still a threat, and a Welsh child gets the line in Welsh', () => {
    expect(last(onShift, ...path, 'he said he will send them to my mum')).not.toContain('child.forward-image');
    expect(lastWelsh(onShift, "Rwy'n berson ifanc", 'mae dyn yn gofyn am luniau noeth', 'ga i anfon y lluniau at mam')).toMatch(/paid ag anfon y lluniau at neb/);
  });
});

describe('#7 a parent who doubts the child\'s disclosure is told children rarely make it up', () => {
  const path = ['parent', 'my daughter told me my partner has been touching her'];

  it('"he says shes lying" gets "believe your child", not the GP line (before: parent.ack.wellbeing-other)', () => {
    const keys = last(onShift, ...path, 'he says shes lying');
    expect(keys).toEqual(['parent.believe-child']);
    const words = lastWords(onShift, ...path, 'he says shes lying');
    expect(words).toMatch(/Children very rarely make up abuse/);
    expect(words).toMatch(/101/);
    expect(words).toMatch(/0808 800 5000/);
    expect(words).not.toMatch(/GP/);
  });

  it('"i dont know what to believe" is answered, then the wellbeing question is still open; said again, the short line', () => {
    expect(last(onShift, ...path, 'i dont know what to believe')).toEqual(['parent.believe-child']);
    expect(last(onShift, ...path, 'i dont know what to believe', 'he says shes lying')).toEqual(['parent.believe-child-again']);
    // With no red flag, doubting a child over something else gets no abuse line.
    expect(last(onShift, 'parent', 'my son says he lost his phone', 'i dont know what to believe')).not.toContain('parent.believe-child');
  });
});

describe('#12, #25 a parent\'s questions get their own answer, not the wellbeing line or ten tips', () => {
  const nude = ['parent', 'a nude of my daughter is going round her school', 'the school knows'];

  it('"how do i get it taken off the internet", just asked about mental health, gets Report Remove (before: the GP line)', () => {
    const keys = last(onShift, ...nude, 'how do i get it taken off the internet');
    expect(keys).toEqual(['parent.take-down']);
    expect(lastWords(onShift, ...nude, 'how do i get it taken off the internet')).toMatch(/Report Remove/);
  });

  it('a question with no answer of its own is not the wellbeing answer: who can answer it, and the question still waits', () => {
    const keys = last(onShift, ...nude, 'will the boys get in trouble');
    expect(keys).toEqual(['parent.question-nspcc']);
    expect(keys).not.toContain('parent.ack.wellbeing-other');
    expect(lastWords(onShift, ...nude, 'will the boys get in trouble')).toMatch(/0808 800 5000/);
    // The mental-health question still waits: "no" answers it.
    expect(last(onShift, ...nude, 'will the boys get in trouble', 'no')).toEqual(['parent.ack.wellbeing-no']);
    // A plain answer in their own words still answers it.
    expect(last(onShift, ...nude, 'she had counselling last year')).toEqual(['parent.ack.wellbeing-other']);
  });

  it('"should i ground her", after the angry line, is the short don\'t-punish line, not ten tips', () => {
    const path = ['parent', 'ive just found out my 13 yr old daughter sent naked pics to some lad', 'im absolutely furious with her'];
    const keys = last(onShift, ...path, 'should i ground her');
    expect(keys).toEqual(['parent.punish-again']);
    expect(keys).not.toContain('parent.advice.intro');
  });

  it('"do i ban her from roblox" is answered (keep the internet), not taken as a change in behaviour', () => {
    const keys = last(onShift, 'parent', 'my 11 yr old has been talking to strangers on roblox', 'do i ban her from roblox');
    expect(keys).toEqual(['parent.advice.keep-internet']);
    expect(keys).not.toContain('parent.ack.behaviour');
  });

  it('"should i tell the club" is yes, the club\'s safeguarding lead; a foster carer\'s "she goes missing at night" gets 999 if missing', () => {
    const coach = ['parent', 'my sons football coach has been messaging him on whatsapp late at night', 'he buys him things'];
    expect(last(onShift, ...coach, 'should i tell the club')).toEqual(['parent.should-tell']);
    expect(lastWords(onShift, ...coach, 'should i tell the club')).toMatch(/safeguarding lead at the child.s school or club/);
    const foster = ['parent', 'im a foster carer and my young person has been meeting an older man', "she's 14"];
    expect(last(onShift, ...foster, 'she goes missing at night')).toContain('parent.run-away');
    expect(lastWords(onShift, ...foster, 'she goes missing at night')).toMatch(/goes missing, call 999/);
    expect(last(onShift, ...foster, 'should i tell her social worker')).toEqual(['parent.should-tell-foster']);
  });
});

describe('#17 English typed on the Welsh page', () => {
  it('"sorry can i speak english" is answered yes, in both languages (before: "Sut wyt ti\'n teimlo nawr?")', () => {
    const path = ["Rwy'n berson ifanc", 'mae rhywun yn fy mygwth'];
    expect(last(onShift, ...path, 'sorry can i speak english')).toEqual(['shared.english-ok']);
    const words = lastWelsh(onShift, ...path, 'sorry can i speak english');
    expect(words).toMatch(/You can write to me in English/);
    expect(words).toMatch(/Saesneg/);
    expect(last(onShift, ...path, 'sorry can i speak english')).not.toContain('escalation.ask-feelings');
  });
});

describe('#11 how-to questions get their answer', () => {
  it('"how do i turn off snap map" gets Ghost Mode, after the tips and as a first question (before: "I\'m listening" / "the app\'s help pages")', () => {
    const path = ['young person', 'a man on snap keeps asking where i live', 'what do i do'];
    expect(last(onShift, ...path, 'how do i turn off snap map')).toContain('shared.snap-map');
    expect(lastWords(onShift, ...path, 'how do i turn off snap map')).toMatch(/Ghost Mode/);
    const first = last(onShift, 'young person', 'how do i turn off snap map');
    expect(first).toContain('shared.snap-map');
    expect(first).not.toContain('child.app-question');
  });

  it('"is childline free" is yes, the number, and not on the phone bill (before: "I\'m here to help if something…")', () => {
    expect(last(onShift, 'young person', 'is childline free')).toContain('shared.childline-free');
    const words = lastWords(onShift, 'young person', 'a man on insta wants my nudes', 'is childline free');
    expect(words).toMatch(/free/);
    expect(words).toMatch(/0800 1111/);
    expect(words).toMatch(/does not show on the phone bill/);
    expect(words).not.toMatch(/day or night/);
  });
});

describe('#22 a hand-off that fails before anyone joined', () => {
  it('says a counsellor could not join, not "the counsellor had to leave"; after one joined, it still says they had to leave', () => {
    const story = [msg('young person'), msg('a man on snap says he will share my pics')];
    const before = lastTurnOf(onShift, ...story, { type: 'handoff.queued', position: 1 }, { type: 'handoff.failed' });
    const keys = (before?.emitted ?? []).flatMap((e) => (e.type === 'bot.say' ? [e.key] : []));
    expect(keys).toContain('handoff.failed-not-joined');
    expect(wordsOf(real.content, before?.emitted ?? []).join(' ')).not.toMatch(/had to leave/);
    const after = lastTurnOf(onShift, ...story, { type: 'handoff.accepted', counsellorName: 'Sam' }, { type: 'handoff.failed' });
    expect(wordsOf(real.content, after?.emitted ?? []).join(' ')).toMatch(/had to leave/);
  });
});

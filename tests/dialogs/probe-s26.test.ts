import { beforeAll, describe, expect, it } from 'vitest';
import { createHarbourMachine, type DialogEvent } from '../../dialogs/index.js';
import type { Content } from '../../server/content/types.js';
import { keysPerMessage, lastKeys, msg, play, realContent, wordsOf, type HarbourMachine } from './harness.js';

/** Session 25's probe report (/work/scratch/s25/probe-report.md), the dialog owner's problems in session 26: what the person sees. */

let content: Content;
let machine: HarbourMachine;
const onShift = { counsellorOnShift: true };
const offShift = { counsellorOnShift: false };

beforeAll(async () => {
  ({ content } = await realContent());
  machine = createHarbourMachine(content.dialogDeps);
});

type Shift = { counsellorOnShift: boolean };
/** The keys said to each message (the opening left out). */
const keysPerTurn = (shift: Shift, ...texts: string[]) => keysPerMessage(machine, shift, ...texts);
const last = (shift: Shift, ...texts: string[]) => lastKeys(machine, shift, ...texts);
const lastTurn = (shift: Shift, ...events: DialogEvent[]) => play(machine, shift, events).at(-1);
const lastWords = (shift: Shift, ...texts: string[]) => wordsOf(content, lastTurn(shift, ...texts.map(msg))?.emitted ?? []).join(' ');
const requests = (shift: Shift, ...texts: string[]) => (lastTurn(shift, ...texts.map(msg))?.emitted ?? []).filter((e) => e.type === 'handoff.requested');

const SEXTORTION_2AM = 'sent pics to a girl on insta now shes saying pay 300 or she sends them to my family. its 2am. might as well end it tbh';
const FRIEND_1AM = 'my friend sent pics to a guy and now hes threatening to post them. he said hes gonna kill himself if it gets out';

describe('#13 off shift at 2 a.m.: "Are you safe?" last, one list of numbers, "idk" is not knowing', () => {
  it('the question is the last thing on screen, on and off shift; off shift, Samaritans are named once', () => {
    for (const shift of [onShift, offShift]) {
      const keys = last(shift, 'im 16', SEXTORTION_2AM);
      expect(keys.at(-1)).toBe('safety.ask-safe');
      expect(keys).toContain('child.image-worry');
      expect(keys).toContain('safety.self-harm');
    }
    const off = last(offShift, 'im 16', SEXTORTION_2AM);
    expect(off).not.toContain('helplines.now.child');
    expect(off).toContain('escalation.off-shift-self-harm');
    const words = lastWords(offShift, 'im 16', SEXTORTION_2AM);
    expect(words.match(/116 123/g)).toHaveLength(1);
    expect(words).toMatch(/Childline free on 0800 1111/);
    expect(words).toMatch(/Are you safe right now\?$/);
  });

  it('twins: off shift without self-harm keeps the two lines and both numbers; a parent keeps the NSPCC line', () => {
    const keys = last(offShift, 'im 16', 'sent pics to a girl on insta now shes saying pay 300 or she sends them to my family');
    expect(keys).toContain('escalation.off-shift');
    expect(keys).toContain('helplines.now.child');
    expect(keys).not.toContain('safety.ask-safe');
    expect(last(offShift, 'my son', 'he says he wants to kill himself, someone is blackmailing him over pics')).toContain('helplines.now.adult');
  });

  it('"idk", "dunno", "not sure" to "Are you safe right now?": gently, what could help and the numbers; not "call 999 now", nothing raised', () => {
    for (const shift of [onShift, offShift]) {
      for (const reply of ['idk', 'dunno', 'not sure', 'i dont know']) {
        expect(last(shift, 'im 16', SEXTORTION_2AM, reply), reply).toEqual(['safety.unsure-safe']);
        expect(requests(shift, 'im 16', SEXTORTION_2AM, reply), reply).toEqual([]);
      }
    }
    const words = lastWords(offShift, 'im 16', SEXTORTION_2AM, 'idk');
    expect(words).toMatch(/It can be hard to know/);
    expect(words).toMatch(/Samaritans on 116 123/);
    expect(words).not.toMatch(/Please call 999 now/);
    // A friend, and a parent, in their words.
    expect(last(offShift, "I'm asking for a friend", 'my friend said she wants to kill herself', 'idk')).toEqual(['safety.unsure-safe-friend']);
    expect(last(offShift, "I'm a parent", 'my daughter says she wants to kill herself', 'not sure')).toEqual(['safety.unsure-safe-adult']);
  });

  it('twins: "no", "not really", "im not ok" are still not safe (999 now, immediate); "yes" is still safe', () => {
    for (const reply of ['no', 'not really', 'im not ok', 'no idk', 'kind of']) {
      expect(last(offShift, 'im 16', SEXTORTION_2AM, reply), reply).toEqual(['safety.not-safe']);
      expect(requests(offShift, 'im 16', SEXTORTION_2AM, reply)).toContainEqual(expect.objectContaining({ urgency: 'immediate' }));
    }
    expect(last(offShift, 'im 16', SEXTORTION_2AM, 'yes')).toEqual(['safety.safe-yes']);
  });

  it('a friend\'s "its 1am tho", in danger now: okay to wake a grown-up for this, not the same reminder', () => {
    const turns = keysPerTurn(offShift, "I'm asking for a friend", FRIEND_1AM, 'its 1am tho', 'ok');
    expect(turns[2]).toEqual(['escalation.wake-ok-friend']);
    expect(lastWords(offShift, "I'm asking for a friend", FRIEND_1AM, 'its 1am tho')).toMatch(/okay to wake a grown-up for this/);
    // Twin: a plain message after it is the reminder, with 999.
    expect(turns[3]).toEqual(['escalation.still-in-danger-self-harm-friend']);
    // A young person in danger from self-harm: "its 2am" is "wake them up now".
    expect(last(offShift, 'im 15', 'i took a load of pills', 'its 2am')).toEqual(['escalation.self-harm-wake-them']);
  });
});

const SON_SEXTORTED = 'hes 15, someone pretending to be a girl got him to send a pic and now they want money. he paid them 100 with my card';

describe('#14 a parent outside a locked door; "tonight or wait till morning"', () => {
  it('"hes locked himself in his room and wont talk": stay close, knock, not angry, not his fault, 999 if he may hurt himself; still urgent', () => {
    for (const shift of [onShift, offShift]) {
      const keys = last(shift, 'my son', SON_SEXTORTED, 'hes locked himself in his room and wont talk');
      expect(keys).toContain('parent.locked-in');
      expect(keys).not.toContain('safety.immediate-adult');
      // The red flag is not swallowed: the request is raised to immediate.
      expect(requests(shift, 'my son', SON_SEXTORTED, 'hes locked himself in his room and wont talk')).toContainEqual(expect.objectContaining({ urgency: 'immediate' }));
    }
    const words = lastWords(onShift, 'my son', SON_SEXTORTED, 'hes locked himself in his room and wont talk');
    expect(words).toMatch(/Knock gently, and tell them you are not angry and it is not their fault/);
    expect(words).toMatch(/may hurt themselves.*call 999/);
    expect(words).not.toMatch(/press 55/);
  });

  it('twins: a child locked in with someone outside, and a parent whose child is in danger in other words, keep the silent-999 steps', () => {
    expect(last(onShift, 'im 13', 'theres a man outside my house who i met online hes knocking')).toContain('safety.immediate');
    expect(last(onShift, 'my son', 'a man he met online is outside our house right now')).toContain('safety.immediate-adult');
  });

  it('"should i ring the police tonight or wait till morning": answered (no need to wait; 999 if in danger, else 101), not "Yes"', () => {
    for (const before of [[], ['hes locked himself in his room and wont talk']]) {
      const keys = last(onShift, 'my son', SON_SEXTORTED, ...before, 'should i ring the police tonight or wait till morning');
      expect(keys).toEqual(['parent.police-when']);
    }
    const words = lastWords(offShift, 'my son', SON_SEXTORTED, 'should i ring the police tonight or wait till morning');
    expect(words).toMatch(/^You don't need to wait until morning\./);
    expect(words).toMatch(/call 999/);
    expect(words).toMatch(/on 101 tonight/);
    expect(words).not.toMatch(/^Yes/);
    // Twins: "should i call the police" is still "Yes, you can report it"; a young person's either/or keeps their line.
    expect(last(onShift, 'my son', SON_SEXTORTED, 'should i call the police')).toEqual(['parent.police']);
    expect(last(onShift, 'im 15', 'a girl on insta says she will post my pics unless i pay', 'should i call the police tonight or wait till morning')).toContain('child.police');
  });
});

describe('#8 teachers, a TA, the DSL, a foster carer and an older sister: their own part, not a parent\'s', () => {
  const TEACHER = 'im a teacher. a year 8 girl told me a man she met on snapchat is sending her gifts and wants to meet';
  const TA = 'im a TA. a boy in year 5 told me a man on roblox asked him for pics. ive already told our DSL';
  const FOSTER = 'im a foster carer. the boy we look after is talking to a man on xbox who sends him money. his social worker doesnt know yet';
  const SISTER = 'im her older sister im 19. my little sister is 12 and a man on snapchat is asking her for pics';

  it('a teacher: you did right, listen, no questions, not the phone, DSL today; the meeting goes to the DSL, not "don\'t let the child go"', () => {
    const keys = last(onShift, TEACHER);
    expect(keys).toContain('parent.advice.staff');
    expect(keys).toContain('parent.advice.dont-meet-staff');
    expect(keys).not.toContain('parent.advice.dont-meet');
    const words = lastWords(onShift, TEACHER);
    expect(words).toMatch(/You did the right thing\. Listen, but don't ask lots of questions, and don't look through the child's phone/);
    expect(words).toMatch(/tell your Designated Safeguarding Lead today/);
  });

  it('a TA who told the DSL already: the DSL leads from here, not "tell your DSL today"; "what should i say to the boy" is answered', () => {
    const turns = keysPerTurn(onShift, TA, 'what should i say to the boy');
    expect(turns[0]).toContain('parent.advice.staff-told-dsl');
    expect(turns[0]).not.toContain('parent.advice.work-with-children');
    expect(turns.flat()).not.toContain('parent.advice.staff');
    expect(turns[1]).toEqual(['parent.advice.staff-what-to-say']);
    expect(lastWords(onShift, TA, 'what should i say to the boy')).toMatch(/Tell them you need to pass it on to keep them safe/);
  });

  it('the safeguarding lead: refer as your procedures say, never "tell your DSL"; said when named after the red flag too', () => {
    const dsl = keysPerTurn(onShift, 'im a youth worker', 'one of our girls is being asked for nudes by a man on snapchat', 'I am the safeguarding lead');
    expect(dsl[2]).toEqual(['parent.advice.dsl']);
    expect(dsl[2]).not.toContain('parent.ask.wellbeing');
    const first = last(onShift, 'im the dsl. a year 9 boy told me a man on snapchat is asking him for nudes');
    expect(first).toContain('parent.advice.dsl');
    expect(first).not.toContain('parent.advice.staff');
    expect(last(onShift, 'im the dsl. a year 9 boy told me a man on snapchat is asking him for nudes', 'give me tips')).not.toContain('parent.advice.work-with-children');
    expect(lastWords(onShift, 'im the dsl. a year 9 boy told me a man on snapchat is asking him for nudes')).toMatch(/refer this to children's social care or the police today, as your procedures say/);
  });

  it('a foster carer: the social worker or agency today (out-of-hours team at night); "should i tell his mum" → the social worker decides', () => {
    const turns = keysPerTurn(offShift, FOSTER, 'should i tell his mum? she still has contact');
    expect(turns[0]).toContain('parent.advice.foster');
    expect(turns[1]).toEqual(['parent.should-tell-foster']);
    expect(lastWords(offShift, FOSTER, 'should i tell his mum? she still has contact')).toMatch(/social worker or your fostering agency first/);
    expect(lastWords(offShift, FOSTER, 'should i tell his mum? she still has contact')).not.toMatch(/the other parent/);
  });

  it('an older sister of 19: report to CEOP yourself; "our parents dont speak english well" is heard (the NSPCC helpline, no interpreter promised)', () => {
    const turns = keysPerTurn(onShift, SISTER, 'our parents dont speak english well');
    expect(turns[0]).toContain('friend.older-sibling');
    expect(turns[1]).toContain('shared.parents-language');
    expect(turns[1]).not.toContain('parent.ask.wellbeing');
    const words = lastWords(onShift, SISTER, 'our parents dont speak english well');
    expect(words).toMatch(/NSPCC helpline/);
    expect(words).not.toMatch(/interpreter/);
  });

  it('twins: a parent keeps the parent lines; a child\'s "my foster carer", a 14-year-old sister and "my teacher" name no role; red flags still escalate', () => {
    expect(last(onShift, 'my daughter', 'a man she met on snapchat is sending her gifts and wants to meet')).toContain('parent.advice.dont-meet');
    expect(last(onShift, 'my son', 'a man on xbox is sending him money', 'should i tell his dad')).toEqual(['parent.should-tell']);
    const child = last(onShift, 'im 13', 'my foster carer doesnt know a man on xbox keeps sending me money');
    expect(child).not.toContain('parent.advice.foster');
    expect(requests(onShift, 'im 13', 'my foster carer doesnt know a man on xbox keeps sending me money').length).toBeGreaterThan(0);
    expect(last(onShift, 'im her older sister im 14. my little sister is 12 and a man on snapchat is asking her for pics')).not.toContain('friend.older-sibling');
    expect(last(onShift, 'im 12', 'i told my teacher a man on snapchat asked me for pics')).not.toContain('parent.advice.staff');
    for (const opening of [TEACHER, TA, FOSTER, SISTER]) expect(requests(onShift, opening).length, opening).toBeGreaterThan(0);
  });
});

describe('#15 a brother or sister: "should i wake her up", "our mum works nights"', () => {
  const BROTHER = 'hes 10 and a man on roblox gave him robux and asked for his address. im 16, our mum works nights';

  it('"our mum works nights" beside the red flag: ring her at work, it is important enough; "should i wake her up": yes', () => {
    const turns = keysPerTurn(onShift, 'my little brother', BROTHER, 'should i wake her up');
    expect(turns[1]).toContain('friend.call-at-work');
    expect(requests(onShift, 'my little brother', BROTHER).length).toBeGreaterThan(0);
    expect(turns[2]).toEqual(['friend.wake-yes']);
    expect(turns[2]).not.toContain('friend.advice.intro');
    expect(lastWords(onShift, 'my little brother', BROTHER, 'should i wake her up')).toMatch(/^Yes, wake them up\. This is important enough/);
    expect(lastWords(offShift, 'my little brother', BROTHER)).toMatch(/You can ring them at work/);
    // A young person of their own grown-up, too.
    expect(last(offShift, 'im 13', 'a man on snapchat keeps asking for my address', 'should i wake my mum')).toEqual(['child.wake-yes']);
  });

  it('twins: in danger now the danger line still answers; with nothing flagged "my mum works nights" is not answered; a parent is not told to wake anyone', () => {
    expect(last(offShift, 'im 13', 'theres a man outside my house who i met online hes knocking', 'should i wake my mum')).toEqual(['escalation.danger-wake']);
    expect(last(onShift, 'im 13', 'my mum works nights')).not.toContain('child.call-at-work');
    expect(last(onShift, 'my son', 'a man on roblox asked him for his address', 'should i wake him up')).not.toContain('child.wake-yes');
  });
});

describe('#9 a carer of a child with learning difficulties or autism', () => {
  const SON = 'my son is 15 but he has learning difficulties, hes more like 8. a man online told him they are best friends and to keep it secret and sent him pics';

  it('"he doesnt understand its wrong": simple rules, supervise the devices, school/SENCo; not the mental-health question', () => {
    const turns = keysPerTurn(onShift, 'my son', SON, 'he doesnt understand its wrong. he thinks the man is his friend');
    expect(turns[2]).toEqual(['parent.cant-see-danger']);
    const words = lastWords(onShift, 'my son', SON, 'he doesnt understand its wrong. he thinks the man is his friend');
    expect(words).toMatch(/People online who ask for secrets or pictures are not friends/);
    expect(words).toMatch(/SENCo/);
    expect(last(offShift, 'my daughter', 'she is 9 and has autism. a man on roblox asked her for pictures', 'she doesnt understand why its bad')).toEqual(['parent.cant-see-danger']);
  });

  it('"how do i explain it to him" is answered, and is never taken as the answer to the wellbeing question', () => {
    // The wellbeing question asked first (a plain message after the red flag), then the carer's question.
    const turns = keysPerTurn(onShift, 'my son', SON, 'ok', 'how do i explain it to him', 'no');
    expect(turns[2]).toEqual(['parent.ask.wellbeing']);
    expect(turns[3]).toEqual(['parent.explain-simply']);
    expect(turns[3]).not.toContain('parent.ack.wellbeing-other');
    // Passed by, as any other reply passes it (never left waiting), and not asked again.
    expect(turns.slice(3).flat()).not.toContain('parent.ask.wellbeing');
    expect(turns[4]).not.toContain('parent.ack.wellbeing-other');
    expect(lastWords(onShift, 'my son', SON, 'how do i explain it to him')).toMatch(/Use short, plain words, and the same words each time/);
  });

  it('twins: a parent of a child with no needs named keeps "what do i tell him"; the red flag still escalates; a young person is not told this', () => {
    expect(last(onShift, 'my son', 'a man online told him to keep it secret and sent him pics', 'how do i explain it to him')).not.toContain('parent.explain-simply');
    expect(requests(onShift, 'my son', SON).length).toBeGreaterThan(0);
    expect(last(onShift, 'im 14', 'a man on snap sent me pics', 'my friend doesnt understand its wrong')).not.toContain('parent.cant-see-danger');
  });
});

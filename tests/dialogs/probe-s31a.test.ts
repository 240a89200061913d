import { describe, expect, it } from 'vitest';
import { offShift, onShift, probeOf, useRealMachine } from './harness.js';

/** Session 31, dialog owner: the session 29 tester's problems still open (docs/testers/session-29.md), as the user sees them. */

const real = useRealMachine();

const { keysPerTurn, last, lastWords } = probeOf(real);
const YP = "I'm a young person";
const PARENT = "I'm a parent or carer";

describe("tester's #23: blocked is not reported", () => {
  const H01 = [YP, 'how do i block someone on snapchat', 'hes been sending me weird stuff', 'how do i turn off snap map'];

  it('H01: "will he know i blocked him" is answered about blocking (most apps don\'t tell; he may notice; his problem), not reporting', () => {
    const keys = last(onShift, ...H01, 'will he know i blocked him');
    expect(keys).toContain('child.block-secret');
    expect(keys).not.toContain('child.report-secret');
    const words = lastWords(onShift, ...H01, 'will he know i blocked him');
    expect(words).toMatch(/Most apps don't tell someone when you block them\. He might notice that he can't message you/);
    expect(words).toMatch(/that's his problem, not yours/);
    expect(words).not.toMatch(/who reported them/);
  });

  it('"will he know i reported him" and "will he know i told" still get the answer about reporting; a parent hears the block answer about the child', () => {
    for (const q of ['will he know i reported him', 'will he know i told']) {
      const keys = last(onShift, ...H01, q);
      expect(keys, q).toContain('child.report-secret');
      expect(keys, q).not.toContain('child.block-secret');
    }
    const parent = [PARENT, 'a man was messaging my daughter on snapchat so we blocked him', 'if i block him will he know'];
    expect(last(onShift, ...parent)).toContain('parent.block-secret');
    expect(lastWords(onShift, ...parent)).toMatch(/not the child's problem/);
  });
});

describe("tester's #23: reported is not blocked", () => {
  const REPORTED = [YP, 'i reported him on insta but nothing happened'];

  it('H12: "i reported him on insta but nothing happened": well done for reporting, apps are slow, reporting doesn\'t block, block them too', () => {
    const keys = last(onShift, ...REPORTED);
    expect(keys).toContain('child.reported');
    expect(keys).not.toContain('child.blocked');
    const words = lastWords(onShift, ...REPORTED);
    expect(words).toMatch(/Well done for reporting them\./);
    expect(words).toMatch(/Reporting doesn't block them, so please block them too\./);
    expect(words).not.toMatch(/Well done for blocking them/);
  });

  it('"i blocked him" and "i blocked and reported him" still get the blocked line; a later "i blocked him now" after reporting is thanked too', () => {
    expect(last(onShift, YP, 'i blocked him')).toContain('child.blocked');
    const both = last(onShift, YP, 'i blocked and reported him');
    expect(both).toContain('child.blocked');
    expect(both).not.toContain('child.reported');
    const turns = keysPerTurn(onShift, ...REPORTED, 'i blocked him now');
    expect(turns[1]).toContain('child.reported');
    expect(turns[2]).toContain('child.blocked');
    // Said once: "i reported him again" is not the same line twice.
    expect(keysPerTurn(onShift, ...REPORTED, 'i reported him again')[2]).not.toContain('child.reported');
  });

  it('a parent\'s "we reported him": reported line about the child\'s account', () => {
    const parent = [PARENT, 'a man keeps messaging my son on tiktok and we reported him'];
    expect(last(onShift, ...parent)).not.toContain('parent.blocked');
    expect(keysPerTurn(onShift, ...parent).flat()).toContain('parent.reported');
  });
});

describe("tester's #23: \"what else can i do\" after reporting", () => {
  const H12 = [YP, 'i reported him on insta but nothing happened', 'hes still there'];

  it('H12: "what else can i do" gets the options not yet given (keep the username, CEOP, a grown-up), not the next question or every tip', () => {
    const keys = last(onShift, ...H12, 'what else can i do');
    expect(keys).toEqual(['child.what-else', 'child.what-else-tell']);
    const words = lastWords(onShift, ...H12, 'what else can i do');
    expect(words).toMatch(/report them to CEOP, even if you reported them on the app/);
    expect(words).toMatch(/tell a grown-up you trust/);
    expect(words).toMatch(/0800 1111/);
    // Not blocking again (said with the reported line), and not the whole tips.
    expect(words).not.toMatch(/block them/i);
    expect(keys).not.toContain('child.advice.intro');
    // The question asked before it still waits: "about a week" answers how long, and the path goes on.
    const turns = keysPerTurn(onShift, ...H12, 'what else can i do', 'about a week');
    expect(turns[2]).toContain('child.ask.how-long');
    expect(turns[3]).not.toContain('child.ask.how-long');
    expect(turns[4]).not.toContain('child.ask.how-long');
    expect(turns[4]).toContain('child.ask.asked-to-do');
  });

  it('a grown-up already told is not told again; with nothing reported or blocked, "what else can i do" is not this answer', () => {
    const told = [YP, 'i reported him on insta but nothing happened', 'i told my mum', 'what else can i do'];
    expect(last(onShift, ...told)).toContain('child.what-else');
    expect(last(onShift, ...told)).not.toContain('child.what-else-tell');
    expect(last(onShift, YP, 'a man keeps messaging me on insta', 'what else can i do')).not.toContain('child.what-else');
  });
});

describe("tester's #15: the police already involved", () => {
  const H09 = [YP, 'i already told my mum what now', 'she was ok about it'];

  it('H09: "but shes called the police and im scared": the police are there to help, not in trouble, someone may talk to them, keep the messages', () => {
    const keys = last(onShift, ...H09, 'but shes called the police and im scared');
    expect(keys).toContain('child.police-involved');
    // Not taken as the answer to "Which app or game was it on?".
    expect(keys).not.toContain('child.ask.how-long');
    const words = lastWords(onShift, ...H09, 'but shes called the police and im scared');
    expect(words).toMatch(/the police are there to help you\. You are not in trouble\./);
    expect(words).toMatch(/may want to talk to you about what happened/);
    expect(words).toMatch(/keep the messages and don't delete anything/);
  });

  it('once; "she hasnt called the police" and "should i call the police" are not this line; a friend hears it about their friend', () => {
    const turns = keysPerTurn(onShift, ...H09, 'shes called the police', 'my dad called the police too');
    expect(turns[3]).toContain('child.police-involved');
    expect(turns[4]).not.toContain('child.police-involved');
    expect(last(onShift, ...H09, 'she hasnt called the police')).not.toContain('child.police-involved');
    expect(last(onShift, ...H09, 'should i call the police')).not.toContain('child.police-involved');
    const friend = ["I'm asking for a friend", 'a man was messaging my friend on snap', 'her mum called the police'];
    expect(last(onShift, ...friend)).toContain('friend.police-involved');
    expect(lastWords(onShift, ...friend)).toMatch(/the police are there to help your friend\. You and your friend are not in trouble\./);
  });
});

describe("tester's #20: a foster carer's signs of exploitation", () => {
  const Z07 = [PARENT, 'foster carer here. a lad in my care (13) has new trainers and a phone i didnt buy him'];

  it('Z07: the first message (things not bought, nothing online) is not asked "Which app or game was it on?", but what else they noticed', () => {
    const keys = last(onShift, ...Z07);
    expect(keys).not.toContain('parent.ask.app');
    expect(keys).toContain('parent.ask.behaviour');
  });

  it('Z07: both signs told: a counsellor is asked for, with the signs line and the social worker, not grooming\'s general warning', () => {
    const keys = last(onShift, ...Z07, 'he wont say where they came from');
    expect(keys).toContain('escalation.asking');
    expect(keys).toContain('parent.exploitation-signs');
    expect(keys).toContain('parent.advice.foster');
    expect(keys).not.toContain('parent.escalated-warning');
    expect(keys.filter((k) => k === 'parent.exploitation-signs')).toHaveLength(1);
    expect(lastWords(onShift, ...Z07, 'he wont say where they came from')).toMatch(/I'm asking a counsellor to join this chat now/);
    // Said once: "hes out late" after it is not the signs line again.
    expect(last(onShift, ...Z07, 'he wont say where they came from', 'hes out late')).not.toContain('parent.exploitation-signs');
  });
});

describe("tester's #27: a grandparent saying who they are", () => {
  it('P12: "im her nan she lives with me" is who they are (thanks, and what has happened?), not the story and "Which app?"', () => {
    const P12 = [PARENT, 'im her nan she lives with me'];
    expect(last(onShift, ...P12)).toEqual(['parent.ack.role', 'parent.ask.what-happened']);
    // The story after it is the story: read, escalated, the gifts line.
    const next = last(onShift, ...P12, 'she is 12 and theres a man sending her gifts in the post');
    expect(next).toContain('escalation.asking');
    expect(next).toContain('parent.gifts');
    // A relative with a story in the same message: the story.
    expect(last(onShift, PARENT, 'im his nan and a man keeps messaging him on roblox')).not.toContain('parent.ack.role');
  });
});

describe("tester's #25: one answer to a yes/no question", () => {
  it('P11: "should i take him to the doctor" after a meeting: one line (yes, the GP, the police if hurt), not the ten tips', () => {
    const P11 = [PARENT, 'my 14 year old son met up with a man he met online', 'he says nothing happened', 'hes home now', 'should i take him to the doctor'];
    const keys = last(onShift, ...P11);
    expect(keys).toEqual(['parent.doctor']);
    expect(keys).not.toContain('parent.advice.intro');
    const words = lastWords(onShift, ...P11);
    expect(words).toMatch(/Their GP can check they are okay/);
    expect(words).toMatch(/tell the police on 101 today, or 999 if they are in danger now/);
  });
});

describe('session 30 code review: the same behaviour after one named guard and one helper', () => {
  it('off shift, escalated: "is anyone there" is just the computer helper once (a young person or friend, not a parent)', () => {
    const flagged = [YP, 'a man on snap asked me for nudes'];
    const turns = keysPerTurn(offShift, ...flagged, 'is anyone there', 'hello??');
    expect(turns[2]).toContain('escalation.here-computer');
    expect(turns[3]).not.toContain('escalation.here-computer');
    const friend = ["I'm asking for a friend", 'a man on snap asked my friend for nudes', 'is anyone there'];
    expect(last(offShift, ...friend)).toContain('escalation.here-computer');
    const parent = [PARENT, 'a man on snap asked my daughter for nudes', 'is anyone there'];
    expect(last(offShift, ...parent)).not.toContain('escalation.here-computer');
    // With a counsellor on the way, not the computer-only line.
    expect(last(onShift, ...flagged, 'is anyone there')).not.toContain('escalation.here-computer');
  });

  it('a carer\'s signs across three messages (one half twice, then the other): the signs line when the second half comes', () => {
    const turns = keysPerTurn(onShift, PARENT, 'a lad in my care has a new phone i didnt buy him', 'and new trainers too', 'he stays out late');
    expect(turns[1]).not.toContain('parent.exploitation-signs');
    expect(turns[2]).not.toContain('parent.exploitation-signs');
    expect(turns[3]).toContain('parent.exploitation-signs');
  });
});

describe("session 30's new child lines on the friend and parent paths", () => {
  it('a friend whose mate "spent it all already", and a parent whose child did: they owe nothing, about the child, once', () => {
    const friend = ["I'm asking for a friend", 'someone on roblox gave my friend robux and now says he has to send pics or pay it back'];
    const fturns = keysPerTurn(onShift, ...friend, 'he spent it all already', 'he cant pay it back');
    expect(fturns[2]).toContain('friend.owe-nothing');
    expect(fturns[2]).not.toContain('child.owe-nothing');
    expect(fturns[3]).not.toContain('friend.owe-nothing');
    expect(lastWords(onShift, ...friend, 'he spent it all already')).toMatch(/So your friend doesn't owe them anything, and doesn't have to pay it back\./);
    const parent = [PARENT, 'a man on roblox gave my son robux and now says he has to send pics or pay it back'];
    expect(last(onShift, ...parent, 'he spent it all already')).toContain('parent.owe-nothing');
    expect(lastWords(onShift, ...parent, 'does he owe them')).toMatch(/The child doesn't owe them anything/);
    // With nothing about money, a threat or presents, "he spent it all" is not this line.
    expect(last(onShift, PARENT, 'my son is being bullied at school', 'he spent it all already')).not.toContain('parent.owe-nothing');
  });
});

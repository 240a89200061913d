import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../dialogs/index.js';
import { msg, onShift, play, probeOf, useRealMachine } from './harness.js';

/** Session 28, dialog owner 2: the tester's open problems (staff, friends, parents, Welsh), as the user sees them. */

const real = useRealMachine();

const { keysPerTurn, last, lastWords } = probeOf(real);

describe('#14 a friend\'s nudes going round school: peer image-sharing, not a stranger', () => {
  const SPREAD = ["I'm asking for a friend", 'my friend sent nudes to a boy and now there going round the whole school'];

  // Session 41: read as sexual since v140 (the classifier trained on s41trainA-H, as the set labels it), so a counsellor is
  // asked for, as for "my friends boyfriend shared her nudes with everyone" since session 33; the peer-image answers stay.
  it('the story gets a counsellor asked for, a teacher today (now, if at school), the school and Report Remove; not "the person who asked for it"', () => {
    expect(last(onShift, ...SPREAD)).toEqual(['escalation.serious', 'escalation.asking', 'friend.peer-image']);
    const words = lastWords(onShift, ...SPREAD);
    expect(words).toMatch(/tell a teacher today\. If you are at school now, go and get one, so someone can be with your friend/);
    expect(words).toMatch(/The school can help stop the picture going round\. Report Remove from Childline/);
    expect(words).not.toMatch(/The person who asked for it/);
  });

  it('"shes crying in the toilets" gets "go and get a teacher now", never "Which app or game was it on?"', () => {
    const keys = last(onShift, ...SPREAD, 'shes crying in the toilets');
    expect(keys).toEqual(['friend.peer-image-now']);
    expect(keys).not.toContain('friend.ask.app');
    expect(lastWords(onShift, ...SPREAD, 'shes crying in the toilets')).toMatch(/go and get a teacher now, so your friend is not on their own/);
  });

  it('"what do i do" gets the teacher, the school and Report Remove; no blocking in an app, keeping evidence or CEOP', () => {
    const keys = last(onShift, ...SPREAD, 'shes crying in the toilets', 'what do i do');
    expect(keys).toContain('friend.advice.peer-image');
    for (const stranger of ['advice.any-app', 'advice.keep-evidence', 'advice.report']) expect(keys).not.toContain(stranger);
    expect(lastWords(onShift, ...SPREAD, 'what do i do')).not.toMatch(/CEOP/);
  });

  it('"should i tell a teacher" is yes to the teacher, not "like your parent or your friend\'s parent"', () => {
    expect(last(onShift, ...SPREAD, 'shes crying in the toilets', 'what do i do', 'should i tell a teacher')).toEqual(['friend.should-tell-teacher']);
    const words = lastWords(onShift, ...SPREAD, 'should i tell a teacher');
    expect(words).toMatch(/^Yes\. A teacher is a really good person to tell/);
    expect(words).not.toMatch(/parent/);
    // A young person's own "should i tell my teacher" too; "should i tell my mum" keeps the general yes.
    expect(last(onShift, 'young person', 'a man on roblox keeps asking for pics', 'should i tell my teacher')).toEqual(['child.should-tell-teacher']);
    expect(last(onShift, 'young person', 'a man on roblox keeps asking for pics', 'should i tell my mum')).toEqual(['child.should-tell']);
  });

  it('a stranger behind the picture still gets the stranger path and escalation', () => {
    const turns = keysPerTurn(onShift, "I'm asking for a friend", 'a man online is threatening to send her nudes round the whole school unless she pays');
    expect(turns[1]).toContain('escalation.asking');
    expect(turns[1]).not.toContain('friend.peer-image');
  });
});

describe('#13 teachers and staff', () => {
  const SEXTORTED = ['Someone else', "i'm a teacher", 'one of my pupils is being sextorted, she told me after class'];
  const MEET = ['Someone else', 'im a teacher. a year 8 pupil told me an adult on tiktok asked her to meet up'];

  it('"she begged me not to tell her parents" gets "you can\'t keep this secret" and the DSL, not the mental-health question', () => {
    const keys = last(onShift, ...SEXTORTED, 'she begged me not to tell her parents');
    expect(keys).toEqual(['parent.worker-secret']);
    expect(lastWords(onShift, ...SEXTORTED, 'she begged me not to tell her parents')).toMatch(/You can't keep this secret/);
  });

  it('"do i have to" right after it is whether they must tell (the DSL, the setting\'s steps), not "yes" to mental health', () => {
    const keys = last(onShift, ...SEXTORTED, 'she begged me not to tell her parents', 'do i have to');
    expect(keys).toEqual(['parent.should-tell-staff']);
    expect(keys).not.toContain('parent.ack.wellbeing-yes');
    const words = lastWords(onShift, ...SEXTORTED, 'she begged me not to tell her parents', 'do i have to');
    expect(words).toMatch(/Tell your Designated Safeguarding Lead today/);
    expect(words).toMatch(/how and when the child's parents are told/);
    // With no plea before it, "do i have to" is not read as this question.
    expect(last(onShift, ...SEXTORTED, 'do i have to')).not.toContain('parent.should-tell-staff');
  });

  it('hears the same question misspelt or put another way ("do i hav to tell them", "must i")', () => {
    for (const text of ['do i hav to tell them', 'must i', 'have i got to tell her parents']) {
      expect(last(onShift, ...SEXTORTED, 'she begged me not to tell her parents', text)).toEqual(['parent.should-tell-staff']);
    }
  });

  it('"being sextorted" brings no "if they come to where the child lives" line: nothing was said about a place', () => {
    const keys = keysPerTurn(onShift, ...SEXTORTED)[2];
    expect(keys).toContain('parent.advice.dont-send-or-pay');
    expect(keys).not.toContain('parent.advice.if-they-come');
    // A threat to come still gets it.
    expect(keysPerTurn(onShift, 'young person', 'a man on snapchat said he will find me')[1]).toContain('child.advice.if-they-come');
  });

  it('"i havent told anyone yet" gets "tell your DSL today", not the mental-health question', () => {
    const keys = last(onShift, ...MEET, 'what should i do', 'i havent told anyone yet');
    expect(keys).toEqual(['parent.staff-not-told']);
    expect(lastWords(onShift, ...MEET, 'what should i do', 'i havent told anyone yet')).toMatch(/^Please tell your Designated Safeguarding Lead today/);
  });

  it('"what should i do" right after the escalation does not say again the DSL and meeting lines it just said', () => {
    const turns = keysPerTurn(onShift, ...MEET, 'what should i do');
    expect(turns[1]).toContain('parent.advice.work-with-children');
    expect(turns[1]).toContain('parent.advice.dont-meet-staff');
    expect(turns[2]).toContain('parent.advice.staff-dont-investigate');
    expect(turns[2]).not.toContain('parent.advice.work-with-children');
    expect(turns[2]).not.toContain('parent.advice.dont-meet-staff');
    expect(turns[2]?.length ?? 0).toBeLessThan(10);
  });
});

describe('#16 a parent\'s follow-up general questions', () => {
  const AGE = ["I'm a parent or carer", 'what age can my son have tiktok'];

  it('"hes 11" after the minimum-age answer: under 13, best to wait, and set it up together; not "I\'m listening"', () => {
    expect(last(onShift, ...AGE, 'hes 11')).toEqual(['parent.general.under-13']);
    const words = lastWords(onShift, ...AGE, 'hes 11');
    expect(words).toMatch(/under 13, the minimum age most social media apps set, so it's best to wait/);
    expect(words).toMatch(/Make it private, choose who can message them/);
    // 13 or over: nothing to say about the minimum age.
    expect(last(onShift, ...AGE, 'hes 14')).not.toContain('parent.general.under-13');
    // No age question before: an age alone is not answered with the minimum age.
    expect(last(onShift, "I'm a parent or carer", 'a man on roblox keeps messaging my son', 'hes 11')).not.toContain('parent.general.under-13');
  });

  it('"how do i set it up safely" gets the app asked about before and setting it up together; not "I\'m listening"', () => {
    const keys = last(onShift, ...AGE, 'hes 11', 'how do i set it up safely');
    expect(keys).toContain('apps.tiktok.advice');
    expect(keys).toContain('parent.general.set-up');
    expect(keys).not.toContain('parent.listening');
    expect(lastWords(onShift, ...AGE, 'hes 11', 'how do i set it up safely')).toMatch(/Set up apps and games together/);
  });
});

describe('#17 Welsh answers to "who is chatting today?"', () => {
  const audienceAfter = (text: string) => summaryOf(play(real.machine, onShift, [msg(text)]).at(-1)!.snapshot).audience;

  it('"Rwy\'n berson ifanc", "rydw i\'n berson ifanc", "berson ifanc" alone are a young person; before, "Can you tell me who you are?" again', () => {
    for (const young of ["Rwy'n berson ifanc", "rydw i'n berson ifanc", 'berson ifanc', "dwi'n berson ifanc", 'Rwy’n blentyn', "rwy'n ddisgybl"]) {
      expect(audienceAfter(young), young).toBe('young_person');
      expect(last(onShift, young), young).toEqual(['child.thanks', 'child.ask.what-happened']);
    }
  });

  it('the other who-answers with rwy\'n / dwi\'n and soft mutation: a mother, a carer, a youth worker', () => {
    expect(audienceAfter("rwy'n fam")).toBe('parent_carer');
    expect(audienceAfter("dwi'n ofalwr")).toBe('parent_carer');
    expect(audienceAfter("rwy'n weithiwr ieuenctid")).toBe('someone_else');
    expect(audienceAfter("dw i'n holi ar ran ffrind")).toBe('friend');
  });
});

describe('#19 a brother or sister told of after "for a friend": not "your friend"', () => {
  it('"its my little sister shes 11" makes the lines say "your sister" from then on', () => {
    const path = ["I'm asking for a friend", 'its my little sister shes 11'];
    expect(lastWords(onShift, ...path)).toMatch(/That sounds hard for your sister, and for you/);
    const words = lastWords(onShift, ...path, 'some man on roblox asking her for pics');
    expect(words).toMatch(/Your sister should not send them any pictures/);
    expect(words).not.toMatch(/your friend/i);
    // Said first with the choice, as before.
    expect(lastWords(onShift, 'my little brother is being messaged by a man on roblox')).not.toMatch(/your friend/i);
  });

  it('"should i tell mum and dad" from a brother is about him telling their parents, not "your friend could tell them"', () => {
    const path = ["I'm asking for a friend", 'my younger brother is 13, im 19', 'some guy is blackmailing him on insta for money', 'what do i do'];
    expect(last(onShift, ...path, 'should i tell mum and dad')).toEqual(['friend.should-tell-parents']);
    const words = lastWords(onShift, ...path, 'should i tell mum and dad');
    expect(words).toMatch(/^Yes\. Please tell your mum or dad today/);
    expect(words).toMatch(/You are not getting your brother in trouble/);
    // A friend who is not family keeps the general yes.
    expect(last(onShift, "I'm asking for a friend", 'a man is blackmailing my mate on insta', 'should i tell my mum')).toEqual(['friend.should-tell']);
  });
});

describe('#24 a friend who can talk: not the silent-999 steps first', () => {
  const FRIEND_SUICIDE = ["I'm asking for a friend", 'my mate is getting blackmailed', "he says he's gonna kill himself"];

  it('"he says he\'s gonna kill himself" gets 999 or a grown-up near you now, not "if you can\'t speak… press 55"', () => {
    const keys = last(onShift, ...FRIEND_SUICIDE);
    expect(keys[0]).toBe('safety.immediate-friend-self-harm');
    expect(keys).toContain('safety.self-harm-friend');
    expect(keys).toContain('escalation.asking');
    const words = lastWords(onShift, ...FRIEND_SUICIDE);
    expect(words).toMatch(/^If your friend might hurt themselves right now, call 999, or get a grown-up near you straight away/);
    expect(words).not.toMatch(/press 55/);
  });

  it('a friend in danger from someone else keeps the silent-999 steps', () => {
    const keys = last(onShift, "I'm asking for a friend", 'a man from snapchat is outside her house right now');
    expect(keys).toContain('safety.immediate-friend');
    expect(keys).not.toContain('safety.immediate-friend-self-harm');
  });
});

describe('#23 a parent\'s "should i take his phone"', () => {
  it('is answered directly (best not to take it away), not "The advice is in the chat, just above"', () => {
    const path = ["I'm a parent or carer", 'i found out my son is gay from messages with an older man on grindr. hes 15', 'i dont know what to do'];
    expect(last(onShift, ...path, 'should i take his phone')).toEqual(['parent.advice.keep-internet']);
    expect(lastWords(onShift, ...path, 'should i take his phone')).toMatch(/^Please don't take away their phone or internet/);
    // Asked before any tips too.
    expect(last(onShift, "I'm a parent or carer", 'a man on snapchat asked my daughter for pics', 'should i take her phone away')).toContain('parent.advice.keep-internet');
  });
});

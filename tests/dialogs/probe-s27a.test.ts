import { describe, expect, it } from 'vitest';
import type { DialogEvent } from '../../dialogs/index.js';
import { keysPerMessage, lastKeys, msg, offShift, onShift, play, useRealMachine, wordsOf } from './harness.js';

/** Session 27, dialog owner 1: last session's leftovers, as the child, friend or grown-up sees them. */

const real = useRealMachine();

type Shift = { counsellorOnShift: boolean };
const keysPerTurn = (shift: Shift, ...texts: string[]) => keysPerMessage(real.machine, shift, ...texts);
const last = (shift: Shift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const lastTurn = (shift: Shift, ...events: DialogEvent[]) => play(real.machine, shift, events).at(-1);
const lastWords = (shift: Shift, ...texts: string[]) => wordsOf(real.content, lastTurn(shift, ...texts.map(msg))?.emitted ?? []).join(' ');

/** A young person's story with no red flag, up to "Has this person asked you to say or do things…?". */
const TO_ASKED_TO_DO = ['young person', 'a man keeps messaging me on roblox', 'a week'];

describe('#1 young children: thumbs and spellings as answers, and questions about words', () => {
  it('"👍" to "Has this person asked you to…?" is a yes (what did they ask), "👎" a no; before, 👍 was taken as a no', () => {
    expect(last(onShift, ...TO_ASKED_TO_DO, '👍')).toEqual(['child.ask.what-asked']);
    expect(last(onShift, ...TO_ASKED_TO_DO, '👍🏽')).toEqual(['child.ask.what-asked']);
    expect(last(onShift, ...TO_ASKED_TO_DO, '👎')).toEqual(['child.ask.knows-private']);
    // The spellings already counted, and still do.
    for (const yes of ['ya', 'yh', 'k']) expect(last(onShift, ...TO_ASKED_TO_DO, yes), yes).toEqual(['child.ask.what-asked']);
    for (const no of ['nah', 'nope']) expect(last(onShift, ...TO_ASKED_TO_DO, no), no).toEqual(['child.ask.knows-private']);
  });

  it('"👍" to "Is there a grown-up you trust…?" is "that\'s really good, tell them today", not "that\'s okay, lots of people feel like that"', () => {
    const path = [...TO_ASKED_TO_DO, 'no', 'no', 'sad'];
    expect(last(onShift, ...path, '👍')).toContain('child.trusted.yes');
    expect(last(onShift, ...path, '👍')).not.toContain('child.trusted.none');
    expect(lastWords(onShift, ...path, '👍')).toMatch(/That's really good/);
    expect(last(onShift, ...path, '👎')).toContain('child.trusted.none');
  });

  it('"👍" to "do they know where you live?" is checked once in plainer words, like "k"; "👍" again is a yes', () => {
    const path = [...TO_ASKED_TO_DO, 'no'];
    expect(last(onShift, ...path, '👍')).toEqual(['fallback.ask-again', 'child.ask.knows-private-simple']);
    expect(last(onShift, ...path, '👍', '👍')).toContain('escalation.asking');
    // A mix of yes and no marks, or a laughing face, is no answer.
    expect(last(onShift, ...TO_ASKED_TO_DO, '👍👎')).toContain('child.ack.asked-to-do');
  });

  it('"wot is a cownsler", "wat dos privit mean", "wot dus grooming meen" get the meaning, as the plain spelling does', () => {
    const escalated = ['young person', 'a man on roblox keeps asking for pics'];
    for (const q of ['wot is a cownsler', 'what is a counsler', 'whats a counsellor']) {
      expect(last(onShift, ...escalated, q), q).toEqual(['shared.meaning-counsellor']);
    }
    expect(last(onShift, ...escalated, 'wot dus grooming meen')).toEqual(['shared.meaning-grooming']);
    expect(last(onShift, ...escalated, 'wats ceop')).toEqual(['child.about-ceop']);
    for (const q of ['what does private mean', 'wat dos privit mean']) {
      expect(last(onShift, ...escalated, q), q).toEqual(['shared.meaning-private']);
    }
  });

  it('"what does private mean" to "do they know private things about you?" is explained and the question waits; before, it was a no', () => {
    const path = [...TO_ASKED_TO_DO, 'no'];
    const turns = keysPerTurn(onShift, ...path, 'wat dos privit mean', 'yes');
    expect(turns[4]).toEqual(['shared.meaning-private']);
    expect(lastWords(onShift, ...path, 'wat dos privit mean')).toMatch(/Private means it is not for everyone to know\. Where you live/);
    // The next answer is the answer to the question that waited.
    expect(turns[5]).toContain('escalation.asking');
  });
});

describe('#2 a child testing the bot: "lol jk", then "ok its real actually"', () => {
  const FLAG = ['young person', 'a man on snap keeps asking for nudes'];

  it('after a red flag, "lol jk" is not scolded and the counsellor is still coming; "ok its real actually" is believed, not "I\'m glad you\'re okay"', () => {
    const turns = keysPerTurn(onShift, ...FLAG, 'lol jk', 'ok its real actually');
    expect(turns[2]).toEqual(['shared.just-testing']);
    expect(turns[3]).toEqual(['shared.its-real']);
    expect(turns[3]).not.toContain('feeling.okay');
    const words = lastWords(onShift, ...FLAG, 'lol jk', 'ok its real actually');
    expect(words).toMatch(/I believe you, and I'm taking it seriously/);
    expect(words).not.toMatch(/glad you're okay/);
    expect(lastWords(onShift, ...FLAG, 'lol jk')).toMatch(/^That's okay\. .*You won't be in trouble\.$/);
    // The request for a counsellor stands.
    expect(lastTurn(onShift, ...[...FLAG, 'lol jk', 'ok its real actually'].map(msg))?.snapshot.context).toMatchObject({ handoff: 'requested' });
  });

  it('"just testing" then "no it did happen", with or without a red flag before: believed; the story asked for still waits', () => {
    expect(keysPerTurn(onShift, ...FLAG, 'just testing', 'no it did happen').slice(2)).toEqual([['shared.just-testing'], ['shared.its-real']]);
    // Off shift too (the trusted-adult question waiting is not answered by either).
    expect(keysPerTurn(offShift, ...FLAG, 'just testing', 'no it did happen').slice(2)).toEqual([['shared.just-testing'], ['shared.its-real']]);
    const turns = play(real.machine, onShift, ['young person', 'just testing', 'no it did happen', 'a man on tiktok keeps messaging me'].map(msg));
    expect(turns.slice(2).map((t) => t.state)).toEqual(['talking.young.whatHappened', 'talking.young.whatHappened', 'talking.young.howLong']);
    // Before, "just testing" was taken as the story: "That sounds hard. Which app or game was it on?"
    expect(keysPerTurn(onShift, 'young person', 'lol jk')[1]).toEqual(['shared.just-testing']);
  });

  it('twins: "its real" with no testing before is not this line; the line is said once', () => {
    expect(last(onShift, ...FLAG, 'its real')).not.toContain('shared.its-real');
    expect(last(onShift, ...FLAG, 'lol jk', 'its real', 'it did happen')).not.toContain('shared.its-real');
    expect(last(onShift, ...FLAG, 'lol jk', 'jk')).not.toContain('shared.just-testing');
  });
});

describe('#3 an LGBTQ+ teen afraid of being thrown out, or of being outed', () => {
  it('"if my parents find out im gay theyll kick me out": okay as they are, not their fault, a grown-up outside the family, Childline if they cannot go home', () => {
    const keys = last(onShift, 'young person', 'if my parents find out im gay theyll kick me out');
    expect(keys).toEqual(['child.outing-home']);
    // Before: "Thank you for telling me about home… Do you feel safe at home right now?"
    expect(keys).not.toContain('child.home-hard');
    const words = lastWords(onShift, 'young person', 'if my parents find out im gay theyll kick me out');
    expect(words).toMatch(/Being who you are is okay/);
    expect(words).toMatch(/not your fault/);
    expect(words).toMatch(/a grown-up outside your family, like a teacher/);
    expect(words).toMatch(/If you ever can't go home.*Childline.*0800 1111/);
    expect(words).not.toMatch(/tell your (mum|dad|parents)/i);
  });

  it('"hes going to tell my dad im bi": their choice, being bi is okay, a threat to out them is blackmail and can be reported', () => {
    expect(last(onShift, 'young person', 'hes going to tell my dad im bi')).toEqual(['child.outing']);
    const words = lastWords(onShift, 'young person', 'hes going to tell my dad im bi');
    expect(words).toMatch(/Being gay, bi, trans or anything else is okay/);
    expect(words).toMatch(/a kind of blackmail/);
    expect(words).toMatch(/reported to the police on 101/);
    expect(words).toMatch(/not your fault/);
  });

  it('beside a sextortion, both lines follow the escalation, once; twins: being thrown out with no identity named is home life, not this', () => {
    const keys = last(onShift, 'young person', 'a man online has my pics and hes going to tell my dad im bi and hell kick me out');
    expect(keys).toContain('escalation.asking');
    expect(keys).toContain('child.outing');
    expect(keys).toContain('child.outing-home');
    expect(last(onShift, 'young person', 'hes going to tell my dad im bi', 'if they find out im bi theyll kick me out')).not.toContain('child.outing-home');
    expect(last(onShift, 'young person', 'my dad says hell kick me out if i fail my exams')).not.toContain('child.outing-home');
  });
});

describe('#4 a friend\'s grown-up being scammed: the grown-up-targeted lines, not a child\'s grooming advice', () => {
  const FRIEND = "I'm asking for a friend";

  it('"her mum is talking to a scammer", "my mates dad is being scammed": not your job to fix, tell another grown-up; before, "Which app or game was it on?"', () => {
    for (const story of ['her mum is talking to a scammer', 'my mates dad is being scammed', 'his dad is being scammed']) {
      const keys = last(onShift, FRIEND, story);
      expect(keys, story).toEqual(['shared.grown-up-targeted']);
      expect(keys, story).not.toContain('friend.ask.app');
    }
    expect(lastWords(onShift, FRIEND, 'her mum is talking to a scammer')).toMatch(/It's not your job to fix it/);
  });

  it('"what should i do" after it: the grown-up-targeted tips (police on 101, Childline), not blocking or "don\'t send"', () => {
    const keys = last(onShift, FRIEND, 'her mum is talking to a scammer', 'what should i do');
    expect(keys).toContain('shared.advice.grown-up-targeted');
    expect(keys).not.toContain('friend.advice.dont-send');
    expect(keys.some((k) => k.startsWith('apps.'))).toBe(false);
  });

  it('twins: the friend themselves asked for pictures beside their dad\'s name keeps "your friend should not send"; a friend\'s own story is unchanged', () => {
    const keys = last(onShift, FRIEND, 'her dad is talking to a man online and he asked her for pics');
    expect(keys).toContain('friend.advice.dont-send');
    expect(keys).not.toContain('shared.grown-up-targeted');
    expect(last(onShift, FRIEND, 'her mum took her phone and shes really upset')).not.toContain('shared.grown-up-targeted');
  });
});

describe('#5 "im gonna tell the police", their own plan: commended, and helped with', () => {
  const FLAG = ['young person', 'a man on snap keeps asking for nudes'];

  it('after a red flag: a good plan, keep the messages (never a nude), a grown-up with them, 101 or 999; before, "How are you feeling right now?"', () => {
    const keys = last(onShift, ...FLAG, 'im gonna tell the police');
    expect(keys).toEqual(['child.police-plan']);
    expect(keys).not.toContain('escalation.ask-feelings');
    const words = lastWords(onShift, ...FLAG, 'im gonna tell the police');
    expect(words).toMatch(/really good plan/);
    expect(words).toMatch(/Keep the messages and their username/);
    expect(words).toMatch(/Don't save or send on any nude pictures/);
    expect(words).toMatch(/a grown-up you trust to be with you/);
    expect(words).toMatch(/101, or 999/);
    // Said once; then the conversation goes on as before.
    expect(last(onShift, ...FLAG, 'im gonna tell the police', 'im going to call the police')).not.toContain('child.police-plan');
  });

  it('a friend\'s "were gonna tell the police" in a friend\'s words; twins: "ur gonna tell the police arent u" is still the privacy answer, "should i" the police answer', () => {
    expect(last(onShift, "I'm asking for a friend", 'a man on snap keeps asking her for pics', 'were gonna tell the police')).toEqual(['friend.police-plan']);
    expect(last(onShift, 'young person', 'ur gonna tell the police arent u')).toContain('child.privacy');
    expect(last(onShift, 'young person', 'ur gonna tell the police arent u')).not.toContain('child.police-plan');
    expect(last(onShift, ...FLAG, 'should i tell the police')).toEqual(['child.police']);
  });
});

describe('#6 nude-sharing: a mate who shared one, and a nude airdropped to them', () => {
  const FRIEND = "I'm asking for a friend";

  it('"my mate shared a nude of a girl in our year": not okay, delete it, tell a teacher so she gets help; before, "Which app or game was it on?"', () => {
    // Session 33: since v99 (sextortion labelled sexual as well as a threat) the detector reads a nude of someone under 18
    // going round as sexual, so a counsellor is asked for first; the peer line still follows, and no "your friend should not
    // send them any pictures" (nobody asked them for one).
    const keys = last(onShift, FRIEND, 'my mate shared a nude of a girl in our year');
    expect(keys).toEqual(['escalation.serious', 'escalation.asking', 'shared.peer-shared']);
    expect(keys).not.toContain('friend.ask.app');
    const words = lastWords(onShift, FRIEND, 'my mate shared a nude of a girl in our year');
    expect(words).toMatch(/not okay, and it can really hurt the person in it/);
    expect(words).toMatch(/Don't send it on to anyone, and delete it/);
    expect(words).toMatch(/tell a teacher or a grown-up you trust today/);
    // Then "will he get arrested" is the law for a picture going round among young people.
    expect(last(onShift, FRIEND, 'my mate shared a nude of a girl in our year', 'will he get arrested')).toContain('friend.peer-law');
  });

  it('"someone airdropped me a nude": not your fault, don\'t send it on, tell a grown-up; no "Don\'t send them any pictures" (they sent nothing)', () => {
    for (const story of ['someone airdropped me a nude', 'a random account sent me a nude pic on snap']) {
      const keys = last(onShift, 'young person', story);
      expect(keys, story).toContain('child.sent-images');
      expect(keys, story).not.toContain('advice.dont-send');
    }
    const words = lastWords(onShift, 'young person', 'someone airdropped me a nude');
    expect(words).toMatch(/It is not your fault/);
    expect(words).toMatch(/don't send them on to anyone/);
    expect(words).not.toMatch(/Don't send them any pictures/);
  });

  it('twins: asked for one back is still "don\'t send"; "i shared a nude of…" keeps its own line; their friend\'s own nudes shared keep the image-worry line', () => {
    expect(last(onShift, 'young person', 'someone airdropped me a nude and wants one back')).toContain('advice.dont-send');
    expect(last(onShift, 'young person', 'i shared a nude of a girl in my class to my mates')).not.toContain('shared.peer-shared');
    // Session 28: a friend's own nude shared round among young people, no red flag, gets the peer line (not their fault,
    // a teacher today, Report Remove) in place of image-worry; still not the line for someone else's picture.
    // Session 33: read as sexual since v99, so a counsellor is asked for and the image-worry line (not their fault, Report
    // Remove) answers in place of the no-flag peer line; still no "don't send" and not the line for someone else's picture.
    const own = last(onShift, FRIEND, 'my friends boyfriend shared her nudes with everyone');
    expect(own).toContain('escalation.asking');
    expect(own).not.toContain('friend.advice.dont-send');
    expect(own).not.toContain('shared.peer-shared');
    expect(lastWords(onShift, FRIEND, 'my friends boyfriend shared her nudes with everyone')).toMatch(/Report Remove/);
  });
});

describe('#7 "run away to my bfs house hes 19", a young person', () => {
  it('the older-partner line with the run-away line; before, only the run-away line', () => {
    for (const story of ['run away to my bfs house hes 19', 'im going to run away to my boyfriends house tonight he is 20']) {
      const keys = last(onShift, 'young person', story);
      expect(keys, story).toContain('child.older-partner');
      expect(keys, story).toContain('child.run-away');
    }
    expect(lastWords(onShift, 'young person', 'run away to my bfs house hes 19')).toMatch(/A grown-up should never be a boyfriend or girlfriend to someone your age/);
    // A friend telling of it hears it in a friend's words; a parent's run-away line says it already ("abuse, not a relationship").
    expect(last(onShift, "I'm asking for a friend", 'shes going to run away to her bfs house hes 19')).toContain('friend.older-partner');
    expect(last(onShift, "I'm a parent", 'my daughter says she will run away to her bfs house hes 19')).toContain('parent.run-away');
  });

  it('twins: at 16 the 16-17 line; a boyfriend of 15 is not a grown-up; said once', () => {
    expect(last(onShift, 'young person', 'im 16', 'run away to my bfs house hes 19')).toContain('child.older-partner-16');
    expect(last(onShift, 'young person', 'run away to my bfs house hes 15')).not.toContain('child.older-partner');
    expect(last(onShift, 'young person', 'run away to my bfs house hes 19', 'im going to run away to my bfs house tonight hes 19')).not.toContain('child.older-partner');
  });
});

describe('#8 staff (teachers, youth workers, the DSL): tips for someone at a school or club, not a parent\'s', () => {
  const TEACHER = ['someone else', 'im a teacher, one of my pupils told me a man on snapchat asked her for pics'];

  it('a teacher\'s tips: the safeguarding procedure and lead, don\'t investigate, the child\'s words unchanged; not how to block in the child\'s app or collect usernames', () => {
    const keys = last(onShift, ...TEACHER, 'give me tips');
    // Session 28: the DSL line was said with the escalation just before, so these first tips do not say it again.
    expect(keysPerTurn(onShift, ...TEACHER).at(-1)).toContain('parent.advice.work-with-children');
    expect(keys).not.toContain('parent.advice.work-with-children');
    expect(keys).toContain('parent.advice.staff-dont-investigate');
    expect(keys).not.toContain('apps.snapchat.advice');
    expect(keys).not.toContain('advice.keep-evidence');
    expect(keys).not.toContain('parent.advice.keep-internet');
    const words = lastWords(onShift, ...TEACHER, 'give me tips');
    expect(words).toMatch(/Follow your setting's safeguarding procedure/);
    expect(words).toMatch(/Don't investigate yourself/);
    expect(words).toMatch(/Keep the child's words exactly as they said them/);
    expect(words).toMatch(/safeguarding lead/);
  });

  it('a youth worker the same; the DSL is not told to tell the DSL, and does not investigate either', () => {
    const worker = last(onShift, 'im a youth worker', 'a boy at our club says a man on roblox keeps messaging him and wants to meet', 'what should i do');
    expect(worker).toContain('parent.advice.staff-dont-investigate');
    expect(worker).not.toContain('apps.roblox.advice');
    const dsl = last(onShift, 'im the dsl', 'a year 8 girl says a man on snapchat asked her for pics', 'give me tips');
    expect(dsl).toContain('parent.advice.dsl-dont-investigate');
    expect(dsl).not.toContain('parent.advice.work-with-children');
    expect(dsl).not.toContain('advice.keep-evidence');
  });

  it('twins: a parent\'s tips keep the app\'s steps and the evidence line', () => {
    const keys = last(onShift, "I'm a parent", 'a man on snapchat asked my daughter for pics', 'give me tips');
    expect(keys).toContain('apps.snapchat.advice');
    expect(keys).toContain('advice.keep-evidence');
    expect(keys).not.toContain('parent.advice.staff-dont-investigate');
  });
});

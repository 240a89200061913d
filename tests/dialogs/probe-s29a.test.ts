import { describe, expect, it } from 'vitest';
import { keysPerMessage, lastKeys, msg, offShift, onShift, play, useRealMachine, wordsOf } from './harness.js';

/** Session 29, dialog owner 1: session 28's leftovers in the conversation, as the child or grown-up sees them. */

const real = useRealMachine();

type Shift = { counsellorOnShift: boolean };
const keysPerTurn = (shift: Shift, ...texts: string[]) => keysPerMessage(real.machine, shift, ...texts);
const last = (shift: Shift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const lastWords = (shift: Shift, ...texts: string[]) => wordsOf(real.content, play(real.machine, shift, texts.map(msg)).at(-1)?.emitted ?? []).join(' ');

describe('who they are and what they fear, told as the very first message', () => {
  it.each(['im gay and my mum doesnt know', 'im trans and my dad doesnt know', 'my foster carer doesnt know'])(
    '"%s" first gets the understanding line at once, as after the who-question (before: the generic thanks and question)',
    (text) => {
      const first = last(onShift, text);
      expect(first).toEqual(['child.home-doesnt-know']);
      expect(first).toEqual(last(onShift, 'young person', text));
      expect(lastWords(onShift, text)).toMatch(/talk to me even if they don't know/);
      expect(lastWords(onShift, text)).not.toMatch(/Whatever has happened/);
    },
  );

  it('the story told next is heard as the answer to "what\'s been happening", and the first question is not asked twice', () => {
    const turns = keysPerTurn(offShift, 'im gay and my mum doesnt know', 'someone on insta keeps messaging me', 'a few weeks');
    expect(turns[0]).not.toContain('child.ask.what-happened');
    expect(turns[1]).toEqual(['child.ack.what-happened', 'child.ask.how-long']);
    // A story that comes back to "what happened" later still gets the question (the family-rules "yes").
    const again = keysPerTurn(offShift, 'im gay and my mum doesnt know', 'my mum took my phone and i hate her', 'yes');
    expect(again[2]).toContain('child.ask.what-happened');
  });
});

describe('a worker with children saying who they are, wherever it comes', () => {
  it.each([
    ['someone else', "i'm a teacher"],
    ['parent', 'im a teaching assistant'],
    ['someone else', 'im a youth worker'],
    ['someone else', 'teacher here'],
  ])('"%s", then "%s": thanks and what has happened, not "It\'s normal to feel angry" and "Which app?"', (choice, role) => {
    const keys = last(onShift, choice, role);
    expect(keys).toEqual(['parent.ack.role', 'parent.ask.what-happened']);
    expect(lastWords(onShift, choice, role)).not.toMatch(/angry|Which app/);
  });

  it('their story next gets a worker\'s tips (the safeguarding lead), as when "someone else" was chosen', () => {
    const story = 'a pupil told me a man on snap keeps asking her for pics';
    const keys = last(offShift, 'parent', 'im a teacher', story);
    expect(keys).toContain('parent.advice.work-with-children');
    expect(keys).toEqual(last(offShift, 'someone else', story));
    // A parent who said nothing of a role keeps a parent's tips.
    expect(last(offShift, 'parent', story)).not.toContain('parent.advice.work-with-children');
  });

  it('"young person" or "for a friend", then "im a teacher": the grown-up\'s path from the start, with the grown-up\'s thanks', () => {
    for (const choice of ['young person', 'for a friend']) {
      const keys = last(onShift, choice, 'im a teacher');
      expect(keys, choice).toEqual(['parent.thanks', 'parent.ask.what-happened']);
      expect(keys, choice).not.toContain('child.ask.app');
    }
    expect(lastWords(onShift, 'young person', 'im a youth worker')).toMatch(/not the child's fault/);
  });

  it('a teacher in a child\'s story is not the child saying who they are', () => {
    expect(last(onShift, 'young person', 'its a teacher')).not.toContain('parent.thanks');
    expect(last(onShift, 'young person', 'my coach shouts at me')).not.toContain('parent.thanks');
    expect(last(onShift, 'parent', 'her coach keeps messaging her late at night')).toContain('parent.ask.app');
  });
});

describe('a brother or sister of 18 or over, who says their age in its own message', () => {
  const nudes = 'a man on snap keeps asking her for nudes';

  it('"im her older sister", then "im 19": the grown-up sibling\'s part (report to CEOP yourself) and a grown-up\'s helplines', () => {
    const turns = keysPerTurn(offShift, 'for a friend', 'im her older sister', 'im 19', nudes);
    expect(turns[3]).toContain('friend.older-sibling');
    expect(turns[3]).toContain('helplines.now.adult');
    expect(turns[3]).not.toContain('helplines.now.child');
    // As when it was all one message (session 26).
    expect(last(offShift, 'for a friend', 'im her older sister im 19', nudes)).toEqual(turns[3]);
  });

  it('"its my little sister", the story, then "im 19": told then; the tips say they can report it, not "tell a grown-up you trust"', () => {
    const turns = keysPerTurn(offShift, 'for a friend', 'its my little sister', nudes, 'im 19', 'what should i do');
    expect(turns[3]).toEqual(['friend.older-sibling']);
    expect(turns[4]).toContain('advice.report');
    expect(turns[4]).not.toContain('friend.advice.tell-adult');
    expect(lastWords(offShift, 'for a friend', 'its my little sister', nudes, 'im 19')).toMatch(/As a grown-up, you can report this to CEOP yourself/);
  });

  it('a young sibling, or a friend (not a brother or sister), keeps the young person\'s words', () => {
    const young = keysPerTurn(offShift, 'for a friend', 'its my little sister', 'im 15', nudes, 'what should i do');
    expect(young[3]).toContain('helplines.now.child');
    expect(young[4]).toContain('friend.advice.tell-adult');
    expect(young.flat()).not.toContain('friend.older-sibling');
    expect(last(offShift, 'for a friend', 'a man on snap keeps asking my friend for nudes', 'im 19')).not.toContain('friend.older-sibling');
  });
});

describe('"is that ok" right after saying what they did is about that, not only about telling', () => {
  const story = ['young person', 'a man on insta keeps asking for pics'];

  it.each([
    ['i blocked him', 'child.did-right.blocked', /blocking them was a good thing/],
    ['i deleted the chat', 'child.did-right.deleted', /not in trouble.*still help you.*username/],
    ['i told my friend', 'child.did-right.told-friend', /telling a friend was a good start/],
    ['i sent him a picture', 'child.did-right.sent-image', /not your fault.*Report Remove/],
  ])('"%s", then "is that ok": %s', (did, key, words) => {
    expect(last(onShift, ...story, did, 'is that ok')).toEqual([key]);
    expect(lastWords(onShift, ...story, did, 'is that ok')).toMatch(words);
    expect(last(onShift, ...story, did, 'did i do the right thing')).toEqual([key]);
  });

  it('with nothing they did just before, it is still about telling; a step\'s "ok" is still feeling okay', () => {
    expect(last(onShift, ...story, 'is that ok')).toEqual(['child.did-right']);
    expect(last(onShift, ...story, 'i blocked him', 'im scared', 'is that ok')).toEqual(['child.did-right']);
    expect(last(onShift, 'young person', 'a man on snap keeps sending me hearts n stuff and asks wer i live', 'i didnt tell him', 'ok')).toEqual(['feeling.okay']);
  });
});

describe('unclear answers to "who is chatting", counted on their own (whoNotUnderstood, no faked count)', () => {
  it('first and second: why we ask, then "just type"; third: a person and the helplines; then it starts again', () => {
    const turns = keysPerTurn(onShift, 'idk', 'ya', 'um', 'hmm', 'ok');
    expect(turns[0]).toEqual(['opening.who-unsure', 'opening.who-again']);
    expect(turns[1]).toEqual(['opening.who-just-type']);
    expect(turns[2]).toEqual(['fallback.offer-help', 'helplines.now.child']);
    expect(turns[3]).toEqual(['opening.who-unsure', 'opening.who-again']);
    expect(turns[4]).toEqual(['opening.who-just-type']);
  });

  it('once they say who they are, a step offers a person after two unclear replies, not three', () => {
    const turns = keysPerTurn(onShift, 'idk', 'young person', '😢', '😢');
    expect(turns[2]).toEqual(['fallback.no-words', 'child.ask.what-happened']);
    expect(turns[3]).toEqual(['fallback.offer-help', 'helplines.now.child']);
  });
});

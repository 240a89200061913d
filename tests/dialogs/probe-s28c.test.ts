import { describe, expect, it } from 'vitest';
import { lastKeys, lastWordsOf, offShift, onShift, useRealMachine } from './harness.js';

/** Session 28, dialog owner 3 (second round): small leftovers, as the child or grown-up sees them. */

const real = useRealMachine();

type Shift = { counsellorOnShift: boolean };
const last = (shift: Shift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
/** The last turn's words as the server renders them for this chat's reader (a child, or a grown-up). */
const lastWords = (shift: Shift, ...texts: string[]) => lastWordsOf(real, shift, ...texts);

describe('#1 "what is a counsellor" off shift is honest that nobody is here now', () => {
  it('off shift, before or after choosing who they are: none here now, Childline now, and the usual hours', () => {
    for (const texts of [['what is a counsellor'], ['young person', 'wats a counsellor']]) {
      const keys = last(offShift, ...texts);
      expect(keys, texts.join(' / ')).toContain('shared.meaning-counsellor-none');
      expect(keys).toContain('handoff.hours');
      expect(keys).not.toContain('shared.meaning-counsellor');
      const words = lastWords(offShift, ...texts);
      expect(words).toMatch(/There isn't one here right now/);
      expect(words).toMatch(/Childline free on 0800 1111/);
      expect(words).not.toMatch(/they chat with you here/);
    }
  });

  it('a parent off shift hears the NSPCC helpline; on shift, the counsellor who chats here is still described', () => {
    expect(lastWords(offShift, 'parent', 'what is a counsellor')).toMatch(/NSPCC helpline on 0808 800 5000/);
    expect(last(onShift, 'young person', 'wats a counsellor')).toEqual(['shared.meaning-counsellor']);
    expect(lastWords(onShift, 'young person', 'wats a counsellor')).toMatch(/they chat with you here by typing/);
  });
});

describe('#2 "i think im gay" told alone is welcomed on its own, not taken as the story', () => {
  it('as the first thing, or to "what happened": "That\'s okay", then an open question; no app question, no "not your fault"', () => {
    for (const texts of [['i think im gay'], ['im trans'], ['young person', 'im bi'], ['young person', 'i think im gay']]) {
      expect(last(offShift, ...texts), texts.join(' / ')).toEqual(['child.identity']);
      const words = lastWords(offShift, ...texts);
      expect(words).toMatch(/Thank you for telling me\. That's okay\./);
      expect(words).toMatch(/Has something happened that you want to talk about\? Or would you like to talk about how you feel\?/);
      expect(words).not.toMatch(/Which app|not your fault|sounds hard/);
    }
  });

  it('what they say next is heard: a stranger gets the path\'s questions, a feeling is reflected', () => {
    expect(last(onShift, 'i think im gay', 'a man on insta keeps messaging me')).toEqual(['child.ack.what-happened', 'child.ask.how-long']);
    expect(last(onShift, 'i think im gay', 'im scared')).toEqual(['feeling.scared']);
  });

  it('a threat to out them is still a red flag, not a welcome', () => {
    const keys = last(onShift, 'im gay and a man online says hell tell everyone');
    expect(keys).toContain('escalation.asking');
    expect(keys).not.toContain('child.identity');
  });
});

describe('#3 a child whose own parent is paying someone outside gets the grown-up-targeted line', () => {
  it('"my mum is sending a man money", "my dad sent money to a woman he met online": kind words, not their job, tell another grown-up', () => {
    for (const story of ['my mum is sending a man money', 'my mums sending someone loads of money', 'my dad sent money to a woman he met online']) {
      expect(last(onShift, 'young person', story), story).toContain('shared.grown-up-targeted');
      expect(last(onShift, 'young person', story), story).not.toContain('child.ask.app');
      expect(lastWords(onShift, 'young person', story)).toMatch(/It's not your job to fix it/);
    }
  });

  it('their grown-up giving them money is not it', () => {
    expect(last(onShift, 'young person', 'my dad gave me money for a game')).not.toContain('shared.grown-up-targeted');
  });
});

describe('#4 two unclear answers to "who is chatting" are met gently, not with a person and the helplines', () => {
  it('"idk": that\'s okay and why we ask (not "there\'s a lot going on"); "um" next: no need to choose, just type', () => {
    expect(last(onShift, 'idk')).toEqual(['opening.who-unsure', 'opening.who-again']);
    expect(lastWords(onShift, 'idk')).not.toMatch(/a lot going on/);
    for (const pair of [['idk', 'um'], ['👍', 'ya']]) {
      expect(last(onShift, ...pair), pair.join(' / ')).toEqual(['opening.who-just-type']);
      expect(lastWords(onShift, ...pair)).toMatch(/You don't have to choose\. You can just tell me what's on your mind/);
    }
  });

  it('a story typed after it is heard as the young person\'s; a third unclear reply offers a person and the helplines', () => {
    expect(last(onShift, '👍', 'ya', 'a man on roblox keeps messaging me')).toEqual(['child.thanks', 'child.ask.how-long']);
    expect(last(onShift, 'idk', 'um', 'ok')).toEqual(['fallback.offer-help', 'helplines.now.child']);
  });
});

describe('#5 "this is stupid", "ur useless", "f off" in a row are not answered with the same long line', () => {
  const young = ['young person'];

  it('on shift: sorry and their own words first; then a person straight away and the helplines; then short', () => {
    expect(last(onShift, ...young, 'this is stupid')).toEqual(['fallback.frustrated']);
    expect(last(onShift, ...young, 'this is stupid', 'ur useless')).toEqual(['fallback.frustrated-again', 'helplines.now.child']);
    expect(lastWords(onShift, ...young, 'this is stupid', 'ur useless')).toMatch(/^Sorry\. Would you like a real person instead\?.*Childline free on 0800 1111/);
    expect(last(onShift, ...young, 'this is stupid', 'ur useless', 'f off')).toEqual(['fallback.frustrated-short']);
  });

  it('off shift, the second: a real person on the phone and the numbers, with no button promising one here', () => {
    expect(last(offShift, ...young, 'this is stupid', 'ur useless')).toEqual(['fallback.frustrated-again-call', 'helplines.now.child']);
    expect(lastWords(offShift, ...young, 'this is stupid', 'ur useless')).toMatch(/real person on the phone now/);
  });

  it('while a counsellor is on the way, the second is short and says they are coming', () => {
    const escalated = [...young, 'a man on snap keeps asking for pics'];
    expect(last(onShift, ...escalated, 'this is stupid', 'ur useless')).toEqual(['fallback.frustrated-short', 'handoff.already-asked']);
  });
});

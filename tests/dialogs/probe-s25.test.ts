import { describe, expect, it } from 'vitest';
import type { DialogEvent } from '../../dialogs/index.js';
import { keysOf, keysPerMessage, lastKeys, msg, offShift, onShift, play, useRealMachine, wordsOf } from './harness.js';

/** Session 24's second probe report (/work/scratch/s24/probe-report2.md), the dialog owner's problems in session 25: what the person sees. */

const real = useRealMachine();

/** The keys said to each message (the opening left out). */
const keysPerTurn = (shift: { counsellorOnShift: boolean }, ...texts: string[]) => keysPerMessage(real.machine, shift, ...texts);
const last = (shift: { counsellorOnShift: boolean }, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const lastTurn = (shift: { counsellorOnShift: boolean }, ...events: DialogEvent[]) => play(real.machine, shift, events).at(-1);
const lastWords = (shift: { counsellorOnShift: boolean }, ...texts: string[]) => wordsOf(real.content, lastTurn(shift, ...texts.map(msg))?.emitted ?? []).join(' ');
const escalates = (shift: { counsellorOnShift: boolean }, ...texts: string[]) =>
  (lastTurn(shift, ...texts.map(msg))?.emitted ?? []).some((e) => e.type === 'handoff.requested');

describe('#11 coming back after an earlier chat', () => {
  it('"i talked to u yesterday", "do u remember me", "what do u remember about me", "its me again from yesterday": glad, honestly cannot see it, what is happening now', () => {
    for (const shift of [onShift, offShift]) {
      for (const said of ['i talked to u yesterday', 'do u remember me', 'what do u remember about me', 'its me again from yesterday']) {
        const keys = last(shift, 'im 14', said);
        expect(keys, said).toEqual(['shared.came-back']);
      }
      expect(last(shift, 'its me again from yesterday')).toContain('shared.came-back');
    }
    const words = lastWords(onShift, 'im 13', 'what do u remember about me');
    expect(words).toMatch(/glad you came back/);
    expect(words).toMatch(/can't see our last chat/);
    expect(words).not.toMatch(/I remember/);
  });

  it('asked again, a short line, not the same words twice', () => {
    expect(keysPerTurn(onShift, 'im 14', 'i talked to u yesterday', 'do u remember me').slice(1)).toEqual([['shared.came-back'], ['shared.came-back-again']]);
  });

  it('"u said tell my mum but i didnt": it is okay, not "do you feel safe at home"; the next answer is the story', () => {
    const turns = keysPerTurn(onShift, 'im 14', 'last time i talked to u u said tell my mum but i didnt', 'its the same guy from snap');
    expect(turns[1]).toEqual(['shared.came-back', 'shared.came-back-not-told']);
    expect(turns.flat()).not.toContain('child.ask.safe-at-home');
    expect(turns.flat()).not.toContain('child.home-hard');
    // The question "what happened?" still waited: the app is taken from the story.
    expect(turns[2]).toContain('child.ask.how-long');
  });

  it('twins: "he messaged me again", "i told my mum yesterday" are not coming back; a red flag beside it still escalates', () => {
    expect(last(onShift, 'im 14', 'he messaged me again')).not.toContain('shared.came-back');
    expect(last(onShift, 'im 14', 'i told my mum yesterday')).not.toContain('shared.came-back');
    expect(escalates(offShift, 'im 14', 'its me again, the guy from snap says hell send my nudes to everyone unless i pay')).toBe(true);
    expect(last(offShift, 'im 14', 'its me again, the guy from snap says hell send my nudes to everyone unless i pay')).toContain('shared.came-back');
  });
});

describe('#5 the wrong person: a child worried about their mum, an adult who is the victim', () => {
  const mum = ['my mum is talking to a man online who wants money', 'she already sent him 2000', 'she wont listen to me'];

  it('a child about their mum: kind, not their job, another grown-up; no "don\'t pay", "not in trouble" or their own pictures', () => {
    for (const shift of [onShift, offShift]) {
      const turns = keysPerTurn(shift, 'my mum', ...mum);
      const all = turns.flat();
      expect(turns[1]).toContain('shared.grown-up-targeted');
      expect(turns[3]).toContain('shared.grown-up-targeted-again');
      for (const key of ['advice.dont-pay', 'advice.dont-send-or-pay', 'child.image-worry', 'child.paid-already', 'child.not-in-trouble']) expect(all, key).not.toContain(key);
      expect(all.filter((k) => k === 'shared.grown-up-targeted')).toHaveLength(1);
    }
    const words = lastWords(offShift, mum[0] ?? '');
    expect(words).toMatch(/not your job to fix it/);
    expect(words).toMatch(/another grown-up you trust/);
    expect(words).not.toMatch(/Don't pay/);
  });

  it('a red flag is still escalated', () => {
    expect(escalates(offShift, 'my mum', mum[0] ?? '')).toBe(true);
  });

  it('an adult who is the victim: for children, but don\'t pay, stop replying, keep the messages, 101, 999, Samaritans; no child lines', () => {
    for (const shift of [onShift, offShift]) {
      const turns = keysPerTurn(shift, 'im a parent', 'im being blackmailed myself a man has pics of me and wants money', 'its me not my kid');
      const all = turns.flat();
      expect(turns[1]).toContain('parent.adult-victim');
      for (const key of ['parent.advice.dont-send-or-pay', 'parent.image-worry', 'parent.ask.wellbeing', 'parent.advice.support-child']) expect(all, key).not.toContain(key);
      expect(all.filter((k) => k === 'parent.adult-victim')).toHaveLength(1);
    }
    expect(escalates(onShift, 'im a parent', 'im being blackmailed myself a man has pics of me and wants money')).toBe(true);
    const words = lastWords(onShift, 'im a parent', 'im being blackmailed myself a man has pics of me and wants money');
    expect(words).toMatch(/for children and young people/);
    expect(words).toMatch(/Don't pay/);
    expect(words).toMatch(/101/);
    expect(words).toMatch(/999/);
    // Told after the child's lines were said: "its me not my kid" still gets the adult's own.
    expect(last(onShift, 'im a parent', 'a man is blackmailing my son over pics', 'its me not my kid he has pics of me too')).toContain('parent.adult-victim');
  });

  it('twins: a child who is asked for money, or talks to a man their mum does not know of, still hears "don\'t pay", "don\'t send"; a parent about their child keeps the child lines', () => {
    expect(last(onShift, 'im 13', 'a man online wants money from me')).toContain('advice.dont-pay');
    const secret = last(onShift, 'im 13', 'my mum doesnt know im talking to a man online, he wants pics');
    expect(secret).toContain('advice.dont-send');
    expect(secret).not.toContain('shared.grown-up-targeted');
    const parent = last(onShift, 'im a parent', 'a man is blackmailing my son over pics');
    expect(parent).toContain('parent.advice.dont-send-or-pay');
    expect(parent).not.toContain('parent.adult-victim');
  });
});

describe('#6 "hes 12 he said": people online can say any age', () => {
  it('beside or after a request: any age can be said, even a real child should not ask, not your fault', () => {
    for (const shift of [onShift, offShift]) {
      expect(last(shift, 'im 9', 'my frend on roblox wants me to send a pic in my pants', 'its ok hes a kid hes 12 he said')).toContain('child.claimed-age');
      const beside = last(shift, 'im 10', 'a girl in animal jam says shes 11 and wants to video call me on a different app');
      expect(beside).toContain('child.claimed-age');
      expect(escalates(shift, 'im 10', 'a girl in animal jam says shes 11 and wants to video call me on a different app')).toBe(true);
      expect(last(shift, 'im 12', 'a boy on snap keeps asking for pics', 'but hes my age')).toContain('child.claimed-age');
    }
    const words = lastWords(onShift, 'im 9', 'my frend on roblox wants me to send a pic in my pants', 'its ok hes a kid hes 12 he said');
    expect(words).toMatch(/can say they are any age/);
    expect(words).toMatch(/not your fault/);
  });

  it('once: the next "shes my bff" is not answered with it again', () => {
    const turns = keysPerTurn(onShift, 'im 10', 'a girl in animal jam says shes 11 and wants to video call me on a different app', 'shes 11 tho', 'shes my bff');
    expect(turns.flat().filter((k) => k === 'child.claimed-age')).toHaveLength(1);
  });

  it('twins: a friend\'s age with nothing asked stays as is; a parent\'s "shes 12" is the child\'s age', () => {
    for (const shift of [onShift, offShift]) {
      expect(keysPerTurn(shift, 'im 8', 'hes 12 he said', 'he is my frend in minecraft').flat()).not.toContain('child.claimed-age');
      expect(last(shift, 'im 9', 'my friend in minecraft is 10 hes my age')).not.toContain('child.claimed-age');
      expect(last(shift, 'my daughter', 'shes 12 a man online groomed her')).not.toContain('child.claimed-age');
    }
  });
});

describe('#14 "my family will kill me"; "co mam robic"', () => {
  const threat = 'wallah this guy on snap has my pics and says hell send them to my family';

  it('frightened, after a red flag: a gentle check whether they mean being hurt, safe people outside the family; no push to tell them', () => {
    for (const shift of [onShift, offShift]) {
      const keys = last(shift, threat, 'my family will kill me');
      expect(keys).toContain('child.fears-harm');
      expect(keys).not.toContain('child.fears-telling');
      expect(keys).not.toContain('child.ask.trusted-adult');
      expect(last(shift, 'im 13', 'some guy on insta has my pics and says hell send them to my dad', 'my dad would kill me')).toContain('child.fears-harm');
    }
    const words = lastWords(offShift, threat, 'my family will kill me');
    expect(words).toMatch(/scared they would really hurt you/);
    expect(words).toMatch(/outside your family/);
    expect(words).not.toMatch(/Most grown-ups want to help/);
  });

  it('yes or not sure: nobody at home need be told, and the summary says home is not safe; no: the ordinary reassurance', () => {
    const yes = lastTurn(offShift, msg(threat), msg('my family will kill me'), msg('yes'));
    expect(keysOf(yes?.emitted ?? [])).toEqual(['child.trusted.not-home']);
    expect(yes?.snapshot.context.summary.homeIsUnsafe).toBe(true);
    expect(last(offShift, threat, 'my family will kill me', 'idk')).toEqual(['child.trusted.not-home']);
    expect(last(offShift, 'im 13', 'some guy on insta has my pics and says hell send them to my dad', 'my dad would kill me', 'no i mean hed just be so angry')).toEqual(['child.fears-telling']);
  });

  it('twins: said lightly, or with nothing serious told, it stays the ordinary line', () => {
    const lol = last(offShift, 'im 13', 'some guy on insta has my pics and says hell send them to my mum', 'my mum will kill me lol');
    expect(lol).toContain('child.fears-telling');
    expect(lol).not.toContain('child.fears-harm');
    expect(keysPerTurn(onShift, 'im 13', 'my mum will kill me if she finds out i broke the tv').flat()).not.toContain('child.fears-harm');
  });

  it('"co mam robic" is not a trusted mum, nor a parent chatting; "my mam" still is', () => {
    const keys = last(onShift, 'im 12', 'som chlopak z gry chce moje nagie zdjecia, hes like 20', 'co mam robic');
    expect(keys).not.toContain('child.trusted.named');
    expect(last(onShift, 'im 12', 'a man on snap asked for pics', 'my mam')).toContain('child.trusted.named');
    expect(last(onShift, 'co mam robic')).not.toContain('parent.thanks');
    expect(last(onShift, 'im a mam')).toContain('parent.thanks');
  });
});

describe('#14 in danger now', () => {
  it('"my mum will kill me if she finds out" with someone outside: the ordinary line and 999, no question that waits', () => {
    const keys = last(onShift, 'im 13', 'hes outside my house right now', 'my mum will kill me if she finds out');
    expect(keys).not.toContain('child.fears-harm');
    expect(keys.at(-1)).toMatch(/^escalation\./);
  });
});

describe('#13 backing off', () => {
  it('"actually nah dont worry", "forget it its stupid", "nvm its nothing": no pressure, not stupid, door open; not taken as the answer', () => {
    for (const shift of [onShift, offShift]) {
      const nah = keysPerTurn(shift, 'im 11', 'theres this boy online', 'actually nah dont worry');
      expect(nah.at(-1)).toEqual(['shared.backs-off']);
      expect(lastTurn(shift, ...['im 11', 'theres this boy online', 'actually nah dont worry'].map(msg))?.state).toMatch(/young\.app$/);
      expect(last(shift, 'some man on tiktok', 'forget it its stupid')).toEqual(['shared.backs-off']);
      expect(last(shift, 'im 12', 'someone on roblox keeps messaging me', 'nvm its nothing')).toEqual(['shared.backs-off']);
    }
    const words = lastWords(onShift, 'some man on tiktok', 'forget it its stupid');
    expect(words).toMatch(/no pressure/);
    expect(words).toMatch(/It isn't stupid/);
    expect(keysPerTurn(onShift, 'im 12', 'someone on roblox keeps messaging me', 'nvm its nothing', 'never mind').at(-1)).toEqual(['shared.backs-off-again']);
  });

  it('twins: "nah" is an ordinary no; "nvm" to "are you safe right now?" is asked again; a red flag beside it escalates', () => {
    const nah = last(onShift, 'im 12', 'someone on roblox keeps messaging me', 'a week', 'nah');
    expect(nah).not.toContain('shared.backs-off');
    expect(nah).toContain('child.ask.knows-private');
    expect(last(onShift, 'im 14', 'i want to kill myself', 'nvm')).toEqual(['safety.ask-safe-again']);
    expect(last(onShift, 'im 12', 'someone on roblox keeps messaging me', 'a week', 'no its nothing like that')).not.toContain('shared.backs-off');
    expect(last(onShift, 'im 12', 'someone on roblox keeps messaging me', 'a week', 'no', 'nah dont worry hes nice')).not.toContain('shared.backs-off');
    expect(escalates(onShift, 'im 12', 'nvm he wants nudes')).toBe(true);
  });
});

describe('#5 after the grown-up targeted, the child themselves', () => {
  it('"now hes asking me for pics" or "he wants money from me too" gets the child\'s own lines again', () => {
    const pics = last(onShift, 'my mum is talking to a man online who wants money', 'now hes asking me for nudes');
    expect(pics.some((k) => k === 'advice.dont-send' || k === 'advice.dont-send-or-pay')).toBe(true);
    const money = last(onShift, 'my mum is talking to a man online who wants money', 'now he wants money from me too or hell send her pics to everyone');
    expect(money.some((k) => k === 'advice.dont-pay' || k === 'advice.dont-send-or-pay')).toBe(true);
    expect(last(onShift, 'my mum is talking to a man online who wants money', 'i already sent him a pic of me')).toContain('child.image-worry');
  });
});

import { describe, expect, it } from 'vitest';
import { keysOf, lastKeys, msg, offShift, onShift, play, useRealMachine } from './harness.js';

/** Session 25's tester report (/work/scratch/s25/probe-report.md), problems 1 and 3, fixed by the lead: what the person sees. */

const real = useRealMachine();

const last = (shift: { counsellorOnShift: boolean }, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const sextortion = ['im 15', 'girl on insta wants 150 or she posts my pics'];

describe('#1 about to pay: please don\'t, not "how are you feeling"', () => {
  it('a boy who says he will pay hears no, and why', () => {
    for (const said of ['im gonna pay', 'ok im paying', 'ill just send her the money', 'im just gonna pay, i have my mums card details']) {
      for (const shift of [onShift, offShift]) {
        const keys = last(shift, ...sextortion, said);
        expect(keys, said).toContain('advice.dont-comply');
        expect(keys, said).not.toContain('escalation.ask-feelings');
      }
    }
  });

  it('a friend whose mate is about to pay, and a Welsh parent\'s "should we pay them?"', () => {
    expect(last(onShift, 'my friend', 'a girl on insta is blackmailing my mate for money or she posts his nudes', 'hes about to pay her rn what do i tell him')).toContain('friend.advice.dont-comply');
    expect(last(onShift, 'fy mab', "mae dyn yn bygwth rhannu lluniau noeth o fy mab os nad yw o'n talu", 'ddylen ni dalu iddyn nhw?')).toContain('parent.advice.dont-comply');
  });

  it('twins: reporting her, or paying for something else before any threat, is not answered "no"', () => {
    expect(last(onShift, ...sextortion, 'im gonna report her')).not.toContain('advice.dont-comply');
    expect(last(onShift, 'im 15', 'im gonna pay for my new phone case')).not.toContain('advice.dont-comply');
  });
});

describe('#3 "what am i meant to do", "how do i stop her": the steps, not a question back', () => {
  it('gives the tips, on and off shift', () => {
    for (const said of ['so what am i meant to do, shes sending it in 20 mins', 'how do i stop her']) {
      for (const shift of [onShift, offShift]) {
        const keys = last(shift, ...sextortion, said);
        expect(keys, said).toContain('advice.keep-evidence');
        expect(keys, said).not.toContain('child.ask.trusted-adult');
      }
    }
  });
});

describe('#12 a young child\'s "wat dose that meen" and "whats a counsellor"', () => {
  const roblox = ['im 9', 'a man in roblox sed he will giv me robux if i show him my room on video'];

  it('after the escalation\'s words: what they mean, plainly, and who is coming (or Childline when nobody is)', () => {
    expect(last(onShift, ...roblox, 'wat dose that meen')).toEqual(['escalation.meaning', 'shared.meaning-counsellor']);
    expect(last(offShift, ...roblox, 'what does that mean')).toEqual(['escalation.meaning', 'escalation.meaning-call']);
    const emitted = play(real.machine, offShift, [...roblox, 'wat dose that meen'].map(msg)).at(-1)?.emitted ?? [];
    expect(real.content.render('escalation.meaning-call', {}).text).toMatch(/0800 1111/);
    expect(keysOf(emitted)).not.toContain('escalation.ask-feelings');
  });

  it('"whats a counsellor" is the word explained, not a request for one; "can i talk to a counsellor" still asks', () => {
    const keys = last(onShift, ...roblox, 'whats a counsellor');
    expect(keys).toContain('shared.meaning-counsellor');
    expect(keys).not.toContain('handoff.already-asked');
    expect(last(offShift, 'im 13', 'can i talk to a counsellor')).not.toContain('shared.meaning-counsellor');
  });

  it('twin: a parent\'s "what do you mean" is not given a child\'s words', () => {
    expect(last(onShift, 'my son', 'a man on roblox asked my 9 year old son to show his room on video', 'what do you mean')).not.toContain('escalation.meaning');
  });
});

describe('#10 while waiting: "did i do something wrong" after a counsellor left, and "hello??"', () => {
  const story = ['im 14', 'a man on snap wants nudes or he will post my pics'];

  it('after a counsellor had to leave: no, it was not because of them', () => {
    const turns = play(real.machine, onShift, [...story.map(msg), { type: 'handoff.accepted', counsellorName: 'Sam' }, msg('hi sam'), { type: 'handoff.failed' }, msg('did i do something wrong')]);
    expect(keysOf(turns.at(-1)?.emitted ?? [])).toContain('handoff.not-you');
    expect(keysOf(turns.at(-1)?.emitted ?? [])).not.toContain('escalation.ask-feelings');
    // Before any counsellor came, the same words are about what happened: not their fault.
    expect(last(onShift, ...story, 'did i do something wrong')).toContain('child.not-your-fault');
  });

  it('"hello??" while a counsellor is on the way: still here, and they will come; with the counsellor, the bot keeps quiet', () => {
    expect(last(onShift, ...story, 'hello??')).toEqual(['escalation.listening', 'handoff.wait-again']);
    // Nobody can come (off shift): honestly, it's just the computer helper now, and Childline has real people; then, not yet
    // asked, whether there is a grown-up they trust (session 30).
    expect(last(offShift, ...story, 'u there')).toEqual(['escalation.here-computer', 'child.ask.trusted-adult']);
    const withSam = play(real.machine, onShift, [...story.map(msg), { type: 'handoff.accepted', counsellorName: 'Sam' }, msg('hello??')]);
    expect(keysOf(withSam.at(-1)?.emitted ?? [])).toEqual([]);
  });
});

describe('#7 the first thing typed is not always the story', () => {
  it('"hi", "um", "its embarrassing", "promise you wont judge": take your time, and the question still waits', () => {
    for (const said of ['hi', 'um', 'its embarrassing', 'promise you wont judge', 'i did something really stupid']) {
      for (const shift of [onShift, offShift]) {
        const turns = play(real.machine, shift, ['im 15', said, 'a guy on snap keeps asking for pics'].map(msg)).slice(1).map((t) => keysOf(t.emitted));
        expect(turns[1], said).toEqual(['child.take-your-time']);
        expect(turns[2], said).toContain('escalation.serious');
      }
    }
    expect(real.content.render('child.take-your-time', {}).text).toMatch(/won't be in trouble/);
  });

  it('a parent\'s "um", and a friend; twins: a story, and "its hard" beside it, are taken as the story', () => {
    expect(last(onShift, 'my son', 'um')).toEqual(['parent.take-your-time']);
    expect(last(onShift, 'my friend', 'its hard to explain')).toEqual(['friend.take-your-time']);
    expect(last(onShift, 'im 15', 'its hard but a man on roblox keeps messaging me')).not.toContain('child.take-your-time');
    expect(last(onShift, 'im 15', 'someone keeps messaging me')).toContain('child.ack.what-happened');
  });
});

describe('#2 and #11: the picture reached family, "its over", playing it down', () => {
  const sextortion16 = ['im 16', 'girl on insta wants 150 or she posts my nudes'];

  it('"she sent it to my mum": still not your fault, now they can help, take-down (once); not before pictures came up', () => {
    expect(last(offShift, ...sextortion16, 'she sent it to my mum')).toContain('child.image-family');
    expect(last(onShift, ...sextortion16, 'my dad found out')).toContain('child.image-family');
    expect(last(onShift, 'im 13', 'my mum found out i was on tiktok')).not.toContain('child.image-family');
  });

  it('"she said she deleted them", "so its over now right": they often keep copies and come back (once)', () => {
    const turns = play(real.machine, onShift, [...sextortion16, 'its fine i paid and she said she deleted them', 'so its over now right'].map(msg)).map((t) => keysOf(t.emitted));
    expect(turns.at(-2)).toContain('child.not-over');
    expect(turns.at(-1)).not.toContain('child.not-over');
    expect(real.content.render('child.not-over', {}).text).toMatch(/come back/);
  });

  it('"its only a dance", "its easy money tbh" after a red flag: not okay, not your fault, no need to do it; not before one', () => {
    expect(last(onShift, 'im 12', 'a guy on tiktok sends me gifts on my lives and now he wants me to do a dance in my bra', 'its only a dance')).toContain('child.minimises');
    expect(last(offShift, 'im 12', 'a guy on discord gives me vbucks if i go on cam and do what he says', 'its easy money tbh')).toContain('child.minimises');
    expect(last(onShift, 'im 12', 'my friend taught me a tiktok dance, its only a dance')).not.toContain('child.minimises');
  });
});

describe('#6 a nude made or edited with AI', () => {
  it('still against the law under 18, not your fault, Report Remove; asked again, the short yes (not "I\'m sorry you feel sad")', () => {
    const turns = play(real.machine, onShift, ['im 14', 'someone made a fake nude of me with ai', 'can report remove take down fake ones', 'is that even illegal if its fake'].map(msg)).map((t) => keysOf(t.emitted));
    expect(turns[2]).toContain('child.ai-fake');
    expect(turns[3]).toEqual(['shared.ai-fake-again']);
    expect(turns[4]).toEqual(['shared.ai-fake-again']);
    expect(real.content.render('child.ai-fake', {}).text).toMatch(/against the law.*Report Remove/);
  });

  it('a deepfake told first gets the line and the first question still waits; a parent gets the adult line', () => {
    // Since session 26 the detector reads a deepfake of the child as sexual: the escalation, with no "don't send" (nobody asked).
    const deepfake = last(offShift, 'im 12', 'there is a deepfake of me going round');
    expect(deepfake).toContain('child.ai-fake');
    expect(deepfake).not.toContain('advice.dont-send');
    expect(last(onShift, 'my daughter', 'boys in her year used an app to make fake nudes of her and shared them in a group chat')).toContain('parent.ai-fake');
  });

  it('twins: a fake account, or a photo edited for fun, is not an AI nude', () => {
    expect(last(onShift, 'im 13', 'someone made a fake account pretending to be me')).not.toContain('child.ai-fake');
    expect(last(onShift, 'im 13', 'my friend photoshopped my face onto a cat lol')).not.toContain('child.ai-fake');
  });
});

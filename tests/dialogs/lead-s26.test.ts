import { describe, expect, it } from 'vitest';
import { keysPerMessage, lastKeys, offShift, onShift, useRealMachine } from './harness.js';

/** Session 26, the lead's fixes from the session 25 tester report (/work/scratch/s25/probe-report.md): what the person sees. */

const real = useRealMachine();
const last = (shift: typeof onShift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);

describe('#6 a fake nude made of them: no "don\'t send them any pictures" when nobody asked for any', () => {
  it('the fake\'s own line, a counsellor, and no "don\'t send"', () => {
    for (const said of ['someone made a fake nude of me with ai', 'they put my face on a naked body', 'someone photoshopped me naked and its on snap']) {
      for (const shift of [onShift, offShift]) {
        const keys = last(shift, 'im 14', said);
        expect(keys, said).toContain('child.ai-fake');
        expect(keys, said).not.toContain('advice.dont-send');
        expect(keys, said).not.toContain('advice.dont-send-or-pay');
      }
    }
  });

  it('a parent hears the adult line without "the child should not send them any pictures"', () => {
    const keys = last(onShift, 'my daughter', 'boys in her year used an app to make fake nudes of her and shared them in a group chat');
    expect(keys).toContain('parent.ai-fake');
    expect(keys).not.toContain('parent.advice.dont-send');
  });

  it('twins: real pictures asked for with the fake, or money under threat, still get "don\'t send" / "don\'t send or pay"', () => {
    expect(last(onShift, 'im 14', 'someone made a fake nude of me with ai and wants real ones')).toContain('advice.dont-send');
    expect(last(onShift, 'im 14', 'he made ai nudes of me and says he will post them unless i pay')).toContain('advice.dont-send-or-pay');
    expect(last(onShift, 'im 14', 'a man on snap keeps asking me for nudes')).toContain('advice.dont-send');
  });
});

describe('"its fine" right after "no pressure": leaving it there, not the answer to the question asked before', () => {
  const story = ['im 13', 'a man on insta keeps messaging me'];

  it('"its fine", "ok", "all good" get the short line; the question still waits and is answered next', () => {
    for (const said of ['its fine', 'ok', 'all good', 'its okay']) {
      for (const shift of [onShift, offShift]) {
        const turns = keysPerMessage(real.machine, shift, ...story, 'actually nah dont worry', said, 'about a week');
        expect(turns.at(-3), said).toEqual(['shared.backs-off']);
        expect(turns.at(-2), said).toEqual(['shared.backs-off-again']);
        // "about a week" is the answer to "How long has this person been talking to you?": the next step's question.
        expect(turns.at(-1), said).toContain('child.ask.asked-to-do');
      }
    }
  });

  it('in Welsh too', () => {
    const turns = keysPerMessage(real.machine, onShift, 'dw i\'n 13', 'mae dyn ar insta yn anfon negeseuon ata i o hyd', 'anghofia fe', "mae'n iawn");
    expect(turns.at(-2)).toEqual(['shared.backs-off']);
    expect(turns.at(-1)).toEqual(['shared.backs-off-again']);
  });

  it('twins: "ok" with no backing off before it, a nod two messages later, and a red flag after backing off', () => {
    expect(last(onShift, ...story, 'ok')).toContain('child.ask.asked-to-do');
    expect(last(onShift, ...story, 'forget it', 'its fine', 'ok')).not.toContain('shared.backs-off-again');
    const flagged = last(onShift, ...story, 'forget it', 'he asked for nudes');
    expect(flagged).toContain('escalation.serious');
    expect(flagged).not.toContain('shared.backs-off-again');
  });
});

describe('a young person whose own grown-up is the one targeted online', () => {
  it('asks what to do: who to tell and who can help, not blocking, keeping evidence or "don\'t pay" aimed at them', () => {
    for (const shift of [onShift, offShift]) {
      const keys = last(shift, 'im 14', 'my mum is talking to a man online who wants money', 'she already sent him 2000', 'what should i do');
      expect(keys).toEqual(['shared.advice.grown-up-targeted', 'child.come-back']);
    }
    const words = real.content.render('shared.advice.grown-up-targeted', {}).text;
    expect(words).toMatch(/grown-up you trust/);
    expect(words).toContain('0800 1111');
  });

  it('"my dad is sending a woman online money" is not "you don\'t owe them anything" (presents to the child)', () => {
    const keys = last(onShift, 'im 12', 'my dad is talking to a woman online and sending her money');
    expect(keys).toContain('shared.grown-up-targeted');
    expect(keys).not.toContain('child.gifts');
  });

  it('twins: asked for pictures themselves, the child\'s own tips; presents given to the child, the gifts line', () => {
    const own = last(onShift, 'im 14', 'my mum is talking to a man online who wants money', 'now hes asking me for pics too', 'what should i do');
    expect(own).toContain('advice.keep-evidence');
    expect(own).not.toContain('shared.advice.grown-up-targeted');
    expect(last(onShift, 'im 12', 'a man on roblox keeps giving me robux')).toContain('child.gifts');
  });
});

describe('session 26 tester report #8: "bet u just tell the police" is a question about this chat', () => {
  it('gets the honest privacy answer, before and after a red flag', () => {
    for (const said of ['bet u just tell the police', 'do u tell the police', 'are u gonna call the police', 'ur gonna tell the police arent u']) {
      expect(last(onShift, 'im 13', 'a man on snap asked me for pics', said), said).toEqual(['child.privacy']);
      expect(last(offShift, 'im 13', said), said).toContain('child.privacy');
    }
  });

  it('twin: the child\'s own plan to tell the police is not a question about this chat', () => {
    expect(last(onShift, 'im 13', 'a man on snap asked me for pics', 'im gonna tell the police')).not.toContain('child.privacy');
  });
});

describe('session 26 tester report #10: their address asked for', () => {
  it('"don\'t tell them where you live", once, with the escalation; "shud i giv him my adress" gets no, never (not "paying won\'t make them stop")', () => {
    const turns = keysPerMessage(real.machine, onShift, 'im 9', 'a man on roblox wants my adress', 'shud i giv him my adress');
    expect(turns.at(-2)).toContain('advice.details-asked');
    expect(turns.at(-1)).toEqual(['advice.dont-comply-details']);
    expect(real.content.render('advice.dont-comply-details', {}).text).not.toMatch(/pay/i);
    expect(last(onShift, 'my son', 'someone on fortnite asked him for his address')).toContain('parent.advice.details-asked');
  });

  it('twins: pictures or money asked for keep the whole "don\'t comply"; details already given get no "don\'t tell them"', () => {
    expect(last(onShift, 'im 15', 'girl on insta wants 150 or she posts my pics', 'should i just pay her')).toContain('advice.dont-comply');
    expect(last(onShift, 'im 12', 'a man on roblox wants my adress and pics of me', 'should i send them')).toEqual(['advice.dont-comply-pictures']);
    expect(last(onShift, 'im 13', 'a man on snap asked what school i go to and i told him')).not.toContain('advice.details-asked');
  });
});

describe('session 26 tester report #9: a girl defending her older "boyfriend"', () => {
  const story = ['im 14', 'my bf is 19 we met on an app'];

  it('is heard, not told "a counsellor will be able to read this"; defending him again gets "not here to judge you", once', () => {
    for (const shift of [onShift, offShift]) {
      const turns = keysPerMessage(real.machine, shift, ...story, 'hes not like that he loves me', 'age is just a number', 'hes the only one who gets me');
      expect(turns.at(-3)).toEqual(['child.cares']);
      expect(turns.at(-2)).toEqual(['child.cares-again']);
      expect(turns.at(-2)).not.toContain('child.gifts');
      expect(turns.at(-1)).not.toContain('child.cares-again');
    }
    expect(last(onShift, ...story, 'ur just like my mum')).toEqual(['child.cares']);
    expect(real.content.render('child.cares-again', {}).text).toMatch(/not here to judge you/);
  });

  it('twins: the first red flag still gets the serious line; flattery with nothing said for him still gets the gifts line', () => {
    expect(last(onShift, 'im 14', 'my bf is 19 and he loves me')).toContain('escalation.serious');
    expect(last(onShift, 'im 12', 'a man on roblox keeps giving me robux')).toContain('child.gifts');
  });
});

describe('session 26 tester report #5: a boyfriend her own age pressuring her for nudes', () => {
  const story = ['im 15', 'my boyfriend keeps asking for nudes'];

  it('"if i loved him i would" gets "someone who cares won\'t pressure you; no is okay", once, not the grown-up line', () => {
    const turns = keysPerMessage(real.machine, onShift, ...story, 'he says everyone does it and if i loved him i would', 'he said prove you love me');
    expect(turns.at(-2)).toContain('child.love-pressure');
    expect(turns.at(-2)).not.toContain('child.minimises');
    expect(turns.at(-1)).not.toContain('child.love-pressure');
    expect(real.content.render('child.love-pressure', {}).text).toMatch(/okay to say no/);
  });

  it('"should i send one" gets no, you never have to (no "paying"); "hes 15 too we go to the same school" is not questioned', () => {
    expect(last(onShift, ...story, 'should i send one')).toEqual(['advice.dont-comply-pictures']);
    expect(real.content.render('advice.dont-comply-pictures', {}).text).not.toMatch(/pay/i);
    expect(last(onShift, ...story, 'hes 15 too we go to the same school')).not.toContain('child.claimed-age');
  });

  it('twins: blackmail keeps the whole "don\'t comply"; an age he only claimed is still questioned; playing it down still gets its line', () => {
    expect(last(onShift, 'im 15', 'girl on insta wants 150 or she posts my pics', 'should i just send more pics')).toContain('advice.dont-comply');
    expect(last(onShift, ...story, 'he says hes 14 and goes to my school')).toContain('child.claimed-age');
    expect(last(onShift, 'im 12', 'a guy on tiktok sends me gifts on my lives and now he wants me to do a dance in my bra', 'its only a dance')).toContain('child.minimises');
  });
});

describe('session 25 tester report #5: the person contacting them says they will kill themselves if the child blocks or tells', () => {
  it('is named as a way to control them, not the child\'s own self-harm, and no "don\'t send or pay"', () => {
    for (const said of ['my online bf is 20 and he says if i block him hell kill himself', 'he says if i tell my mum he will kill himself and i dont know what to do']) {
      for (const shift of [onShift, offShift]) {
        const keys = last(shift, 'im 14', said);
        expect(keys, said).toContain('child.their-threat');
        expect(keys, said).not.toContain('safety.self-harm');
        expect(keys, said).not.toContain('safety.ask-safe');
        expect(keys, said).not.toContain('advice.dont-send-or-pay');
        expect(keys, said).not.toContain('child.advice.if-they-come');
      }
    }
    expect(real.content.render('child.their-threat', {}).text).toMatch(/not your job/);
  });

  it('twins: the child\'s own "ill kill myself if he posts it" still gets the self-harm help; blackmail still gets "don\'t send or pay"', () => {
    expect(last(onShift, 'im 15', 'ill kill myself if he posts it')).toContain('safety.self-harm');
    expect(last(onShift, 'im 15', 'girl on insta wants 150 or she posts my pics')).toContain('advice.dont-send-or-pay');
  });
});

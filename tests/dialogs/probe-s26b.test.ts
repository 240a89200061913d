import { describe, expect, it } from 'vitest';
import { keysPerMessage, lastKeys, offShift, onShift, play, msg, useRealMachine } from './harness.js';

/** Session 26, the second dialog owner's fixes from the session 26 tester report (/work/scratch/s26/probe-report.md): what the person sees. */

const real = useRealMachine();
const last = (shift: typeof onShift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const words = (key: string) => real.content.render(key, {}, undefined, undefined, 'adult').text;

describe('#2 parents who punish, spy, hunt the man or set a trap: answered for what they said, not the screening question', () => {
  const story = ['im a mum', 'shes 13, a man on insta asked her for pics'];

  it('spying and punishing: don\'t go through the account, keep the phone for the police; the child was tricked (each long line once)', () => {
    for (const shift of [onShift, offShift]) {
      const turns = keysPerMessage(real.machine, shift, ...story, 'how do i read all her messages', 'shes grounded', 'how can i see all her messages without her knowing', 'shes not allowed her phone ever again', 'she lied to me for months im so angry with her');
      expect(turns[2]).toEqual(['parent.dont-spy']);
      expect(turns[3]).toEqual(['parent.punish']);
      expect(turns[4]).toEqual(['parent.dont-spy-again']);
      expect(turns[5]).toEqual(['parent.punish-again']);
      expect(turns[6]).toEqual(['parent.punish-again']);
      for (const t of turns.slice(2)) {
        expect(t).not.toContain('parent.ask.wellbeing');
        expect(t).not.toContain('parent.ack.wellbeing-other');
        expect(t).not.toContain('parent.advice.dont-meet');
      }
    }
    expect(words('parent.punish')).toMatch(/tricked/);
    expect(words('parent.punish')).toMatch(/can always come to you/);
    expect(words('parent.dont-spy')).toMatch(/Keep the phone as it is/);
    expect(words('parent.dont-spy')).toContain('101');
  });

  it('the screening question\'s answer does not eat them; a plain answer to it still does', () => {
    const asked = keysPerMessage(real.machine, onShift, ...story, 'ok', 'shes grounded');
    expect(asked[2]).toContain('parent.ask.wellbeing');
    expect(asked[3]).toEqual(['parent.punish']);
    expect(last(onShift, ...story, 'ok', 'no')).toEqual(['parent.ack.wellbeing-no']);
    expect(last(onShift, ...story, 'ok', 'yes')).toEqual(['parent.ack.wellbeing-yes']);
  });

  it('hunting the man: acts-alone, then the short line, not the same words again', () => {
    const turns = keysPerMessage(real.machine, onShift, 'im a dad', 'hes 11 and a man on roblox asked him for pics', 'how do i find out who this man is and where he lives', 'i want to give him a taste of his own medicine');
    expect(turns[2]).toEqual(['parent.acts-alone']);
    expect(turns[3]).toEqual(['parent.acts-alone-again']);
  });

  it('a meeting set up to catch him: never go, tell the police today; not "don\'t let the child go", and the red flag still escalates', () => {
    for (const shift of [onShift, offShift]) {
      const turns = keysPerMessage(real.machine, shift, 'im a mum', 'shes 14 and a man on snap asked her for pics', 'ive been messaging him from her phone pretending to be her', 'hes asked "her" to meet on saturday, ive said yes so i can catch him', 'im going to be there with my brother');
      expect(turns[2]).toEqual(['parent.acts-alone']);
      expect(turns[3]).toContain('parent.trap-meeting');
      expect(turns[3]).not.toContain('parent.advice.dont-meet');
      expect(turns[3]).not.toContain('parent.acts-alone');
      expect(turns[4]).toEqual(['parent.trap-meeting-again']);
    }
    const flagged = play(real.machine, onShift, ['im a mum', 'a man on snap wants to meet my daughter tonight, ive said yes so i can catch him'].map(msg)).at(-1);
    expect(flagged?.emitted.some((e) => e.type === 'handoff.requested')).toBe(true);
    expect(flagged?.state).toBe('escalated');
    expect(words('parent.trap-meeting')).toMatch(/don't go to that meeting/);
    expect(words('parent.trap-meeting')).toContain('101');
  });

  it('twins: looking together is still parent.check-messages; the child going to meet is still dont-meet; a child or friend saying "grounded" is not the parent line', () => {
    expect(last(onShift, ...story, 'can i check her messages')).toEqual(['parent.check-messages']);
    expect(last(onShift, 'im a mum', 'a man on snap wants to meet my daughter on saturday')).toContain('parent.advice.dont-meet');
    const child = last(onShift, 'im 13', 'a man on insta asked me for pics', 'im grounded');
    expect(child).not.toContain('parent.punish');
    const friend = last(onShift, 'my friend', 'a man on insta asked her for pics', 'shes grounded now');
    expect(friend).not.toContain('parent.punish');
  });
});

describe('#3 peer nude-sharing: the child who shared it, the law, and "should i delete it"', () => {
  it('"i sent my friends nude to the group chat" is the shared-other-image line, not "don\'t send them any pictures" or "this is not your fault"', () => {
    for (const shift of [onShift, offShift]) {
      const keys = last(shift, 'im 13', 'i sent my friends nude to the group chat as a joke and now everyones seen it');
      expect(keys).toContain('child.shared-other-image');
      expect(keys).not.toContain('advice.dont-send');
      expect(keys).not.toContain('child.image-spreading');
    }
  });

  it('"will the police come", "is it illegal what i did", "will i get a criminal record": the law honestly, never child.not-legit\'s "No"', () => {
    const shared = keysPerMessage(real.machine, offShift, 'im 13', 'i sent my friends nude to the group chat as a joke and now everyones seen it', 'will the police come');
    expect(shared[2]).toEqual(['child.peer-law']);
    const gf = keysPerMessage(real.machine, onShift, 'im 15', 'me and my gf sent each other pics and now shes showing them to everyone at school', 'is it illegal what i did', 'will i get a criminal record');
    expect(gf[2]).toEqual(['child.peer-law']);
    expect(gf[3]).toEqual(['child.peer-law']);
    const law = real.content.render('child.peer-law', {}).text;
    expect(law).toMatch(/against the law/);
    expect(law).toMatch(/not in trouble for asking for help/);
    expect(law).not.toMatch(/^No\b/);
  });

  it('a friend\'s "is he going to prison" is the law for a friend, not "don\'t pay them" and "if your friend ever sees them"', () => {
    const keys = last(onShift, 'my friend', 'my mate sent a girls nude round the group chat and now the schools found out', 'hes 14', 'is he going to prison');
    expect(keys).toEqual(['friend.peer-law']);
  });

  it('"should i delete it" after forwarding one or being airdropped one: yes, and tell a grown-up, not the stranger tips', () => {
    for (const story of ['i forwarded a nude of a girl from my school', 'someone airdropped me a nude of a girl in year 9']) {
      const keys = last(onShift, 'im 14', story, 'should i delete it');
      expect(keys, story).toEqual(['child.peer-delete']);
    }
    expect(real.content.render('child.peer-delete', {}).text).toMatch(/^Yes\. Delete it/);
  });

  it('twins: a stranger\'s ask "is that illegal" is still not-legit; "should i delete it" there still gets the tips; "am i in trouble" after a stranger is not-in-trouble; a sextortion "going to prison" still escalates', () => {
    expect(last(onShift, 'im 14', 'a man on snap says he will pay me 50 for pics', 'is that illegal')).toEqual(['child.not-legit']);
    const stranger = last(onShift, 'im 14', 'a man on snap keeps asking me for nudes', 'should i delete it');
    expect(stranger).not.toContain('child.peer-delete');
    expect(last(onShift, 'im 14', 'a man on snap keeps asking me for nudes', 'am i in trouble')).toEqual(['child.not-in-trouble']);
    const threat = play(real.machine, onShift, ['im 15', 'a guy on insta says im going to prison unless i pay him'].map(msg)).at(-1);
    expect(threat?.emitted.some((e) => e.type === 'handoff.requested')).toBe(true);
    expect(last(onShift, 'im 14', 'i forwarded a nude of a girl from my school', 'am i in trouble')).toEqual(['child.not-in-trouble-shared']);
  });
});

describe('#1 running away to an older "boyfriend": talked about, in the words of who is chatting', () => {
  it('a child: home sounds hard, going to him is a risk, somewhere safe tonight; "i just want to leave" gets the short line', () => {
    for (const shift of [onShift, offShift]) {
      const turns = keysPerMessage(real.machine, shift, 'im 14', 'im going to run away to my bfs house hes 19', 'my mum doesnt get it', 'i just want to leave');
      expect(turns[1]).toContain('child.run-away');
      expect(turns[3]).toEqual(['child.run-away-again']);
    }
    const words = real.content.render('child.run-away', {}).text;
    expect(words).toMatch(/home feels really hard/);
    expect(words).toMatch(/somewhere safe to be tonight/);
  });

  it('a friend: tell a grown-up before tonight, 999 if she has gone; her secret still gets friend.secret', () => {
    const turns = keysPerMessage(real.machine, onShift, 'my friend', 'shes 14 and her bf is 20', 'shes going to run away to his tonight', 'she made me promise not to tell');
    // Since the detector's session 26 round, running away to him tonight is also danger now (run-to-partner, run-away-soon).
    expect(turns[2]).toContain('friend.run-away');
    expect(turns[2]).toContain('safety.immediate-friend');
    expect(turns[3]).toContain('friend.secret');
    const flagged = last(onShift, 'my friend', 'shes 14 and her bf is 20', 'shes going to run away to his tonight hes bought her a train ticket');
    expect(flagged).toContain('friend.run-away');
    expect(real.content.render('friend.run-away', { friend: 'your friend' }).text).toMatch(/now, before tonight.*call 999/);
  });

  it('a parent: the child\'s threat to run is not the man\'s threat; "should i just let her see him" is "No, please don\'t", police today, 999 if missing', () => {
    const turns = keysPerMessage(real.machine, onShift, 'im a mum', 'shes 14 and says her boyfriend is 19 and she loves him', 'she says shell run away if i stop her seeing him', 'should i just let her see him so she doesnt run off');
    expect(turns[2]).toContain('parent.run-away');
    for (const k of ['parent.advice.dont-send-or-pay', 'parent.advice.if-they-come', 'parent.advice.dont-meet']) expect(turns[2]).not.toContain(k);
    expect(turns[3]).toContain('parent.run-away-again');
    expect(words('parent.run-away')).toMatch(/^No, please don't/);
    expect(words('parent.run-away')).toMatch(/abuse, not a relationship/);
    expect(words('parent.run-away-again')).toMatch(/^No, please don't\..*101 today.*999 straight away/);
  });

  it('twins: "i just want to leave" before any running away, running away with nothing flagged, and a real threat stay as they were', () => {
    expect(last(onShift, 'im 14', 'a man on snap keeps asking me for pics', 'i just want to leave')).not.toContain('child.run-away-again');
    expect(last(onShift, 'im 14', 'a man on snap keeps asking me for pics', 'i just want to leave')).not.toContain('child.run-away');
    expect(last(onShift, 'im 13', 'my mum and dad keep shouting i want to run away')).not.toContain('child.run-away');
    const threat = last(onShift, 'im a mum', 'a man on snap says if she stops talking to him he will share her pics');
    expect(threat).toContain('parent.advice.dont-send-or-pay');
  });
});

describe('#11 leaving or going silent right after a planned meeting was told', () => {
  const timeout = { type: 'session.timeout' } as const;

  it('"ok bye" after "im meeting a guy from snap today": "please don\'t go to meet him" before the goodbye (and before the leave check on shift)', () => {
    const off = last(offShift, 'im 14', 'im meeting a guy from snap today hes 22', 'ok bye');
    expect(off[0]).toBe('child.before-you-go');
    expect(off).toContain('close.goodbye.child');
    const on = last(onShift, 'im 14', 'im meeting a guy from snap today hes 22', 'ok bye');
    expect(on).toContain('child.before-you-go');
    expect(on).toContain('handoff.leave-check');
    const words = real.content.render('child.before-you-go', {}).text;
    expect(words).toMatch(/^Before you go: please don't go to meet him\./);
    expect(words).toMatch(/tell someone you trust where you will be.*999/);
  });

  it('silence after "he is picking me up at the station at 6": the same line the first time, then the usual check-ins', () => {
    const turns = play(real.machine, offShift, [msg('im 14'), msg('a guy from snap wants to meet me'), msg('he is picking me up at the station at 6'), timeout, timeout]);
    const said = turns.slice(1).map((t) => t.emitted.flatMap((e) => (e.type === 'bot.say' ? [e.key] : [])));
    expect(said[3]).toEqual(['child.before-you-go']);
    expect(said[4]).toEqual(['checkin.no-counsellor']);
  });

  it('"i dont care" after "im running away tonight": fed up, heard, not "call 999, tell them where you are"', () => {
    const keys = last(offShift, 'im 14', 'im running away tonight', 'to my boyfriends hes older', 'i dont care');
    expect(keys).toEqual(['child.fed-up']);
    expect(real.content.render('child.fed-up', {}).text).toMatch(/fed up.*still here.*want to go\?/);
  });

  it('twins: no meeting told, goodbye and silence and "i dont care" are as before; a new red flag still escalates', () => {
    const bye = last(offShift, 'im 14', 'a man on snap keeps asking me for pics', 'ok bye');
    expect(bye).not.toContain('child.before-you-go');
    const quiet = play(real.machine, offShift, [msg('im 14'), msg('a man on snap keeps asking me for pics'), timeout]).at(-1);
    expect(quiet?.emitted.flatMap((e) => (e.type === 'bot.say' ? [e.key] : []))).toEqual(['checkin.no-counsellor']);
    expect(last(offShift, 'im 14', 'a man on snap keeps asking me for pics', 'i dont care')).not.toContain('child.fed-up');
    const flagged = play(real.machine, offShift, ['im 14', 'im meeting a guy from snap today hes 22', 'i dont care he said he will share my nudes if i dont come'].map(msg)).at(-1);
    expect(flagged?.emitted.some((e) => e.type === 'handoff.requested')).toBe(true);
  });
});

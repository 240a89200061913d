import { beforeAll, describe, expect, it } from 'vitest';
import { createActor, transition } from 'xstate';
import { createHarbourMachine, summaryOf, type DialogEvent } from '../../dialogs/index.js';
import type { Content } from '../../server/content/types.js';
import { keysOf, msg, play, realContent, wordsOf, type HarbourMachine } from './harness.js';

/** Single journeys through the real machine, real content and the real red-flag detector. */

let content: Content;
let machine: HarbourMachine;
const onShift = { counsellorOnShift: true };

beforeAll(async () => {
  ({ content } = await realContent());
  machine = createHarbourMachine(content.dialogDeps);
});

const child = (...events: DialogEvent[]) => play(machine, onShift, [msg("I'm a young person"), ...events]);

describe('precedence on every turn', () => {
  it('"stop" or "bye" closes only when it is the whole message', () => {
    const sentence = child(msg('how do i make him stop')).at(-1);
    expect(sentence?.state).not.toBe('closed');
    expect(sentence?.emitted.some((e) => e.type === 'conversation.closed')).toBe(false);
    for (const bye of ['stop', 'bye', 'Byeee', 'ok bye thanks', 'gtg']) {
      const last = child(msg(bye)).at(-1);
      expect(last?.state, bye).toBe('closed');
      expect(keysOf(last?.emitted ?? []), bye).toEqual(['close.goodbye.child', 'close.helplines.child']);
    }
    expect(child(msg('bye he said he would find me')).at(-1)?.state).not.toBe('closed');
  });

  it('a red flag beats a request for a person and a goodbye in the same message', () => {
    const last = child(msg('i want to talk to a real person, he is outside my house right now')).at(-1);
    const requested = last?.emitted.filter((e) => e.type === 'handoff.requested');
    expect(requested).toEqual([expect.objectContaining({ urgency: 'immediate', reason: 'red_flag' })]);
    expect(wordsOf(content, last?.emitted ?? [])[0]).toMatch(/^If you are in danger right now, call 999/);
  });

  it('quick exit wins over everything, silently', () => {
    const last = child(msg('he asked me to send nudes'), { type: 'user.quickExit' }).at(-1);
    expect(last?.state).toBe('exited');
    expect(last?.emitted).toEqual([{ type: 'checkin.cancel' }, { type: 'conversation.closed', reason: 'quick_exit' }]);
  });

  it('"I want to talk to a real person" asks for a person with normal urgency', () => {
    const last = child(msg('can i talk to a real person pls')).at(-1);
    expect(last?.emitted).toContainEqual({ type: 'handoff.requested', urgency: 'normal', findings: [], reason: 'asked_for_person' });
    expect(keysOf(last?.emitted ?? [])).toEqual(['handoff.asking']);
  });
});

describe('escalation', () => {
  it('raises urgency again when a later finding is more urgent, and only then', () => {
    const turns = child(msg('he asked me to send nudes'), msg('he asked for nudes again'), msg('i took a lot of pills'));
    const requests = turns.flatMap((t) => t.emitted.filter((e) => e.type === 'handoff.requested'));
    expect(requests.map((r) => (r.type === 'handoff.requested' ? r.urgency : ''))).toEqual(['high', 'immediate']);
    const last = turns.at(-1);
    const said = wordsOf(content, last?.emitted ?? []);
    expect(said[0]).toMatch(/999/);
    expect(said.join(' ')).toMatch(/Samaritans on 116 123, text SHOUT to 85258, or call HOPELINE247 on 0800 068 4141/);
    expect(summaryOf(last?.snapshot ?? turns[0]!.snapshot)).toMatchObject({ urgency: 'immediate', audience: 'young_person' });
  });

  it('asks again when a new category appears at the same urgency, carrying it, and never for one already sent', () => {
    const turns = child(
      msg('he asked me to send nudes'),
      msg('he said he will share my pics with everyone unless i send more'),
      msg('he asked me to send nudes'),
      msg('he asked for my mums card details'),
    );
    // turns[0] is the opening and turns[1] the answer to "who are you".
    const requests = turns.map((t) => t.emitted.filter((e) => e.type === 'handoff.requested'));
    const categoriesOf = (r: (typeof requests)[number]) =>
      r.flatMap((e) => (e.type === 'handoff.requested' ? [...new Set(e.findings.map((f) => f.category))].sort() : []));
    expect(requests[2]).toEqual([expect.objectContaining({ urgency: 'high', reason: 'red_flag' })]);
    expect(requests[3]).toEqual([expect.objectContaining({ urgency: 'high', reason: 'red_flag' })]);
    expect(categoriesOf(requests[3]!)).toEqual(['sexual', 'threat_blackmail']);
    // The same category again is already with the console: no new request.
    expect(requests[4]).toEqual([]);
    // A new, less urgent category is still sent, at the conversation's highest urgency so far.
    expect(requests[5]).toEqual([expect.objectContaining({ urgency: 'high', reason: 'red_flag' })]);
    expect(categoriesOf(requests[5]!)).toEqual(['financial']);
    // The child hears no alarm words for a repeat: the wording stays the quiet "noted" kind.
    expect(keysOf(turns[5]?.emitted ?? [])).not.toContain('escalation.serious');
  });

  it('gives self-harm a calm, direct reply with the 24/7 routes, naming no category', () => {
    const last = child(msg('i want to kill myself')).at(-1);
    const text = wordsOf(content, last?.emitted ?? []).join(' ');
    expect(text).toMatch(/sounds serious/);
    expect(text).toMatch(/116 123/);
    expect(text).toMatch(/85258/);
    expect(text).toMatch(/0800 068 4141/);
    expect(text).not.toMatch(/suicid|self-harm|selfish|crime/i);
  });

  it('answers the handoff service: unavailable gives routes that fit the urgency and keeps supporting', () => {
    const turns = child(msg('he is outside my house right now'), { type: 'handoff.unavailable', reason: 'none_available' }, msg('what do i do'));
    const unavailable = keysOf(turns[3]?.emitted ?? []);
    expect(unavailable).toEqual([
      'handoff.unavailable.none-available',
      'safety.immediate',
      'helplines.now.child',
      'report.ceop',
      'handoff.keep-talking',
    ]);
    // The bot keeps supporting: tips on request, never a dead end.
    expect(keysOf(turns[4]?.emitted ?? [])).toContain('advice.keep-evidence');
  });

  it('with nobody coming, asks once about a grown-up they trust, and hears the answer', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [
      msg("I'm a young person"),
      msg('some guy on snap keeps asking where i live'),
      msg('idk im kinda scared'),
      msg('my mum maybe'),
      msg('idk'),
      msg('im still scared'),
    ]);
    expect(keysOf(turns[2]?.emitted ?? [])).toContain('escalation.off-shift');
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual([
      'It makes sense to feel scared. Lots of people would. I\'m glad you told me.',
      'Is there a grown-up you trust who you could talk to? It could be someone at school, in your family, or someone else you feel safe with.',
    ]);
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['child.trusted.named']);
    expect(summaryOf(turns[4]!.snapshot)).toMatchObject({ trustedAdult: 'parent' });
    // Asked once: later messages are listened to, never asked again.
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['escalation.listening']);
    expect(keysOf(turns[6]?.emitted ?? [])).toEqual(['feeling.scared']);
  });

  it('still hears a grown-up they trust named after the question was passed by, in a short answer only', () => {
    const offShift = { counsellorOnShift: false };
    const start = [msg("I'm a young person"), msg('sum1 on roblox keeps asking wat skool i go to'), msg('i didnt tell him'), msg('like 2 days')];
    const late = play(machine, offShift, [...start, msg('my mum'), msg('ok')]);
    expect(keysOf(late[3]?.emitted ?? [])).toEqual(['child.ask.trusted-adult']);
    expect(keysOf(late[4]?.emitted ?? [])).toEqual(['escalation.ask-feelings']);
    expect(wordsOf(content, late[5]?.emitted ?? [])).toEqual(['That sounds like a good person to talk to. You could tell them what you told me.']);
    expect(summaryOf(late[5]!.snapshot)).toMatchObject({ trustedAdult: 'parent' });
    // "my mum" passed the feelings question by: the "ok" after it is not "I'm okay".
    expect(keysOf(late[6]?.emitted ?? [])).toEqual(['escalation.listening']);
    // A longer message naming a grown-up is a story, not an answer.
    const story = play(machine, offShift, [...start, msg('my mum took my phone away last night and i was so angry')]).at(-1);
    expect(keysOf(story?.emitted ?? [])).not.toContain('child.trusted.named');
    expect(summaryOf(story!.snapshot).trustedAdult).toBeUndefined();
    // A sister or brother is someone they may trust.
    const sister = play(machine, offShift, [msg("I'm a young person"), msg('some guy on snap keeps asking where i live'), msg('idk im kinda scared'), msg('my sister maybe')]).at(-1);
    expect(keysOf(sister?.emitted ?? [])).toEqual(['child.trusted.named']);
    expect(summaryOf(sister!.snapshot)).toMatchObject({ trustedAdult: 'relative' });
  });

  it('asks about a trusted grown-up when no counsellor is free, but not while one may come, nor an adult, nor twice', () => {
    const unavailable = child(msg('he keeps asking what school i go to'), { type: 'handoff.unavailable', reason: 'none_available' }, msg('ok'), msg('nobody really'));
    expect(keysOf(unavailable[4]?.emitted ?? [])).toEqual(['child.ask.trusted-adult']);
    expect(keysOf(unavailable[5]?.emitted ?? [])).toEqual(['child.trusted.none']);
    expect(summaryOf(unavailable[5]!.snapshot)).toMatchObject({ trustedAdult: 'none' });
    const unsure = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('he keeps asking what school i go to'), msg('hmm'), msg('idk')]);
    expect(keysOf(unsure.at(-1)?.emitted ?? [])).toEqual(['child.trusted.none']);
    // A bare "ok" after a red flag acknowledges what the bot said; it is not "I'm okay".
    const coming = child(msg('he keeps asking what school i go to'), msg('ok'), msg('im scared'));
    // ("ok" is taken as the moment to ask how they feel, which the next message answers.)
    expect(coming.slice(3).flatMap((t) => keysOf(t.emitted))).toEqual(['escalation.ask-feelings', 'feeling.scared']);
    const parent = play(machine, { counsellorOnShift: false }, [msg("I'm a parent"), msg('a man keeps asking my son what school he goes to'), msg('hmm'), msg('hmm')]);
    expect(parent[2]?.state).toBe('escalated');
    // A parent is asked about the child's mental health instead, and then listened to.
    expect(keysOf(parent[3]?.emitted ?? [])).toEqual(['parent.ask.wellbeing']);
    expect(keysOf(parent.at(-1)?.emitted ?? [])).toEqual(['parent.ack.wellbeing-other']);
    // Someone at home is the problem: never steer them to family.
    const home = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('i cant tell my mum, its my stepdad at home that scares me'), msg('hmm')]);
    expect(home[2]?.state).toBe('escalated');
    expect(keysOf(home.at(-1)?.emitted ?? [])).toEqual(['escalation.listening']);
  });

  it('goes quiet while a counsellor is with the child, and speaks again if the counsellor side fails', () => {
    const turns = child(
      msg('he asked me to send nudes'),
      { type: 'handoff.queued', position: 1 },
      { type: 'handoff.accepted', counsellorName: 'Sam' },
      msg('hi sam'),
      { type: 'session.timeout' },
      { type: 'handoff.failed' },
    );
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual(['You are number 1 in the queue. I\'ll stay with you until a counsellor joins.']);
    expect(turns[4]?.emitted).toEqual([
      { type: 'bot.say', key: 'handoff.accepted', facts: { name: 'Sam' } },
      { type: 'checkin.cancel' },
    ]);
    expect(turns[5]?.emitted).toEqual([]);
    expect(turns[6]?.emitted).toEqual([]);
    const failed = turns[7]?.emitted ?? [];
    expect(failed).toContainEqual({ type: 'handoff.requested', urgency: 'high', findings: [], reason: 'red_flag' });
    expect(keysOf(failed)).toEqual(['handoff.failed', 'helplines.now.child']);
  });

  it('"ok bye" while a counsellor is coming asks once whether they want to wait; a second goodbye closes', () => {
    const turns = child(msg('he asked me to send nudes'), { type: 'handoff.queued', position: 2 }, msg('ok bye'), msg("I'll wait"), msg('ok'), msg('bye'));
    const asked = turns[4];
    expect(asked?.state).toBe('escalated');
    expect(asked?.emitted.some((e) => e.type === 'conversation.closed')).toBe(false);
    expect(wordsOf(content, asked?.emitted ?? [])).toEqual([
      "A counsellor is coming to talk with you. If you leave now, they can't reach you. Do you want to wait, or end the chat?",
    ]);
    expect(asked?.emitted.find((e) => e.type === 'bot.say')).toMatchObject({ quickReplies: ['qr.wait', 'qr.end-chat'] });
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['handoff.staying']);
    expect(turns.at(-1)?.state).toBe('closed');
    expect(keysOf(turns.at(-1)?.emitted ?? [])).toEqual(['close.goodbye.child', 'close.helplines.child']);
    // The end-chat quick reply closes straight away after the question.
    const ended = child(msg('he asked me to send nudes'), msg('bye'), msg('End the chat')).at(-1);
    expect(ended?.state).toBe('closed');
    // In danger now: 999 again beside the question.
    const danger = child(msg('hes outside my house right now'), msg('gtg')).at(-1);
    expect(keysOf(danger?.emitted ?? [])).toEqual(['safety.immediate', 'handoff.leave-check']);
    // Nobody can come, or no one was asked for: goodbye closes at once, as before.
    const offShift = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('he asked me to send nudes'), msg('bye')]).at(-1);
    expect(offShift?.state).toBe('closed');
    // "wait" only means staying while someone is coming; otherwise it is an ordinary answer.
    const early = child(msg('wait')).at(-1);
    expect(keysOf(early?.emitted ?? [])).not.toContain('handoff.staying');
  });

  it('a picture already sent, or feared shared: not in trouble, and Report Remove, once, in the words of who is chatting', () => {
    const turns = child(msg('he asked me to send nudes'), msg('i already sent one'), msg('what if he shows people'));
    const said = wordsOf(content, turns[3]?.emitted ?? []);
    expect(said).toContain(
      'You are not in trouble, and it is not your fault. The person who asked for it did something wrong. If a photo or video of you is online, or might be, Report Remove from Childline can help get it taken down.',
    );
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('child.image-worry');
    // Without a red flag in the message, the root answers it as well.
    const worry = child(msg('someone on snap keeps messaging me'), msg('what if he shows people')).at(-1);
    expect(keysOf(worry?.emitted ?? [])).toContain('child.image-worry');
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('my daughter sent a photo to a man she met online')]).at(-1);
    expect(wordsOf(content, parent?.emitted ?? []).join(' ')).toMatch(/Your child is not in trouble\..*Report Remove.*don't save, screenshot or forward/);
    const friend = play(machine, onShift, [msg("I'm asking for a friend"), msg('she already sent him one')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toContain('friend.image-worry');
    // A threat to share their images says the images exist: Report Remove with the escalation.
    const threat = child(msg('my ex is saying hell send my nudes to everyone if i dont get back with him')).at(-1);
    expect(keysOf(threat?.emitted ?? [])).toContain('child.image-worry');
    // However the threat is worded: the detector's threat to share pictures is the same worry.
    const followers = child(msg("this girl i met on insta got me to send pics and now shes saying she'll send them to all my followers unless i pay")).at(-1);
    expect(keysOf(followers?.emitted ?? [])).toContain('child.image-worry');
    // A picture asked for is not one sent, though the share-images rule reads "send a pic of me" too.
    expect(keysOf(child(msg('he wants me to send a pic of me in my bra')).at(-1)?.emitted ?? [])).not.toContain('child.image-worry');
    // Not sent: nothing to reassure about.
    expect(keysOf(child(msg('he asked me to send nudes'), msg('i never sent one')).at(-1)?.emitted ?? [])).not.toContain('child.image-worry');
  });

  it('abuse told of hears that nobody may do that, once, and no "don\'t send pictures" until a picture is asked for', () => {
    const turns = child(msg('he tuches me wen she is at wrk'), msg('he touches me again'), msg('he asked me for pics too'));
    const first = wordsOf(content, turns[2]?.emitted ?? []);
    expect(first).toContain('Nobody is allowed to do things like that to you. It is not your fault, and you were right to tell.');
    expect(keysOf(turns[2]?.emitted ?? [])).not.toContain('advice.dont-send');
    expect(keysOf(turns[3]?.emitted ?? [])).not.toContain('child.abuse-told');
    expect(keysOf(turns[4]?.emitted ?? [])).toContain('advice.dont-send');
  });

  it('abuse told of, with nothing online, gets tips about telling someone safe and the police, not blocking in an app', () => {
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('her step dad comes in her room at night, he touches my daughter'), msg('what should i do')]);
    const told = wordsOf(content, parent[2]?.emitted ?? []);
    expect(told).toContain("What you describe is abuse, and it is never the child's fault. You were right to reach out.");
    expect(told.join(' ')).not.toMatch(/should not send/);
    const tips = wordsOf(content, parent[3]?.emitted ?? []).join(' ');
    expect(tips).toMatch(/tell the child you believe them.*Keep the child away from that person.*Call the police on 101, or 999.*NSPCC helpline.*0808 800 5000/);
    expect(tips).not.toMatch(/block|three dots|CEOP|pretend to be the child online|nude photo/i);
    expect(summaryOf(parent[2]!.snapshot).asked).toEqual(['sexual abuse told of']);

    const young = child(msg('my uncle touches me when i stay at his house'), msg('Give me tips')).at(-1);
    const childTips = wordsOf(content, young?.emitted ?? []).join(' ');
    expect(childTips).toMatch(/Pick someone who is not that person.*call 999.*Childline on 0800 1111/);
    expect(childTips).not.toMatch(/block|CEOP/i);
    const friend = play(machine, onShift, [msg("I'm asking for a friend"), msg('her step dad touches my friend'), msg('Give me tips')]);
    expect(keysOf(friend[2]?.emitted ?? [])).toContain('friend.abuse-told');
    expect(keysOf(friend.at(-1)?.emitted ?? [])).toEqual(['friend.advice.intro', 'friend.advice.tell-adult', 'friend.advice.abuse-help', 'friend.come-back']);

    // Online, the usual tips: an app named, or pictures asked for as well.
    const online = child(msg('he touches me on snapchat calls and makes me show him'), msg('Give me tips')).at(-1);
    expect(keysOf(online?.emitted ?? [])).not.toContain('child.advice.abuse-tell');
    const asked = child(msg('my uncle touches me'), msg('now he wants pics too'), msg('Give me tips')).at(-1);
    expect(keysOf(asked?.emitted ?? [])).toEqual(expect.arrayContaining(['advice.any-app', 'advice.report']));
  });

  it('a story about one of their own grown-ups in person skips which app, how long and private things, and asks about another grown-up', () => {
    // No red flag in it, so the path's questions come.
    const turns = child(msg('my uncle is being weird with me'), msg('i dont no'), msg('scared'), msg('my teacher'));
    const asked = turns.flatMap((t) => keysOf(t.emitted)).filter((k) => k.startsWith('child.ask.'));
    expect(asked).toEqual(['child.ask.what-happened', 'child.ask.asked-to-do', 'child.ask.feelings', 'child.ask.trusted-adult-other', 'child.ask.anything-else']);
    const other = turns.flatMap((t) => t.emitted).find((e) => e.type === 'bot.say' && e.key === 'child.ask.trusted-adult-other');
    expect(wordsOf(content, other ? [other] : [])[0]).toMatch(/another grown-up you trust, not that person/);
    const tips = wordsOf(content, turns.at(-1)?.emitted ?? []).join(' ');
    expect(tips).toMatch(/Pick someone who is not that person.*Childline on 0800 1111/);
    expect(tips).not.toMatch(/block|CEOP/i);
    // Told as the first red flag, the path is skipped; the tips are still the in-person ones.
    const flagged = child(msg('my uncle sed i hav to keep a secret and not tell mum'), msg('Give me tips')).at(-1);
    expect(keysOf(flagged?.emitted ?? [])).toEqual(['child.advice.intro', 'child.advice.abuse-tell', 'child.advice.abuse-help', 'child.come-back']);
    // Online, or a stranger, or an app named: the usual questions and tips.
    for (const story of ['my coach keeps messaging me at night', 'my uncle plays roblox with me every day', 'a man my dad knows from the pub talks to me']) {
      const path = child(msg(story), msg('i dont know')).flatMap((t) => keysOf(t.emitted));
      expect(path, story).toEqual(expect.arrayContaining([expect.stringMatching(/^child\.ask\.(app|how-long)$/)]));
    }
  });

  it('someone wanting to meet them: don\'t go, not even somewhere busy; again each time they ask, and in the tips', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg('im 15'), msg('this guy from discord says hes actually 24 and wants to meet me'), msg('idk he seems nice tho'), msg('what if i just meet him somewhere public'), msg('give me tips')]);
    const first = wordsOf(content, turns[2]?.emitted ?? []);
    expect(first).toContain("Please don't go to meet them, not even in a busy place or with a friend. People you meet online are not always who they say. If a meeting is planned, tell a grown-up you trust today.");
    // "but he seems nice": no blame for liking him, and why it still matters.
    expect(wordsOf(content, turns[3]?.emitted ?? []).join(' ')).toMatch(/It's okay to like or love someone.*would not ask you to keep secrets, send pictures, or meet them alone/);
    // Asked whether to go: the answer again, plainly, in other words (session 27: advice.dont-meet-again).
    expect(keysOf(turns[4]?.emitted ?? [])).toContain('advice.dont-meet-again');
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(expect.arrayContaining(['advice.keep-evidence', 'advice.dont-meet', 'advice.report']));
    // A parent asking whether to let her go, with no new red flag: the parent's words.
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a boy she met on roblox wants to meet her at the park'), msg('should i let her meet him if i go too')]);
    expect(keysOf(parent[2]?.emitted ?? [])).toContain('parent.advice.dont-meet');
    expect(keysOf(parent[3]?.emitted ?? [])).toContain('parent.advice.dont-meet');
    expect(wordsOf(content, parent[3]?.emitted ?? []).join(' ')).toMatch(/Don't let the child go to meet them/);
    // Nobody wants to meet them: nothing about meeting in the tips.
    const other = child(msg('someone on snap keeps asking for pics'), msg('give me tips')).at(-1);
    expect(keysOf(other?.emitted ?? [])).not.toContain('advice.dont-meet');
  });

  it('"its my fault" is answered, wherever it comes, and in danger now what they say is answered before the 999 reminder', () => {
    const turns = child(msg('someone on snap keeps messaging me'), msg('i feel like its my fault'));
    expect(wordsOf(content, turns.at(-1)?.emitted ?? [])).toEqual(['This is not your fault. People who do this are good at tricking people, even grown-ups. They are the one doing wrong, not you.']);
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a man has been asking my daughter for photos on tiktok'), msg('i should have checked her phone')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.not-your-fault');
    // In danger now: the answer, then 999 again.
    const danger = child(msg('hes outside my house right now'), msg('its my fault i told him where i live'), msg('my mum will kill me if she finds out'));
    expect(keysOf(danger[3]?.emitted ?? [])).toEqual(['child.not-your-fault', 'escalation.still-in-danger']);
    expect(keysOf(danger[4]?.emitted ?? [])).toEqual(['child.fears-telling', 'escalation.still-in-danger']);
  });

  it('a password asked for in a threat, spelt their way, gets what to do about a password', () => {
    const turns = child(msg('sum1 on roblox sed he will hack my acount and tell evry1 my secrets if i dont give him my pasword'));
    expect(wordsOf(content, turns.at(-1)?.emitted ?? []).join(' ')).toMatch(/Never give anyone your password.*change your password/);
  });

  it('a parent of a child threatened over images hears how to support the child, once, and again when they ask what to say', () => {
    const turns = play(machine, { counsellorOnShift: false }, [
      msg("I'm a parent or carer"),
      msg('my 14 year old son is being blackmailed. someone on instagram got him to send intimate pictures and now wants £300'),
      msg('no we havent paid'),
      msg('what do i tell him'),
      msg('give me tips'),
    ]);
    const first = wordsOf(content, turns[2]?.emitted ?? []).join(' ');
    expect(first).toMatch(/not in trouble\..*can feel there is no way out\. Stay close.*If you think they might hurt themselves, call 999/);
    expect(keysOf(turns[3]?.emitted ?? [])).not.toContain('parent.advice.support-child');
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['parent.advice.support-child']);
    expect(keysOf(turns[5]?.emitted ?? [])).toContain('parent.advice.support-child');
    // Not for a stranger who only asked for pictures, and never on the young person's path.
    const asked = play(machine, onShift, [msg("I'm a parent"), msg('a man on tiktok keeps asking my daughter to send him pics')]).at(-1);
    expect(keysOf(asked?.emitted ?? [])).not.toContain('parent.advice.support-child');
    const young = child(msg('he said he will post my nudes unless i pay'), msg('what do i tell him')).flatMap((t) => keysOf(t.emitted));
    expect(young).not.toContain('parent.advice.support-child');
  });

  it('self-harm alone gets tips about telling someone and hard moments, not blocking in an app; a yes to "are they safe?" read by the classifier as danger is taken as a yes', () => {
    const offShift = { counsellorOnShift: false };
    const friend = play(machine, offShift, [msg("I'm asking for a friend"), msg('my friend cuts herself and she made me promise not to tell anyone'), msg('yes she is safe rn'), msg('what should i do')]);
    expect(keysOf(friend[3]?.emitted ?? [])).toEqual(['safety.safe-yes-friend']);
    expect(friend[3]?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    const tips = wordsOf(content, friend[4]?.emitted ?? []).join(' ');
    expect(tips).toMatch(/tell a grown-up you trust.*Listen to your friend.*HOPELINE247 on 0800 068 4141/);
    expect(tips).not.toMatch(/block|three dots|CEOP|username/i);
    const young = play(machine, offShift, [msg("I'm a young person"), msg('i keep cutting myself and i dont know how to stop'), msg('yes'), msg('give me tips')]).at(-1);
    expect(keysOf(young?.emitted ?? [])).toEqual(['child.advice.intro', 'child.advice.self-harm-tell', 'child.advice.self-harm-moments', 'child.come-back']);
    const parent = play(machine, offShift, [msg("I'm a parent"), msg('my daughter has been self harming, i found cuts on her arm'), msg('yes'), msg('give me tips')]).at(-1);
    expect(wordsOf(content, parent?.emitted ?? []).join(' ')).toMatch(/Book a GP appointment.*Keep medicines and sharp things locked away/);
    // With someone online in it, the online tips as well as ever.
    const online = child(msg('a man on snap told me to cut myself and send him pics'), msg('give me tips')).at(-1);
    expect(keysOf(online?.emitted ?? [])).toContain('advice.keep-evidence');
  });

  it('the trusted-adult question passed by with more of the story is asked again, in other words, and a later "no" is not taken as its answer', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('13'), msg('theres this girl on tiktok who says shes 14 and she wants my snap'), msg('i gave it her'), msg('now she keeps asking for pics of me in my school uniform'), msg('no i didnt send any')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toContain('child.ask.trusted-adult');
    expect(keysOf(turns[5]?.emitted ?? [])).not.toContain('child.trusted.none');
    // Asked a second time: other words, so it does not sound like the bot repeating itself.
    expect(wordsOf(content, turns[5]?.emitted ?? [])).toEqual(['Can you think of a grown-up you could tell about this? It might be someone at home, at school, or somewhere else you feel safe.']);
  });

  it('"i blocked him" is praised once, and the question asked still waits', () => {
    const turns = child(msg('some random guy added me on snap and said hi'), msg('i dont know'), msg('i blocked him'), msg('no'), msg('i blocked him'));
    expect(wordsOf(content, turns[4]?.emitted ?? [])).toEqual(['Well done for blocking them. That was a good, safe thing to do.']);
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['child.ask.knows-private']);
    expect(keysOf(turns[6]?.emitted ?? [])).not.toContain('child.blocked');
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a stranger messaged my son on roblox'), msg('we blocked him straight away')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(['parent.blocked']);
  });

  it('a parent saying the child is with them after danger now is safe now; a young person saying "hes with me" is not', () => {
    const offShift = { counsellorOnShift: false };
    const parent = play(machine, offShift, [msg("I'm a parent or carer"), msg('i just found messages on my daughters phone, shes meeting a man she met on snapchat tonight at 8'), msg('shes at home with me now')]);
    expect(keysOf(parent[3]?.emitted ?? [])).toEqual(['escalation.safe-now-adult']);
    expect(parent[3]?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    const young = play(machine, offShift, [msg('im 12'), msg('a man is outside my house'), msg('hes with me now')]).at(-1);
    expect(keysOf(young?.emitted ?? [])).not.toContain('escalation.safe-now');
    expect(wordsOf(content, young?.emitted ?? []).join(' ')).toMatch(/999/);
  });

  it('"i already paid him once", after money was demanded: not their fault, don\'t pay any more, and why (once); "i paid for my skin" in ordinary chat is not that', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg("I'm a young person"), msg('some guy on insta says he will post my pics unless i pay him 50 quid'), msg('i already paid him once'), msg('i paid him again yesterday')]);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual([
      "It is not your fault. Please don't pay them any more. People who do this often ask for more, even after you pay. Stop replying, but keep their messages. A grown-up you trust can help you tell the bank and the police.",
    ]);
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('child.paid-already');
    // Told with the red flag itself, the line comes with the escalation.
    const withFlag = play(machine, offShift, [msg("I'm a young person"), msg('i paid him 20 quid and now he says he will send my nudes to everyone if i dont pay more')]).at(-1);
    expect(keysOf(withFlag?.emitted ?? [])).toContain('child.paid-already');
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('someone is blackmailing my son for money on snapchat'), msg('he already paid them 100 pounds')]).at(-1);
    // Session 24 (v57): money already paid to the one blackmailing is a financial red flag of its own
    // (financial.payment-demand, "already paid them {number}"): a safeguarding lead wants the payment
    // on the counsellor's record (the sum, the bank, Action Fraud; payers are asked again). The
    // counsellor on shift is told it ("escalation.noted"), then the paid-already line as before.
    expect(keysOf(parent?.emitted ?? [])).toEqual(['escalation.noted', 'parent.paid-already']);
    expect(wordsOf(content, parent?.emitted ?? [])[1]).toContain('police on 101');
    const game = child(msg('i paid for a new skin in fortnite and it didnt work')).flatMap((t) => keysOf(t.emitted));
    expect(game).not.toContain('child.paid-already');
  });

  it('"i dont have that money", after money was demanded: no need to find any, don\'t pay, and why (once); "i cant afford the new skin" in ordinary chat is not that', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg("I'm a young person"), msg('some guy on insta says he will post my pics unless i pay him 50 quid'), msg('i dont have that money'), msg('i cant pay')]);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual([
      "You don't need to find any money, and please don't pay them. Paying does not make them stop. They often ask for more. Stop replying, but keep their messages. A grown-up you trust can help you with this.",
    ]);
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('child.cant-pay');
    // Told with the red flag itself ("where would i even get 200"), the line comes with the escalation.
    const withFlag = play(machine, offShift, [msg("I'm a young person"), msg('she says she will send my nudes to everyone if i dont pay 200 and i dont have the money')]).at(-1);
    expect(keysOf(withFlag?.emitted ?? [])).toEqual(expect.arrayContaining(['advice.dont-send-or-pay', 'child.cant-pay']));
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('someone is blackmailing my son for money on snapchat'), msg('we cant afford that')]).at(-1);
    expect(wordsOf(content, parent?.emitted ?? [])).toEqual([
      "Please don't pay, even if you could find the money. Paying rarely makes them stop, and they often ask for more. Keep the messages and stop replying. Report it to the police on 101, or 999 if your child is in danger now.",
    ]);
    const friend = play(machine, onShift, [msg("I'm asking for a friend"), msg('a man is blackmailing my friend for 100 pounds'), msg('she doesnt have any money')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toContain('friend.cant-pay');
    // Already paid: that line says it all, and "i cant pay any more" adds nothing.
    const paid = play(machine, offShift, [msg("I'm a young person"), msg('some guy on insta says he will post my pics unless i pay him 50 quid'), msg('i already paid him once'), msg('i cant pay any more')]).at(-1);
    expect(keysOf(paid?.emitted ?? [])).not.toContain('child.cant-pay');
    const game = child(msg('i cant afford the new skin in fortnite')).flatMap((t) => keysOf(t.emitted));
    expect(game).not.toContain('child.cant-pay');
  });

  it('"is it bad", "am i overreacting", after a red flag: not okay, not their fault, telling was right (once); with nothing flagged it is not answered that way', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg("I'm a young person"), msg('a man on snap keeps asking me to send pics'), msg('is it bad'), msg('am i overreacting')]);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual([
      'You were right to ask. What you have told me is not okay, and it is not your fault. Talking about it was the right thing to do.',
    ]);
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('child.not-okay');
    // Asked in the same message as the red flag, it comes after the escalation.
    const withFlag = play(machine, offShift, [msg("I'm a young person"), msg('is it bad that a man from roblox wants to meet')]).at(-1);
    expect(keysOf(withFlag?.emitted ?? []).at(-1)).toBe('child.not-okay');
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a man has been asking my daughter for photos on tiktok'), msg('should i be worried')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(['parent.not-okay']);
    const friend = play(machine, onShift, [msg("I'm asking for a friend"), msg('a man online is asking my friend for nudes'), msg('is that grooming')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toEqual(['friend.not-okay']);
    // Nothing flagged: not told "what you have told me is not okay".
    const plain = child(msg('my friend stopped talking to me'), msg('is it bad')).flatMap((t) => keysOf(t.emitted));
    expect(plain).not.toContain('child.not-okay');
  });

  it('"my dad hits me" as the first message is a child telling of home, not a parent: a child\'s words, someone at home, and the dad is not taken as a trusted adult', () => {
    const turns = play(machine, onShift, [msg('my dad hits me'), msg('should i tell my teacher')]);
    const first = wordsOf(content, turns[1]?.emitted ?? []);
    expect(first[0]).toMatch(/^If you are in danger right now, call 999\./);
    expect(first.join(' ')).not.toMatch(/If a child is in danger/);
    expect(turns[1]?.snapshot.context.summary).toMatchObject({ homeIsUnsafe: true });
    expect(turns[1]?.snapshot.context.summary.trustedAdult).toBeUndefined();
    expect(keysOf(turns[2]?.emitted ?? [])[0]).toBe('child.should-tell-outside');
    const boyfriend = play(machine, onShift, [msg('my mums boyfriend hits me')]).at(-1);
    expect(boyfriend?.snapshot.context.summary).toMatchObject({ homeIsUnsafe: true });
    // A parent still reads as one: "my son", with the grown-up at home told of.
    const parent = play(machine, onShift, [msg('my son says my dad hit him')]).at(-1);
    expect(parent?.snapshot.context.audience).toBe('parent_carer');
    // A sibling names the friend path, but "my brother touches me" is done to the writer.
    const brother = play(machine, onShift, [msg('my brother touches me')]).at(-1);
    expect(keysOf(brother?.emitted ?? [])).toContain('child.abuse-told');
    expect(brother?.snapshot.context.audience).toBe('young_person');
    expect(play(machine, onShift, [msg('my brother is being messaged by a man on snap')]).at(-1)?.snapshot.context.audience).toBe('friend');
    expect(keysOf(play(machine, onShift, [msg('my friend told me her brother touches her')]).at(-1)?.emitted ?? [])).toContain('friend.abuse-told');
    // An uncle who does not live with them is not "someone at home".
    const uncle = play(machine, onShift, [msg("I'm a young person"), msg('my uncle hits me when i stay at his')]).at(-1);
    expect(uncle?.snapshot.context.summary.homeIsUnsafe).toBeUndefined();
  });

  it('"my older sister maybe", with nobody asked about yet, is taken as the grown-up they trust; "my mum said to come here" is not', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('a man on roblox wants me to send him pics'), msg('my older sister maybe')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['child.trusted.named']);
    expect(turns[3]?.snapshot.context.summary.trustedAdult).toBe('relative');
    const story = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('a man on roblox wants me to send him pics'), msg('my mum said i should talk to you')]).at(-1);
    expect(keysOf(story?.emitted ?? [])).not.toContain('child.trusted.named');
  });

  it('pills taken: each later message says call 999 now in turn, in three ways, not one line again and again', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('i took a load of pills'), msg('like 20 paracetamol'), msg('i dont want to go to hospital'), msg('i just want to sleep'), msg('ok')]);
    const later = turns.slice(3).map((t) => keysOf(t.emitted));
    expect(later).toEqual([
      ['escalation.still-in-danger-self-harm'],
      ['escalation.self-harm-wake-someone'],
      ['escalation.self-harm-doctors'],
      ['escalation.still-in-danger-self-harm'],
    ]);
    for (const t of turns.slice(3)) expect(wordsOf(content, t.emitted).join(' ')).toMatch(/999/);
  });

  it('"i didnt ask for them", after pictures were sent to them, is told it is not their fault; "i feel dirty" is said back as shame', () => {
    const turns = child(msg('a man on snap keeps sending me pics of his private parts'), msg('i didnt ask for them'), msg('i feel dirty'));
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['child.not-your-fault']);
    expect(wordsOf(content, turns[4]?.emitted ?? [])).toEqual(['Lots of people feel that way. But you have done nothing wrong.']);
  });

  it('"he sent me a dick pic": the sent-images line, not "don\'t send anything" (nothing was asked of them); "and wants one back" hears both', () => {
    const sent = keysOf(child(msg('he sent me a dick pic'))[2]?.emitted ?? []);
    expect(sent).toContain('child.sent-images');
    expect(sent).not.toContain('advice.dont-send');
    const askedBack = keysOf(child(msg('he sent me a dick pic and wants one back'))[2]?.emitted ?? []);
    expect(askedBack).toEqual(expect.arrayContaining(['advice.dont-send', 'child.sent-images']));
    // A parent: the same, in a parent's words.
    const parent = keysOf(play(machine, onShift, [msg("I'm a parent or carer"), msg('a man on snapchat sent my son a dick pic')]).at(-1)?.emitted ?? []);
    expect(parent).toContain('parent.sent-images');
    expect(parent).not.toContain('parent.advice.dont-send');
  });

  it('a grandmother, an aunt, an uncle say who they are: the grown-up\'s path, not "who is chatting?" again or a child\'s words', () => {
    // Before: "It sounds like there's a lot going on" and "Who is chatting today?" again; then, taken as a
    // child, "Telling a grown-up you trust is a really good idea" to a grandmother asking about his mother.
    for (const who of ["I'm his grandmother", 'im her aunt', 'i am their grandad']) {
      const turns = play(machine, onShift, [msg(who)]);
      expect(keysOf(turns[1]?.emitted ?? [])).toEqual(['parent.thanks', 'parent.ask.what-happened']);
    }
    const uncle = play(machine, onShift, [msg('im her uncle, a man on roblox asked her for pics')]).at(-1);
    expect(keysOf(uncle?.emitted ?? [])).toContain('parent.advice.dont-send');
    // Their own grown-ups are still theirs: "my uncle touches me" is a child telling of abuse.
    const child = play(machine, onShift, [msg('my uncle touches me')]).at(-1);
    expect(keysOf(child?.emitted ?? [])).toContain('child.abuse-told');
  });

  it('"can it be a lady" is answered honestly (the bot cannot choose; tell the counsellor); "so no one is coming??" after nobody is free hears so plainly', () => {
    const turns = child(msg('Talk to a real person'), { type: 'handoff.queued', position: 3 }, msg('can it be a lady'), { type: 'handoff.unavailable', reason: 'none_available' }, msg('so no one is coming??'));
    // Before: "How are you feeling right now?", and then "Is there a grown-up you trust…?".
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['handoff.already-asked', 'handoff.who-joins']);
    expect(keysOf(turns[6]?.emitted ?? [])).toEqual(['handoff.nobody-now', 'helplines.now.child']);
    // Asked first, it asks for a person too.
    const first = child(msg('can i talk to a girl')).at(-1);
    expect(first?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', reason: 'asked_for_person' }));
    expect(keysOf(first?.emitted ?? []).slice(-2)).toEqual(['handoff.asking', 'handoff.who-joins']);
    // Nobody on shift: no promise about who joins.
    const offShift = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('can i talk to a woman')]).at(-1);
    expect(keysOf(offShift?.emitted ?? [])).not.toContain('handoff.who-joins');
  });

  it('"can the police see this" is the privacy answer and "do i have to give my name" the name answer, in the interview; the step\'s question still waits', () => {
    const start = [msg('a man on roblox keeps messaging me')];
    const police = child(...start, msg('can the police see this'), msg('a week'));
    // Before: taken as the answer to "How long…?", and "Has this person asked you to say or do things…?" came next.
    expect(keysOf(police[3]?.emitted ?? [])).toEqual(['child.privacy']);
    expect(keysOf(police[4]?.emitted ?? [])).toContain('child.ask.asked-to-do');
    const name = child(...start, msg('do i have to give my name')).at(-1);
    expect(wordsOf(content, name?.emitted ?? [])).toEqual(["You don't have to tell us your name. The counsellor only knows what you choose to say here."]);
  });

  it('"should i just delete my account and all the messages", before any red flag: not yet, the messages may be needed; deleting an app alone is still a how-to question', () => {
    const turns = child(msg('a guy keeps messaging me on insta'), msg('should i just delete my account and all the messages'));
    // Before: the tips, with "Some apps delete the chat when you block", and nothing on keeping the messages.
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['child.dont-delete']);
    const app = child(msg('how do i delete my tiktok account')).at(-1);
    expect(keysOf(app?.emitted ?? [])).toContain('child.app-question');
    expect(keysOf(app?.emitted ?? [])).not.toContain('child.dont-delete');
  });

  it('"wat" to a question is asked again in simpler words, not thanked as an answer; twice in a row offers a person; a bare "ye" to "what happened?" is asked for more', () => {
    const turns = child(msg('ye'), msg('wat'), msg('a man on roblox keeps messaging me'), msg('a week'), msg('wat'), msg('huh'));
    // Before: "Thank you for telling me. That sounds hard." to "ye" and to "wat".
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['shared.tell-me-more']);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual(["Sorry, I'll ask in a different way.", 'What has been going on? You can tell me in your own words.']);
    expect(turns[4]?.state).toBe('talking.young.howLong');
    expect(wordsOf(content, turns[6]?.emitted ?? [])).toEqual(["Sorry, I'll ask in a different way.", "Has this person asked you to do something you didn't want to do? You can say yes or no."]);
    expect(turns[6]?.state).toBe('talking.young.askedToDo');
    expect(keysOf(turns[7]?.emitted ?? [])).toEqual(['fallback.offer-help', 'helplines.now.child']);
    // A friend hears it about their friend; "what happened was he asked for pics" is the story, not confusion.
    const friend = play(machine, onShift, [msg('my friend'), msg('wat')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toEqual(['fallback.ask-again', 'friend.ask.what-happened-simple']);
    const story = child(msg('what happened was he asked for pics')).at(-1);
    expect(keysOf(story?.emitted ?? [])).not.toContain('fallback.ask-again');
  });

  it('a story that says how long ("has been messaging me for weeks") is not asked "How long has this person been talking to you?"', () => {
    const turns = child(msg('cant sleep. this guy on snap has been messaging me for weeks'));
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['child.ack.what-happened', 'child.ask.asked-to-do']);
    expect(turns[2]?.snapshot.context.summary).toMatchObject({ duration: 'weeks', app: 'Snapchat' });
    // Without it, or with only when it happened ("today"), the question is asked.
    expect(keysOf(child(msg('this guy on snap keeps messaging me'))[2]?.emitted ?? [])).toContain('child.ask.how-long');
    expect(keysOf(child(msg('a man on roblox messaged me today'))[2]?.emitted ?? [])).toContain('child.ask.how-long');
  });

  it('a teacher whose pupil "asked me not to tell anyone" hears they cannot keep it secret and how to say so, not that groomers use secrets', () => {
    const turns = play(machine, onShift, [msg('Someone else'), msg('im a teacher, a year 8 girl told me a man on snapchat is asking for nudes'), msg('she asked me not to tell anyone')]);
    const keys = keysOf(turns[3]?.emitted ?? []);
    // Before: "Asking a child to keep things secret is a common way groomers keep control."
    expect(keys).not.toContain('parent.secret-not-yours');
    expect(keys).toContain('parent.worker-secret');
    // A parent told by a man that he asked their child to keep it secret still hears the groomers' line.
    const parent = play(machine, onShift, [msg("I'm a parent or carer"), msg('a man on fortnite told my son not to tell us about their chats')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.secret-not-yours');
  });

  it('"can u not tell anyone" and "will the counsellor know my name", the whole message, are questions about this chat, not a stranger\'s secrecy or knowledge', () => {
    const friend = play(machine, onShift, [msg('my friend'), msg('she is being messaged by a man on insta who wants pics'), msg('can u not tell anyone')]).at(-1);
    // Before: a new red flag (meet_or_secrecy) and "Safe grown-ups don't ask children to keep secrets like this".
    expect(friend?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    expect(keysOf(friend?.emitted ?? [])).toEqual(['friend.privacy']);
    const queued = child(msg('Talk to a real person'), { type: 'handoff.queued', position: 3 }, msg('will the counsellor know my name')).at(-1);
    // Before: urgency raised for personal_info, and "If you ever see them… Never go to meet them."
    expect(queued?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    expect(keysOf(queued?.emitted ?? [])).toEqual(['shared.anonymous']);
    // A stranger's secrecy told of is still a red flag.
    const told = child(msg('he told me not to tell anyone')).at(-1);
    expect(told?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested' }));
  });

  it('"scared" in place of an answer to "Is there a grown-up you trust…?" is said back and the question asked again in other words, once; not "That\'s okay… a teacher or school nurse can help"', () => {
    const turns = child(msg('a man on roblox keeps messaging me'), msg('2 weeks'), msg('no'), msg('no'), msg('idk'), msg('scared'), msg('sad'));
    expect(keysOf(turns[6]?.emitted ?? []).at(-1)).toBe('child.ask.trusted-adult');
    expect(keysOf(turns[7]?.emitted ?? [])).toEqual(['feeling.scared', 'child.ask.trusted-adult-again']);
    expect(turns[7]?.state).toBe('talking.young.trustedAdult');
    // Once: a second feeling goes on as before.
    expect(keysOf(turns[8]?.emitted ?? [])).toContain('child.trusted.none');
  });

  it('"Someone else", then "im her older sister": the friend path\'s words, not a worker\'s safeguarding lead', () => {
    const turns = play(machine, onShift, [msg('Someone else'), msg('im her older sister, shes 12'), msg('a man on tiktok is asking her for pics')]);
    expect(turns[2]?.state).toBe('talking.young.whatHappened');
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['friend.ask.what-happened']);
    const flagged = keysOf(turns[3]?.emitted ?? []);
    expect(flagged).toContain('friend.advice.dont-send');
    expect(flagged).not.toContain('parent.advice.work-with-children');
    // A teacher stays on the worker's path.
    const teacher = play(machine, onShift, [msg('Someone else'), msg('im her teacher, a man on tiktok is asking her for pics')]).at(-1);
    expect(keysOf(teacher?.emitted ?? [])).toContain('parent.advice.work-with-children');
  });

  it('life at home with no red flag ("my mum drinks a lot and shouts"): said back, and asked if safe at home now; no is danger now, yes goes on to feelings', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg('my mum drinks a lot and shouts'), msg('no')]);
    expect(wordsOf(content, turns[1]?.emitted ?? []).slice(-2)).toEqual([
      'Thank you for telling me about home. That sounds really hard, and it is not your fault.',
      'Do you feel safe at home right now?',
    ]);
    expect(turns[2]?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    expect(wordsOf(content, turns[2]?.emitted ?? [])[0]).toMatch(/^If you are in danger right now, call 999/);
    expect(turns[2]?.snapshot.context.summary).toMatchObject({ homeIsUnsafe: true });
    // Not sure: a counsellor, without 999 first.
    const unsure = play(machine, onShift, [msg("I'm a young person"), msg('my dad shouts at me all the time'), msg('not sure')]).at(-1);
    expect(unsure?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'high' }));
    const safe = play(machine, onShift, [msg("I'm a young person"), msg('my dad shouts at me all the time'), msg('yes')]).at(-1);
    expect(keysOf(safe?.emitted ?? [])).toEqual(['child.home-safe-yes', 'child.ask.feelings']);
    expect(safe?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    // One of their own grown-ups outside the home keeps the in-person questions.
    expect(play(machine, onShift, [msg("I'm a young person"), msg('my coach shouts at me')]).at(-1)?.state).toBe('talking.young.askedToDo');
  });

  it('a rule or row at home ("mum says im not allowed my phone and i hate her") is the child writing, said back kindly, and asked about anything online; no counsellor', () => {
    // Before, "mum" named a parent as who was chatting: every line spoke to a parent about "the child".
    const turns = play(machine, onShift, [msg('mum says im not allowed my phone and i hate her'), msg('no')]);
    expect(turns[1]?.snapshot.context.audience).toBe('young_person');
    expect(wordsOf(content, turns[1]?.emitted ?? []).slice(-2)).toEqual([
      "It can feel really unfair when a grown-up at home says no, or takes your phone away. It's okay to feel cross about it.",
      'Is something else worrying you too? Maybe someone online?',
    ]);
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['child.just-talk']);
    // Before, "my mum took my phone" was life at home: "Do you feel safe at home right now?", and "idk" brought a counsellor.
    const unsure = play(machine, onShift, [msg('my mum took my phone and i hate her'), msg('idk')]);
    expect(unsure.flatMap((t) => t.emitted).some((e) => e.type === 'handoff.requested')).toBe(false);
    expect(keysOf(unsure[1]?.emitted ?? [])).not.toContain('child.ask.safe-at-home');
    // Yes: what happened, and the story is heard as usual.
    const yes = play(machine, onShift, [msg('my mum took my phone and i hate her'), msg('yes'), msg('a man on snap keeps asking me for pics')]);
    expect(keysOf(yes[2]?.emitted ?? [])).toEqual(['child.ask.what-happened']);
    expect(yes[3]?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested' }));
    // Trouble beside the rule stays life at home; something online beside it is the story.
    expect(play(machine, onShift, [msg('my dad shouts when i dont do my homework')]).at(-1)?.state).toBe('talking.young.homeLife');
    expect(play(machine, onShift, [msg('my mum took my phone because a man was messaging me on insta')]).at(-1)?.state).toBe('talking.young.howLong');
    // A parent speaking of themselves, or of their child, is still a parent; "dad" alone still answers "who is chatting".
    expect(play(machine, onShift, [msg('mum here, my daughter is 12 and a man messaged her on roblox')]).at(-1)?.snapshot.context.audience).toBe('parent_carer');
    expect(play(machine, onShift, [msg('im a dad and i am worried')]).at(-1)?.snapshot.context.audience).toBe('parent_carer');
    expect(play(machine, onShift, [msg('dad')]).at(-1)?.snapshot.context.audience).toBe('parent_carer');
    // A friend's mum's rules are not the child's own: the friend path's questions, not these words.
    const friend = play(machine, onShift, [msg('my friends mum took her phone and she is upset')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).not.toContain('child.family-rules');
  });

  it('a loss ("my nan died") or a family splitting up is said back in its own words, with no question about "this person" and no "do you feel safe at home?"', () => {
    // Before, "my nan died last week and i cant stop crying" was a grown-up they know: "Has this person asked
    // you to say or do things that feel wrong or scary?"
    const grief = play(machine, onShift, [msg('hi'), msg('my nan died last week and i cant stop crying'), msg('no')]);
    expect(wordsOf(content, grief[2]?.emitted ?? []).slice(-2)).toEqual([
      "I'm so sorry. When someone we love dies, it hurts a lot. Crying is okay, and so is any other feeling you have. Childline can talk with you about it too, on 0800 1111.",
      'Is something else worrying you too? Maybe someone online?',
    ]);
    expect(keysOf(grief[3]?.emitted ?? [])).toEqual(['child.just-talk']);
    expect(play(machine, onShift, [msg('my dog died yesterday')]).at(-1)?.state).toBe('talking.young.familyRules');
    // Told after a red flag: said back, not "Is there a grown-up you trust…?" as if unsaid.
    const later = play(machine, { counsellorOnShift: false }, [msg('im 13'), msg('a man on snap keeps asking for pics'), msg('my nan died last month too')]).at(-1);
    expect(keysOf(later?.emitted ?? [])).toEqual(['child.grief']);
    // Before, "my mum and dad are getting divorced and im sad" was asked "Do you feel safe at home right now?",
    // and "idk" brought a counsellor with "What you've shared sounds serious".
    const split = play(machine, onShift, [msg('my mum and dad are getting divorced and im sad'), msg('idk')]);
    expect(keysOf(split[1]?.emitted ?? [])).toEqual(['child.thanks', 'child.family-split', 'child.ask.anything-online']);
    expect(wordsOf(content, split[1]?.emitted ?? [])[1]).toContain('it is never because of anything you did');
    expect(split.flatMap((t) => t.emitted).some((e) => e.type === 'handoff.requested')).toBe(false);
    // Yes: what happened, and a story told after it is heard as usual.
    const yes = play(machine, onShift, [msg("I'm a young person"), msg('my parents are splitting up'), msg('yes'), msg('someone on insta keeps asking for pics')]);
    expect(keysOf(yes[3]?.emitted ?? [])).toEqual(['child.ask.what-happened']);
    expect(yes[4]?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested' }));
    // A phone that "died", a red flag beside a loss, or trouble at home beside a split are not these.
    expect(keysOf(child(msg('my phone just died lol')).at(-1)?.emitted ?? [])).not.toContain('child.grief');
    expect(child(msg('my dad died and i want to die too')).at(-1)?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested' }));
    expect(play(machine, onShift, [msg('my parents are splitting up and my dad hits me')]).flatMap((t) => t.emitted)).toContainEqual(
      expect.objectContaining({ type: 'handoff.requested' }),
    );
    expect(play(machine, onShift, [msg('my parents split up and my dad drinks and shouts')]).at(-1)?.state).toBe('talking.young.homeLife');
  });

  it('a stranger\'s offer ("he would give me robux if i send a pic") is not the child asking whether to do it', () => {
    // Before: "No, please don't. Paying or sending more won't make them stop", the answer to "should i send it".
    // Don't send (and, since lexicon v90 also reads the offered robux as money, don't pay): both
    // lines start "Don't send them"; the training set labels a payment offered for a picture financial.
    const offer = child(msg('someone on roblox said he would give me robux if i send a pic')).at(-1);
    expect(keysOf(offer?.emitted ?? []).filter((k) => k === 'advice.dont-send' || k === 'advice.dont-send-or-pay')).toHaveLength(1);
    expect(keysOf(offer?.emitted ?? [])).not.toContain('advice.dont-comply');
    // Asking stays asking.
    const asked = child(msg('a man wants 100 pounds or he posts my pics'), msg('should i just pay him')).at(-1);
    expect(keysOf(asked?.emitted ?? [])).toContain('advice.dont-comply');
  });

  it('a parent\'s "she is really angry with me for taking her phone" is the child\'s anger, and taking the phone is answered', () => {
    // Before: "It's okay to feel angry. What happened was not okay.", said to the parent.
    const turns = play(machine, onShift, [
      msg('im a mum'),
      msg('my 13 year old has been talking to a man on roblox who asked for her address'),
      msg('she is really angry with me for taking her phone'),
    ]);
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['parent.took-device']);
    // The child's own "he is scaring me" is still their feeling, when the step reads feelings.
    const scared = child(msg('a man on snap keeps messaging me'), msg('a week'), msg('no'), msg('no'), msg('hes been messaging every day'), msg('he is scaring me')).at(-1);
    expect(keysOf(scared?.emitted ?? [])[0]).toBe('feeling.scared');
  });

  it('"im home alone" after a stranger who knows where they live said he would come is danger now, with what to do about the door', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg('hlp'), msg('sum1 on fortnite sed he nos were i liv'), msg('he sed he wil cum 2 my hous'), msg('im home alone'), msg('ok')]);
    // Before: "he sed he wil cum 2 my hous" heard "Don't send them anything, and don't pay them" (a threat
    // only the classifier heard, nothing asked for), and "im home alone" heard "You're not alone. I'm here".
    expect(keysOf(turns[3]?.emitted ?? [])).not.toContain('advice.dont-send-or-pay');
    expect(turns[4]?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    expect(wordsOf(content, turns[4]?.emitted ?? []).slice(0, 2)).toEqual([
      "If you are in danger right now, call 999. If you can't speak, call 999 from a mobile, stay quiet, and press 55 when you hear the message. I'm a computer, so I can't send help myself.",
      "Lock the doors, and don't open them to anyone you don't know. Call a grown-up you know and ask them to come home now. If that person comes, call 999.",
    ]);
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('feeling.alone');
    // Since session 22 the detector finds it (its evidence goes to the counsellor), and the dialog makes no finding of its own.
    const asked = turns[4]?.emitted.find((e) => e.type === 'handoff.requested');
    expect(asked?.type === 'handoff.requested' ? asked.findings.map((f) => f.rule) : []).toEqual(['ctx:home-alone-at-risk']);
    // The danger steps go on, the door first.
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['escalation.danger-door']);
    // A parent's "shes home alone right now", after a man who knows their address: the same, in a parent's words.
    const parent = play(machine, offShift, [msg('im a mum'), msg('a man on roblox has been messaging my daughter and knows our address'), msg('shes home alone right now')]).at(-1);
    expect(parent?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.home-alone-safety');
    // Home alone with nothing before it is not danger, and not "You're not alone" either.
    const bored = play(machine, offShift, [msg('im home alone and bored')]).at(-1);
    expect(bored?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    expect(keysOf(bored?.emitted ?? [])).not.toContain('feeling.alone');
    // Blackmail is still blackmail: "don't send them anything, and don't pay them".
    const blackmail = child(msg('he says he will post my pics if i dont send more')).at(-1);
    expect(keysOf(blackmail?.emitted ?? [])).toContain('advice.dont-send-or-pay');
  });

  it('"no one would care" to "Are you safe right now?" is a feeling, not a no: said back, and asked again once', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg('im 16'), msg('i keep thinking about ending it'), msg('no one would care'), msg('yeah im safe')]);
    expect(keysOf(turns[2]?.emitted ?? [])).toContain('safety.ask-safe');
    // Before: "no" began the message, so it was "not safe": "Please call 999 now", urgency immediate.
    expect(turns[3]?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual(["You're not alone. I'm here, and there are people who can help.", 'Are you safe right now?']);
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['safety.safe-yes']);
    // A plain no is still not safe, and asked again only once.
    const no = play(machine, offShift, [msg('im 16'), msg('i keep thinking about ending it'), msg('no one would care'), msg('no')]).at(-1);
    expect(no?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    const twice = play(machine, offShift, [msg('im 16'), msg('i keep thinking about ending it'), msg('no one would care'), msg('nobody would miss me')]).at(-1);
    expect(keysOf(twice?.emitted ?? [])).not.toContain('safety.ask-safe');
    // "no one" to "Is there a grown-up you trust?" is still nobody.
    const trusted = play(machine, offShift, [msg("I'm a young person"), msg('a man on snap asked for pics'), msg('ok'), msg('no one')]);
    expect(keysOf(trusted[3]?.emitted ?? [])).toEqual(['child.ask.trusted-adult']);
    expect(keysOf(trusted[4]?.emitted ?? [])).toEqual(['child.trusted.none']);
  });

  it('"lol jk" or "forget it" to "Are you safe right now?" is not taken as safe: asked again once, saying people joke when it is hard to say', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg('im 15'), msg('honestly i just want to disappear'), msg('lol jk'), msg('yes')]);
    expect(keysOf(turns[2]?.emitted ?? [])).toContain('safety.ask-safe');
    // Before: "Is there a grown-up you trust…?", and the safety question was never answered.
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual(['Sometimes people joke when something is hard to say. I still want to check. Are you safe right now?']);
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['safety.safe-yes']);
    // "jk im fine" is asked again too; then "no" is not safe, with 999.
    const fine = play(machine, offShift, [msg('im 15'), msg('honestly i just want to disappear'), msg('jk im fine'), msg('no')]);
    expect(keysOf(fine[3]?.emitted ?? [])).toEqual(['safety.ask-safe-again']);
    expect(fine[4]?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    // Once only: "forget it" after the second asking is not asked a third time.
    const twice = play(machine, offShift, [msg('im 15'), msg('honestly i just want to disappear'), msg('forget it'), msg('nvm')]).at(-1);
    expect(keysOf(twice?.emitted ?? [])).not.toContain('safety.ask-safe-again');
    expect(keysOf(twice?.emitted ?? [])).not.toContain('safety.ask-safe');
    // A parent hears it in a parent's words.
    const parent = play(machine, offShift, [msg("I'm a parent or carer"), msg('my son said he wants to kill himself'), msg('he was probably joking')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(['safety.ask-safe-again-adult']);
  });

  it('"everyones asleep" while not safe after self-harm: wake them now, in place of the next step, and "wake someone up" is not said after it', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg('im 16'), msg('been cutting again tonight'), msg('no'), msg('everyones asleep'), msg('ok')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toContain('safety.not-safe');
    // Before: "Please call 999 now, or ask someone near you to call", to someone who had just said nobody was awake.
    expect(wordsOf(content, turns[4]?.emitted ?? [])).toEqual(['Please wake them up now, even if it feels hard. You can show them this chat if that is easier than saying it. Or call 999 yourself.']);
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['escalation.self-harm-doctors']);
    // Without it, the steps go as before.
    const plain = play(machine, offShift, [msg('im 16'), msg('been cutting again tonight'), msg('no'), msg('ok'), msg('ok')]);
    expect(keysOf(plain[5]?.emitted ?? [])).toEqual(['escalation.self-harm-wake-someone']);
  });

  it('a furious parent ("find this bastard and kill him") hears do not confront him; "what will the police actually do" gets the police answer', () => {
    const start = [msg("I'm a parent or carer"), msg('a man on fortnite told my son not to tell us about their chats')];
    const angry = play(machine, onShift, [...start, msg('im going to find this bastard and kill him')]).at(-1);
    expect(keysOf(angry?.emitted ?? [])).toContain('parent.advice.dont-confront');
    const police = play(machine, onShift, [...start, msg('what will the police actually do')]).at(-1);
    expect(keysOf(police?.emitted ?? [])).toContain('parent.police');
  });

  it('a friend asked to keep a friend\'s secret, taking a friend to a meeting, "i dont have that many" robux: each answered for what it is', () => {
    const offShift = { counsellorOnShift: false };
    // Before: "Safe grown-ups don't ask children to keep secrets like this", about a friend who asked.
    const secret = play(machine, offShift, [msg('my friend'), msg('she said she wants to kill herself tonight'), msg('she made me promise not to tell')]).at(-1);
    expect(keysOf(secret?.emitted ?? [])).toContain('friend.secret');
    expect(keysOf(secret?.emitted ?? [])).not.toContain('friend.secret-not-yours');
    // A stranger's secret told of by a friend still hears it.
    const stranger = play(machine, offShift, [msg('my friend'), msg('a man online told her to keep their chats a secret from her mum')]).at(-1);
    expect(keysOf(stranger?.emitted ?? [])).toContain('friend.secret-not-yours');
    // Before: "Please call 999 now…" only; the question was not answered.
    const meet = play(machine, offShift, [msg('im 15'), msg('i met this guy on an app hes 24 were meeting tonight'), msg('what if i take my friend')]).at(-1);
    expect(keysOf(meet?.emitted ?? [])).toEqual(['advice.dont-meet-again', 'escalation.still-in-danger']);
    // Before: "Is there a grown-up you trust…?"
    const robux = play(machine, offShift, [msg('im 11'), msg('someone hacked my roblox account and wants 1000 robux to give it back'), msg('i dont have that many')]).at(-1);
    expect(keysOf(robux?.emitted ?? [])).toEqual(['child.cant-pay']);
  });

  it('a how-to question about an app is answered, not taken as a story about "this person"; deleting the account after a red flag: not yet', () => {
    // Before: "how do i delete my tiktok account" heard "That sounds hard. How long has this person been talking to you?"
    const question = child(msg('how do i delete my tiktok account'), msg('no')).slice(-2);
    expect(keysOf(question[0]?.emitted ?? [])).toEqual(['child.app-question', 'child.ask.anything-online']);
    expect(keysOf(question[1]?.emitted ?? [])).toEqual(['child.just-talk']);
    expect(play(machine, onShift, [msg('how do i change my roblox password')]).at(-1)?.state).toBe('talking.young.familyRules');
    // Someone in it is a story; asking how to block is the tips.
    expect(child(msg('how do i make him stop messaging me on insta')).at(-1)?.state).not.toBe('talking.young.familyRules');
    expect(keysOf(child(msg('how do i make my account private')).at(-1)?.emitted ?? [])).toContain('child.advice.intro');
    // After a red flag: don't delete yet, the messages may be needed (before: the trusted-adult question, or all the tips).
    const offShift = { counsellorOnShift: false };
    const young = play(machine, offShift, [msg('im 13'), msg('a guy on snap keeps asking for pics'), msg('can i just delete snapchat')]).at(-1);
    expect(wordsOf(content, young?.emitted ?? [])).toEqual([
      "It's best not to delete the chat or your account yet. A grown-up or the police may need to see the messages. You can block them and turn off notifications instead.",
    ]);
    const parent = play(machine, offShift, [msg('im a mum'), msg('my son sent pictures to someone and is being blackmailed'), msg('should i delete his account')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(['parent.dont-delete']);
  });

  it('"i already sent 50", after blackmail for money, is paying already: not their fault, don\'t pay any more', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg('im 14'), msg('this girl recorded me on a video call'), msg('now she wants £300 or she sends it to my family'), msg('i already sent 50')]);
    expect(keysOf(turns[4]?.emitted ?? [])).toContain('child.paid-already');
    // Money sent to them is not money paid.
    const gift = play(machine, offShift, [msg('im 14'), msg('this man on roblox keeps being really nice'), msg('he sent me 50 robux')]).at(-1);
    expect(keysOf(gift?.emitted ?? [])).not.toContain('child.paid-already');
  });

  it('"what is ceop" and "how do i report to ceop" are answered (who they are, the website, who gets in touch); the step\'s question still waits', () => {
    // Before: "what is ceop" was "That sounds hard. Which app or game was it on?"; "how do i report someone to
    // ceop" was all the tips, which say only "You can also report them to CEOP".
    const what = child(msg('what is ceop')).at(-1);
    expect(wordsOf(content, what?.emitted ?? [])).toEqual([
      'CEOP is part of the police. They help children when someone online has worried them. You can report on their website, https://www.ceop.police.uk/Safety-Centre/, and a grown-up you trust can help you. Someone from CEOP will then get in touch.',
    ]);
    expect(what?.state).toBe('talking.young.whatHappened');
    const offShift = { counsellorOnShift: false };
    const after = play(machine, offShift, [msg('im 14'), msg('a man on snap keeps asking for pics'), msg('how do i report someone to ceop')]).at(-1);
    expect(keysOf(after?.emitted ?? [])).toEqual(['child.about-ceop']);
    const parent = play(machine, offShift, [msg('im a mum'), msg('how do i report to ceop')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(['parent.about-ceop']);
  });

  it('"i dont want to tell anyone" is their choice, never pushed: when they are ready, a grown-up can help; Childline', () => {
    const offShift = { counsellorOnShift: false };
    // Before: "Is there a grown-up you trust who you could talk to?" as if they had not said it.
    const turns = play(machine, offShift, [msg('im 13'), msg('a man on insta keeps asking for pics'), msg('i dont want to tell anyone'), msg('ok')]);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual([
      "That's okay. You can choose when to tell someone. When you're ready, telling a grown-up you trust can really help. Childline is there too, on 0800 1111.",
    ]);
    // The trusted-adult question is not asked straight after.
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('child.ask.trusted-adult');
    // To the trusted-adult question on the path, the same; a friend's "she doesnt want anyone to know" is the friend's secret.
    const path = child(msg('someone on roblox keeps messaging me'), msg('a week'), msg('no'), msg('no'), msg('worried'), msg('i dont want to tell anyone')).at(-1);
    expect(keysOf(path?.emitted ?? [])[0]).toBe('child.not-ready-to-tell');
    const friend = play(machine, offShift, [msg('my friend'), msg('a man keeps messaging her and she doesnt want anyone to know')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).not.toContain('child.not-ready-to-tell');
  });

  it('a parent: a rude picture sent to their son is the sent-images answer; "i want to kill him" hears "leave it to the police"', () => {
    const offShift = { counsellorOnShift: false };
    // Before: only "The child should not send them any pictures", as if pictures had been asked for.
    const sent = play(machine, offShift, [msg('im a mum'), msg('my son is 9 and someone sent him a rude picture on roblox')]).at(-1);
    expect(keysOf(sent?.emitted ?? [])).toContain('parent.sent-images');
    // Before: taken as the answer to "Which app or game was it on?".
    const angry = play(machine, offShift, [msg('im a dad'), msg('a man online has been messaging my daughter'), msg('im so angry i want to kill him')]).at(-1);
    expect(keysOf(angry?.emitted ?? [])).toEqual(['parent.advice.dont-confront']);
    expect(angry?.state).toBe('talking.adult.app');
  });

  it('"maybe" to "are you safe" is not sure, not yes; to "has this person asked you…" it still leads on', () => {
    // Before, "maybe" was only a yes: "I'm glad you feel safe right now".
    const home = play(machine, onShift, [msg('my dad shouts at me all the time'), msg('maybe')]).at(-1);
    expect(home?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'high' }));
    expect(keysOf(home?.emitted ?? [])).not.toContain('child.home-safe-yes');
    const selfHarm = play(machine, onShift, [msg('i cut myself last night'), msg('kind of')]).at(-1);
    expect(keysOf(selfHarm?.emitted ?? [])).toEqual(['safety.not-safe']);
    const asked = play(machine, onShift, [msg('someone on roblox keeps messaging me'), msg('a week'), msg('maybe')]).at(-1);
    expect(asked?.state).toBe('talking.young.whatAsked');
  });

  it('sextortion with their nudes: the image worry at once; "i dont have 500" is the cant-pay answer; "what if she does it anyway" is answered each time', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [
      msg('im 15 and this girl i met on insta wants 500 quid or she sends my nudes to my followers'),
      msg('i dont have 500'),
      msg('what if she does it anyway'),
      msg('will she really do it'),
    ]);
    // Before: no image worry ("my nudes" was not read as pictures they had sent), the trusted-adult
    // question for "i dont have 500", and "How are you feeling right now?" for the fear.
    expect(keysOf(turns[1]?.emitted ?? [])).toContain('child.image-worry');
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['child.cant-pay']);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual([
      'You are not in trouble, and it is not your fault. The person who asked for it did something wrong. If a photo or video of you is online, or might be, Report Remove from Childline can help get it taken down.',
    ]);
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['child.image-worry']);
    // With no pictures threatened, the fear is not read as an image worry.
    const hacked = play(machine, offShift, [msg('someone hacked my fortnite account and says pay 20 quid or he deletes it'), msg('what if he does it anyway')]).at(-1);
    expect(keysOf(hacked?.emitted ?? [])).not.toContain('child.image-worry');
    // An amount they lack counts only once money or a threat came up.
    expect(keysOf(play(machine, onShift, [msg('someone on roblox keeps messaging me'), msg('i dont have 2 phones')]).at(-1)?.emitted ?? [])).not.toContain('child.cant-pay');
  });

  it('asked to move money through their bank account: never let anyone, against the law, call the bank; once, in the words of who is chatting', () => {
    const offShift = { counsellorOnShift: false };
    const teen = play(machine, offShift, [msg('im 16, a guy offered me 200 to hold money in my bank account and send it on'), msg('he said i can keep 50 of it if i send it on')]);
    const first = wordsOf(content, teen[1]?.emitted ?? []);
    expect(first).toContain(
      'Never let anyone use your bank account to move money, even if they pay you. It is against the law. The people who ask are criminals. If it already happened, tell a grown-up you trust and call your bank.',
    );
    expect(keysOf(teen[2]?.emitted ?? [])).not.toContain('child.money-mule');
    const parent = play(machine, offShift, [msg('my son is 15 and a man on instagram wants to use his bank account to move money for cash')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.money-mule');
    // Money asked for with no account in it ("send me 50 on paypal") is not this.
    expect(keysOf(play(machine, offShift, [msg('a guy on insta keeps asking me to send him 50 on paypal')]).at(-1)?.emitted ?? [])).not.toContain('child.money-mule');
  });

  it('"i already told him" after an address was asked for: not in trouble, tell a grown-up today; "hes nice tho" is the caring answer', () => {
    const turns = play(machine, onShift, [msg('im 10'), msg('a man in roblox said he will give me robux if i tell him my address'), msg('i already told him'), msg('hes nice tho')]);
    // Before: only "Thank you for telling me. A counsellor will be able to read this.", then "How are you feeling right now?".
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toContain(
      'You are not in trouble for telling them. Because they know some of your details, please tell a grown-up you trust today, so they can help keep you safe.',
    );
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['child.cares']);
    // A friend who says it is fine: the same answer, in the friend's words.
    const friend = play(machine, onShift, [msg('asking for a friend'), msg('my friend is 14 and her boyfriend is 22'), msg('she says its fine')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toEqual(['friend.cares']);
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a man on snapchat asked my daughter for her address'), msg('she already gave it')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.details-given');
  });

  it('a threat to hurt said in other words ("she said shell beat me up tomorrow") is not blackmail: no "don\'t send, don\'t pay"', () => {
    const offShift = { counsellorOnShift: false };
    // The detector's threat-renewed combination fires beside the violence rule in the same message.
    const turns = play(machine, offShift, [msg('im 12'), msg('theres a girl in year 9 who keeps sending me mean messages on snap'), msg('she said shell beat me up tomorrow')]);
    const last = turns.at(-1);
    expect(last?.snapshot.context.turn.findings.map((f: { rule: string }) => f.rule)).toContain('ctx:threat-renewed');
    expect(keysOf(last?.emitted ?? [])).not.toContain('advice.dont-send-or-pay');
    expect(last?.snapshot.context.summary.asked).not.toContain('threats or blackmail');
    // After real blackmail, a renewed threat still is.
    const blackmail = play(machine, offShift, [msg('he said send more pics or he will post the ones i sent'), msg('he says he will do it tonight')]);
    expect(blackmail.at(-1)?.snapshot.context.summary.asked).toContain('threats or blackmail');
  });

  it('someone outside and "the door is locked": said back, keep it locked and call 999, not "lock your door if you can"', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('theres a man outside my house who i met online hes knocking'), msg('the door is locked'), msg('im in my room')]);
    expect(wordsOf(content, turns[2]?.emitted ?? [])).toEqual(['Good. Keep it locked, and stay inside, away from the windows. Call 999 now. The call is free.']);
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['escalation.danger-call']);
    // With nobody outside, the words are not read so.
    const alone = play(machine, { counsellorOnShift: false }, [msg('i took a lot of pills'), msg('the door is locked')]).at(-1);
    expect(keysOf(alone?.emitted ?? [])).not.toContain('escalation.danger-door-locked');
  });

  it('a parent\'s "should i confront him" is answered: in person, keep the child away; online, don\'t contact them or pretend to be the child', () => {
    const offShift = { counsellorOnShift: false };
    const inPerson = play(machine, offShift, [msg('my daughter told me her coach touches her'), msg('what do i do now'), msg('should i confront him')]).at(-1);
    // Before: "The advice is in the chat, just above."
    expect(keysOf(inPerson?.emitted ?? [])).toEqual(['parent.advice.abuse-keep-away']);
    const online = play(machine, offShift, [msg('my son is being messaged by a man on snapchat asking for pics'), msg('should i reply to him')]).at(-1);
    expect(wordsOf(content, online?.emitted ?? [])).toContain("Don't contact the person, and don't pretend to be the child online. Leave that to the police.");
  });

  it('"are you safe right now?" answered with a no first in a longer answer ("not really i just feel like nobody cares") is not safe', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('i want to die'), msg('not really i just feel like nobody cares')]);
    // Before: "You're not alone" and the trusted-adult question: eight words were too many for a "no".
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['safety.not-safe']);
    // So is "do you feel safe at home right now?".
    const home = play(machine, { counsellorOnShift: false }, [msg('my dad shouts at me all the time'), msg('no not really he gets really angry when hes been drinking')]).at(-1);
    expect(home?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    const yes = play(machine, { counsellorOnShift: false }, [msg('i want to die'), msg('yes im safe i just feel sad')]).at(-1);
    expect(keysOf(yes?.emitted ?? [])).not.toContain('safety.not-safe');
  });

  it('"can you tell my mum for me", "can you call the police": a computer cannot; how to tell a grown-up, and 999 again while in danger now', () => {
    const offShift = { counsellorOnShift: false };
    const child = play(machine, offShift, [msg('someone on roblox keeps messaging me'), msg('can you tell my mum for me')]).at(-1);
    // Before: taken as the step's answer ("Has this person asked you…" moved on).
    expect(wordsOf(content, child?.emitted ?? [])).toEqual([
      'I\'m a computer, so I can\'t tell anyone for you. You could show this chat to a grown-up you trust. Or you could say, "I need to tell you something." If you are in danger now, call 999.',
    ]);
    expect(child?.state).toBe('talking.young.howLong');
    const danger = play(machine, offShift, [msg('theres a man outside my house who i met online hes knocking'), msg('can you call the police')]).at(-1);
    expect(keysOf(danger?.emitted ?? [])).toEqual(['child.cant-tell-for-you', 'escalation.still-in-danger']);
    const parent = play(machine, offShift, [msg("I'm a parent"), msg('can u call the police for me')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.cant-tell-for-you');
  });

  it('to "are you safe right now?", "im good" and "nah im ok" are safe, "im not ok" is not (before, the other way round)', () => {
    const offShift = { counsellorOnShift: false };
    const answer = (reply: string): string[] => keysOf(play(machine, offShift, [msg('i want to die'), msg(reply)]).at(-1)?.emitted ?? []);
    // "im good", "all good" are in the no list (they end "anything else?"), so they were "not safe", and 999.
    for (const reply of ['im good', 'all good thanks', 'nah im ok']) expect(answer(reply), reply).toEqual(['safety.safe-yes']);
    // "im not ok" holds "ok", which is in the yes list: it was "safe for now".
    expect(answer('im not ok')).toEqual(['safety.not-safe']);
    // The same for "Do you feel safe at home right now?".
    const home = play(machine, offShift, [msg('my dad shouts at me all the time'), msg('im not ok')]).at(-1);
    expect(home?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    expect(keysOf(play(machine, offShift, [msg('my dad shouts at me all the time'), msg('yeah im ok')]).at(-1)?.emitted ?? [])).toContain('child.home-safe-yes');
  });

  it('"should i tell my mum" is answered yes, in the words of who is chatting, each time; with someone at home the problem, a grown-up outside the home', () => {
    const turns = child(msg('a man on tiktok keeps asking for my address'), msg('should i tell my mum'), msg('shud i tell my mum'));
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual([
      'Yes. Telling a grown-up you trust is a really good idea. They can help keep you safe. If it is hard to say, you could show them this chat or write it down.',
    ]);
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['child.should-tell']);
    const home = child(msg('my mums boyfriend hits me'), msg('should i tell my teacher')).at(-1);
    expect(keysOf(home?.emitted ?? [])).toContain('child.should-tell-outside');
    expect(keysOf(home?.emitted ?? [])).not.toContain('child.should-tell');
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a man has been asking my daughter for photos on tiktok'), msg('should we tell the school')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(['parent.should-tell']);
    // The police question keeps its own answer.
    expect(keysOf(child(msg('a man on tiktok keeps asking for my address'), msg('should i tell the police')).at(-1)?.emitted ?? [])).not.toContain('child.should-tell');
  });

  it('a friend whose friend is in danger now hears to tell a grown-up right now, then the reminder; "should i tell her mum" is yes; "she will hate me" is answered', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg("I'm asking for a friend"), msg('my friend is going to meet a guy from snap tonight, hes like 25'), msg('she wont listen to me'), msg('should i tell her mum'), msg('she will hate me')]);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual([
      "Please tell a grown-up right now, like your parent or your friend's parent. They can help stop this. It is okay to tell, even if your friend gets cross. If your friend is in danger right now, call 999.",
    ]);
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['friend.should-tell', 'escalation.still-in-danger-friend']);
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['friend.secret', 'escalation.still-in-danger-friend']);
  });

  it('a grown-up pretending to be a child, and a move to another app: a warning sign, and don\'t add them, each once, in the words of who is chatting', () => {
    const turns = child(msg('sum1 on roblox sed he is 10 but he sounds like a grown up on voice chat'), msg('he wants my snap'), msg('he wants me on whatsapp now'));
    expect(wordsOf(content, turns[2]?.emitted ?? [])).toContain(
      'People online are not always who they say they are. A grown-up who pretends to be a child is a big warning sign. You were right to notice.',
    );
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toContain(
      'Please don\'t add them on another app. People who want to chat somewhere else often want to hide what they say. It is okay to say no.',
    );
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('child.move-app');
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a man pretended to be 13 to my son and now he wants him to move to telegram')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(expect.arrayContaining(['parent.age-lie', 'parent.move-app']));
    // Moving to another app with someone they know is not this.
    expect(child(msg('me and my cousin moved our chat to whatsapp')).flatMap((t) => keysOf(t.emitted))).not.toContain('child.move-app');
  });

  it('an adult as a boyfriend or girlfriend: never okay, not their fault, once, in the words of who is chatting', () => {
    const turns = child(msg('my boyfriend is 19 and im 13'), msg('he says he loves me and im his girlfriend'));
    expect(wordsOf(content, turns[2]?.emitted ?? [])).toContain(
      'A grown-up should never be a boyfriend or girlfriend to someone your age. Even if they are kind to you, it is not okay. It is not your fault, and you are not in trouble.',
    );
    expect(keysOf(turns[3]?.emitted ?? [])).not.toContain('child.older-partner');
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('my 14 year old daughter says her boyfriend is 22, they met online')]).at(-1);
    expect(wordsOf(content, parent?.emitted ?? []).join(' ')).toMatch(/An adult in a romantic or sexual relationship with a child is abuse.*CEOP/);
    // Not beside the gifts line: one line says it.
    const romanceAndGifts = child(msg('this man online says he loves me and wants me to be his gf, hes 30')).at(-1);
    expect(keysOf(romanceAndGifts?.emitted ?? [])).toContain('child.older-partner');
    expect(keysOf(romanceAndGifts?.emitted ?? [])).not.toContain('child.gifts');
  });

  it('"idk what to do", while the trusted-adult question waits, gets the tips, not "that\'s okay, lots of people feel like that"', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg("I'm a young person"), msg('some guy on snap keeps asking where i live'), msg('im scared'), msg('idk what to do')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toContain('child.ask.trusted-adult');
    const last = keysOf(turns[4]?.emitted ?? []);
    expect(last).toContain('advice.keep-evidence');
    expect(last).not.toContain('child.trusted.none');
    // A plain "idk" still answers the question.
    const idk = play(machine, offShift, [msg("I'm a young person"), msg('some guy on snap keeps asking where i live'), msg('im scared'), msg('idk')]).at(-1);
    expect(keysOf(idk?.emitted ?? [])).toEqual(['child.trusted.none']);
  });

  it('"he said hes gonna find me" after pictures were asked for: what to do if they turn up (once), and no "don\'t pay" to a child nobody asked for money', () => {
    const turns = play(machine, onShift, [msg('im 9'), msg('a man in minecraft keeps asking me to go on his server and turn on my camra'), msg('i said no'), msg('he said hes gonna find me'), msg('he says he knows where i live')]);
    const threat = keysOf(turns[4]?.emitted ?? []);
    expect(threat).not.toContain('advice.dont-pay');
    expect(wordsOf(content, turns[4]?.emitted ?? [])).toContain('That sounds scary. If you ever see them, or feel unsafe, go to a grown-up near you straight away, or call 999. Never go to meet them.');
    expect(keysOf(turns[5]?.emitted ?? [])).not.toContain('child.advice.if-they-come');
    // Money asked for later still gets its half.
    const money = play(machine, onShift, [msg("I'm a young person"), msg('he keeps asking me for pics of me in my pjs'), msg('now he wants me to send him 50 pounds')]).at(-1);
    expect(keysOf(money?.emitted ?? [])).toContain('advice.dont-pay');
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a stranger on snapchat told my son he knows which school he goes to')]).at(-1);
    expect(wordsOf(content, parent?.emitted ?? []).join(' ')).toContain('Tell the police on 101 now, or call 999 if they are nearby');
    // "someone is blackmailing me" is blackmail, not a threat to come: "don't send or pay", not "if you ever see them".
    const blackmail = keysOf(child(msg('someone is blackmailing me')).at(-1)?.emitted ?? []);
    expect(blackmail).toContain('advice.dont-send-or-pay');
    expect(blackmail).not.toContain('child.advice.if-they-come');
  });

  it('a parent who took the child\'s device hears it is understandable, to keep it as evidence and that it is not a punishment, once; the tips then leave out "don\'t take away their phone"', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg("I'm a parent"), msg('i found messages on my sons ipad from a man asking him for pictures of himself in his pants'), msg('i took the ipad off him'), msg('i took his phone too'), msg('what should i do')]);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual([
      "That is an understandable first step. Keep the device safe and don't delete anything, because the messages may be needed as evidence. Let your child know they are not in trouble and this is not a punishment, so they keep telling you things.",
    ]);
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('parent.took-device');
    const tips = keysOf(turns[5]?.emitted ?? []);
    expect(tips).toContain('parent.advice.dont-confront');
    expect(tips).not.toContain('parent.advice.keep-internet');
    // Without it, the tips still say not to take it away.
    const other = play(machine, { counsellorOnShift: false }, [msg("I'm a parent"), msg('i found messages on my sons ipad from a man asking him for pictures of himself in his pants'), msg('what should i do')]).at(-1);
    expect(keysOf(other?.emitted ?? [])).toContain('parent.advice.keep-internet');
    // A child who says a parent took their phone is not answered as a parent.
    expect(child(msg('my mum took my phone off me')).flatMap((t) => keysOf(t.emitted))).not.toContain('parent.took-device');
  });

  it('a parent\'s "what do i tell him" with no threat known is answered without talk of threats', () => {
    const turns = play(machine, onShift, [msg('im a mum'), msg('my son is 11 and i found messages on his xbox from an older boy asking him to send pictures of himself'), msg('what do i tell him')]);
    const said = wordsOf(content, turns[3]?.emitted ?? []);
    expect(said).toEqual(['Talk with the child soon, at a calm time when you can listen. Tell them you are glad they told you, and that they are not in trouble. Listen more than you talk, and try not to look shocked or angry. Let them know they can always come to you, whatever happens online.']);
    // "should i talk to him tonight or wait" asks the same: when, and how.
    const when = play(machine, onShift, [msg('im a mum'), msg('my son is 11 and i found messages on his xbox from an older boy asking him to send pictures of himself'), msg('he seems fine, should i talk to him tonight or wait')]).at(-1);
    expect(keysOf(when?.emitted ?? [])).toEqual(['parent.advice.support-child-general']);
    const threatened = play(machine, onShift, [msg('im a mum'), msg('someone is threatening to share my sons photos unless he sends more'), msg('what do i tell him')]).at(-1);
    expect(wordsOf(content, threatened?.emitted ?? []).join(' ')).toContain('Children who are threatened like this can feel there is no way out.');
  });

  it('a young person in danger now with someone outside hears the steps in turn, each with 999, and fear said back', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('hi im 10'), msg('ther is a man outsid my house he sed he is from roblox'), msg('im scard'), msg('my mum is at wrk'), msg('im in my room'), msg('he is nokin on the door')]);
    const keys = turns.slice(3).map((t) => keysOf(t.emitted));
    expect(keys).toEqual([
      ['feeling.scared', 'escalation.danger-door'],
      ['escalation.danger-call'],
      ['escalation.still-in-danger'],
      ['escalation.danger-door'],
    ]);
    for (const t of turns.slice(3)) expect(wordsOf(content, t.emitted).join(' ')).toMatch(/999/);
    // A friend or a parent hears the reminder as before.
    const parent = play(machine, { counsellorOnShift: false }, [msg("I'm a parent"), msg('there is a man outside our house who has been messaging my daughter'), msg('shes upstairs')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(['escalation.still-in-danger-adult']);
  });

  it('"i dont want to talk to anyone", not safe and with nobody able to come: no "ask for a person any time", and 999 again', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('hey'), msg('this guy i met on discord has my nudes and says hell send them to my school'), msg('i want to die honestly'), msg('no'), msg('i dont want to talk to anyone')]);
    // "has my nudes": not in trouble, and Report Remove, with the escalation.
    expect(keysOf(turns[2]?.emitted ?? [])).toContain('child.image-worry');
    expect(wordsOf(content, turns[5]?.emitted ?? [])).toEqual([
      "That's okay. You can keep talking to me for as long as you like.",
      'Please call 999 now, or ask someone near you to call. Samaritans are there on 116 123 too. If you can, go to where someone else is, and move away from anything you could hurt yourself with. I\'m still here.',
    ]);
  });

  it('a more serious message when nobody can come is not answered with the first escalation lines word for word', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg("I'm a young person"), msg('someone on discord is asking me for money'), msg('he says he will send my pics to my friends if i dont pay 50 quid')]);
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(expect.arrayContaining(['escalation.serious', 'escalation.off-shift', 'helplines.now.child']));
    const raised = keysOf(turns[3]?.emitted ?? []);
    expect(raised).toContain('escalation.raised-off-shift');
    expect(raised).toContain('helplines.now.child');
    expect(raised).not.toContain('escalation.serious');
    expect(raised).not.toContain('escalation.off-shift');
  });

  it('"how long will it take" while a counsellor is on the way is answered honestly, and with people to call once nobody can come', () => {
    const turns = child(msg('he asked me to send nudes'), { type: 'handoff.queued', position: 2 }, msg('how long will it take'), msg('is anyone coming??'), { type: 'handoff.unavailable', reason: 'none_available' }, msg('how much longer'));
    expect(wordsOf(content, turns[4]?.emitted ?? [])).toEqual(["A counsellor will join as soon as they can. I can't say exactly when. I'll stay here with you until they do."]);
    // Asked again straight after: the shorter line with Childline, not the same words twice (session 29, second round).
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['handoff.wait-again-short']);
    expect(keysOf(turns[7]?.emitted ?? [])).toEqual(['handoff.nobody-now', 'helplines.now.child']);
    expect(turns.every((t) => t.state !== 'closed')).toBe(true);
    // "no thats all" while waiting: nothing more to say is fine, and the chat stays open.
    const done = child(msg('he asked me to send nudes'), { type: 'handoff.queued', position: 2 }, msg('ok'), msg('no thats all')).at(-1);
    expect(keysOf(done?.emitted ?? [])).toEqual(['handoff.nothing-more']);
    expect(done?.state).toBe('escalated');
    // Before anyone is asked for, the words are the step's answer, not a question about a wait.
    expect(keysOf(child(msg('how long will it take')).at(-1)?.emitted ?? [])).not.toContain('handoff.wait-again');
  });

  it('a grown-up the child knows, told of by a parent, a teacher or a friend, in person: no app question, and the in-person tips', () => {
    // Who they are and the story in one message, straight from the first question.
    const teacher = play(machine, onShift, [msg('a teacher here. one of my pupils says her mums boyfriend has been acting strange around her at home'), msg('she is very quiet'), msg('no')]);
    const asked = teacher.flatMap((t) => keysOf(t.emitted)).filter((k) => k.startsWith('parent.ask.'));
    expect(asked).toEqual(['parent.ask.behaviour', 'parent.ask.wellbeing', 'parent.ask.anything-else']);
    const tips = wordsOf(content, teacher.at(-1)?.emitted ?? []).join(' ');
    expect(tips).toMatch(/Designated Safeguarding Lead.*tell the child you believe them.*Don't tell that person what the child said.*Call the police on 101/);
    // Keeping the child away from that person is a parent's part, not a teacher's; no blocking in an app.
    expect(tips).not.toMatch(/Keep the child away|block|three dots|CEOP/i);
    // The counsellor's summary says who it is.
    expect(summaryOf(teacher.at(-1)!.snapshot).knownAdult).toBe(true);
    // A parent, after saying who they are.
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('her uncle keeps buying her things and wanting time alone with her'), msg('not really'), msg('no')]);
    expect(parent.flatMap((t) => keysOf(t.emitted))).not.toContain('parent.ask.app');
    expect(wordsOf(content, parent.at(-1)?.emitted ?? []).join(' ')).toMatch(/Keep the child away from that person/);
    // A young person telling of a friend's stepdad, straight away: their friend's path (the mum and
    // stepdad are the friend's, not theirs), and the known-adult questions.
    const young = play(machine, onShift, [msg('my friends stepdad is really weird with her when her mum is out')]).at(-1);
    expect(keysOf(young?.emitted ?? [])).toEqual(['friend.thanks', 'friend.ask.asked-to-do']);
    // Online, the usual questions still come.
    const online = play(machine, onShift, [msg("I'm a parent"), msg('her coach keeps messaging her late at night')]).at(-1);
    expect(keysOf(online?.emitted ?? [])).toContain('parent.ask.app');
    expect(summaryOf(online!.snapshot).knownAdult).toBeUndefined();
  });

  it('"should i just pay her" is answered: no, it will not make them stop, and they often ask for more', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [
      msg('17'),
      msg('met a girl on insta, we were video calling and she recorded me'),
      msg('now shes saying pay £500 or she sends it to all my followers'),
      msg('should i just pay her'),
      msg('what if i send her 50'),
    ]);
    // Recorded on a call: a picture or video of them exists, so Report Remove, once.
    expect(keysOf(turns[2]?.emitted ?? [])).toContain('child.image-worry');
    for (const t of [turns[4], turns[5]]) {
      const said = wordsOf(content, t?.emitted ?? []);
      expect(said.at(-1)).toBe("No, please don't. Paying or sending more won't make them stop. People who do this often ask for more. Stop replying, but don't delete the chat yet.");
    }
    // A parent hears it about the child; asked with the first threat, it stands in for "don't send or pay".
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('someone says they will share my sons photos unless he pays, should he pay')]).at(-1);
    const keys = keysOf(parent?.emitted ?? []);
    expect(keys).toContain('parent.advice.dont-comply');
    expect(keys).not.toContain('parent.advice.dont-send-or-pay');
  });

  it('while in danger now, a less urgent red flag gets 999 again, not only "thank you for telling me"', () => {
    const turns = play(machine, { counsellorOnShift: false }, [
      msg("I'm a young person"),
      msg('i just feel like everyone would be better off without me'),
      msg('not really'),
      msg('idk i have some of my mums pills'),
    ]);
    const last = turns.at(-1)?.emitted ?? [];
    // Not safe after self-harm: 999, not being alone, and moving away from what could hurt them.
    expect(keysOf(last)).toEqual(['escalation.still-not-safe']);
    expect(wordsOf(content, last)[0]).toMatch(/^Please call 999 now.*go to where someone else is, and move away from anything you could hurt yourself with/);
  });

  it('"am i gonna get in trouble" is answered, never with 999, wherever it comes', () => {
    const turns = child(msg('i sent him pics and now he wants more'), msg('am i gonna get in trouble'), msg('will the police arrest me'));
    // "i sent him pics": the picture line, which says they are not in trouble.
    expect(keysOf(turns[2]?.emitted ?? [])).toContain('child.image-worry');
    for (const t of [turns[3], turns[4]]) {
      expect(t?.emitted.filter((e) => e.type === 'handoff.requested')).toEqual([]);
      expect(wordsOf(content, t?.emitted ?? [])).toEqual([
        'You are not in trouble. You have not done anything wrong. The person who did this is the one in the wrong. Counsellors and the police are there to help you, not to blame you.',
      ]);
    }
    // On a path: answered, and the step's question still waits for its answer.
    const onPath = child(msg('a man on roblox keeps messaging me'), msg('am i in trouble'), msg('2 weeks'));
    expect(keysOf(onPath[2]?.emitted ?? [])).toContain('child.ask.how-long');
    expect(keysOf(onPath[3]?.emitted ?? [])).toEqual(['child.not-in-trouble']);
    expect(keysOf(onPath[4]?.emitted ?? [])).toContain('child.ask.asked-to-do');
    expect(summaryOf(onPath[4]!.snapshot).duration).toBe('weeks');
    // A parent hears it about the child; with a red flag in the same message, both.
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('he has been sending my daughter sexual messages, will she get in trouble')]).at(-1);
    expect(parent?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested' }));
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.not-in-trouble');
  });

  it('"should i call the police" is answered, each time, wherever it comes: how to report, and 999 at once while in danger now', () => {
    // A parent whose child is being groomed: yes, 999 / 101 / CEOP, keep the evidence; not the whole tips again.
    const parent = play(machine, onShift, [msg("I'm a parent or carer"), msg('a man she met on fortnite has been sending my daughter gift cards'), msg('should i call the police'), msg('should we report him')]);
    for (const t of [parent[3], parent[4]]) {
      expect(keysOf(t?.emitted ?? [])).toEqual(['parent.police']);
      const words = wordsOf(content, t?.emitted ?? []).join(' ');
      expect(words).toMatch(/call 999/);
      expect(words).toMatch(/call 101/);
      expect(words).toMatch(/CEOP/);
      expect(words).toMatch(/don't delete the account/);
    }
    // A young person, on a path: answered, and the step's question still waits.
    const onPath = child(msg('a man on roblox keeps messaging me'), msg('shud i tell the police'), msg('2 weeks'));
    expect(wordsOf(content, onPath[3]?.emitted ?? [])).toEqual([
      'Yes, you can tell the police. A grown-up you trust can help you call them on 101, or report it to CEOP online. If you are in danger right now, call 999.',
    ]);
    expect(keysOf(onPath[4]?.emitted ?? [])).toContain('child.ask.asked-to-do');
    // In danger now, nobody on shift: 999 now, not the tips.
    const danger = play(machine, { counsellorOnShift: false }, [msg('im 12'), msg('theres a man outside my house he followed me home'), msg('should i call the police')]).at(-1);
    expect(wordsOf(content, danger?.emitted ?? [])).toEqual(['Yes. Call 999 now and ask for the police. The call is free. Tell them where you are.']);
    // With a red flag in the same message: escalated, and the question answered too.
    const flagged = child(msg('a guy on snap has my nudes and says hell post them, should i tell the police')).at(-1);
    expect(flagged?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'high' }));
    expect(keysOf(flagged?.emitted ?? [])).toContain('child.police');
    // A friend hears it about their friend; "will you call the police" is still the privacy question.
    const friend = play(machine, onShift, [msg("I'm asking for a friend"), msg('a man keeps messaging my friend on insta'), msg('should she tell the police or should i')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toEqual(['friend.police']);
    expect(keysOf(child(msg('will you call the police')).at(-1)?.emitted ?? [])).not.toContain('child.police');
  });

  it('tips asked for again with nothing new are not all said again: they are just above, and the one that matters most', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('im 15'), msg('this guy i met on discord wants me to keep us a secret'), msg('what should i do'), msg('what should i do'), msg('he also wants pics now'), msg('what should i do')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toContain('apps.discord.advice');
    expect(wordsOf(content, turns[4]?.emitted ?? [])).toEqual([
      "The tips are in the chat, just above. The most important one is to tell a grown-up you trust. You don't have to sort this out on your own.",
    ]);
    // Something new came up (pictures): the tips again, now with the picture line.
    const third = keysOf(turns[6]?.emitted ?? []);
    expect(third).toContain('apps.discord.advice');
    expect(third).toContain('advice.images');
    // A parent asking twice hears where the advice is, and 999 if the child is in danger now.
    const parent = play(machine, onShift, [msg("I'm a parent or carer"), msg('a man on snapchat asked my son for photos'), msg('what should i do'), msg('what can i do')]);
    expect(keysOf(parent[3]?.emitted ?? [])).toContain('parent.advice.report');
    expect(keysOf(parent[4]?.emitted ?? [])).toEqual(['parent.advice.again']);
  });

  it('"he sed dont tell my mum" is what he said, not a question about privacy; "my ex is sharing my pics" is a picture worry', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('im 9'), msg('sum1 on roblox sed hes 10 but his voice is like a man'), msg('he sed dont tell my mum'), msg('pls dont tell my mum')]);
    expect(keysOf(turns[3]?.emitted ?? [])).not.toContain('child.privacy');
    expect(keysOf(turns[4]?.emitted ?? [])).toContain('child.privacy');
    const shared = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('i cant stop crying. my ex is sharing my pics in a group chat')]).at(-1);
    expect(wordsOf(content, shared?.emitted ?? []).join(' ')).toMatch(/Report Remove from Childline can help get it taken down/);
  });

  it('asked to keep it secret, or given game money: once each, they need not keep it and owe nothing', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('im 9'), msg('sum1 on roblox sed hes 10 but his voice is like a man'), msg('he gave me robux'), msg('he sed dont tell my mum'), msg('he said its our secret and gave me more robux')]);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toContain("Some people give presents, game money or lots of nice words to get you to trust them. You don't owe them anything, and you have done nothing wrong.");
    expect(wordsOf(content, turns[4]?.emitted ?? [])).toContain("You don't have to keep this a secret. Safe grown-ups don't ask children to keep secrets like this. It's okay to tell someone.");
    // Once each: not again when both come back.
    const again = keysOf(turns[5]?.emitted ?? []);
    expect(again).not.toContain('child.gifts');
    expect(again).not.toContain('child.secret-not-yours');
    // A parent hears why it matters, in a parent's words.
    const parent = play(machine, onShift, [msg("I'm a parent or carer"), msg('a man on roblox told my daughter to keep it secret')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.secret-not-yours');
  });

  it('"i feel sick" or "numb" answers how they feel: said back, not "I\'m still here"', () => {
    const turns = child(msg('someone on insta knows my name and my school and i never told them'), msg('idk how'), msg('i feel sick'));
    expect(keysOf(turns[3]?.emitted ?? [])).toContain('escalation.ask-feelings');
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['feeling.worried']);
    const numb = child(msg('someone on insta knows my name and my school and i never told them'), msg('idk how'), msg('kinda numb tbh')).at(-1);
    expect(keysOf(numb?.emitted ?? [])).toEqual(['feeling.sad']);
  });

  it('just talking, life at home or school is listened to, not asked which app it was on; a stranger online still is', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('cant sleep'), msg('i just want to talk'), msg('my parents are getting divorced and everyone at school hates me'), msg('my dad moved out last week'), msg('theres also this guy on snap who keeps messaging me')]);
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual(['Thank you for telling me. That sounds hard.', 'Can you tell me a bit more?']);
    // The second open-listening line of the chat: the listening lines take turns (session 29), never one twice in a row.
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['escalation.listening-reading']);
    expect(turns[4]?.state).toBe('talking.young.listening');
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['child.ack.what-happened', 'child.ask.how-long']);
  });

  it('bullying by children they know is said back as bullying: no questions about a stranger, and bullying tips without CEOP', () => {
    const turns = child(msg('a boy in my class keeps calling me names on whatsapp'), msg('sad'), msg('mum'));
    expect(wordsOf(content, turns[2]?.emitted ?? [])).toEqual(["That sounds really hurtful. Bullying is never okay. You don't have to put up with it.", 'How do you feel about it?']);
    const tips = keysOf(turns[4]?.emitted ?? []);
    expect(tips).toContain('child.advice.bullying');
    expect(tips).toContain('apps.whatsapp.advice');
    expect(tips).not.toContain('advice.report');
    for (const t of turns) expect(keysOf(t.emitted)).not.toContain('child.ask.knows-private');
    // Straight in, before saying who is chatting.
    const first = play(machine, onShift, [msg('girls in my year keep leaving me out and laughing at me on snap')]).at(-1);
    expect(keysOf(first?.emitted ?? [])).toEqual(['child.thanks', 'child.bullying', 'child.ask.feelings']);
    // "keeps being mean" (session 20: it was "Which app or game was it on?").
    expect(keysOf(child(msg('theres this boy in my class who keeps being mean')).at(-1)?.emitted ?? [])).toContain('child.bullying');
    // A stranger is not bullying: the path's questions; and a red flag from classmates still escalates.
    expect(keysOf(child(msg('some guy on roblox keeps calling me names')).at(-1)?.emitted ?? [])).toContain('child.ask.how-long');
    expect(child(msg('people in my class keep calling me names and said they will post my nudes')).at(-1)?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested' }));
  });

  it('an account hacked or copied: the tips say how to get it back before blocking anyone, and the queue line says so', () => {
    const turns = child(msg('someone hacked my insta and is messaging my friends pretending to be me'), msg('i dont know who it is'), msg('what do i do'));
    const tips = keysOf(turns[4]?.emitted ?? []);
    expect(tips.indexOf('advice.hacked')).toBeGreaterThan(-1);
    expect(tips.indexOf('advice.hacked')).toBeLessThan(tips.indexOf('apps.instagram.advice'));
    expect(wordsOf(content, turns[4]?.emitted ?? []).join(' ')).toMatch(/Change your password now/);
    expect(summaryOf(turns[4]!.snapshot).accountHacked).toBe(true);
    // No hacking told of: no such line.
    expect(keysOf(child(msg('a man on roblox keeps messaging me'), msg('give me tips')).at(-1)?.emitted ?? [])).not.toContain('advice.hacked');
    const parent = play(machine, onShift, [msg("I'm a parent or carer"), msg('someone made a fake account of my son and is posting stuff'), msg('what should i do')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.advice.hacked');
  });

  it('"she already gave it", after a stranger asked for her address: he knows it now, so what to do if he turns up', () => {
    const turns = play(machine, onShift, [msg("I'm asking for a friend"), msg('my friend is 13 and shes been talking to a 17 year old boy on snap'), msg('he asked her for her address'), msg('she already gave it'), msg('she already gave it')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toContain('escalation.serious');
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['escalation.noted', 'friend.advice.if-they-come', 'friend.details-given']);
    // Once: said again, it is not escalated again.
    expect(keysOf(turns[5]?.emitted ?? [])).not.toContain('friend.advice.if-they-come');
    // Nobody asked for details: "i gave it to him" (a present, say) is not read so.
    const none = child(msg('a boy on roblox keeps messaging me'), msg('i gave it to him')).at(-1);
    expect(none?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
  });

  it('sexual pictures sent to a child: once, not their fault, not in trouble, don\'t reply or send them on', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('hi'), msg('some1 keeps sending me pics of his private parts on snap'), msg('he sent me a dick pic again')]);
    const words = wordsOf(content, turns[2]?.emitted ?? []);
    expect(words).toContain("Nobody should send you pictures or videos like that. It is not your fault, and you are not in trouble. Don't reply, and don't send them on to anyone. Block and report them, and tell a grown-up you trust.");
    expect(keysOf(turns[3]?.emitted ?? [])).not.toContain('child.sent-images');
    // Asked for pictures, not sent them: not this line.
    expect(keysOf(child(msg('this guy on snap keeps asking me for pics')).at(-1)?.emitted ?? [])).not.toContain('child.sent-images');
    // A parent: against the law, don't forward or copy them.
    const parent = play(machine, onShift, [msg("I'm a parent or carer"), msg('a man has been sending my daughter pics of his private parts')]).at(-1);
    expect(wordsOf(content, parent?.emitted ?? []).join(' ')).toMatch(/against the law.*Don't forward or copy the images/);
  });

  it('"my life is over" after sextortion: the fear said back, it is not the end, and are you safe (once); "no" is danger now', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('pls help'), msg('a girl i met on insta got me to send nudes and now shes saying she will send them to all my followers unless i pay £500'), msg('im so scared my life is over'), msg('no'), msg('my life is ruined')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['feeling.scared', 'child.not-the-end', 'safety.ask-safe']);
    expect(wordsOf(content, turns[3]?.emitted ?? [])[1]).toBe("It can feel like your life is over, but it isn't. Things like this can be sorted, and you don't have to do it on your own. Lots of young people have got through this.");
    expect(turns[4]?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    expect(keysOf(turns[5]?.emitted ?? [])).not.toContain('child.not-the-end');
  });

  it('a parent\'s second general question is answered for the app it names, not "I\'m listening"', () => {
    const turns = play(machine, onShift, [msg("I'm a parent or carer"), msg('what age should my son be to have snapchat'), msg('ok and how do i set parental controls on his xbox'), msg('is roblox safe')]);
    expect(keysOf(turns[2]?.emitted ?? [])).toContain('apps.snapchat.advice');
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['advice.app-intro', 'apps.xbox.advice', 'parent.ask.anything-else']);
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['advice.app-intro', 'apps.roblox.advice', 'parent.ask.anything-else']);
    // No app named: where the controls are, with the names of the settings.
    const controls = play(machine, onShift, [msg("I'm a parent or carer"), msg('what age should my son be to have snapchat'), msg('what parental controls are there')]).at(-1);
    expect(keysOf(controls?.emitted ?? [])).toEqual(['parent.general.controls', 'parent.ask.anything-else']);
    expect(wordsOf(content, controls?.emitted ?? [])[0]).toMatch(/Screen Time.*Family Link.*broadband/);
    // "how do i see who he talks to" asks the same (before: "Thank you. I'm listening.").
    const whoHeTalksTo = play(machine, onShift, [msg('parent'), msg('what age can kids use discord'), msg('and how do i see who he talks to')]).at(-1);
    expect(keysOf(whoHeTalksTo?.emitted ?? [])).toEqual(['parent.general.controls', 'parent.ask.anything-else']);
  });

  it('"he got angry" is his feeling, not theirs: not said back as theirs; "now im scared" is', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('hey'), msg('im 14 and a guy on discord keeps asking me to video call'), msg('no i said no'), msg('he got angry'), msg('now im scared')]);
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('feeling.angry');
    expect(keysOf(turns[5]?.emitted ?? [])).toContain('feeling.scared');
    // On the friend path the friend's feelings are what was asked for.
    const friend = play(machine, onShift, [msg("I'm asking for a friend"), msg('a man on roblox keeps messaging my friend'), msg('a few weeks'), msg('no'), msg('no'), msg('she is so scared')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toContain('feeling.scared');
  });

  it('"he wants me to run away with him" is a meeting: don\'t go, once; "he says my parents are too strict" is not', () => {
    const run = child(msg('my online bf wants me to run away with him')).at(-1);
    expect(keysOf(run?.emitted ?? [])).toContain('advice.dont-meet');
    const strict = child(msg('this guy online says my parents are too strict and he gets me better than they do')).at(-1);
    expect(strict?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested' }));
    expect(keysOf(strict?.emitted ?? [])).not.toContain('advice.dont-meet');
  });

  it('only emoji for "what happened" is not thanked for and taken as the story: asked again, gently, and a person offered after two', () => {
    const turns = child(msg('😢😢'), msg('😭'), msg('a guy on fortnite keeps messaging me'));
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['fallback.no-words', 'child.ask.what-happened']);
    expect(turns[2]?.state).toBe('talking.young.whatHappened');
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['fallback.offer-help', 'helplines.now.child']);
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['child.ack.what-happened', 'child.ask.how-long']);
    const friend = play(machine, onShift, [msg("I'm asking for a friend"), msg('😢')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toEqual(['fallback.no-words', 'friend.ask.what-happened']);
  });

  it("a parent's general question gets general advice, not questions about an incident", () => {
    const parent = (text: string) => play(machine, onShift, [msg("I'm a parent"), msg(text)]).at(-1);
    const age = parent('what age should my daughter be to have snapchat');
    expect(age?.state).toBe('talking.adult.anythingElse');
    expect(age?.emitted.filter((e) => e.type === 'handoff.requested')).toEqual([]);
    expect(keysOf(age?.emitted ?? [])).toEqual([
      'parent.general.intro',
      'parent.general.ages',
      'advice.app-intro',
      'apps.snapchat.advice',
      'parent.general.set-up',
      'parent.general.talk',
      'parent.general.nspcc',
      'parent.ask.anything-else',
    ]);
    expect(wordsOf(content, age?.emitted ?? []).join(' ')).toMatch(/at least 13.*NSPCC helpline.*0808 800 5000/);
    // No age asked, no app named: no minimum age, no app's settings; where the controls are, since it asks.
    expect(keysOf(parent('how do i set up parental controls on his tablet')?.emitted ?? [])).toEqual([
      'parent.general.intro',
      'parent.general.controls',
      'parent.general.talk',
      'parent.general.nspcc',
      'parent.ask.anything-else',
    ]);
    // Something has happened: the incident questions, as before.
    expect(keysOf(parent('a man keeps messaging my son on roblox')?.emitted ?? [])).toEqual(['parent.ack.what-happened', 'parent.ask.behaviour']);
  });

  it('someone asking for a friend hears 999, self-harm support and "are they safe?" about their friend, not about themselves', () => {
    const friend = (...texts: string[]) => play(machine, onShift, [msg("I'm asking for a friend"), ...texts.map((t) => msg(t))]);
    const selfHarm = friend('my friend said she wants to kill herself', 'no', 'ok');
    const first = wordsOf(content, selfHarm[2]?.emitted ?? []);
    expect(first.join(' ')).toMatch(/your friend is having a really hard time.*Samaritans on 116 123/);
    expect(first.at(-1)).toBe('Is your friend safe right now?');
    expect(keysOf(selfHarm[3]?.emitted ?? [])).toEqual(['safety.not-safe-friend']);
    expect(selfHarm[3]?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    expect(keysOf(selfHarm[4]?.emitted ?? [])).toEqual(['escalation.still-not-safe-friend']);
    expect(wordsOf(content, selfHarm[4]?.emitted ?? [])[0]).toMatch(/Your friend should not be on their own right now/);
    const danger = friend('a man is outside my friends house right now');
    expect(wordsOf(content, danger.at(-1)?.emitted ?? [])[0]).toMatch(/^If you or your friend are in danger right now, call 999\..*press 55/);
  });

  it('a threat to hurt ("theyll beat her up") is not blackmail: no "don\'t send or pay" and no image advice', () => {
    const turns = play(machine, onShift, [msg("I'm asking for a friend"), msg('they said theyll beat her up after school'), msg('what should she do')]);
    const keys = turns.slice(2).flatMap((t) => keysOf(t.emitted));
    expect(keys).not.toContain('friend.advice.dont-send-or-pay');
    expect(keys).not.toContain('advice.images');
    expect(summaryOf(turns[2]!.snapshot).asked).toEqual(['threats of violence']);
    // Blackmail is still "don't send, don't pay".
    const blackmail = play(machine, onShift, [msg("I'm asking for a friend"), msg('he said he will post her pics unless she sends more')]).at(-1);
    expect(keysOf(blackmail?.emitted ?? [])).toContain('friend.advice.dont-send-or-pay');
  });

  it("asks a parent waiting after a red flag, once, about the child's mental health, and answers yes, no or their own words", () => {
    const parent = (...texts: string[]) => play(machine, onShift, [msg("I'm a parent"), ...texts.map((t) => msg(t))]);
    const turns = parent('a man on roblox keeps asking my son for nudes', 'he is 11', 'yes', 'he is so quiet lately');
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['parent.ask.wellbeing']);
    expect(turns[3]?.emitted.at(-1)).toMatchObject({ quickReplies: ['qr.yes', 'qr.no', 'qr.rather-not-say'] });
    expect(wordsOf(content, turns[4]?.emitted ?? []).join(' ')).toMatch(/GP can help.*Childline on 0800 1111/);
    // Asked once: what follows is listened to.
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['escalation.listening']);
    expect(keysOf(parent('a man on roblox keeps asking my son for nudes', 'hi', 'no').at(-1)?.emitted ?? [])).toEqual(['parent.ack.wellbeing-no']);
    // Passed by: a request for tips is the tips, and the question is not left waiting.
    const passed = parent('a man on roblox keeps asking my son for nudes', 'hi', 'what should i do', 'no');
    expect(keysOf(passed[4]?.emitted ?? [])[0]).toBe('parent.advice.intro');
    expect(keysOf(passed[5]?.emitted ?? [])).not.toContain('parent.ack.wellbeing-no');
    // The path asked it already: not again while waiting.
    const path = parent('a man keeps messaging my son', 'roblox', 'hes moody', 'no', 'he is asking him for nudes now', 'ok');
    expect(path.flatMap((t) => keysOf(t.emitted)).filter((k) => k === 'parent.ask.wellbeing')).toHaveLength(1);
    // A young person is asked how they feel, not this.
    expect(child(msg('he asked me to send nudes'), msg('ok')).flatMap((t) => keysOf(t.emitted))).not.toContain('parent.ask.wellbeing');
  });

  it('asks "Are you safe right now?" once when self-harm is first heard; no or not sure gives 999 and an immediate request', () => {
    const offShift = { counsellorOnShift: false };
    const young = (...texts: string[]) => play(machine, offShift, [msg("I'm a young person"), ...texts.map((t) => msg(t))]);
    const notSafe = young('i dont really want to be here anymore', 'no', 'ok');
    const asked = notSafe[2]?.emitted.filter((e) => e.type === 'bot.say').at(-1);
    expect(asked).toMatchObject({ key: 'safety.ask-safe', quickReplies: ['qr.yes', 'qr.no'] });
    expect(wordsOf(content, asked ? [asked] : [])).toEqual(['Are you safe right now?']);
    const answer = notSafe[3]?.emitted ?? [];
    expect(answer).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    expect(wordsOf(content, answer)[0]).toMatch(/^Thank you for telling me\. Please call 999 now/);
    expect(keysOf(notSafe[4]?.emitted ?? [])).toEqual(['escalation.still-not-safe']);
    // "not sure" is not knowing, answered gently (session 26, probe-s26.test.ts), not "call 999 now".
    expect(keysOf(young('i dont really want to be here anymore', 'not sure').at(-1)?.emitted ?? [])).toEqual(['safety.unsure-safe']);
    // Yes: glad, and who to call; a later "no" answers something else, not this.
    const safe = young('i dont really want to be here anymore', 'yes', 'no');
    expect(keysOf(safe[3]?.emitted ?? [])).toEqual(['safety.safe-yes']);
    expect(safe[4]?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    // Passed by: the question is not left waiting.
    const passed = young('i dont really want to be here anymore', 'my mum', 'no');
    expect(passed[4]?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    // Danger now already known (something taken): 999 straight away, no question.
    expect(keysOf(young('i took a load of pills').at(-1)?.emitted ?? [])).not.toContain('safety.ask-safe');
    // A parent is asked about the child.
    const parent = play(machine, offShift, [msg("I'm a parent"), msg('my daughter says she wants to kill herself'), msg('no')]);
    expect(keysOf(parent[2]?.emitted ?? [])).toContain('safety.ask-safe-adult');
    expect(keysOf(parent[3]?.emitted ?? [])).toEqual(['safety.not-safe-adult']);
  });

  it('a friend asked to keep it secret hears, once, that telling a grown-up is still right; their tips say so too', () => {
    const friend = (...texts: string[]) => play(machine, onShift, [msg("I'm asking for a friend"), ...texts.map((t) => msg(t))]);
    const turns = friend('a guy on tiktok wants her to meet him at the park tomorrow', 'she made me promise not to tell', 'she doesnt want me to tell anyone', 'what should i do');
    // Since v35 "made me promise not to tell" is secrecy for the detector too (the counsellor reads it: "noted").
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toContain(
      "It's hard when a friend asks you to keep a secret, or might be upset with you. But when someone might not be safe, telling a grown-up you trust is the right thing to do. It doesn't make you a bad friend. It shows you care.",
    );
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('friend.secret');
    const tips = keysOf(turns[5]?.emitted ?? []);
    expect(tips.indexOf('friend.advice.tell-adult')).toBe(tips.indexOf('friend.come-back') - 1);
    // A young person speaking for themselves is never told this (their own secret is theirs to keep or share).
    expect(keysOf(child(msg('he made me promise not to tell')).at(-1)?.emitted ?? [])).not.toContain('friend.secret');
  });

  it('a teacher or other worker hears about their safeguarding lead as soon as a red flag comes out, once', () => {
    const turns = play(machine, onShift, [msg('hi im a teacher'), msg('one of my year 8 pupils told me a man on snapchat asked her for photos'), msg('and now he is asking where she lives')]);
    const said = wordsOf(content, turns[2]?.emitted ?? []).join(' ');
    expect(said).toMatch(/If you work with children, tell your Designated Safeguarding Lead today and follow your reporting steps\./);
    // A club with no safeguarding lead, or a babysitter, has a next step too (session 23).
    expect(said).toMatch(/no one in that role, or if you babysit, call the NSPCC helpline on 0808 800 5000/);
    expect(said).toMatch(/Don't promise to keep it secret\./);
    expect(keysOf(turns[3]?.emitted ?? [])).not.toContain('parent.advice.work-with-children');
    // Their tips leave out taking away the child's phone, which is a parent's or carer's choice.
    const tips = keysOf(play(machine, onShift, [msg('hi im a teacher'), msg('what should i do')]).at(-1)?.emitted ?? []);
    expect(tips).toEqual(expect.arrayContaining(['parent.advice.work-with-children', 'parent.advice.stay-calm', 'parent.advice.dont-confront']));
    expect(tips).not.toContain('parent.advice.keep-internet');
    // A parent is not told this.
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a man on snapchat asked my daughter for photos')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).not.toContain('parent.advice.work-with-children');
  });

  it('never suggests telling someone at home when home is the problem, and escalates', () => {
    const turns = child(msg('a man on tiktok keeps messaging me'), msg('a week'), msg('no'), msg('no'), msg('worried'), msg('i cant tell my mum, its my stepdad at home that scares me'));
    const last = turns.at(-1);
    expect(last?.emitted.find((e) => e.type === 'handoff.requested')).toMatchObject({ urgency: 'high', reason: 'red_flag' });
    expect(summaryOf(last!.snapshot).homeIsUnsafe).toBe(true);
    // Asking for tips later never sends them home.
    const tips = play(machine, onShift, [msg('me'), msg('i cant tell anyone at home, my dad is the problem'), msg('Give me tips')]).at(-1);
    const text = wordsOf(content, tips?.emitted ?? []).join(' ');
    expect(text).not.toMatch(/parent|mum|dad|at home/i);
  });
});

describe('kindness in the details', () => {
  it('tells a child kindly they need not share their details, then carries on', () => {
    const last = child(msg('my name is Jess and i go to Oak Park school')).at(-1);
    const said = wordsOf(content, last?.emitted ?? []);
    expect(said[0]).toBe(
      "You don't need to tell me your name, school, address or number here. If you told the other person, that's okay. It's not your fault.",
    );
    expect(keysOf(last?.emitted ?? [])).toContain('child.ask.app');
    // An ordinary sentence is not someone sharing their details.
    expect(keysOf(child(msg('i go to the park after school and he messages me')).at(-1)?.emitted ?? [])).not.toContain('details.not-needed.child');
  });

  it('meets an answer to "who" it cannot place gently twice (session 28), and the third in a row offers a person and helplines', () => {
    const turns = play(machine, onShift, [msg('hmm'), msg('🙂'), msg('hmm')]);
    expect(keysOf(turns[1]?.emitted ?? [])).toEqual(['opening.who-unsure', 'opening.who-again']);
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['opening.who-just-type']);
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['fallback.offer-help', 'helplines.now.child']);
    const all = turns.flatMap((t) => wordsOf(content, t.emitted)).join(' ');
    expect(all).not.toMatch(/I don't understand/i);
  });

  it('never asks for a name, school, address, phone number or photo, in any message', () => {
    for (const locale of content.locales) {
      for (const key of ['opening.who', 'child.ask.what-happened', 'child.ask.app', 'child.ask.knows-private', 'child.ask.trusted-adult']) {
        const text = content.render(key, {}, locale).text;
        expect(text, key).not.toMatch(/what is your (name|school|address|number)|send (me )?a (photo|picture)|your phone number/i);
      }
    }
  });

  it('understands text-speak answers: audience, app names, feelings, trusted adult', () => {
    const turns = play(machine, onShift, [
      msg('im a kid'),
      msg('sum1 on insta keeps dming me'),
      msg('like 3 wks'),
      msg('nah'),
      msg('nope'),
      msg('scared af tbh'),
      msg('my form tutor'),
    ]);
    expect(turns[1]?.state).toBe('talking.young.whatHappened');
    expect(turns[2]?.state).toBe('talking.young.howLong');
    const summary = summaryOf(turns.at(-1)!.snapshot);
    expect(summary).toMatchObject({ audience: 'young_person', app: 'Instagram', feelings: ['scared'], trustedAdult: 'teacher' });
    expect(keysOf(turns.at(-1)?.emitted ?? [])).toContain('apps.instagram.advice');
  });

  it('thanks once: "give me tips" from the middle of a path goes to the tips without starting over', () => {
    const young = child(msg('someone on roblox keeps messaging me'), msg('what should i do'));
    expect(young.flatMap((t) => keysOf(t.emitted)).filter((k) => k === 'child.thanks')).toHaveLength(1);
    expect(keysOf(young.at(-1)?.emitted ?? [])[0]).toBe('child.advice.intro');
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a man on tiktok keeps messaging my daughter'), msg('what should i do')]);
    expect(parent.flatMap((t) => keysOf(t.emitted)).filter((k) => k === 'parent.thanks')).toHaveLength(1);
    expect(keysOf(parent.at(-1)?.emitted ?? [])).toContain('parent.advice.report');
  });

  it('answers "will you tell my mum?" honestly from any step, and never takes it as the answer to the question waiting', () => {
    const offShift = { counsellorOnShift: false };
    // Waiting with nobody coming, the trusted-adult question asked: "my parents" here is not a grown-up they trust.
    const waiting = play(machine, offShift, [msg("I'm a young person"), msg('he keeps asking what school i go to'), msg('hmm'), msg('pls dont tell my parents'), msg('my mum')]);
    expect(keysOf(waiting[3]?.emitted ?? [])).toEqual(['child.ask.trusted-adult']);
    expect(keysOf(waiting[4]?.emitted ?? [])).toEqual(['child.privacy']);
    expect(wordsOf(content, waiting[4]?.emitted ?? [])[0]).toMatch(/^This chat is private\. .*in danger/);
    expect(summaryOf(waiting[4]!.snapshot).trustedAdult).toBeUndefined();
    // The question still waits, and the next message answers it.
    expect(keysOf(waiting[5]?.emitted ?? [])).toEqual(['child.trusted.named']);
    // On the path, the step's question is not answered by it, and the chat stays on that step.
    const onPath = child(msg('someone on roblox keeps messaging me'), msg('will my mum find out?'));
    expect(keysOf(onPath.at(-1)?.emitted ?? [])).toEqual(['child.privacy']);
    expect(onPath.at(-1)?.state).toBe('talking.young.howLong');
    // A parent gets a parent's words; a red flag in the same message is escalated and the question still answered.
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('is this confidential')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(['parent.privacy']);
    const flagged = child(msg('please dont tell anyone but he says he will post my nudes if i dont pay')).at(-1);
    expect(flagged?.state).toBe('escalated');
    expect(keysOf(flagged?.emitted ?? []).at(-1)).toBe('child.privacy');
  });

  it('hears "i dont know what to do" as asking for tips, on a path and while waiting', () => {
    const onPath = child(msg('someone on snapchat keeps messaging me'), msg('i dont know what to do'));
    expect(keysOf(onPath.at(-1)?.emitted ?? [])[0]).toBe('child.advice.intro');
    const waiting = play(machine, onShift, [msg('asking for a friend'), msg('my friend is talking to an older guy on snap and he wants to meet her'), msg('idk what to do')]);
    expect(waiting[2]?.state).toBe('escalated');
    expect(keysOf(waiting.at(-1)?.emitted ?? [])).toEqual(expect.arrayContaining(['friend.advice.intro', 'apps.snapchat.advice']));
  });

  it('thanks the child once a turn when self-harm comes with an escalation, first or later', () => {
    const thanks = (emitted: Parameters<typeof keysOf>[0]) => wordsOf(content, emitted).join(' ').match(/Thank you for telling me/g)?.length ?? 0;
    const first = child(msg('i just want to disappear tbh')).at(-1);
    expect(keysOf(first?.emitted ?? [])).toContain('safety.self-harm');
    expect(thanks(first?.emitted ?? [])).toBe(1);
    const later = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('theres a guy who says hell tell everyone what i did'), msg('i just want to disappear tbh')]).at(-1);
    expect(keysOf(later?.emitted ?? [])).toEqual(expect.arrayContaining(['escalation.noted-no-counsellor', 'safety.self-harm']));
    expect(thanks(later?.emitted ?? [])).toBe(1);
  });

  it('says "you\'re welcome" to thanks on its own, and stays where it was', () => {
    const young = child(msg('someone on roblox keeps messaging me'), msg('ok thx'));
    expect(keysOf(young.at(-1)?.emitted ?? [])).toEqual(['child.welcome']);
    expect(young.at(-1)?.state).toBe('talking.young.howLong');
    expect(wordsOf(content, young.at(-1)?.emitted ?? [])).toEqual(["You're welcome. I'm here if you want to talk more."]);
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('thank you so much')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(['parent.welcome']);
    // Thanks in a longer message is not the whole message: the step answers as before.
    const story = child(msg('thanks, someone on roblox keeps messaging me')).at(-1);
    expect(story?.state).toBe('talking.young.howLong');
  });

  it('answers "are you a real person?" honestly, offering a person rather than asking for one', () => {
    const asked = play(machine, onShift, [msg("I'm a young person"), msg('are you a real person')]).at(-1);
    expect(keysOf(asked?.emitted ?? [])).toEqual(['bot.not-a-person']);
    expect(asked?.emitted.find((e) => e.type === 'bot.say')).toMatchObject({ quickReplies: ['qr.talk-to-person', 'qr.carry-on'] });
    // Before they have said who is chatting, the who question follows, with its buttons last.
    const first = play(machine, onShift, [msg('are you a bot')]).at(-1);
    expect(keysOf(first?.emitted ?? [])).toEqual(['bot.not-a-person', 'opening.who']);
    expect(first?.state).toBe('choosingAudience');
    expect(keysOf(play(machine, onShift, [msg('is this private')]).at(-1)?.emitted ?? [])).toEqual(['child.privacy', 'opening.who']);
    expect(asked?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    expect(wordsOf(content, asked?.emitted ?? [])[0]).toMatch(/^I'm a computer helper, not a person\./);
    // Nobody on shift: never offer one, say who to call.
    const offShift = play(machine, { counsellorOnShift: false }, [msg('r u a bot')]).at(-1);
    expect(keysOf(offShift?.emitted ?? [])).toEqual(['bot.not-a-person-none', 'opening.who']);
    // Already asked for: say so.
    const waiting = child(msg('he asked for pics of me in my pjs'), msg('are you a real person?')).at(-1);
    expect(keysOf(waiting?.emitted ?? [])).toEqual(['bot.not-a-person-asked']);
  });

  it('never takes "i dont want to talk to a person" as asking for one, and is honest when one may still come', () => {
    const before = child(msg('someone on roblox keeps messaging me'), msg('i dont want to talk to a person')).at(-1);
    expect(keysOf(before?.emitted ?? [])).toEqual(['handoff.declined']);
    expect(before?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    expect(before?.state).toBe('talking.young.howLong');
    const after = child(msg('he asked for pics of me in my pjs'), msg('no i dont want to talk to a person')).at(-1);
    expect(keysOf(after?.emitted ?? [])).toEqual(['handoff.declined-requested']);
    expect(wordsOf(content, after?.emitted ?? [])[0]).toMatch(/A counsellor may still join/);
  });

  it("keeps images and paying out of the tips when only meeting or details came up, and tells a parent in a parent's words", () => {
    const meet = play(machine, onShift, [msg("I'm a parent"), msg('a man on fortnite asked my son to add him on snapchat'), msg('how do i report it')]).at(-1);
    expect(keysOf(meet?.emitted ?? [])).toContain('parent.advice.report');
    expect(keysOf(meet?.emitted ?? [])).not.toContain('advice.images');
    expect(keysOf(meet?.emitted ?? []).filter((k) => k.endsWith('dont-send-or-pay'))).toEqual([]);
    const threat = play(machine, onShift, [msg("I'm a parent"), msg('someone is threatening to share my daughters photos unless she pays')]).at(-1);
    expect(keysOf(threat?.emitted ?? [])).toContain('parent.advice.dont-send-or-pay');
    expect(keysOf(threat?.emitted ?? [])).not.toContain('advice.dont-send-or-pay');
    expect(wordsOf(content, threat?.emitted ?? []).join(' ')).not.toMatch(/You don't have to do what they say/);
    // Nothing about paying when only pictures were asked for, nor about pictures when only money was.
    const pictures = child(msg('he keeps asking me for pics of me in my pjs')).at(-1);
    expect(keysOf(pictures?.emitted ?? [])).toContain('advice.dont-send');
    expect(wordsOf(content, pictures?.emitted ?? []).join(' ')).not.toMatch(/pay/);
    const money = child(msg('he wants me to buy him a £50 steam gift card')).at(-1);
    expect(keysOf(money?.emitted ?? [])).toContain('advice.dont-pay');
    expect(wordsOf(content, money?.emitted ?? []).join(' ')).not.toMatch(/pictures/);
    // Money first, pictures later: the other half is said when it comes up, and neither again.
    const both = child(msg('he wants me to buy him a £50 steam gift card'), msg('now he keeps asking me for pics of me in my pjs'), msg('he wants more pics'));
    const halves = both.slice(2).flatMap((t) => keysOf(t.emitted)).filter((k) => k.startsWith('advice.dont-'));
    expect(halves).toEqual(['advice.dont-pay', 'advice.dont-send']);
  });

  it('says what to do about a password or code asked for, once, in the words of who is chatting', () => {
    const turns = child(msg('someone keeps asking me to send them my password for roblox'), msg('he said hed give me robux for my login code'));
    const keys = turns.slice(1).flatMap((t) => keysOf(t.emitted));
    expect(keys.filter((k) => k === 'advice.logins')).toHaveLength(1);
    expect(wordsOf(content, turns[2]?.emitted ?? []).join(' ')).toMatch(/Never give anyone your password/);
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a man on roblox asked my son for his password')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.advice.logins');
    // Money alone is not a password.
    const money = child(msg('he wants me to send him £50')).at(-1);
    expect(keysOf(money?.emitted ?? [])).not.toContain('advice.logins');
  });

  it('listens when nothing has happened and they just want to talk, instead of asking about a person and an app', () => {
    const turns = child(msg('nothing happened i just want to talk'), msg('im lonely'));
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['child.just-talk']);
    expect(turns[2]?.state).toBe('talking.young.listening');
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['feeling.alone']);
    expect(wordsOf(content, turns.slice(2).flatMap((t) => t.emitted)).join(' ')).not.toMatch(/this person|app or game/);
    // A story that starts "nothing happened" but names someone is still a story.
    const story = child(msg('nothing happened but he keeps messaging me')).at(-1);
    expect(story?.state).toBe('talking.young.app');
    // Listening because they wanted to talk, a story about someone then starts the path's questions.
    const later = child(msg('nothing happened i just want to talk'), msg('theres this boy on roblox he keeps asking me stuff')).at(-1);
    expect(later?.state).toBe('talking.young.howLong');
    expect(keysOf(later?.emitted ?? [])).toEqual(['child.ack.what-happened', 'child.ask.how-long']);
    // And a bare "ok" while listening is not "I'm glad you're okay".
    const ok = child(msg('nothing happened i just want to talk'), msg('ok')).at(-1);
    expect(keysOf(ok?.emitted ?? [])).toEqual(['shared.go-ahead']);
  });

  it('speaks to a parent whose very first message is a red flag about their child, not to a child', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('im worried about my son hes 11 and someone on fortnite keeps sending him vbucks'), msg('what do i do')]);
    expect(turns[1]?.state).toBe('escalated');
    const keys = keysOf(turns[1]?.emitted ?? []);
    expect(keys).toContain('helplines.now.adult');
    expect(keys).toContain('parent.advice.dont-pay');
    expect(keys).not.toContain('helplines.now.child');
    expect(keys).not.toContain('child.ask.trusted-adult');
    expect(keysOf(turns[2]?.emitted ?? [])).toContain('parent.advice.intro');
    // With no one named, a first message is still taken as a young person's own.
    const own = play(machine, { counsellorOnShift: false }, [msg('some guy keeps sending me vbucks and wants my snap')]).at(-1);
    expect(keysOf(own?.emitted ?? [])).toContain('helplines.now.child');
  });

  it('listens to a first message that is only how they feel, instead of asking which app "this person" was on', () => {
    const night = play(machine, { counsellorOnShift: false }, [msg('its 3am and i feel like nobody cares'), msg('no one')]);
    expect(night[1]?.state).toBe('talking.young.listening');
    expect(keysOf(night[1]?.emitted ?? [])).toEqual(['child.thanks', 'feeling.alone', 'shared.tell-me-more']);
    // "nobody cares" is not taken for "carer" (a parent).
    expect(wordsOf(content, night.flatMap((t) => t.emitted)).join(' ')).not.toMatch(/the child's fault|this person|app or game/);
    const talk = play(machine, onShift, [msg('nothing happened i just want to talk')]).at(-1);
    expect(keysOf(talk?.emitted ?? [])).toEqual(['child.thanks', 'child.just-talk']);
    const sad = child(msg('i feel really sad all the time')).at(-1);
    expect(sad?.state).toBe('talking.young.listening');
    expect(keysOf(sad?.emitted ?? [])).toEqual(['feeling.sad', 'shared.tell-me-more']);
    // Someone in the message is a story: the path's questions, as before.
    expect(play(machine, onShift, [msg('im scared because a man keeps messaging me')]).at(-1)?.state).toBe('talking.young.app');
    // A friend's feelings are not taken as theirs.
    expect(play(machine, onShift, [msg('my friend feels really sad all the time')]).at(-1)?.state).not.toBe('talking.young.listening');
  });

  it('answers "but i love him" without blame, once, in the words of who is chatting', () => {
    const turns = child(msg('there is this guy hes 19 and says he loves me'), msg('i love him tho'), msg('hes not like that'));
    expect(turns[2]?.state).toBe('escalated');
    const cares = wordsOf(content, turns[3]?.emitted ?? []).join(' ');
    expect(cares).toMatch(/It's okay to like or love someone/);
    expect(cares).toMatch(/You have not done anything wrong/);
    // Said once: the next "he's not like that" is listened to, not lectured again.
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('child.cares');
    expect(keysOf(turns[4]?.emitted ?? [])).toHaveLength(1);
    const friend = play(machine, onShift, [msg('asking for a friend'), msg('my friend is talking to an older guy on snap and he wants to meet her'), msg('but she loves him')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toEqual(['friend.cares']);
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('a man online has been sending my daughter gifts and wants to meet her'), msg('she says she loves him and wont listen to me')]).at(-1);
    expect(wordsOf(content, parent?.emitted ?? []).join(' ')).toMatch(/Try not to argue with your child about it or blame them/);
    // Without a red flag, a crush is only listened to: nothing about secrets or meeting.
    const crush = child(msg('nothing happened i just want to talk'), msg('theres a boy in my class i love him')).at(-1);
    expect(keysOf(crush?.emitted ?? [])).not.toContain('child.cares');
  });

  it('after a red flag asks once how they feel, then listens in words that change rather than one line again and again', () => {
    const asked = child(msg('a girl on tiktok who said shes 14 wanted my number'), msg('hmm'), msg('fine i guess'), msg('no'), msg('idk'), msg('ok'));
    expect(asked[2]?.state).toBe('escalated');
    expect(asked.slice(3).map((t) => keysOf(t.emitted))).toEqual([
      ['escalation.ask-feelings'],
      ['feeling.okay'],
      ['escalation.listening'],
      ['escalation.listening-reading'],
      ['escalation.listening-tips'],
    ]);
  });

  it('does not take a grown-up named with a "no" as one they trust ("not my dad", "i dont want my mum to find out")', () => {
    const onPath = (answer: string) => child(msg('a stranger on whatsapp'), msg('a week'), msg('No'), msg('No'), msg('Sad'), msg(answer)).at(-1);
    expect(keysOf(onPath('definitely not my dad')?.emitted ?? [])[0]).toBe('child.trusted.none');
    expect(keysOf(onPath('not sure, maybe my mum')?.emitted ?? [])[0]).toBe('child.trusted.named');
    const waiting = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('he keeps asking what school i go to'), msg('hmm'), msg('i dont want my mum to find out')]);
    expect(keysOf(waiting[3]?.emitted ?? [])).toEqual(['child.ask.trusted-adult']);
    expect(keysOf(waiting[4]?.emitted ?? [])).toEqual(['child.privacy']);
  });

  it('reassures once a child afraid of how a grown-up would react, without taking that grown-up as trusted or the anger as theirs', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [
      msg("I'm a young person"),
      msg('this guy i met on insta wants me to send pics and says hell share my old ones if i dont'),
      msg('my mum would go mad if she knew'),
      msg('my dad would kill me too'),
      msg('my big sister'),
    ]);
    expect(turns[2]?.state).toBe('escalated');
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual([
      'Lots of young people worry about what a grown-up will say. Most grown-ups want to help, even if they are upset at first. You are not in trouble, and this is not your fault.',
      'Is there a grown-up you trust who you could talk to? It could be someone at school, in your family, or someone else you feel safe with.',
    ]);
    expect(summaryOf(turns[3]!.snapshot).trustedAdult).toBeUndefined();
    expect(summaryOf(turns[3]!.snapshot).feelings ?? []).not.toContain('angry');
    // Said once; a second feared grown-up is not "a good person to talk to" either.
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('child.fears-telling');
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('child.trusted.named');
    expect(summaryOf(turns[4]!.snapshot).trustedAdult).toBeUndefined();
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['child.trusted.named']);
    // On the path, as the answer to the trusted-adult question: reassured, then the tips.
    const onPath = child(msg('a stranger on whatsapp'), msg('a week'), msg('No'), msg('No'), msg('Sad'), msg('my dad wont believe me')).at(-1);
    expect(keysOf(onPath?.emitted ?? [])[0]).toBe('child.fears-telling');
    expect(keysOf(onPath?.emitted ?? [])).toContain('child.advice.intro');
    expect(summaryOf(onPath!.snapshot).trustedAdult).toBeUndefined();
    // Scared of the reaction: the fear is theirs. A friend hears the friend's words.
    const scared = play(machine, offShift, [msg("I'm a young person"), msg('he keeps asking what school i go to'), msg('im scared my mum will be so angry')]).at(-1);
    expect(summaryOf(scared!.snapshot).feelings).toContain('scared');
    const friend = play(machine, offShift, [msg('asking for a friend'), msg('an older guy on snap wants to meet my friend'), msg('her dad would go mental')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toContain('friend.fears-telling');
  });

  it("speaks to a parent about the child when more danger comes out, not as if they were the child", () => {
    const offShift = { counsellorOnShift: false };
    const parent = play(machine, offShift, [msg("I'm a parent"), msg('a man keeps asking my son what school he goes to'), msg('and now my son says he wants to kill himself')]);
    expect(parent[2]?.state).toBe('escalated');
    expect(keysOf(parent[3]?.emitted ?? [])).toEqual(['escalation.noted-no-counsellor-adult', 'safety.self-harm-adult', 'safety.ask-safe-adult']);
    const words = wordsOf(content, parent[3]?.emitted ?? []).join(' ');
    expect(words).toMatch(/NSPCC helpline on 0808 800 5000/);
    expect(words).toMatch(/helps people worried about a young person/);
    expect(words).not.toMatch(/Childline free/);
    const danger = play(machine, offShift, [msg("I'm a parent"), msg('my daughter is meeting a man she met online tonight and i cant find her')]).at(-1);
    expect(wordsOf(content, danger?.emitted ?? [])[0]).toMatch(/^If a child is in danger right now, call 999/);
    // The child's own words stay the child's.
    const young = play(machine, offShift, [msg("I'm a young person"), msg('he keeps asking what school i go to'), msg('i want to kill myself')]).at(-1);
    expect(keysOf(young?.emitted ?? [])).toEqual(['escalation.noted-no-counsellor', 'safety.self-harm', 'safety.ask-safe']);
    // "Should I…?" from a worried parent gets the parent's tips.
    const asks = play(machine, offShift, [msg("I'm a parent"), msg('someone online asked my daughter to keep their chats private'), msg('should i take the tablet off her?')]).at(-1);
    expect(keysOf(asks?.emitted ?? [])).toContain('parent.advice.intro');
  });

  it('takes a red-flag story told before saying who is chatting as the young person\'s own, and never asks who mid-crisis', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg('hey'), msg('theres this guy on discord hes like 20 and he says im special and that i shouldnt tell my parents about us'), msg('ok ty')]);
    expect(turns[2]?.state).toBe('escalated');
    expect(summaryOf(turns[2]!.snapshot)).toMatchObject({ audience: 'young_person' });
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['child.welcome']);
    // A short red flag says too little to tell: who is chatting is still asked, later.
    const short = play(machine, offShift, [msg('hes outside now')]).at(-1);
    expect(short?.state).toBe('escalated');
    expect(summaryOf(short!.snapshot).audience).toBeUndefined();
    // "cant sleep", late at night, after a hello: listened to, not "I want to get it right".
    const awake = play(machine, offShift, [msg('hey'), msg('cant sleep')]).at(-1);
    expect(awake?.state).toBe('talking.young.listening');
  });

  it("tells someone asking for a friend what their friend should not send, in the friend's words, and gives tips on 'what should she do'", () => {
    const turns = play(machine, onShift, [
      msg('asking for a friend'),
      msg('my friend is 13 and shes been talking to this guy on tiktok'),
      msg("she sent him a pic and now hes saying he'll send it to everyone unless she sends more"),
      msg('what should she do'),
    ]);
    expect(turns[3]?.state).toBe('escalated');
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toContain(
      "Your friend should not send them anything, or pay them. They don't have to do what this person says.",
    );
    expect(keysOf(turns[3]?.emitted ?? [])).not.toContain('advice.dont-send-or-pay');
    expect(keysOf(turns[4]?.emitted ?? [])).toContain('friend.advice.intro');
  });

  it('after "i called 999" the reminders stop asking them to call: stay safe until help comes, 999 again if anything changes', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [msg('im 12'), msg('theres a man outside my house he followed me home'), msg('i called 999'), msg('he is knocking'), msg('hes gone now'), msg('ok')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['escalation.called-help']);
    // Not "Please call 999 now": they have; the door still matters.
    expect(wordsOf(content, turns[4]?.emitted ?? [])).toEqual(["I'm still here with you. Don't open the door. Stay inside, away from the windows, until help comes. If anything changes, call 999 again."]);
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['escalation.safe-now']);
    // A parent whose child went to meet a man, after calling the police.
    const parent = play(machine, offShift, [msg("I'm a parent or carer"), msg('my 14 year old has gone to meet a man she met online, shes not answering her phone'), msg('i called the police'), msg('they are coming')]);
    expect(keysOf(parent[3]?.emitted ?? [])).toEqual(['escalation.called-help-adult']);
    expect(wordsOf(content, parent[4]?.emitted ?? [])).toEqual(["I'm still here. If anything changes before help arrives, call 999 again and tell them."]);
  });

  it('keeps giving 999 after immediate danger until they say help is coming or it has passed, not questions', () => {
    const offShift = { counsellorOnShift: false };
    const turns = play(machine, offShift, [
      msg('help'),
      msg('a man is at my door he sed he nos my mum'),
      msg('im home alone'),
      msg('he keeps nocking'),
      msg('i called 999'),
      msg('im safe now'),
      msg('ok'),
    ]);
    expect(turns[2]?.state).toBe('escalated');
    expect(keysOf(turns[2]?.emitted ?? [])[0]).toBe('safety.immediate');
    // "home alone" is not "You're not alone", and no question about grown-ups or feelings yet: what
    // to do about the door, then the call, each with 999 (not one line again and again).
    expect(wordsOf(content, turns[3]?.emitted ?? [])).toEqual(["Don't open the door to them. Stay inside, away from the windows, and lock your door if you can. Call 999 now. The call is free."]);
    expect(wordsOf(content, turns[4]?.emitted ?? [])).toEqual(['Please call 999 now. The call is free, even with no credit. Tell them where you are and what is happening. If you can, call a grown-up you know too.']);
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['escalation.called-help']);
    expect(wordsOf(content, turns[6]?.emitted ?? [])).toEqual(["I'm really glad you're safe now. If you feel in danger again, call 999 straight away."]);
    // Once safe, the reminders stop and the chat goes on.
    expect(keysOf(turns[7]?.emitted ?? [])).not.toContain('escalation.still-in-danger');
    // "hes gone now", which the classifier alone reads as danger again: the child's words win.
    const gone = play(machine, offShift, [msg("I'm a young person"), msg('theres a man at my door and hes banging'), msg('hes gone now'), msg('ok')]);
    expect(gone[3]?.emitted.some((e) => e.type === 'handoff.requested')).toBe(false);
    expect(keysOf(gone[3]?.emitted ?? [])).toEqual(['escalation.safe-now']);
    expect(keysOf(gone[4]?.emitted ?? [])).not.toContain('escalation.still-in-danger');
    // A parent hears it about the child.
    const parent = play(machine, offShift, [msg("I'm a parent"), msg('my daughter is meeting a man she met online tonight and i cant find her'), msg('what do i do')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])[0]).toBe('escalation.still-in-danger-adult');
    // Asking what to do: 999 first, then the tips.
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.advice.intro');
    // An overdose taken: call now even if they feel okay.
    const pills = play(machine, offShift, [msg('i took lots of pills'), msg('i dont want help')]).at(-1);
    expect(wordsOf(content, pills?.emitted ?? [])[0]).toMatch(/^Please call 999 now, or ask someone near you to call for you\. Even if you feel okay/);
    // Without immediate danger the chat listens as before.
    const high = child(msg('he keeps asking what school i go to'), msg('hmm')).at(-1);
    expect(keysOf(high?.emitted ?? [])).not.toContain('escalation.still-in-danger');
  });

  it('asks how they feel once more when the answer tells more of the story instead, so later answers do not slip a question', () => {
    const turns = child(msg('someone on fortnite keeps adding me and messaging me'), msg('like a week'), msg('no'), msg('no'), msg('he asked how old i am'), msg('bit weird'), msg('my teacher'));
    expect(turns[6]?.state).toBe('talking.young.feelings');
    expect(wordsOf(content, turns[6]?.emitted ?? [])).toEqual(['Thank you for telling me. That sounds hard.', 'How do you feel about it?']);
    expect(keysOf(turns[7]?.emitted ?? [])).toEqual(['feeling.confused', 'child.ask.trusted-adult']);
    expect(keysOf(turns[8]?.emitted ?? [])[0]).toBe('child.trusted.named');
    expect(summaryOf(turns[8]!.snapshot)).toMatchObject({ trustedAdult: 'teacher', feelings: ['confused'] });
    // Asked again once only: a second story moves on.
    const twice = child(msg('someone on fortnite keeps adding me and messaging me'), msg('like a week'), msg('no'), msg('no'), msg('he asked how old i am'), msg('and he keeps sending me friend requests'));
    expect(twice.at(-1)?.state).toBe('talking.young.trustedAdult');
  });

  it('answers "no one can know" with the honest privacy words', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg("I'm a young person"), msg('hes asking for £200 or hell send my pics to my followers'), msg('no one can know')]);
    expect(turns[2]?.state).toBe('escalated');
    expect(keysOf(turns[3]?.emitted ?? [])).toContain('child.privacy');
  });

  it("tells a teacher or other worker to go to their safeguarding lead, and a parent not", () => {
    // Said with the escalation; the tips asked for right after it do not say it again (session 28).
    const turns = play(machine, onShift, [msg('im a teacher, one of my year 8 pupils told me an adult on snapchat has been asking her for photos'), msg('what should i do next')]);
    const words = wordsOf(content, turns.at(-2)?.emitted ?? []);
    expect(words.find((w) => w.startsWith('If you work with children'))).toMatch(/^If you work with children, tell your Designated Safeguarding Lead today and follow your reporting steps\. .*Don't promise to keep it secret\.$/);
    expect(keysOf(turns.at(-1)?.emitted ?? [])).toContain('parent.advice.intro');
    expect(keysOf(turns.at(-1)?.emitted ?? [])).not.toContain('parent.advice.work-with-children');
    const parent = play(machine, onShift, [msg("I'm a parent"), msg('an adult on snapchat has been asking my daughter for photos'), msg('what should i do next')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.advice.intro');
    expect(keysOf(parent?.emitted ?? [])).not.toContain('parent.advice.work-with-children');
  });

  it("takes a child telling of their own stepdad or coach as the child, not a parent or a teacher chatting", () => {
    const offShift = { counsellorOnShift: false };
    const stepdad = play(machine, offShift, [msg('its my stepdad he comes in my room at night')]).at(-1);
    expect(summaryOf(stepdad!.snapshot).audience).toBe('young_person');
    expect(keysOf(stepdad?.emitted ?? [])).toContain('helplines.now.child');
    expect(keysOf(stepdad?.emitted ?? [])).not.toContain('helplines.now.adult');
    const coach = play(machine, onShift, [msg('my coach keeps messaging me on snap late at night')]).at(-1);
    expect(summaryOf(coach!.snapshot).audience).not.toBe('someone_else');
    // A parent or a teacher still names who they are.
    expect(summaryOf(play(machine, onShift, [msg('im worried about my son, a man online sends him gifts')]).at(-1)!.snapshot).audience).toBe('parent_carer');
    // (A teacher naming a stepdad is read as a parent: both get the grown-up's path.)
    expect(['parent_carer', 'someone_else']).toContain(summaryOf(play(machine, onShift, [msg('im a teacher and my pupil told me her stepdad hurts her')]).at(-1)!.snapshot).audience);
    expect(summaryOf(play(machine, onShift, [msg('im a teacher, one of my pupils is being messaged by an adult')]).at(-1)!.snapshot).audience).toBe('someone_else');
    expect(summaryOf(play(machine, onShift, [msg('mum')]).at(-1)!.snapshot).audience).toBe('parent_carer');
  });

  it('takes a bare age, or a bare "help", as a young person starting', () => {
    for (const first of ['16', 'help', 'pls help']) {
      const turn = play(machine, onShift, [msg(first)]).at(-1);
      expect(turn?.state, first).toBe('talking.young.whatHappened');
      expect(keysOf(turn?.emitted ?? []), first).toEqual(['child.thanks', 'child.ask.what-happened']);
    }
  });

  it("takes only a yes as mental-health worries: another answer to that question gets words that fit either way", () => {
    const toWellbeing = [msg("I'm a parent"), msg('someone on instagram keeps messaging my daughter'), msg('a few months')];
    const other = play(machine, onShift, [...toWellbeing, msg("she says he's 15 but i don't believe it")]).at(-1);
    expect(keysOf(other?.emitted ?? [])[0]).toBe('parent.ack.wellbeing-other');
    const yes = play(machine, onShift, [...toWellbeing, msg('yes')]).at(-1);
    expect(keysOf(yes?.emitted ?? [])[0]).toBe('parent.ack.wellbeing-yes');
    expect(wordsOf(content, yes?.emitted ?? [])[0]).toMatch(/GP can help/);
    expect(wordsOf(content, other?.emitted ?? [])[0]).toMatch(/^Thank you. If you ever worry/);
    const no = play(machine, onShift, [...toWellbeing, msg('no')]).at(-1);
    expect(keysOf(no?.emitted ?? [])[0]).toBe('parent.ack.wellbeing-no');
  });

  it('answers a bare "hi" warmly, and never makes someone who starts with their story tell it twice', () => {
    const hi = play(machine, onShift, [msg('hiya')]).at(-1);
    expect(keysOf(hi?.emitted ?? [])).toEqual(['opening.who-hello']);
    const story = play(machine, onShift, [msg('someone i dont know keeps messaging me on roblox')]).at(-1);
    expect(story?.state).toBe('talking.young.howLong');
    expect(keysOf(story?.emitted ?? [])).toEqual(['child.thanks', 'child.ask.how-long']);
    const parent = play(machine, onShift, [msg('my daughter keeps getting weird messages from a stranger on roblox')]).at(-1);
    expect(parent?.state).toBe('talking.adult.behaviour');
    expect(summaryOf(parent!.snapshot)).toMatchObject({ audience: 'parent_carer', app: 'Roblox' });
    // Naming who they are is not yet their story.
    expect(play(machine, onShift, [msg("I'm asking for a friend")]).at(-1)?.state).toBe('talking.young.whatHappened');
  });

  it('covers images, sending more and paying in the tips once something was asked of the child', () => {
    const base = [msg('a stranger on whatsapp'), msg('a week')];
    const asked = child(...base, msg('Yes'), msg("I'd rather not say"), msg('No'), msg('Sad'), msg('my nan')).at(-1);
    expect(keysOf(asked?.emitted ?? [])).toEqual(expect.arrayContaining(['apps.whatsapp.advice', 'advice.keep-evidence', 'advice.images', 'advice.dont-send-or-pay', 'advice.report']));
    const notAsked = child(...base, msg('No'), msg('No'), msg('Sad'), msg('my nan')).at(-1);
    expect(keysOf(notAsked?.emitted ?? [])).not.toContain('advice.images');
    expect(keysOf(notAsked?.emitted ?? [])).toContain('advice.keep-evidence');
    // A login for in-game money: the password line and "don't give them anything", no word of nude pictures.
    const login = child(msg('someone on fortnite said theyll give me 5000 vbucks if i give them my account login'), msg('what should i do')).at(-1);
    expect(keysOf(login?.emitted ?? [])).toContain('advice.keep-evidence');
    expect(keysOf(login?.emitted ?? [])).not.toContain('advice.images');
  });

  it('gives space without pushing when a child would rather not talk, and says how to come back', () => {
    const last = child(msg("i dont want to talk about it")).at(-1);
    expect(keysOf(last?.emitted ?? [])).toEqual(['child.space']);
    expect(wordsOf(content, last?.emitted ?? [])[0]).toMatch(/come back any time/);
  });

  it('never challenges someone asking for a friend', () => {
    const turns = play(machine, onShift, [msg('asking for a friend'), msg('someone on discord is being weird to her')]);
    const text = turns.flatMap((t) => wordsOf(content, t.emitted)).join(' ');
    expect(text).not.toMatch(/really|is it you|are you sure/i);
    expect(keysOf(turns[1]?.emitted ?? [])).toEqual(['friend.thanks', 'friend.ask.what-happened']);
  });
});

describe('odd input', () => {
  it('never crashes and always answers: empty, whitespace, emoji, control characters, very long, other scripts', () => {
    const odd = ['', '   ', '🙂🙂🙂', '\u0000\u0007', 'a'.repeat(5000), 'مرحبا', '🏳️‍🌈 he   said   ****', '\u200Bs\u200Bt\u200Bo\u200Bp'];
    for (const text of odd) {
      const turns = child(msg(text));
      const last = turns.at(-1);
      expect(last?.snapshot.status, JSON.stringify(text.slice(0, 20))).not.toBe('error');
      expect(last?.emitted.some((e) => e.type === 'bot.say' || e.type === 'conversation.closed'), JSON.stringify(text.slice(0, 20))).toBe(true);
    }
  });
});

describe('silence and persistence', () => {
  it('asks for check-ins by deadline (no clocks of its own): check-in, then a kind close with helplines', () => {
    const turns = child({ type: 'session.timeout' }, { type: 'session.timeout' });
    expect(turns[0]?.emitted.at(-1)).toEqual({ type: 'checkin.request', afterMs: 5 * 60_000 });
    expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['checkin.gentle']);
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['close.silence', 'close.helplines.child']);
    expect(turns[3]?.emitted.at(-1)).toEqual({ type: 'conversation.closed', reason: 'silence' });
  });

  it('a message after a check-in starts the clock again', () => {
    const turns = child({ type: 'session.timeout' }, msg("I'm still here"), { type: 'session.timeout' });
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['checkin.thanks']);
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['checkin.gentle']);
  });

  it('keeps a small, JSON-serialisable context and resumes from a persisted snapshot mid-conversation', () => {
    const actor = createActor(machine, { input: onShift }).start();
    actor.send(msg("I'm a young person"));
    actor.send(msg('a man on roblox keeps asking me for pics'));
    const saved = JSON.stringify(actor.getPersistedSnapshot());
    actor.stop();
    expect(saved.length).toBeLessThan(8_000);
    const restored = createActor(machine, { input: onShift, snapshot: JSON.parse(saved) as never });
    const said: string[] = [];
    restored.on('bot.say', (e) => void said.push(e.key));
    restored.start();
    expect(said).toEqual([]); // no second opening on restore
    restored.send(msg('bye'));
    expect(said).toEqual(['handoff.leave-check']);
    restored.send(msg('bye'));
    expect(said).toEqual(['handoff.leave-check', 'close.goodbye.child', 'close.helplines.child']);
    expect(restored.getSnapshot().status).toBe('done');
  });
});

describe('one transition per message', () => {
  it('routes and answers each message in the transition it arrives in, with no internal events', () => {
    const seen: string[] = [];
    const actor = createActor(machine, {
      input: onShift,
      inspect: (e) => {
        // Each microstep names the event it took: only the ones sent (and `always` steps after them).
        if (e.type === '@xstate.microstep' && e.actorRef === actor) seen.push(e.event.type);
      },
    });
    actor.start();
    const sent: DialogEvent[] = [
      msg("I'm a young person"),
      msg('someone on roblox keeps messaging me'),
      msg('a week'),
      msg('my name is Jo and I go to Park School'),
      msg('Give me tips'),
      msg('Scared'),
      msg('he asked me to send nudes'),
      msg('Scared'),
      msg('bye'),
      msg('End the chat'),
    ];
    const said: string[][] = [];
    for (const event of sent) {
      const keys: string[] = [];
      const sub = actor.on('bot.say', (e) => void keys.push(e.key));
      actor.send(event);
      sub.unsubscribe();
      said.push(keys);
    }
    expect(new Set(seen)).toEqual(new Set(['user.message']));
    // The details route says its piece and the step still answers, in the same turn.
    expect(said[3]?.[0]).toBe('details.not-needed.child');
    expect(said[3]?.length).toBeGreaterThan(1);
    expect(said[6]).toContain('escalation.serious');
    expect(said[8]).toEqual(['handoff.leave-check']);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('reads every message itself: a reading sent along with the event is ignored', () => {
    const forged = (text: string, reading: unknown) => ({ type: 'user.message', text, reading }) as unknown as DialogEvent;
    const calm = { turn: { findings: [], categories: [] }, detector: { version: 1, turn: 0, signals: [] }, summary: {}, checkIns: 0 };
    const alarmed = { ...calm, turn: { findings: [], categories: [], urgency: 'immediate', goodbye: true } };
    const ok = child(forged('a week', alarmed)).at(-1);
    expect(ok?.emitted.some((e) => e.type === 'handoff.requested' || e.type === 'conversation.closed')).toBe(false);
    const flagged = child(forged('he is outside my house right now', calm)).at(-1);
    expect(flagged?.emitted).toContainEqual(expect.objectContaining({ type: 'handoff.requested', urgency: 'immediate' }));
    expect(flagged?.state).toBe('escalated');
  });

  it('a finished conversation takes no more messages, through a pure transition too', () => {
    const closed = child(msg('bye')).at(-1)?.snapshot;
    expect(closed?.status).toBe('done');
    const [next, actions] = transition(machine, closed as never, msg('give me tips'));
    expect(next).toBe(closed);
    expect(actions).toEqual([]);
  });
});

describe('family on the friend path', () => {
  const said = (events: DialogEvent[], locale?: string) => {
    const turns = play(machine, onShift, events);
    const last = turns.at(-1);
    return { last, words: turns.flatMap((t) => wordsOf(content, t.emitted, locale, t.snapshot.context)).join(' ') };
  };

  it('says "your sister" or "your brother", not "your friend", to someone worried about family', () => {
    const sister = said([msg('im worried about my little sister'), msg('a man on roblox keeps messaging her')]);
    expect(sister.last?.snapshot.context.audience).toBe('friend');
    expect(sister.words).toMatch(/Thank you for looking out for your sister\./);
    expect(sister.words).not.toMatch(/your friend/i);
    // "im his sister": the one they are worried about is a brother.
    const brother = said([msg('im his big sister, hes 12 and someone keeps messaging him')]);
    expect(brother.words).toMatch(/looking out for your brother/);
    expect(said([msg('my cousin is getting messages from a man')]).words).toMatch(/looking out for your cousin/);
    expect(said([msg('dw i\'n poeni am fy mrawd bach')], 'cy-GB').words).toMatch(/dy frawd/);
  });

  it('keeps "your friend" for a friend, and a sister named later is someone they could tell', () => {
    const friend = said([msg('my friend is being messaged by a man on snap')]);
    expect(friend.words).toMatch(/looking out for your friend/);
    const later = said([msg("I'm asking for a friend"), msg('a man keeps asking her for pics'), msg('i could tell my big sister')]);
    expect(later.last?.snapshot.context.sayFacts).toBeUndefined();
    expect(later.words).not.toMatch(/your sister/);
    // A red flag's advice at the start of a sentence has its capital.
    const advice = said([msg('my little brother is 10 and a man on fortnite asked him for pics')]);
    expect(advice.words).toMatch(/Your brother should not send them any pictures/);
  });
});

describe('whether to keep a picture', () => {
  it('answers "can i save my nude as proof" and "should i screenshot the pic" each time: keep the chat, never the picture', () => {
    const turns = play(machine, { counsellorOnShift: false }, [
      msg('im 14'),
      msg('i sent a pic to a guy on insta and now hes saying hell share it'),
      msg('can i save my nude as proof'),
      msg('how do i keep evidence'),
    ]);
    for (const t of turns.slice(3)) expect(keysOf(t.emitted)).toContain('child.keep-image');
    const words = wordsOf(content, turns[3]?.emitted ?? []).join(' ');
    expect(words).toMatch(/don't save, screenshot or send on a nude picture/);
    expect(words).not.toMatch(/How are you feeling/);
  });

  it('answers before any red flag, and the question asked still waits', () => {
    const turns = child(msg('should i screenshot the pics he sent me'));
    const keys = keysOf(turns.at(-1)?.emitted ?? []);
    expect(keys[0]).toBe('child.keep-image');
    expect(turns.at(-1)?.state).toContain('whatHappened');
  });

  it('speaks to a parent and a friend in their own words', () => {
    const parent = play(machine, onShift, [msg('im her mum'), msg('shes 13 a man sent her nudes on snap'), msg('should i screenshot them and send them to the police')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.keep-image');
    const friend = play(machine, onShift, [msg('my friend is being messaged by a man on snap'), msg('should she keep the pics as proof')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toContain('friend.keep-image');
    // Keeping the messages themselves is not this question.
    expect(keysOf(child(msg('i kept all the messages he sent')).at(-1)?.emitted ?? [])).not.toContain('child.keep-image');
  });
});

describe('"am i talkin to a real person"', () => {
  it('is told honestly it is a computer, not "Of course" and a request, however it is spelt', () => {
    for (const ask of ['am i talkin to a real person', 'am i speakin to a human', 'am i chattin to a real person', 'is it a bot']) {
      const last = child(msg('some guy keeps messaging me on insta'), msg(ask)).at(-1);
      expect(keysOf(last?.emitted ?? []), ask).toContain('bot.not-a-person');
      expect(keysOf(last?.emitted ?? []), ask).not.toContain('handoff.asking');
    }
  });
});

describe('"yes" to "Is there a grown-up you trust?"', () => {
  it('is answered "good, tell them today", not taken as no one, on the path and once escalated', () => {
    const path = child(msg('a man on roblox talks to me'), msg('a week'), msg('no'), msg('no'), msg('scared'), msg('yes')).at(-1);
    expect(keysOf(path?.emitted ?? [])[0]).toBe('child.trusted.yes');
    expect(keysOf(path?.emitted ?? [])).not.toContain('child.trusted.none');
    const escalated = play(machine, { counsellorOnShift: false }, [msg('im 12'), msg('a man on roblox asked for pics'), msg('ok'), msg('yes')]).at(-1);
    expect(keysOf(escalated?.emitted ?? [])).toEqual(['child.trusted.yes']);
    expect(escalated?.snapshot.context.trustedAsk).toBe('answered');
  });
});

describe('a young person who harmed someone else', () => {
  it('who shared a classmate\'s nude hears it was not okay and how to put it right, never "you have done nothing wrong"', () => {
    const turns = child(msg('i sent a nude of a girl in my class to my mates group chat'), msg('am i gonna get arrested'));
    const first = keysOf(turns.at(-2)?.emitted ?? []);
    expect(first).toContain('child.shared-other-image');
    // Nothing was asked of them: not "don't send them any pictures", nor "the person who asked for it did something wrong".
    expect(first.filter((k) => k.startsWith('advice.dont-send'))).toEqual([]);
    expect(first).not.toContain('child.image-worry');
    const after = keysOf(turns.at(-1)?.emitted ?? []);
    expect(after).toContain('child.not-in-trouble-shared');
    expect(after).not.toContain('child.not-in-trouble');
    // Their own picture is not this.
    expect(keysOf(child(msg('i sent a nude of myself to a guy and now hes threatening me')).at(-1)?.emitted ?? [])).not.toContain('child.shared-other-image');
  });

  it('who gave a stranger a friend\'s number is told to warn the friend today, once', () => {
    const turns = play(machine, { counsellorOnShift: false }, [msg('im 12'), msg('a guy on fortnite asked me for my friends number and i gave it him'), msg('i gave him my mates snap too')]);
    expect(keysOf(turns.at(-2)?.emitted ?? [])).toContain('child.gave-others-details');
    expect(keysOf(turns.at(-1)?.emitted ?? [])).not.toContain('child.gave-others-details');
    expect(keysOf(child(msg('my friend gave me her number at school')).at(-1)?.emitted ?? [])).not.toContain('child.gave-others-details');
  });
});

describe('everyday Welsh answers', () => {
  it('hears "mam ydw i" as a parent, "dwn im" as not sure, and "dad fi yn gweiddi" as home life', () => {
    expect(play(machine, onShift, [msg('mam ydw i')]).at(-1)?.snapshot.context.audience).toBe('parent_carer');
    const home = play(machine, onShift, [msg("dw i'n berson ifanc"), msg("mae dad fi yn gweiddi arna i drwy r amser")]).at(-1);
    expect(home?.state).toContain('homeLife');
    const unsure = play(machine, onShift, [msg("dw i'n berson ifanc"), msg('mae dyn ar roblox yn siarad efo fi'), msg('dwn im')]).at(-1);
    expect(unsure?.snapshot.context.turn.unsure).toBe(true);
  });
});

describe('how-to questions mid-chat', () => {
  it('"how do i get them taken down" gets Report Remove, not "sorry you feel sad"', () => {
    const last = child(msg('my ex posted my nudes on insta'), msg('how do i get them taken down')).at(-1);
    const keys = keysOf(last?.emitted ?? []);
    expect(keys).toContain('child.take-down');
    expect(keys).not.toContain('feeling.sad');
  });

  it('"how do i block on whatsapp" gets WhatsApp\'s steps after a story about Discord', () => {
    const last = child(msg('a man on discord asked for pics of me'), msg('ok'), msg('how do i block on whatsapp')).at(-1);
    const keys = keysOf(last?.emitted ?? []);
    expect(keys).toContain('apps.whatsapp.advice');
    expect(keys).not.toContain('apps.discord.advice');
  });
});

describe('bullying by classmates in their own words', () => {
  it('is heard as bullying, not a stranger to be interviewed about', () => {
    for (const story of ['ppl in my class made a group chat about me and they r saying im fat and ugly', 'girls from my class keep posting mean stuff about me on tiktok']) {
      const keys = keysOf(child(msg(story)).at(-1)?.emitted ?? []);
      expect(keys, story).toContain('child.bullying');
      expect(keys, story).not.toContain('child.ask.how-long');
    }
    expect(keysOf(child(msg('people in my class are going to the cinema and i want to go')).at(-1)?.emitted ?? [])).not.toContain('child.bullying');
  });
});

describe('"ur useless", "ur not listening"', () => {
  it('gets a sorry and a person offered, not taken as the answer, and the question still waits', () => {
    for (const cross of ['ur useless', 'WHY DOES IT MATTER', 'ur not listening', 'fuck off']) {
      const last = child(msg('some guy keeps messaging me on insta'), msg(cross)).at(-1);
      expect(keysOf(last?.emitted ?? []), cross).toEqual(['fallback.frustrated']);
      expect(last?.state, cross).toContain('howLong');
    }
    // With more of the story it is read as usual.
    expect(keysOf(child(msg('some guy keeps messaging me on insta'), msg('ur not listening he knows where i live')).at(-1)?.emitted ?? [])).not.toContain('fallback.frustrated');
  });
});

describe('a man asking a child to be his girlfriend', () => {
  it('escalates with "a grown-up should never be a boyfriend or girlfriend to someone your age"', () => {
    const last = play(machine, onShift, [msg('im 11'), msg('a man on roblox keeps asking me to be his gf')]).at(-1);
    expect(last?.emitted.some((e) => e.type === 'handoff.requested')).toBe(true);
    expect(keysOf(last?.emitted ?? [])).toContain('child.older-partner');
    expect(keysOf(child(msg('a boy in my class asked me to be his gf')).at(-1)?.emitted ?? [])).not.toContain('child.older-partner');
  });
});

describe('"its sorted now" and "just wanted to check something"', () => {
  it('gets no interview: glad, it was right, what do they want to check; their question then gets the tips', () => {
    const turns = child(msg('its sorted now i already blocked him and told my mum'), msg('if someone asks for my snap is that bad'));
    const sorted = turns.at(-2);
    expect(keysOf(sorted?.emitted ?? [])).toEqual(['child.sorted']);
    expect(sorted?.state).toContain('listening');
    expect(sorted?.snapshot.context.summary.trustedAdult).toBe('parent');
    const question = keysOf(turns.at(-1)?.emitted ?? []);
    expect(question).toContain('child.advice.intro');
    expect(question).not.toContain('child.ask.how-long');
    const check = child(msg('just wanted to check something')).at(-1);
    expect(keysOf(check?.emitted ?? [])).toEqual(['child.check']);
    const parent = play(machine, onShift, [msg('im a mum'), msg('its all sorted now, we blocked him and reported it, i just wanted to check if theres anything else i should do')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toEqual(['parent.sorted']);
  });

  it('hears a Welsh question with no question mark as the question they came to ask', () => {
    const welsh = child(msg('mae gen i gwestiwn'), msg('ddylwn i flocio fe'));
    expect(keysOf(welsh.at(-2)?.emitted ?? [])).toEqual(['child.check']);
    expect(keysOf(welsh.at(-1)?.emitted ?? [])).toContain('child.advice.intro');
    // "ydw" ("yes, I am") starts no question, though it is a question's first word in some sentences.
    const yes = child(msg('mae gen i gwestiwn'), msg('ydw'));
    expect(keysOf(yes.at(-1)?.emitted ?? [])).not.toContain('child.advice.intro');
  });

  it('does not stand in for a red flag, nor stop an interview already under way', () => {
    const flagged = child(msg('its sorted now but he said he will share my nudes if i dont pay')).at(-1);
    expect(flagged?.state).toBe('escalated');
    const midway = child(msg('a man on roblox talks to me'), msg('its fine now')).at(-1);
    expect(keysOf(midway?.emitted ?? [])).not.toContain('child.sorted');
  });
});

describe('answers given before their question', () => {
  it('"im scared" to "Do they seem to know private things?" is said back, and how they feel is not asked again', () => {
    const last = child(msg('a man on roblox talks to me'), msg('a week'), msg('no'), msg('im scared')).at(-1);
    const keys = keysOf(last?.emitted ?? []);
    expect(keys).toEqual(['feeling.scared', 'child.ask.trusted-adult']);
  });

  it('"my mum" to "How do you feel?" is the grown-up they trust, not asked for again', () => {
    const last = child(msg('a man on roblox talks to me'), msg('a week'), msg('no'), msg('no'), msg('my mum')).at(-1);
    const keys = keysOf(last?.emitted ?? []);
    expect(keys[0]).toBe('child.trusted.named');
    expect(keys).not.toContain('child.ask.trusted-adult');
    expect(last?.snapshot.context.summary.trustedAdult).toBe('parent');
  });
});

describe('"no our mum doesnt listen"', () => {
  it('is not heard as naming mum as a grown-up they trust', () => {
    const last = child(msg('a man on roblox talks to me'), msg('a week'), msg('no'), msg('no'), msg('scared'), msg('no our mum doesnt listen')).at(-1);
    expect(keysOf(last?.emitted ?? [])[0]).toBe('child.trusted.none');
    const named = child(msg('a man on roblox talks to me'), msg('a week'), msg('no'), msg('no'), msg('scared'), msg('my mum')).at(-1);
    expect(keysOf(named?.emitted ?? [])[0]).toBe('child.trusted.named');
  });
});

describe('a parent with a vague worry', () => {
  it('"dunno really shes just been off" is not asked which app, and gets general advice, not an incident\'s', () => {
    const turns = play(machine, onShift, [msg('im her mum'), msg('dunno really shes just been off'), msg('shes moody and always on her phone'), msg('no')]);
    const first = keysOf(turns[2]?.emitted ?? []);
    expect(first).toEqual(['parent.ack.vague-worry', 'parent.ask.behaviour']);
    const tips = keysOf(turns.at(-1)?.emitted ?? []);
    expect(tips).toContain('parent.general.set-up');
    expect(tips).not.toContain('parent.advice.dont-confront');
    // Someone named is a story: the usual questions.
    expect(keysOf(play(machine, onShift, [msg('im her mum'), msg('not sure, some man keeps messaging her')]).at(-1)?.emitted ?? [])).toContain('parent.ask.app');
  });
});

describe('a teenage babysitter', () => {
  it('is on the friend path, and the advice is about the child they babysit, not them', () => {
    const turns = play(machine, onShift, [msg('im 15 i babysit for my neighbour'), msg('the little boy told me a man online asked to see him in the bath on facetime')]);
    expect(turns.at(-1)?.snapshot.context.audience).toBe('friend');
    const words = turns.flatMap((t) => wordsOf(content, t.emitted, undefined, t.snapshot.context)).join(' ');
    expect(words).toMatch(/The child you babysit should not send them any pictures/);
    expect(words).not.toMatch(/Don't send them any pictures/);
  });
});

describe('a parent who asks "what do you mean"', () => {
  it('hears the question again in other words, not taken as the answer', () => {
    const turns = play(machine, onShift, [msg('im her mum'), msg('a man keeps messaging her'), msg('what do you mean'), msg('snap'), msg('what do you mean')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['fallback.ask-again', 'parent.ask.app-simple']);
    expect(turns[3]?.state).toContain('app');
    // Answering in between counts as understood: the second question's "what do you mean" is a first, not a second.
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['fallback.ask-again', 'parent.ask.behaviour-simple']);
  });
});

describe('questions and worries from a third tester', () => {
  it('"is it legit tho" about an agency asking for money and photos: no, and why', () => {
    const last = child(msg('a modelling agency messaged me on insta saying i just need to pay 50 quid for a portfolio and send some photos in underwear'), msg('is it legit tho')).at(-1);
    expect(keysOf(last?.emitted ?? [])).toContain('child.not-legit');
    // With nothing asked of them yet, "is it real" is not answered this way.
    expect(keysOf(child(msg('is it real')).at(-1)?.emitted ?? [])).not.toContain('child.not-legit');
  });

  it('a child who gave away mum\'s card details is told to tell mum today so the bank can stop the card', () => {
    const last = play(machine, { counsellorOnShift: false }, [msg('im 11'), msg('i got scammed on roblox someone said theyd give me free robux if i gave them my mums card details and i did')]).at(-1);
    expect(keysOf(last?.emitted ?? [])).toContain('child.card-given');
  });

  it('a parent\'s "can i read his messages" is answered', () => {
    const last = play(machine, onShift, [msg('my son'), msg('hes 12, a man on snapchat asked him for pics'), msg('can i read his messages without him knowing')]).at(-1);
    expect(keysOf(last?.emitted ?? [])).toContain('parent.check-messages');
    expect(keysOf(last?.emitted ?? [])).not.toContain('parent.ask.wellbeing');
  });

  it('being outed held over them is heard: their choice who to tell', () => {
    const last = child(msg('this girl says shell tell everyone im gay unless i send her pics')).at(-1);
    expect(keysOf(last?.emitted ?? [])).toContain('child.outing');
  });

  it('"hold on my mums coming" is a pause, not an answer; a door knock is not', () => {
    const last = child(msg('a guy on insta keeps asking me for pics'), msg('hold on my mums coming')).at(-1);
    expect(keysOf(last?.emitted ?? [])).toEqual(['shared.pause']);
    expect(keysOf(child(msg('hold on someone is at the door and i dont know who')).at(-1)?.emitted ?? [])).not.toEqual(['shared.pause']);
  });

  it('"my parents are splitting up and its my fault" is not told about people who trick children', () => {
    const last = child(msg('my mum and dad are splitting up and i think its my fault')).at(-1);
    expect(keysOf(last?.emitted ?? [])).toContain('child.split-not-your-fault');
    expect(keysOf(last?.emitted ?? [])).not.toContain('child.not-your-fault');
  });

  it('a Welsh parent who types the button\'s words is a parent', () => {
    expect(play(machine, onShift, [msg('Rhiant neu ofalwr ydw i')]).at(-1)?.snapshot.context.audience).toBe('parent_carer');
  });
});

describe('"im in care"', () => {
  it('is who they are, not what happened: thanks, and what has been happening, with no question about an app', () => {
    const turns = child(msg('im in care'), msg('a man on insta keeps messaging me'));
    expect(keysOf(turns.at(-2)?.emitted ?? [])).toEqual(['child.in-care']);
    expect(turns.at(-2)?.state).toContain('whatHappened');
    expect(keysOf(turns.at(-1)?.emitted ?? [])).toContain('child.ask.how-long');
    // In care and a story in one message: the story.
    expect(keysOf(child(msg('im in care and a man on insta keeps messaging me')).at(-1)?.emitted ?? [])).not.toContain('child.in-care');
  });
});

describe('"my mum told me to come here"', () => {
  it('is glad a grown-up knows and asks what has been happening: no "things at home sound hard", no "what did they ask you to do"', () => {
    const turns = child(msg('my mum told me to come here'), msg('a man on insta keeps messaging me'));
    expect(keysOf(turns.at(-2)?.emitted ?? [])).toEqual(['child.grown-up-knows']);
    expect(turns.at(-2)?.state).toContain('whatHappened');
    expect(keysOf(turns.at(-1)?.emitted ?? [])).toContain('child.ask.how-long');
    // As the first message, before saying who they are: the young person's first question, not "which app?".
    const first = play(machine, onShift, [msg('my mum said i should talk to u')]).at(-1);
    expect(first?.state).toContain('young.whatHappened');
    expect(keysOf(first?.emitted ?? [])).toContain('child.ask.what-happened');
    // A friend's path says it of the friend.
    const friend = play(machine, onShift, [msg('im worried about my friend'), msg('my mum told me to come here')]).at(-1);
    expect(keysOf(friend?.emitted ?? [])).toEqual(['friend.grown-up-knows']);
  });

  it('still hears trouble at home told beside it, and a story told with it', () => {
    expect(keysOf(child(msg('my dad keeps shouting at me and i told my nan')).at(-1)?.emitted ?? [])).toContain('child.home-hard');
    expect(keysOf(child(msg('my mum drinks and shouts')).at(-1)?.emitted ?? [])).toContain('child.home-hard');
    const story = keysOf(child(msg('i told my mum a man on snap keeps messaging me')).at(-1)?.emitted ?? []);
    expect(story).not.toContain('child.grown-up-knows');
    expect(story).toContain('child.ask.how-long');
    expect(child(msg('my uncle touched me and i told my mum')).at(-1)?.state).toBe('escalated');
  });
});

describe('Welsh words text-speak would respell', () => {
  it('reads "mae" as Welsh "is" in a Welsh message, not Portuguese "mãe" (mum), and "da" as "good", not "dad"', () => {
    const man = play(machine, onShift, [msg('mae dyn yn anfon negeseuon ata i')]).at(-1);
    expect(man?.snapshot.context.summary.trustedAdult).toBeUndefined();
    expect(man?.state).toContain('young');
    const good = child(msg('da iawn diolch')).at(-1);
    expect(good?.snapshot.context.summary.trustedAdult).toBeUndefined();
    // In an English message it is still mum.
    expect(child(msg('i told my mae')).at(-1)?.snapshot.context.summary.trustedAdult).toBe('parent');
  });
});

describe('questions while in danger now', () => {
  const offShift = { counsellorOnShift: false };
  it('"should i open the door" is answered no, at once; "what do i do" gets 999 and the tips, with no "come back any time"', () => {
    const turns = play(machine, offShift, [msg('im 13'), msg('the guy from snap is outside my house rn'), msg('should i open the door'), msg('what do i do')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['escalation.danger-door']);
    const next = keysOf(turns[4]?.emitted ?? []);
    expect(next[0]).toBe('escalation.still-in-danger');
    expect(next).toContain('advice.keep-evidence');
    expect(next).not.toContain('child.come-back');
    // Once it has passed, the tips end as before.
    const passed = play(machine, offShift, [msg('im 13'), msg('the guy from snap is outside my house rn'), msg('hes gone now'), msg('what do i do')]).at(-1);
    expect(keysOf(passed?.emitted ?? [])).toContain('child.come-back');
  });

  it('"should i wake my mum" is yes, now; "999 wont believe me" is answered; "what if he knocks" gets the door', () => {
    const turns = play(machine, offShift, [msg('im 15'), msg('this guy from snap says hes coming to my house tonight'), msg('should i wake my mum'), msg('i cant call 999 they wont believe me'), msg('what if he knocks')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toEqual(['escalation.danger-wake']);
    expect(wordsOf(content, turns[3]?.emitted ?? []).join(' ')).toMatch(/Wake them up now.*999/);
    expect(keysOf(turns[4]?.emitted ?? [])).toEqual(['escalation.danger-believed']);
    expect(keysOf(turns[5]?.emitted ?? [])).toEqual(['escalation.danger-door']);
    // After pills taken, waking someone is the self-harm line.
    const pills = play(machine, offShift, [msg('im 14'), msg('i took a load of pills'), msg('should i wake my mum')]).at(-1);
    expect(keysOf(pills?.emitted ?? [])).toEqual(['escalation.self-harm-wake-them']);
  });

  it('outside danger now, the same words are no danger answer', () => {
    const calm = keysOf(child(msg('a man on snap keeps messaging me'), msg('should i wake my mum')).at(-1)?.emitted ?? []);
    expect(calm).not.toContain('escalation.danger-wake');
  });
});

describe('a picture going round now', () => {
  it('gets what to do in the next ten minutes, once: report it, Report Remove, friends delete it, not their fault; not "never meet them"', () => {
    const turns = play(machine, onShift, [msg('im 15'), msg('some1 on snap got my nudes n says pay or hell send them to everyone'), msg('he posted it on my story'), msg('everyones gonna see'), msg('my mates are messaging me saying they got it')]);
    expect(keysOf(turns[3]?.emitted ?? [])).toContain('child.image-spreading');
    expect(wordsOf(content, turns[3]?.emitted ?? []).join(' ')).toMatch(/not your fault.*Report Remove.*delete it/);
    expect(keysOf(turns[4]?.emitted ?? [])).not.toContain('child.advice.if-they-come');
    expect(keysOf(turns[5]?.emitted ?? [])).not.toContain('child.image-spreading');
    // A parent hears it in their words.
    const parent = play(machine, onShift, [msg('im her mum'), msg('a man has nudes of my daughter and says he will post them'), msg('hes posted them online')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.image-spreading');
  });

  it('needs pictures to have come up, and no negator', () => {
    expect(keysOf(child(msg('my friend posted it on her story')).at(-1)?.emitted ?? [])).not.toContain('child.image-spreading');
    const notYet = play(machine, onShift, [msg('im 15'), msg('some1 on snap got my nudes n says pay or hell send them to everyone'), msg('he hasnt posted it yet')]).at(-1);
    expect(keysOf(notYet?.emitted ?? [])).not.toContain('child.image-spreading');
  });
});

describe('a 16- or 17-year-old with an older partner', () => {
  it('is not told "it is not okay" (no crime at their age), and still hears that nude pictures are against the law', () => {
    const sixteen = play(machine, onShift, [msg('im 17'), msg('my bf is 24 we met at college is that ok')]).at(-1);
    expect(keysOf(sixteen?.emitted ?? [])).toContain('child.older-partner-16');
    expect(keysOf(sixteen?.emitted ?? [])).not.toContain('child.older-partner');
    const younger = play(machine, onShift, [msg('im 14'), msg('my bf is 24')]).at(-1);
    expect(keysOf(younger?.emitted ?? [])).toContain('child.older-partner');
  });
});

describe('"k" to "do they know private things about you?"', () => {
  it('is checked once in plainer words, not taken as "he knows where I live"; a yes then, or a second nod, goes to a counsellor', () => {
    const start = [msg('im 12'), msg('someone on roblox'), msg('a week'), msg('no')];
    const asked = play(machine, onShift, start).at(-1);
    expect(keysOf(asked?.emitted ?? [])).toContain('child.ask.knows-private');
    const nod = play(machine, onShift, [...start, msg('k')]).at(-1);
    expect(nod?.state).not.toBe('escalated');
    expect(keysOf(nod?.emitted ?? [])).toContain('child.ask.knows-private-simple');
    expect(play(machine, onShift, [...start, msg('k'), msg('yes')]).at(-1)?.state).toBe('escalated');
    expect(play(machine, onShift, [...start, msg('k'), msg('ok')]).at(-1)?.state).toBe('escalated');
    expect(play(machine, onShift, [...start, msg('yeah')]).at(-1)?.state).toBe('escalated');
  });
});

describe('a Welsh parent is spoken to as "chi"', () => {
  it('gets the adult words of messages said to children and parents alike, where Welsh has them; a child still gets "ti"', () => {
    const words = (events: DialogEvent[], on: boolean) => {
      const turns = play(machine, { counsellorOnShift: on }, events);
      return turns.slice(1).flatMap((t) => wordsOf(content, t.emitted, 'cy-GB', t.snapshot.context)).join(' ');
    };
    const parent = words([msg('Rhiant neu ofalwr ydw i'), msg('mae dyn wedi gofyn i fy mab am luniau noeth')], false);
    expect(parent).toMatch(/Mae beth rydych chi wedi'i rannu yn swnio'n ddifrifol/);
    expect(parent).toMatch(/dyma pwy gallwch chi siarad â nhw/);
    expect(parent).not.toMatch(/rwyt ti wedi'i rannu/);
    const young = words([msg("dw i'n 13"), msg('mae dyn wedi gofyn i fi am luniau noeth')], false);
    expect(young).toMatch(/Mae beth rwyt ti wedi'i rannu yn swnio'n ddifrifol/);
    // English has one "you" for both: the same words.
    const en = play(machine, { counsellorOnShift: false }, [msg("I'm a parent"), msg('a man asked my son for nudes')]).at(-1);
    expect(wordsOf(content, en?.emitted ?? [], 'en-GB', en?.snapshot.context).join(' ')).toMatch(/What you've shared sounds serious/);
  });
});

describe('criminal exploitation (county lines)', () => {
  const offShift = { counsellorOnShift: false };
  it('hands off, says do not do it and it is not their fault, and its own tips, not "don\'t pay" or CEOP', () => {
    const turns = play(machine, offShift, [msg('im 14'), msg('these older boys said if i take a bag to another town they will pay me 300'), msg('wat do i do')]);
    const told = turns[2];
    expect(told?.state).toBe('escalated');
    expect(keysOf(told?.emitted ?? [])).toContain('child.exploitation');
    expect(keysOf(told?.emitted ?? [])).not.toContain('advice.dont-pay');
    const tips = keysOf(turns[3]?.emitted ?? []);
    expect(tips).toContain('child.advice.exploitation');
    expect(tips).not.toContain('advice.report');
    // A parent of a child who goes missing and comes back with cash hears what it is and who to tell.
    const parent = play(machine, offShift, [msg('my son'), msg('hes 15 and keeps going missing for days and comes back with new trainers and cash')]).at(-1);
    expect(keysOf(parent?.emitted ?? [])).toContain('parent.exploitation');
  });

  it('needs the errand beside a lure or a hold: carrying a bag for nan is not exploitation', () => {
    expect(child(msg('i need to carry a bag for my nan')).at(-1)?.state).not.toBe('escalated');
    expect(keysOf(play(machine, onShift, [msg("I'm asking for a friend"), msg('my mate is doing county lines')]).at(-1)?.emitted ?? [])).toContain('friend.exploitation');
  });
});

describe('more from the second report', () => {
  const offShift = { counsellorOnShift: false };
  it('"he says get in", in danger now, is no, stay where people are, 999; not the door line', () => {
    const last = play(machine, offShift, [msg('im 14'), msg('this guy off insta is in a car outside my school'), msg('he says get in')]).at(-1);
    expect(keysOf(last?.emitted ?? [])).toEqual(['escalation.danger-go-out']);
    // Since v130 the detector reads a meeting (and danger) in "he says get in": the answer is still the one to the question,
    // and the console still hears the new category, at the urgency so far.
    const requests = (last?.emitted ?? []).flatMap((e) => (e.type === 'handoff.requested' ? [e] : []));
    expect(requests.map((e) => e.urgency)).toEqual(['immediate']);
    expect(requests[0]?.findings.map((f) => f.category)).toContain('meet_or_secrecy');
  });

  it('hears a picture in a group chat as going round, a read phone as a watched device, and "if i block him will he see" as a question, not a threat', () => {
    const group = play(machine, offShift, [msg('im 16'), msg('someone is sharing my nudes in a group chat')]).at(-1);
    expect(keysOf(group?.emitted ?? [])).toContain('child.image-spreading');
    const read = play(machine, offShift, [msg('im 13'), msg('a man on snap asked for pics'), msg('my mum reads my texts')]).at(-1);
    expect(keysOf(read?.emitted ?? [])).toContain('shared.device-safety');
    const block = play(machine, offShift, [msg('im 13'), msg('guy on insta asked for pics i sent some'), msg('if i block him will he see')]).at(-1);
    // Blocking is what is asked about (session 31, tester s29 H01): the block answer, not the one about reporting.
    expect(keysOf(block?.emitted ?? [])).toEqual(['child.block-secret']);
    // Longer, with a threat in it: still a threat.
    const threat = play(machine, offShift, [msg('im 13'), msg('guy on insta asked for pics i sent some'), msg('if i block him will he post my pics')]).at(-1);
    expect(threat?.snapshot.context.turn.categories).toContain('threat_blackmail');
  });
});

describe('a young child asking what a word means', () => {
  it('"wat is a nude" and "wats grooming" are answered plainly, not "that sounds hard" and the app question', () => {
    const nude = play(machine, onShift, [msg('im 9'), msg('wat is a nude')]).at(-1);
    expect(keysOf(nude?.emitted ?? [])).toContain('shared.meaning-nude');
    expect(keysOf(nude?.emitted ?? [])).not.toContain('child.ack.what-happened');
    expect(nude?.state).toContain('whatHappened');
    const grooming = play(machine, onShift, [msg('im 9'), msg('wats grooming')]).at(-1);
    expect(keysOf(grooming?.emitted ?? [])).toContain('shared.meaning-grooming');
    // Asked with a red flag beside it, the red flag still escalates.
    const flagged = play(machine, onShift, [msg('im 9'), msg('a man asked me for a nude what is a nude')]).at(-1);
    expect(flagged?.state).toBe('escalated');
    expect(keysOf(flagged?.emitted ?? [])).toContain('shared.meaning-nude');
  });
});

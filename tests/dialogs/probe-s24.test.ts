import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DialogEvent } from '../../dialogs/index.js';
import { keysOf, msg, offShift, onShift, play, useRealMachine, wordsOf } from './harness.js';

/** Session 24's probe report (/work/scratch/s24/probe-report.md), the dialog owner's problems: what the person sees. */

const real = useRealMachine();

/** The keys said to each message (the opening left out). */
const keysPerTurn = (shift: { counsellorOnShift: boolean }, ...texts: string[]) => play(real.machine, shift, texts.map(msg)).slice(1).map((t) => keysOf(t.emitted));
const last = (shift: { counsellorOnShift: boolean }, ...texts: string[]) => keysPerTurn(shift, ...texts).at(-1) ?? [];
const lastTurn = (shift: { counsellorOnShift: boolean }, ...events: DialogEvent[]) => play(real.machine, shift, events).at(-1);

describe('#5 a parent about to act alone, or who copied the picture', () => {
  const story = ['my daughter', 'found nudes of her on her phone that shes sent to some man, shes 13'];

  it('going round, messaging him as her, posting his picture: anger makes sense, don\'t, give it to the police', () => {
    for (const said of ['im going to message him pretending to be her', 'im going round his house', 'ive already messaged him and told him im going to find him']) {
      for (const shift of [onShift, offShift]) {
        const keys = last(shift, ...story, said);
        expect(keys, said).toContain('parent.acts-alone');
        expect(keys, said).not.toContain('parent.ask.wellbeing');
        expect(keys, said).not.toContain('parent.advice.dont-confront');
      }
    }
    const posted = last(onShift, 'im her mum', 'a 30 year old man has been messaging my daughter and she sent him pics', 'i found his facebook hes local, im going to post his picture on the village group');
    expect(posted).toContain('parent.acts-alone');
    const words = wordsOf(real.content, lastTurn(onShift, ...[...story, 'im going round his house'].map(msg))?.emitted ?? []).join(' ');
    expect(words).toMatch(/Your anger makes sense/);
    expect(words).toMatch(/101/);
  });

  it('screenshotted and forwarded: don\'t send them on; tell the police about the copies', () => {
    const keys = last(offShift, ...story, 'ive screenshotted them all and sent them to my husband');
    expect(keys).toContain('parent.copies-made');
    expect(keys).not.toContain('parent.ask.wellbeing');
  });

  it('twins: "should i confront him" and "should i screenshot them" keep their lines; a child\'s words are not a parent\'s', () => {
    expect(last(onShift, ...story, 'should i confront him')).toContain('parent.advice.dont-confront');
    expect(last(onShift, ...story, 'should i confront him')).not.toContain('parent.acts-alone');
    const keep = last(onShift, 'im her mum', 'shes 13 a man sent her nudes on snap', 'should i screenshot them and send them to the police');
    expect(keep).toContain('parent.keep-image');
    expect(keep).not.toContain('parent.copies-made');
    expect(last(onShift, "I'm a young person", 'i know where he lives')).not.toContain('parent.acts-alone');
  });

  it('a red flag in the same message still escalates, with the line beside it', () => {
    const turns = play(real.machine, onShift, [msg('my daughter'), msg('a man sent my 12 year old daughter nudes and asked for hers, im going round his house')]);
    const lastEmitted = turns.at(-1)?.emitted ?? [];
    expect(lastEmitted.some((e) => e.type === 'handoff.requested')).toBe(true);
    expect(keysOf(lastEmitted)).toContain('parent.acts-alone');
  });
});

describe('#5 a dad going to the man\'s house', () => {
  it('is told not to go (acts-alone), not "don\'t let the child go to meet them"; a meeting planned with the child still is', () => {
    const keys = last(offShift, 'im her dad', 'a man has been sending my 13 year old daughter sexual messages and i know where he lives', 'im going to his house to sort him out');
    expect(keys).toContain('parent.acts-alone');
    expect(keys).not.toContain('parent.advice.dont-meet');
    expect(last(offShift, 'im her dad', 'a man has been messaging my 13 year old daughter on snap and he wants to meet her on saturday')).toContain('parent.advice.dont-meet');
  });
});

describe('#7 a watched or shared device', () => {
  it('"someones coming" and "my mums coming i have to go": Quick exit, Childline, come back when safe', () => {
    expect(last(onShift, 'a man on roblox asked for pics', 'someones coming')).toContain('shared.leave-now');
    expect(last(offShift, 'a man on roblox asked for pics', 'my mums coming i have to go')).toEqual(['shared.leave-now']);
    // In the questions, not taken as the how-long answer; the question still waits.
    const interview = keysPerTurn(onShift, "I'm a young person", 'a boy on snap keeps messaging me', 'someones coming', 'a few weeks');
    expect(interview[2]).toEqual(['shared.leave-now']);
    expect(interview[3]).toContain('child.ask.asked-to-do');
    const words = wordsOf(real.content, lastTurn(onShift, msg('a man on roblox asked for pics'), msg('someones coming'))?.emitted ?? []).join(' ');
    expect(words).toMatch(/Quick exit/);
    expect(words).toMatch(/0800 1111/);
  });

  it('"my dad checks my phone", "how do i hide this chat", "clear it from my history": what Quick exit does and what stays', () => {
    expect(last(offShift, 'a guy on snap asked me for nudes', 'my dad checks my phone so he might see this')).toEqual(['shared.device-safety']);
    const turns = keysPerTurn(offShift, 'a guy on snap asked me for nudes', 'how do i hide this chat', 'how do i clear it from my history');
    expect(turns[1]).toEqual(['shared.device-safety']);
    expect(turns[2]).toEqual(['shared.device-safety-again']);
    expect(last(onShift, 'a man on roblox asked for pics', 'how do i clear it from my history')).not.toContain('child.dont-delete');
    // A parent checking a phone is ordinary: not "things at home sound hard".
    const home = keysPerTurn(onShift, 'im 13', 'my dad checks my phone');
    expect(home[1]).toEqual(['shared.device-safety']);
    expect(home[1]).not.toContain('child.home-hard');
    expect(last(onShift, 'im 13', 'we share an ipad')).toEqual(['shared.device-safety']);
    expect(last(onShift, 'im 13', 'a man on snap keeps messaging me', 'will my brother see what i wrote')).toEqual(['shared.device-safety']);
    const words = wordsOf(real.content, lastTurn(onShift, msg('im 13'), msg('how do i hide this'))?.emitted ?? []).join(' ');
    expect(words).toMatch(/not kept on this phone/);
    expect(words).toMatch(/browser history/);
  });

  it('twins: "my mums coming" alone is still a pause; "i have to go" alone still closes; a red flag still escalates', () => {
    expect(last(onShift, "I'm a young person", 'my mums coming')).toEqual(['shared.pause']);
    expect(last(onShift, "I'm a young person", 'i have to go')).toContain('close.goodbye.child');
    const turn = lastTurn(onShift, msg("I'm a young person"), msg('if my dad sees this chat he will hit me'));
    expect(turn?.emitted.some((e) => e.type === 'handoff.requested')).toBe(true);
    expect(keysOf(turn?.emitted ?? [])).toContain('shared.device-safety');
    expect(last(onShift, "I'm a young person", 'my dad shouts at me all the time')).toContain('child.home-hard');
  });
});

describe('#8 off shift, a teen who cannot phone', () => {
  const story = ['im 15', 'this guy from insta keeps messaging me at night', 'i want to talk to a real person'];

  it('"nobodys awake", "everyone will hear me", "can i text someone": Shout\'s text line and Childline\'s online chat', () => {
    const turns = keysPerTurn(offShift, ...story, 'nobodys awake', 'i cant call anyone everyone will hear me', 'can i text someone instead');
    expect(turns[3]).toEqual(['shared.cant-phone']);
    expect(turns[4]).toEqual(['shared.cant-phone-again']);
    expect(turns[5]).toEqual(['shared.cant-phone-again']);
    const words = wordsOf(real.content, lastTurn(offShift, ...[...story, 'cant ring anyone its 2am'].map(msg))?.emitted ?? []).join(' ');
    expect(words).toMatch(/text SHOUT to 85258/);
    expect(words).toMatch(/Childline/);
    expect(words).toMatch(/childline\.org\.uk/);
  });

  it('the hours, when nobody is on shift: asked for, and asked when', () => {
    const asked = keysPerTurn(offShift, ...story);
    expect(asked[2]).toEqual(['handoff.asking-off-shift', 'helplines.now.child', 'handoff.hours']);
    expect(last(offShift, ...story, 'when will a real person be on')).toEqual(['handoff.nobody-now', 'helplines.now.child', 'handoff.hours']);
    const again = last(offShift, ...story, 'i dont want to call childline i want to talk to someone here');
    expect(again).toContain('shared.cant-phone');
    // On shift nobody hears the hours.
    expect(keysPerTurn(onShift, ...story)[2]).toEqual(['handoff.asking']);
  });

  it('"yes" to the trusted-adult question off shift is answered', () => {
    const turns = keysPerTurn(offShift, ...story, 'is anyone there', 'yes');
    expect(turns[3]).toContain('child.ask.trusted-adult');
    expect(turns[4]).toEqual(['child.trusted.yes']);
  });

  it('twins: in danger now, "nobodys awake" still wakes them (not texting)', () => {
    const keys = last(offShift, 'im 15', 'i took a load of pills', 'nobodys awake');
    expect(keys).toContain('escalation.self-harm-wake-them');
    expect(keys).not.toContain('shared.cant-phone');
  });

  it('the hours said match content/hours.yaml', async () => {
    const hours = parse(await readFile('content/hours.yaml', 'utf8')) as { weekly: Record<string, { open: string; close: string }[]> };
    const text = (await readFile('content/en-GB/messages.yaml', 'utf8')).split('\nhandoff.hours:\n')[1]?.split('\n')[0] ?? '';
    const spoken = (hhmm: string) => {
      const [h, m] = hhmm.split(':').map(Number);
      if (h === 12 && m === 0) return '12 noon';
      return `${(h ?? 0) % 12}${(h ?? 0) < 12 ? 'am' : 'pm'}`;
    };
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
      const [slot] = hours.weekly[day] ?? [];
      expect(hours.weekly[day], day).toHaveLength(1);
      expect(text, day).toContain(`${spoken(slot!.open)} to ${spoken(slot!.close)}`);
    }
  });
});

describe('#10 self-blame: sent first, lied about age', () => {
  it('an adult must never have sexual chats or pictures with a child: it is on him', () => {
    const first = keysPerTurn(offShift, 'im 13', 'this guy on snap hes 18 we been talking for ages', 'i sent pics first so its my fault', 'he didnt ask');
    expect(first[2]).toEqual(['child.sent-first']);
    expect(first[2]).not.toContain('child.image-worry');
    expect(first[3]).toEqual(['child.sent-first']);
    const lied = keysPerTurn(offShift, 'im 13', 'my bf is 20 we met on discord', 'he didnt know i was 13 i lied and said i was 16', 'so hes not in the wrong its me');
    expect(lied[2]).toEqual(['child.sent-first']);
    expect(lied[3]).toEqual(['child.sent-first']);
    expect(last(onShift, 'im 13', 'my bf is 20 we met on discord', 'i said i was 16')).toEqual(['child.sent-first']);
    const words = wordsOf(real.content, lastTurn(onShift, msg('im 13'), msg('my bf is 20 we met on discord'), msg('i said i was 16'))?.emitted ?? []).join(' ');
    expect(words).toMatch(/A grown-up must never have sexual chats with a child/);
  });

  it('"i lied and said im 16" is not recorded as their age', () => {
    const turn = lastTurn(onShift, msg('im 13'), msg('my bf is 20 we met on discord'), msg('i lied and said im 16'));
    expect(keysOf(turn?.emitted ?? [])).toEqual(['child.sent-first']);
  });

  it('twins: "its my fault" alone keeps the plain line; at 16 or 17 the plain line too', () => {
    expect(last(onShift, "I'm a young person", 'its my fault')).toEqual(['child.not-your-fault']);
    expect(last(onShift, 'im 16', 'my bf is 18', 'i said i was 18')).toEqual(['child.not-your-fault']);
    expect(last(onShift, 'my friend is being messaged by a man on snap', 'she sent first so its her fault')).not.toContain('friend.sent-first');
  });
});

describe('#11 privacy and consequences', () => {
  it('"will he know i told": reporting on the app does not tell him who', () => {
    const turns = keysPerTurn(onShift, 'a guy on snap asked for pics and i sent some', 'will he know i told', 'if i report him will he find out');
    expect(turns[1]).toEqual(['child.report-secret']);
    expect(turns[2]).toEqual(['child.report-secret']);
    expect(wordsOf(real.content, lastTurn(onShift, msg('a guy on snap asked for pics'), msg('will he know i told'))?.emitted ?? []).join(' ')).toMatch(/does not tell them who reported/);
  });

  it('"can u track my ip", "do u know where i live": Harbour only knows what they type; the question still waits', () => {
    const turns = keysPerTurn(onShift, 'a boy on tiktok keeps messaging me', 'a few days', 'do u know where i live', 'can u track my ip');
    expect(turns[2]).toEqual(['shared.cant-see-you']);
    expect(turns[3]).toEqual(['shared.cant-see-you']);
    expect(last(onShift, 'a boy on tiktok keeps messaging me', 'a few days', 'do u know where i live', 'no')).toContain('child.ask.knows-private');
  });

  it('"do u save what i write": kept on our computers for a while, who reads it, how to delete it', () => {
    expect(last(onShift, 'a boy on tiktok keeps messaging me', 'do u save what i write')).toEqual(['shared.chat-kept']);
    const words = wordsOf(real.content, lastTurn(onShift, msg('a boy on tiktok keeps messaging me'), msg('do u save what i write'))?.emitted ?? []).join(' ');
    expect(words).toMatch(/delete my chat/);
  });

  it('"can u delete everything i said": how to delete this chat, not "don\'t delete yet"', () => {
    const keys = last(onShift, 'a man on insta keeps asking me for pics', 'can u delete everything i said');
    expect(keys).toEqual(['shared.delete-chat']);
    expect(keys).not.toContain('child.dont-delete');
    // Twin: his account or the messages are still "not yet".
    expect(last(onShift, 'a man on insta keeps asking me for pics', 'should i delete his account')).toContain('child.dont-delete');
    expect(last(onShift, "I'm a young person", 'is this private')).toEqual(['child.privacy']);
  });
});

describe('"can you see where i am" (the lead, from the same report, problem 6)', () => {
  it('is a question about this chat, answered; not a stranger who can see them, and no counsellor fetched for it', () => {
    const turns = play(real.machine, { counsellorOnShift: true }, [msg('im 13'), msg('can you see where i am')]);
    const last = turns.at(-1);
    expect(last?.state).not.toBe('escalated');
    expect(keysOf(last?.emitted ?? [])).toContain('shared.cant-see-you');
    // A stranger who can see where they are is still a red flag.
    expect(play(real.machine, { counsellorOnShift: true }, [msg('im 13'), msg('the man on snap can see where i am on the map')]).at(-1)?.state).toBe('escalated');
  });
});

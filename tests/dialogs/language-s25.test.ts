import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarbourMachine } from '../../dialogs/index.js';
import { OTHER_SCRIPT, otherLanguageOf, type OtherLanguageMarkers } from '../../dialogs/language.js';
import { tokens } from '../../dialogs/match.js';
import { readContent } from '../../server/content/load.js';
import type { Content } from '../../server/content/types.js';
import { keysOf, keysPerMessage, msg, play, realContent, wordsOf, type HarbourMachine } from './harness.js';

/**
 * Session 25: a message in a language Harbour cannot read (dialogs/language.ts, content/other-languages.yaml)
 * is told so, with 999 and Childline, and is not taken as an answer. The probe reports of session 24 found
 * Polish and Urdu messages answered with "That sounds hard. Which app was it on?".
 */

let content: Content;
let machine: HarbourMachine;
let markers: OtherLanguageMarkers;
const onShift = { counsellorOnShift: true };
const offShift = { counsellorOnShift: false };
const scratch: string[] = [];

beforeAll(async () => {
  ({ content } = await realContent());
  machine = createHarbourMachine(content.dialogDeps);
  const m = content.dialogDeps.otherLanguages;
  if (m === undefined) throw new Error('the real content has no other-languages markers');
  markers = m;
});

afterAll(async () => {
  for (const d of scratch) await rm(d, { recursive: true, force: true });
});

const languageOf = (text: string) => otherLanguageOf(tokens(text), markers);
const keysPerTurn = (shift: { counsellorOnShift: boolean }, ...texts: string[]) => keysPerMessage(machine, shift, ...texts);

describe('which messages are in a language Harbour cannot read', () => {
  it('Polish, Urdu in English letters, Romanian, Spanish and German, with or without accents', () => {
    expect(languageOf('facet z internetu mowi ze przyjedzie do mnie dzisiaj w nocy')).toBe('pl');
    expect(languageOf('jest pod moim domem teraz, boję się')).toBe('pl');
    expect(languageOf('som chłopak z gry chce moje nagie zdjęcia, hes like 20')).toBe('pl');
    expect(languageOf('ek aadmi insta pe keh raha hai ke wo aaj raat mere ghar aayega')).toBe('ur');
    expect(languageOf('ma ameninta ca pune poza mea goala pe tiktok daca nu ii mai trimit')).toBe('ro');
    // Spanish's small words are English too ("me", "a", "que"), so they are no markers: three in one word of four do.
    expect(languageOf('un hombre me pidió fotos desnuda en instagram y dice que va a venir')).toBe('es');
    expect(languageOf('ein mann auf snapchat will nacktbilder von mir')).toBe('de');
  });

  it('another alphabet needs no list: Arabic, Urdu, Cyrillic', () => {
    expect(languageOf('يقول لو ما رديت راح يرسل الصور لأبوي')).toBe(OTHER_SCRIPT);
    expect(languageOf('ایک آدمی مجھے تنگ کر رہا ہے')).toBe(OTHER_SCRIPT);
    expect(languageOf('он говорит что придёт ко мне')).toBe(OTHER_SCRIPT);
  });

  it('English stays English: text-speak, a borrowed word or two, and a clear English clause beside another language', () => {
    for (const english of [
      'he sed he wil cum 2 my hous 2nite n i dnt no wat 2 do',
      'cos il be there l8r',
      'my mum said nie',
      'gracias amigo',
      'wallah this guy on snap has my pics',
      'nie wiem what to get tata for his birthday any ideas',
      'mera online dost keh raha hai ki ghar walon ko mat batana, he says dont tell my family',
      'mae dyn ar snap yn gofyn am lunia ohona i', // Welsh: read by the detector's Welsh reader
      'im 13 😭😭',
      '',
    ]) {
      expect(languageOf(english), english).toBeUndefined();
    }
  });
});

describe('what the child sees', () => {
  it('a Polish first message: cannot read it, 999 and Childline; who is chatting is asked again; then the short line', () => {
    for (const shift of [onShift, offShift]) {
      const turns = play(machine, shift, [msg('facet z internetu mowi ze przyjedzie do mnie dzisiaj w nocy'), msg('nie wiem co teraz robic')]);
      expect(keysOf(turns[1]?.emitted ?? [])).toEqual(['shared.other-language', 'opening.who']);
      const words = wordsOf(content, turns[1]?.emitted ?? []).join(' ');
      expect(words).toMatch(/only read English and Welsh/);
      expect(words).toMatch(/call 999/);
      expect(words).toMatch(/0800 1111/);
      expect(keysOf(turns[2]?.emitted ?? [])).toEqual(['shared.other-language-again', 'opening.who']);
    }
  });

  it('mid-chat, the question still waits and nothing is taken from the message ("mama" is no trusted adult here)', () => {
    const keys = keysPerTurn(offShift, 'im 13', 'a man keeps messaging me on snap', 'a week', 'moja mama nie wie, boje sie jej powiedziec');
    const last = keys.at(-1) ?? [];
    expect(last[0]).toBe('shared.other-language');
    expect(last.some((k) => k.includes('trusted'))).toBe(false);
  });

  it('a red flag the detector reads in a mixed message still escalates, with the line beside it', () => {
    const turns = play(machine, onShift, [msg('im 13'), msg('som chlopak z gry chce moje nagie zdjecia, hes like 20')]);
    const last = turns.at(-1);
    expect(last?.emitted.some((e) => e.type === 'handoff.requested')).toBe(true);
    expect(keysOf(last?.emitted ?? [])).toContain('shared.other-language');
  });

  it('an English message beside it gets no such line', () => {
    const keys = keysPerTurn(onShift, 'im 13', 'a man on snap keeps asking where i live');
    expect(keys.flat()).not.toContain('shared.other-language');
  });

  it('on the Welsh page the line is in Welsh, with chi to a parent', () => {
    const last = play(machine, offShift, [msg('my son'), msg('facet z internetu mowi ze przyjedzie do mnie dzisiaj w nocy')]).at(-1);
    const words = wordsOf(content, last?.emitted ?? [], 'cy-GB', last?.snapshot.context).join(' ');
    expect(words).toMatch(/dim ond Cymraeg a Saesneg/);
    expect(words).toMatch(/ffoniwch 999/);
  });
});

describe('content/other-languages.yaml', () => {
  it('refuses a marker that is English, Welsh or an answer word, at its line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harbour-content-'));
    scratch.push(dir);
    await cp('content', dir, { recursive: true });
    const file = join(dir, 'other-languages.yaml');
    const text = (await readFile(file, 'utf8')).replace('markers: [nie, jestem,', 'markers: [nie, house, dwi, jestem,');
    await writeFile(file, text);
    const { problems } = await readContent(dir);
    const mine = problems.filter((p) => p.file.endsWith('other-languages.yaml'));
    const line = text.slice(0, text.indexOf('markers: [nie, house')).split('\n').length;
    expect(mine.find((p) => p.message.includes('"house"'))).toMatchObject({ line, message: expect.stringMatching(/an English word/) });
    expect(mine.find((p) => p.message.includes('"dwi"'))).toMatchObject({ line, message: expect.stringMatching(/Welsh/) });
  });
});

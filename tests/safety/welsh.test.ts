import { describe, expect, it } from 'vitest';
import {
  buildSafetyModel,
  detect,
  EMPTY_DETECTOR_STATE,
  mutationsOf,
  sourceFingerprint,
  tokenise,
  validateWelshSource,
  type ModelFileSource,
  type SafetyModel,
} from '../../dialogs/safety/index.js';
import { loadSafetyModel, readSafetySource } from '../fixtures/flags/source.js';

/**
 * Session 23: Welsh read as English (content/cy-GB/welsh-words.yaml, dialogs/safety/welsh.ts).
 * Written by a non-native speaker: the Welsh here wants a native speaker's review too.
 */
const model: SafetyModel = loadSafetyModel();
const source = readSafetySource();
/** The same content without the Welsh words: how every message read before session 23. */
const withoutWelsh: SafetyModel = buildSafetyModel({
  ...source,
  welsh: undefined,
  model: { ...(source.model as ModelFileSource), sourceHash: sourceFingerprint(source.redFlags, source.textSpeak) },
});
const words = (text: string, m: SafetyModel = model): string[] => tokenise(text, m).map((t) => t.word);
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();
const evidence = (text: string): string[] => detect(text, EMPTY_DETECTOR_STATE, model).findings.flatMap((f) => f.evidence.map((e) => e.text));

describe('Welsh', () => {
  describe('each category fires in Welsh, north and south, mutated and not', () => {
    it.each([
      // [north, south]
      ['immediate_danger', "mae o'n gwybod lle dwi'n byw ac mae o tu allan rwan", "mae e'n gwbod ble fi'n byw a mae e tu fas nawr"],
      ['self_harm', 'dwi isio lladd fy hun', 'fi moyn lladd fy hunan'],
      ['threat_blackmail', "mae o'n deud bydd o'n rhannu fy lluniau os dwi ddim yn talu", "ma fe'n gweud bydd e'n rhannu fy llunie os fi ddim yn talu"],
      ['sexual', 'mae dyn ar snap isio i mi anfon lluniau noeth', 'ma fe moyn i fi hala llunie noeth'],
      ['meet_or_secrecy', 'mae o isio cwrdd heno a deud dim wrth mam', "ma fe moyn cwrdd â fi heno"],
      ['personal_info', "mae o'n gwybod lle dwi'n byw", "mae e'n gwbod ble fi'n byw"],
    ])('%s', (category, north, south) => {
      expect(categories(north)).toContain(category);
      expect(categories(south)).toContain(category);
    });

    it('financial', () => {
      expect(categories("mae o'n gofyn am fy manylion banc")).toContain('financial');
    });

    it('mutated forms read as their radical: ladd, frifo, lunie, nghyfeiriad, wybod', () => {
      expect(categories("dwi'n mynd i ladd fy hun heno")).toContain('self_harm');
      expect(categories("mae o'n deud bydd o'n dy frifo di")).toContain('threat_blackmail');
      expect(categories("mae o'n gwybod fy nghyfeiriad i")).toContain('personal_info');
      expect(words("mae o'n gwybod fy nghyfeiriad i")).toEqual(['he', 'is', 'know', 'my', 'address']);
      expect(words('dyw e ddim yn wybod')).toEqual(['he', 'doesnt', 'know']);
    });

    it('phone spelling: no apostrophes, no circumflexes, an apostrophe typed as a space', () => {
      expect(categories('dwin isio marw')).toContain('self_harm');
      expect(categories('mae on gwybod lle dwin byw')).toContain('personal_info');
      expect(words('mae o n gwybod lle dwi n byw')).toEqual(words("mae o'n gwybod lle dwi'n byw"));
      expect(words('mae o tu allan rŵan')).toEqual(words('mae o tu allan rwan'));
    });
  });

  describe('benign Welsh twins raise nothing', () => {
    it.each([
      "dydy o ddim yn gwybod lle dwi'n byw",
      'dw i ddim isio marw',
      'wnes i ddim anfon dim byd',
      "dwi'n marw isio bwyd",
      "mae'r gwaith cartref ma'n fy lladd i",
      "lluniau o'r ci",
      'cwrdd yn yr ysgol',
      'nain yn rhoi pres pen-blwydd',
    ])('%s', (text) => {
      expect(categories(text)).toEqual([]);
    });
  });

  it('reads Welsh negation as the English: "ddim" after the one doing it', () => {
    expect(words("dydy o ddim yn gwybod lle dwi'n byw")).toEqual(['he', 'doesnt', 'know', 'where', 'i', 'live']);
    expect(words('dw i ddim isio marw')).toEqual(['i', 'dont', 'want', 'to', 'die']);
    expect(words('wnes i ddim anfon dim byd')).toEqual(['i', 'didnt', 'send', 'nothing']);
  });

  it('reads word order: the adjective after the noun, the verb first, a possessive around its word', () => {
    expect(words('lluniau noeth')).toEqual(['nude', 'pictures']);
    expect(words("mae o'n gofyn")).toEqual(['he', 'is', 'ask']);
    expect(words('dwi yn ei gar o')).toEqual(['i', 'in', 'his', 'car']);
    expect(words("mae'n fy mrifo i")).toEqual(['is', 'hurt', 'me']);
  });

  it("quotes the child's own Welsh words as evidence", () => {
    const text = 'mae dyn ar snap isio i mi anfon lluniau noeth';
    expect(evidence(text).some((e) => e.includes('lluniau noeth'))).toBe(true);
    for (const t of tokenise(text, model)) expect(text.slice(t.start, t.end)).toMatch(/^[a-z ]+$/);
  });

  it('leaves English messages with Welsh-looking words exactly as they read before', () => {
    for (const text of [
      'hi can u help',
      'i planted a tree',
      'a man on snap said hi to me',
      'mãe said i can have a sleepover',
      'dw about me',
      'i fel over in the playground',
      'the plant is dim in here',
      'my dad is on his way, dont tell mum',
      'he asked for my age and where i go to school',
      'nain is coming to stay',
    ])
      expect(words(text), text).toEqual(words(text, withoutWelsh));
  });

  it('reads a word that is also English as Welsh only in a clearly Welsh message (a marker: dwi, ddim, efo…)', () => {
    expect(words('hi can u help')).toContain('hi');
    expect(words("mae hi'n crio, dwi ofn")).toEqual(['she', 'is', 'crio', 'i', 'scared']);
    expect(words('plant')).toEqual(['plant']);
    expect(words('mae plant yn yr ysgol, dwi yna')).toContain('children');
  });

  describe('mutations are made from the radical form', () => {
    it('soft, nasal, aspirate and h- before a vowel', () => {
      expect(mutationsOf('tad').sort()).toEqual(['dad', 'nhad', 'thad']);
      expect(mutationsOf('cariad').sort()).toEqual(['chariad', 'gariad', 'nghariad']);
      expect(mutationsOf('pen').sort()).toEqual(['ben', 'mhen', 'phen']);
      expect(mutationsOf('gwybod').sort()).toEqual(['ngwybod', 'wybod']);
      expect(mutationsOf('lladd')).toEqual(['ladd']);
      expect(mutationsOf('rhannu')).toEqual(['rannu']);
      expect(mutationsOf('enw')).toEqual(['henw']);
      expect(mutationsOf('chwaer')).toEqual([]);
    });

    it('a radical form wins over another word\'s mutated form ("dy" is your, not a soft "tŷ")', () => {
      expect(words("dwi'n gwybod dy enw di")).toEqual(['i', 'am', 'know', 'your', 'name']);
    });

    it('no two mutated forms of words that mean different things are read', () => {
      expect(model.words.welsh?.collisions).toEqual([]);
    });
  });

  it('checks the Welsh file: a marker that is English, a word of two, English that is not plain words', () => {
    const problems = validateWelshSource({ version: 1, markers: ['dwi', 'the'], english: [], fixed: {}, words: { 'anfon lluniau': 'send', noeth: 'Naked!' }, phrases: { tu: 'you' } });
    expect(problems).toEqual([
      { path: ['markers', 1], message: expect.stringMatching(/"the" is also an English word/) },
      { path: ['words', 'anfon lluniau'], message: expect.stringMatching(/one Welsh word/) },
      { path: ['words', 'noeth'], message: expect.stringMatching(/plain lower-case words/) },
      { path: ['phrases', 'tu'], message: expect.stringMatching(/two or more Welsh words/) },
    ]);
  });
});

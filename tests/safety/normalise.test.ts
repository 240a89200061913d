import { describe, expect, it } from 'vitest';
import { tokenise, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

const model: SafetyModel = loadSafetyModel();
const words = (text: string): string[] => tokenise(text, model).map((t) => t.word);
/** Each word with the exact original characters it came from. */
const spans = (text: string): string[] => tokenise(text, model).map((t) => text.slice(t.start, t.end));

describe('normalisation', () => {
  it('lower-cases and folds compatibility forms (full-width letters, ligatures, accents)', () => {
    expect(words('SEND ＮＵＤＥＳ')).toEqual(['send', 'nudes']);
    expect(words('ﬁne café')).toEqual(['fine', 'cafe']);
  });

  it('drops zero-width characters and soft hyphens inside words', () => {
    expect(words('nu\u200Bd\u200Des pl\u00ADease')).toEqual(['nudes', 'please']);
  });

  it('maps look-alike Cyrillic and Greek letters to Latin ones', () => {
    // "sеnd nudеs" with Cyrillic е, "ρics" with Greek rho
    expect(words('s\u0435nd nud\u0435s')).toEqual(['send', 'nudes']);
    expect(words('\u03C1ics')).toEqual(['pictures']);
  });

  it('shortens stretched letters to a known word', () => {
    expect(words('pleeeease helllp')).toEqual(['please', 'help']);
    expect(words('nooooo')).toEqual(['no']);
  });

  it('reads leetspeak inside words but leaves times and ages alone', () => {
    expect(words('s3nd n00dz')).toEqual(['send', 'nudes']);
    expect(words('at 9pm im 12yo')).toEqual(['at', '9pm', 'i', 'am', '12yo']);
  });

  it('joins spaced-out letters back into words, using the wider gap as a word break', () => {
    expect(words('s e n d  p i c s')).toEqual(['send', 'pictures']);
    expect(words('n.u.d.e.s')).toEqual(['nudes']);
    expect(words('u r a good friend')).toEqual(['you', 'are', 'a', 'good', 'friend']);
  });

  it('expands text-speak from content and splits contractions', () => {
    expect(words('sum1 wants ur addy 2nite')).toEqual(['someone', 'wants', 'your', 'address', 'tonight']);
    expect(words("we're sure he'll")).toEqual(['we', 'are', 'sure', 'he', 'will']);
    expect(words('kms')).toEqual(['kill', 'myself']);
  });

  it('keeps offsets into the exact original text for every word', () => {
    const text = 'He said “s e n d  p i c s” 😭 2nite';
    expect(spans(text)).toEqual(['He', 'said', 's e n d', 'p i c s', '2nite']);
    const emoji = '😭😭 sum1 knows';
    expect(spans(emoji)).toEqual(['sum1', 'knows']);
  });
});

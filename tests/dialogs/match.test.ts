import { describe, expect, it } from 'vitest';
import { compile, containsAny, isWhole, isWholeMessage, normalise, sameWord, tokens, Vocabulary, type PhraseList } from '../../dialogs/match.js';

const reading = (text: string, ...lists: PhraseList[]) => new Vocabulary(lists).read(tokens(text));

describe('tolerant answer matching', () => {
  it('normalises case, Unicode forms, zero-width characters and apostrophes', () => {
    expect(normalise('I’M  ＯＫ\u200B!!')).toBe('im ok');
    expect(tokens("I'd rather not say.")).toEqual(['id', 'rather', 'not', 'say']);
    expect(tokens('🙂🙂')).toEqual([]);
  });

  it('reads plain ASCII messages the same as messages with other characters', () => {
    expect(tokens("  Don't KNOW... it's `fine`!! ")).toEqual(['dont', 'know', 'its', 'fine']);
    expect(tokens("' a ' b'c''d ")).toEqual(['a', 'bcd']);
    expect(tokens('07700-900123')).toEqual(['07700', '900123']);
    expect(tokens('')).toEqual([]);
    expect(tokens("'`'")).toEqual([]);
    expect(normalise('  Hi\tTHERE\n')).toBe('hi there');
    // The same words whether or not a character outside ASCII comes later in the message.
    expect(tokens("Don't KNOW, it's fine ’")).toEqual(tokens("Don't KNOW, it's fine"));
    expect(tokens("I'm OK \u212A")).toEqual(['im', 'ok', 'k']); // the Kelvin sign reads as a k
    expect(tokens('Café')).toEqual(['café']);
  });

  it('forgives stretched letters only when a word was stretched', () => {
    expect(sameWord('byeeee', 'bye')).toBe(true);
    expect(sameWord('nooooo', 'no')).toBe(true);
    expect(sameWord('god', 'good')).toBe(false);
  });

  it('forgives one typo in longer words only', () => {
    expect(sameWord('worreid', 'worried')).toBe(false); // a swap is two edits
    expect(sameWord('worid', 'worried')).toBe(false);
    expect(sameWord('scaredd', 'scared')).toBe(true);
    expect(sameWord('teacer', 'teacher')).toBe(true);
    expect(sameWord('mad', 'sad')).toBe(false);
  });

  it('finds a phrase word for word anywhere in a message', () => {
    const person = compile(['real person', 'talk to someone']);
    expect(containsAny(reading('can i talk to a REAL PERSON pls', person), person)).toBe(true);
    expect(containsAny(reading('a person who is real', person), person)).toBe(false);
    // Typos and stretched letters are found through the vocabulary's index, not a scan.
    const adults = compile(['my teacher', 'school nurse']);
    expect(containsAny(reading('prob my teacer', adults), adults)).toBe(true);
    expect(containsAny(reading('the schoool nurse', adults), adults)).toBe(true);
    expect(containsAny(reading('my preacher', adults), adults)).toBe(false);
  });

  it('takes a word of the language as typed, never as a typo of another phrase word', () => {
    const english = new Set(['cares', 'stalking', 'curious', 'trying', 'lovely']);
    const lists = { parent: compile(['carer']), bot: compile(['am i talking to a bot']), angry: compile(['furious']), sad: compile(['crying']), alone: compile(['lonely']) };
    const vocabulary = new Vocabulary(Object.values(lists), (w) => english.has(w));
    const found = (text: string) => Object.entries(lists).filter(([, list]) => vocabulary.found(vocabulary.read(tokens(text))).has(list)).map(([name]) => name);
    expect(found('its 3am and nobody cares')).toEqual([]);
    expect(found('am i stalking to a bot')).toEqual([]);
    expect(found('im curious')).toEqual([]);
    expect(found('im trying')).toEqual([]);
    expect(found('its lovely')).toEqual([]);
    // Real slips, which are not words, are still forgiven; and so is every phrase word itself.
    expect(found('my carrer')).toEqual(['parent']);
    expect(found('im furiuos')).toEqual([]); // a swap is two edits
    expect(found('im furous and cryingg')).toEqual(['angry', 'sad']);
    expect(found('so lonley')).toEqual([]);
    expect(found('so lonly')).toEqual(['alone']);
  });

  it('reads a word the same the first time, when remembered, and after forgetting', () => {
    const adults = compile(['my teacher', 'school nurse']);
    const vocabulary = new Vocabulary([adults]);
    const first = vocabulary.read(tokens('my teacer'));
    expect(vocabulary.found(first).has(adults)).toBe(true);
    expect(vocabulary.read(tokens('my teacer'))).toEqual(first);
    // Far more different typos of its words than it remembers: it forgets and still reads them right.
    for (let i = 0; i < 10_000; i++) vocabulary.read([`teacher${'r'.repeat(i % 50)}`, `nurse${i}`, 'teacer']);
    expect(vocabulary.rememberedWords).toBeLessThanOrEqual(4096);
    expect(vocabulary.found(vocabulary.read(tokens('schoool nursee'))).has(adults)).toBe(true);
    expect(vocabulary.found(vocabulary.read(tokens('my preacher'))).has(adults)).toBe(false);
    expect([...(vocabulary.read(['teacer'])[0] ?? [])]).toEqual(['teacer', 'teacher']);
  });

  it('remembers only its own words and their typos, never other words a child types', () => {
    const adults = compile(['my teacher', 'school nurse']);
    const vocabulary = new Vocabulary([adults]);
    vocabulary.read(tokens('my teacer lives at 12 rosebank road'));
    // "my" and "teacer" (a typo of "teacher"); not the address.
    expect(vocabulary.rememberedWords).toBe(2);
    vocabulary.read(tokens('jayden from 7b said hi'));
    expect(vocabulary.rememberedWords).toBe(2);
  });

  it('treats goodbye words as a goodbye only when they are the whole message, fillers allowed', () => {
    const bye = compile(['bye', 'stop']);
    const fillers = compile(['ok', 'thanks', 'thank you']);
    const read = (t: string) => reading(t, bye, fillers);
    expect(isWholeMessage(read('ok bye thank you'), bye, fillers)).toBe(true);
    expect(isWholeMessage(read('STOP'), bye, fillers)).toBe(true);
    expect(isWholeMessage(read('byeeee'), bye, fillers)).toBe(true);
    expect(isWholeMessage(read('how do i make him stop'), bye, fillers)).toBe(false);
    expect(isWholeMessage(read('thanks'), bye, fillers)).toBe(false);
  });

  it('takes a message as a whole phrase when its first word is misspelt or stretched, and only the whole of one', () => {
    // Several phrases share a first word, and one phrase's first word is another's second.
    const greeting = compile(['hi', 'hi there', 'hello', 'hello there you', 'good morning', 'morning', 'hiya hello']);
    const whole = (text: string) => isWhole(reading(text, greeting), greeting);
    expect(whole('hi there')).toBe(true);
    expect(whole('hellooo there you')).toBe(true);
    expect(whole('helo there you')).toBe(false); // "helo" is short: no typo forgiven
    expect(whole('goood morning')).toBe(true);
    expect(whole('mornin')).toBe(true);
    expect(whole('hello there')).toBe(false);
    expect(whole('there')).toBe(false);
    expect(whole('hi there you')).toBe(false);
    expect(whole('')).toBe(false);
    // The same answer as reading the message against every phrase of the list, on many made-up messages.
    const everyPhrase = (rest: ReturnType<typeof reading>) =>
      rest.length > 0 && greeting.phrases.some((p) => p.length === rest.length && p.every((w, k) => rest[k]?.has(w) === true));
    const words = ['hi', 'hiii', 'there', 'hello', 'helloo', 'you', 'good', 'goood', 'morning', 'mornin', 'hiya', 'bye'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % words.length;
    let wholes = 0;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + (i % 4) }, () => words[next()]).join(' ');
      const rest = reading(text, greeting);
      expect(isWhole(rest, greeting), text).toBe(everyPhrase(rest));
      if (everyPhrase(rest)) wholes++;
    }
    expect(wholes).toBeGreaterThan(100);
  });
});

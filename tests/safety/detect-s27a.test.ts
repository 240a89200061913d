import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 27, first detector owner (lexicon v71, no lexicon change): the detector's speed work must not change a
// reading (a parent's question read once per message, combos and several-word sets looked up by index), and two
// benign families of the tuning half: a death wish laughed off beside an embarrassing moment, and the one at the
// door revealed as a delivery. Messages are written afresh, not copied from the tuning files.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

describe('session 27: the faster detector reads each message on its own', () => {
  it('a parent\'s general question is stood down, and the next message (someone else asking) is not', () => {
    expect(categories('How do I set up parental controls on an iPad? My son is 8')).toEqual([]);
    expect(rules('a man keeps asking my son for his address, what do i do?')).toContain('lex:personal_info.asks-details');
    // The same question again after the other message: still read as the parent's own.
    expect(categories('How do I set up parental controls on an iPad? My son is 8')).toEqual([]);
  });

  it('a meeting across turns still joins into danger now', () => {
    let state = EMPTY_DETECTOR_STATE;
    const turns = ['this guy from roblox wants to meet me', 'he said tonight at the park and not to tell my mum'];
    let last: Finding[] = [];
    for (const t of turns) {
      const r = detect(t, state, model);
      state = r.state;
      last = [...r.findings];
    }
    expect(last.map((f) => f.category)).toContain('immediate_danger');
    expect(last.map((f) => f.category)).toContain('meet_or_secrecy');
  });
});

describe('session 27: a death wish laughed off beside an embarrassing moment', () => {
  it('is no self-harm when someone saw, heard or caught the child, or it was an accident', () => {
    for (const text of [
      'i literally want to disappear lol the whole bus saw me fall off my seat',
      'i want to die lol i sent the meme to the class gc by accident',
      'i wanna die lmaooo my teacher caught me doing a tiktok dance in the corridor',
    ])
      expect(categories(text), text).toEqual([]);
  });

  it('keeps self-harm with no laugh, with no moment told, or with distress; keeps what else the moment shows', () => {
    for (const text of ['i want to die, he saw me', 'i want to die lol', 'i want to die lol everyone saw me crying again'])
      expect(categories(text), text).toContain('self_harm');
    expect(categories('i want to die lol he saw me in my underwear')).toContain('sexual');
  });
});

describe('session 27: the one at the door revealed as a delivery', () => {
  it('stands danger now down when the knock turns out to be the amazon man, the postie, a rider', () => {
    for (const text of [
      'someone knocked on our door earlier and it was the amazon man with my parcel',
      'somebody was knocking on the door for ages, it was only the postie',
    ])
      expect(categories(text), text).toEqual([]);
  });

  it('keeps danger now for a man not known, or when the one delivering does something after', () => {
    for (const text of [
      'someone knocked on the door and it was a man i didnt know',
      'someone knocked on the door, it was the amazon man but he keeps looking through the window',
      'someone is outside my house',
    ])
      expect(categories(text), text).toContain('immediate_danger');
  });
});

describe('session 27: a hurt told with the accident that made it', () => {
  it('is no self-harm when something snagged, a fall or an animal made it', () => {
    for (const text of [
      'got a big cut on my knee from coming off my bike',
      'big cut on my arm from when i tripped on the stairs',
      'my hamster bit me and now theres a cut on my finger',
    ])
      expect(categories(text), text).toEqual([]);
  });

  it('keeps self-harm with a feeling, on purpose, myself, a wall banged, or no accident told', () => {
    for (const text of [
      'i scratched my arm on the fence when i was upset',
      'i scratched my arms till they bled after i fell out with her',
      'i cut my arm on purpose',
      'i cut myself when i fell off my bike',
      'i keep banging my head on the wall',
      'i cut my wrist on the bathroom floor',
      'i cut my arm when i came home',
    ])
      expect(categories(text), text).toContain('self_harm');
  });
});

import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 41, false-alarm helper faQ (lexicon v140-): ordinary messages that the danger, self-harm, threat, sexual and
// financial rules read as red flags, in constructions that recur across s41train's blind writers (time and tense,
// worries with no stranger, lessons and news retold, AI and tech, scams), each beside twins that must keep what a
// counsellor needs to see. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 41faQ: a lesson, talk, article or leaflet as the one speaking', () => {
  it('reads what the lesson, the talk or the article said as general', () => {
    expect(categories('the assembly said sextortion can happen to boys too')).toEqual([]);
    expect(categories('the article says blackmail online is more common than people think')).toEqual([]);
    expect(categories('in the lesson we had to decide which messages were not safe')).toEqual([]);
    expect(categories('the sextortion talk today was really awkward for everyone')).toEqual([]);
    expect(categories('in the police talk they said you should always report threats')).toEqual([]);
    expect(categories('my dad read a news article about sextortion out loud at dinner')).toEqual([]);
    expect(categories('the leaflet said call 999 if you are in danger')).toEqual([]);
  });

  it('keeps the child telling of someone acting on them after the lesson, and the police who "talked" of it', () => {
    expect(categories('the assembly was about sextortion and now a man online says he will post my pics unless i pay')).toContain('threat_blackmail');
    expect(categories('the police talked about this and now he says he will send my video to everyone unless i pay')).toContain('threat_blackmail');
    expect(categories('the police talked about this and im doing what they said not to, im on the bus to meet him rn')).toContain('immediate_danger');
  });
});

describe('session 41faQ: a threat told as over, with a season named and a caution or silence since', () => {
  it('reads a threat dealt with last winter or last christmas as settled', () => {
    expect(categories('the threats from that account last winter are over, he got a caution')).toEqual([]);
    expect(categories('he threatened me last christmas but the police gave him a caution and i havent heard from him since')).toEqual([]);
  });

  it('keeps one that is back or still going on', () => {
    expect(categories('he threatened me last winter and now hes back saying he will post the pics')).toContain('threat_blackmail');
    expect(categories('since last christmas he keeps threatening to send my pics to my school')).toContain('threat_blackmail');
  });
});

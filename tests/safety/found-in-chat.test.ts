import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type DetectorState } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

/**
 * Messages found by talking to the bot (`npm run chat`) in session 11 that the detector missed or
 * flagged for nothing, each beside the harmless sentences the fix could wrongly catch.
 */
const model = loadSafetyModel();
const categories = (text: string, state: DetectorState = EMPTY_DETECTOR_STATE): string[] =>
  [...new Set(detect(text, state, model).findings.map((f) => f.category))].sort();
function conversation(turns: string[]): string[][] {
  let state = EMPTY_DETECTOR_STATE;
  return turns.map((t) => {
    const r = detect(t, state, model);
    state = r.state;
    return [...new Set(r.findings.map((f) => f.category))].sort();
  });
}

describe('found in chat', () => {
  it("reads a young child's sound-it-out spellings as the words they stand for", () => {
    expect(categories('he nos were i live')).toEqual(['personal_info']);
    expect(categories('a man in roblox sed he wil come to my howse')).toEqual(expect.arrayContaining(['meet_or_secrecy', 'personal_info']));
    // "were" is a word of its own: only after someone knowing is it "where".
    expect(categories('we were at my nans house all day')).toEqual([]);
    expect(categories('nos da, i have to go to bed')).toEqual([]);
  });

  it("catches presents sent to a parent's child, but not a relative's", () => {
    expect(categories('shes 13 and someone on instagram has been sending her gifts')).toEqual(['meet_or_secrecy']);
    expect(categories('a man online keeps sending my son presents')).toEqual(['meet_or_secrecy']);
    expect(categories('my aunt keeps sending her gifts from pakistan')).toEqual([]);
  });

  it('joins a detail the child is pressed for to the pressure in the message before', () => {
    expect(conversation(['theres this boy on roblox he keeps asking me stuff', 'like what school i go to'])).toEqual([[], ['personal_info']]);
    // The same detail with nobody pressing, or a parent asking, is nothing.
    expect(conversation(['we did a project in class', 'about where i live'])).toEqual([[], []]);
    expect(conversation(['my mum keeps asking', 'what school i go to next year lol'])).toEqual([[], []]);
  });

  it('does not take a question about this chat being private as a secret kept with a stranger', () => {
    expect(categories('is this chat private')).toEqual([]);
    expect(categories('is this chat private?? i dont want my mum to see')).toEqual([]);
    expect(categories('he said keep this chat private')).toEqual(['meet_or_secrecy']);
  });
});

import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

const model: SafetyModel = loadSafetyModel();

/** What a counsellor would see of one message read on its own: each finding's category and rule, in order. */
const seen = (text: string): string[] => detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => `${f.category} ${f.rule} ${f.confidence}`);

/**
 * Session 32 (speed): a message's classifier scores are written into one array kept between messages, a message
 * without a scope phrase shares one empty scope, and the splitter skips work for messages without spaced-out
 * letters. None of it may carry anything from one message into the next or change what a message raises.
 */
describe('the detector engine, session 32', () => {
  const threat = "he said he'll share my pics unless i pay him";
  const asked = 'a man on roblox asked for my address';
  const hypothetical = 'what would you do if someone asked for your address';
  const benign = 'i love my dog';

  it('reads each message the same whatever was read just before it', () => {
    const alone = [threat, asked, hypothetical, benign].map(seen);
    expect(alone[0]?.some((f) => f.startsWith('threat_blackmail '))).toBe(true);
    expect(alone[1]?.some((f) => f.startsWith('personal_info '))).toBe(true);
    expect(alone[2]).toEqual([]);
    expect(alone[3]).toEqual([]);
    // Every order of the four: a threat's scores, a question's scope never leak into the next message.
    for (const order of [[threat, benign, asked, hypothetical], [hypothetical, asked, benign, threat], [asked, threat, hypothetical, benign]]) {
      for (const text of order) expect(seen(text)).toEqual(alone[[threat, asked, hypothetical, benign].indexOf(text)]);
    }
  });

  it('still joins letters spaced out to hide a word, and leaves single letters that are words alone', () => {
    expect(seen('he wants me to s e n d  p i c s').some((f) => f.startsWith('sexual '))).toBe(true);
    expect(seen('u r a good friend')).toEqual([]);
  });

  it("still reads contractions and a hypothetical question's scope", () => {
    const found = seen("he keeps asking where i live, we're meeting tmrw dont tell ur mum");
    expect(found.some((f) => f.startsWith('meet_or_secrecy '))).toBe(true);
    expect(found.some((f) => f.startsWith('personal_info '))).toBe(true);
  });
});

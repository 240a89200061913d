import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type DetectorState } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

/**
 * Session 37 (spd): a message with nothing found returns early. Its state keeps the older signals that are still young
 * enough, exactly as a message with findings does, and drops each one once it is 12 turns old; a combo needing one of
 * them still fires while it is kept.
 */
const model = loadSafetyModel();

function after(messages: readonly string[], state: DetectorState = EMPTY_DETECTOR_STATE): DetectorState {
  let s = state;
  for (const m of messages) s = detect(m, s, model).state;
  return s;
}

const features = (s: DetectorState): string[] => s.signals.map((x) => `${x.feature}@${x.turn}`);

describe('quiet messages and the signals of earlier ones (session 37)', () => {
  it('keeps an earlier signal through quiet messages until it is 12 turns old', () => {
    const first = after(['someone I met in a game keeps messaging me']);
    expect(features(first)).toEqual(['signal.giver-named@1', 'signal.online-origin@1', 'signal.pressure@1']);
    const eleven = after(Array.from({ length: 11 }, () => 'ok'), first);
    expect(eleven.turn).toBe(12);
    expect(features(eleven)).toEqual(['signal.giver-named@1', 'signal.online-origin@1', 'signal.pressure@1']);
    const twelve = after(['ok'], eleven);
    expect(twelve.turn).toBe(13);
    expect(twelve.signals).toEqual([]);
  });

  it('a quiet message finds nothing and leaves the signals as they were', () => {
    const first = after(['someone I met in a game keeps messaging me']);
    const out = detect('a bit worried and confused', first, model);
    expect(out.findings).toEqual([]);
    expect(out.state).toEqual({ version: 1, turn: 2, signals: first.signals });
  });

  it('drops only the signals that aged out, keeping the younger ones in order', () => {
    const s = after(['someone I met in a game keeps messaging me', ...Array.from({ length: 5 }, () => 'ok'), 'a few weeks now']);
    expect(features(s)).toEqual(['signal.time-soon@7', 'signal.giver-named@1', 'signal.online-origin@1', 'signal.pressure@1']);
    const later = after(Array.from({ length: 6 }, () => 'ok'), s);
    expect(features(later)).toEqual(['signal.time-soon@7']);
  });
});

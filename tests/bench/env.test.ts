import { describe, expect, it } from 'vitest';
import { MAX_COUNT, parseCounts, parseNames } from '../../bench/lib/env.js';

describe('the bench reads its narrowing variables with a clear error', () => {
  it('takes conversation counts as whole numbers, and the default when unset or blank', () => {
    expect(parseCounts('1000', [100])).toEqual([1000]);
    expect(parseCounts(' 100, 5000 ', [1])).toEqual([100, 5000]);
    expect(parseCounts(undefined, [100, 1000])).toEqual([100, 1000]);
    expect(parseCounts('  ', [7])).toEqual([7]);
  });

  it('refuses a count that is not a whole number in range, naming the variable and the value', () => {
    for (const bad of ['abc', '100,', '0', '-5', '1.5', '1e3', String(MAX_COUNT + 1)]) {
      expect(() => parseCounts(bad, [100])).toThrow(`BENCH_COUNTS must be whole numbers from 1 to ${MAX_COUNT} separated by commas, got "${bad}"`);
    }
  });

  it('takes known names, and undefined (all of them) when unset or blank', () => {
    expect(parseNames('BENCH_ONLY', 'echo, harbour', ['echo', 'harbour', 'botbuilder'])).toEqual(['echo', 'harbour']);
    expect(parseNames('BENCH_ONLY', undefined, ['echo'])).toBeUndefined();
    expect(parseNames('BENCH_PARTS', '', ['chat'])).toBeUndefined();
  });

  it('refuses an unknown name and says what is allowed', () => {
    expect(() => parseNames('BENCH_PARTS', 'chat,detecter', ['chat', 'detector'])).toThrow(
      'BENCH_PARTS: unknown name "detecter"; allowed: chat, detector',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createAnalyser } from '../../dialogs/analyse.js';
import { EMPTY_DETECTOR_STATE } from '../../dialogs/safety/types.js';
import { realContent } from './harness.js';

describe('reading an answer', () => {
  it('understands text-speak the same as the plain words, wherever it comes in the message', async () => {
    const { content } = await realContent();
    const analyse = createAnalyser(content.dialogDeps);
    const read = (text: string) => analyse(text, EMPTY_DETECTOR_STATE).turn;
    // "see you" closes the chat; "u" is text-speak for "you", first, last or in the middle.
    expect(read('see u').goodbye).toBe(true);
    expect(read('ok see u').goodbye).toBe(true);
    expect(read('ok see u thanks').goodbye).toBe(true);
    expect(read('see u he keeps messaging me').goodbye).toBeUndefined();
    expect(read('u see')).toEqual(read('you see'));
    // Read the same the second time (the vocabulary remembers words it has read).
    expect(read('ok see u')).toEqual(read('ok see u'));
    expect(read('').hasWords).toBeUndefined();
  });
});

describe("a message's language", () => {
  it('is English with three English words or more making up three in four of its words, wherever they come', async () => {
    const { content } = await realContent();
    const analyse = createAnalyser(content.dialogDeps);
    const language = (text: string) => analyse(text, EMPTY_DETECTOR_STATE).turn.language;
    expect(language('house')).toBeUndefined();
    expect(language('green house')).toBeUndefined();
    expect(language('the green house')).toBe('en');
    expect(language('the green house zzq')).toBe('en');
    expect(language('zzq the green house')).toBe('en');
    expect(language('the green house zzq qqj')).toBeUndefined();
    expect(language('the green house water table zzq qqj xvb')).toBeUndefined();
    expect(language('the green house water table blue zzq qqj')).toBe('en');
    expect(language('zzq qqj the green house water table blue')).toBe('en');
    expect(language('zzq the green house water table qqj blue')).toBe('en');
    expect(language('zzq qqj xvb the green house water table blue')).toBeUndefined();
  });
});

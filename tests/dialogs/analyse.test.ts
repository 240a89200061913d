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

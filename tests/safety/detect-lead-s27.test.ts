import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 27, the lead: the stranger's threat typed out in his own words, with no "he said" before it.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('a threat pasted or retyped as the stranger wrote it ("if you tell anyone ill post your pics")', () => {
  it('is a threat, in text-speak and with the apostrophe too', () => {
    for (const text of [
      'if you tell anyone ill post your pics',
      'if u tell any1 ill post ur pics',
      "if you tell anyone i'll post your pics",
      'if you block me ill share your pics',
      'if you dont send more ill leak ur nudes',
      'unless u pay ill post ur pics',
      'ill post your pics if you dont answer',
      'my mum found the chat, he wrote if you tell anyone ill post your pics',
    ]) expect(categories(text), text).toContain('threat_blackmail');
  });

  it('twins: the child offering their own pictures, or a teacher giving an example, raise no threat', () => {
    for (const text of ['if you want ill send you my pics of the dog', "the teacher said some people say 'if u tell ill share ur pics'", 'if you tell me the answer ill tell you mine'])
      expect(categories(text), text).not.toContain('threat_blackmail');
  });
});

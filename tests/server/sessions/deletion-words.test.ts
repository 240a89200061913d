import { describe, expect, it } from 'vitest';
import { isDeleteRequest } from '../../../server/sessions/deletion.js';

/** The quick ASCII pre-check must never change an answer: text that only normalises into a request still counts. */
describe('isDeleteRequest beyond plain ASCII', () => {
  it('recognises requests typed with full-width letters, curly punctuation or odd spaces', () => {
    for (const yes of ['ｄｅｌｅｔｅ my chat', 'please ＤＥＬＥＴＥ this chat', 'delete\u00a0my\u2003chat', 'delete my chat … please', 'wipe our convo 🙏']) {
      expect(isDeleteRequest(yes), yes).toBe(true);
    }
  });

  it('answers no quickly for ordinary messages, and still no for look-alikes', () => {
    for (const no of ['someone I met in a game keeps messaging me', 'I feel scared 😢', 'delete my chat on snap ｎｏｗ please', 'ｄｅｌｅｔｅ']) {
      expect(isDeleteRequest(no), no).toBe(false);
    }
  });
});

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../server/content/load.js';
import type { Content } from '../../server/content/types.js';
import { FALLBACK_WORDS, handoffWords } from '../../server/handoff/words.js';
import { scriptedContent } from '../server/fixtures/scripted-dialog.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Content with just the keys given (a fixture in the shape of the real Content). */
function contentWith(words: Record<string, string>): Content {
  const base = scriptedContent();
  return {
    ...base,
    render: (key, facts) => {
      const t = words[key];
      if (t === undefined) throw new RangeError(`unknown message key "${key}"`);
      return { text: t.replace(/\{(\w+)\}/g, (_m, n: string) => String(facts?.[n] ?? '')), suggestedActions: [] };
    },
  };
}

describe('what the child is told about the queue', () => {
  it('uses the real content: the place in the queue, and the confidentiality statement when someone joins', async () => {
    const content = await loadContent(join(root, 'content'));
    const words = handoffWords(content);
    expect(words).not.toBe(FALLBACK_WORDS);
    expect(words.queued(3, undefined)).toMatch(/number 3/);
    expect(words.accepted('Sam', 'counsellor')).toMatch(/private/);
    expect(words.accepted('Sam', 'counsellor')).toMatch(/danger/);
  });

  it('adds the honest "we don\'t know yet" or the minutes when content has those words', () => {
    const words = handoffWords(
      contentWith({
        'handoff.queued': 'You are number {position}.',
        'opening.privacy': 'Private unless someone is in danger.',
        'handoff.keep-talking': 'I am still here.',
        'handoff.wait-unknown': "We don't know yet how long.",
        'handoff.wait-minutes': 'About {minutes} minutes.',
      }),
    );
    expect(words.queued(2, undefined)).toBe("You are number 2. We don't know yet how long.");
    expect(words.queued(2, 241)).toBe('You are number 2. About 5 minutes.');
  });

  it('falls back to plain English when content lacks the keys, rather than saying nothing', () => {
    const words = handoffWords(scriptedContent());
    expect(words).toBe(FALLBACK_WORDS);
    expect(words.queued(1, undefined)).toMatch(/don't know yet/);
    expect(words.queued(1, 90)).toMatch(/about 2 minutes/);
    expect(words.accepted('Sam', 'counsellor')).toMatch(/Sam, a counsellor.*private/);
  });
});

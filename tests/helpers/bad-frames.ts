/**
 * Bad input, generated: frames that are wrong in every way a broken or hostile client could make
 * them (tests/server/routes/chat/limits.test.ts sends hundreds with good messages among them).
 * Seeded, so a failure can be replayed.
 */

/** mulberry32: small, seeded, good enough to pick shapes. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, below: number): number => Math.floor(rng() * below);

/** Characters a child might type, from plain letters to emoji, right-to-left text and combining marks. */
const ALPHABET = ['a', 'z', 'I', ' ', ' ', '.', '?', '!', 'é', 'ß', 'ł', 'ы', 'ع', 'א', '中', '😢', '👍🏽', '🇬🇧', 'e\u0301', '\u200d', '\\', '"', '\n', '\t', '{', '}', '<b>', '&amp;', '%s'];

export function words(rng: Rng, max: number): string {
  let text = '';
  const length = 1 + int(rng, max);
  for (let i = 0; i < length; i += 1) text += pick(rng, ALPHABET);
  return text.trim() === '' ? `ok${text}` : text;
}

/** A value of the wrong type for a string field. */
function notAString(rng: Rng): unknown {
  return pick(rng, [0, 42.5, -1, true, false, null, [], ['hi'], {}, { text: 'hi' }]);
}

/** One frame the server must refuse, as the text sent on the socket. */
export function badFrame(rng: Rng, index: number, maxTextChars: number): string {
  const id = `bad-${index}`;
  switch (int(rng, 9)) {
    case 0: {
      // Not JSON: valid JSON cut short, or noise.
      const whole = JSON.stringify({ type: 'message', id, text: words(rng, 20) });
      const cut = whole.slice(0, 1 + int(rng, whole.length - 1));
      return isJson(cut) ? `${cut}{` : cut;
    }
    case 1:
      // JSON, but not an object.
      return JSON.stringify(pick(rng, [0, 'message', null, true, [], [{ type: 'message', id, text: 'hi' }]]));
    case 2:
      // A message whose id is not a string.
      return JSON.stringify({ type: 'message', id: notAString(rng), text: words(rng, 20) });
    case 3:
      // A message whose text is not a string, with a key that would pollute Object.prototype.
      return `{"type":"message","id":"${id}","text":${JSON.stringify(notAString(rng))},"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`;
    case 4:
      // A type no client sends.
      return JSON.stringify({ type: pick(rng, ['conversationUpdate', 'invoke', 'MESSAGE', 'message ', '', 'typing2']), id, text: 'hi' });
    case 5: {
      // NUL or a lone surrogate somewhere in otherwise fine words.
      const text = words(rng, 30);
      const at = int(rng, text.length + 1);
      const bad = pick(rng, ['\u0000', '\ud800', '\udfff', '\ud83d']);
      // A lone surrogate next to its partner would pair up: put it between plain letters.
      return JSON.stringify({ type: 'message', id, text: `${text.slice(0, at)}x${bad}x${text.slice(at)}` });
    }
    case 6:
      // Over the text limit (in UTF-16 code units, as the limit counts).
      return JSON.stringify({ type: 'message', id, text: 'w'.repeat(maxTextChars + 1 + int(rng, 100)) });
    case 7:
      // Only spaces and line breaks.
      return JSON.stringify({ type: 'message', id, text: pick(rng, [' ', '\n\n', '\t \t', '\u00a0']) });
    default: {
      // Deeply nested arrays, within the payload limit.
      const depth = 100 + int(rng, 1500);
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

import type { FrameErrorName } from '../errors.js';

/**
 * What the door accepts as a child's message text. The child's exact words are stored, so text
 * the database cannot keep exactly (NUL; a lone UTF-16 surrogate, which would become U+FFFD) is
 * refused with an error rather than changed, identically on every backend.
 */

/** Why `text` is refused, or null when it is accepted. Length counts UTF-16 code units. */
export function checkChildText(text: string, maxChars: number): FrameErrorName | null {
  if (text.length > maxChars) return 'textTooLong';
  if (text.includes('\u0000') || !text.isWellFormed()) return 'textInvalid';
  if (text.trim() === '') return 'textEmpty';
  return null;
}

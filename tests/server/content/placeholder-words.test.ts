import { describe, expect, it } from 'vitest';
import { renderMessage, type LocaleTable } from '../../../server/content/render.js';
import type { MessageEntry } from '../../../server/content/schema.js';

/** A locale table with the friend path's words for `{friend}`. */
function table(): LocaleTable {
  const message = (text: string): MessageEntry => ({ text, note: '', reader: 'child', facts: ['friend'], line: 1 }) as unknown as MessageEntry;
  return {
    messages: new Map([
      ['placeholder.friend', message('your friend')],
      ['placeholder.friend.sister', message('your sister')],
      ['friend.thanks', message('Thank you for looking out for {friend}. {friend} is lucky. Is {friend} safe? "{friend}" is fine!')],
      ['plain', message('Hello {name}.')],
    ]),
    quickReplies: new Map(),
    services: [],
  };
}

describe('{placeholder} words from content', () => {
  it('fills {friend} with "your friend" when the dialog gives no words, capital at the start of a sentence', () => {
    expect(renderMessage(table(), 'friend.thanks').text).toBe('Thank you for looking out for your friend. Your friend is lucky. Is your friend safe? "your friend" is fine!');
  });

  it('fills {friend} with the message the dialog names, in the same places', () => {
    expect(renderMessage(table(), 'friend.thanks', { friend: { words: 'placeholder.friend.sister' } }).text).toBe(
      'Thank you for looking out for your sister. Your sister is lucky. Is your sister safe? "your sister" is fine!',
    );
  });

  it('shows nothing, not a raw {name}, for a fact with no words anywhere', () => {
    expect(renderMessage(table(), 'plain').text).toBe('Hello .');
    expect(renderMessage(table(), 'plain', { name: { words: 'no.such.key' } }).text).toBe('Hello .');
    expect(renderMessage(table(), 'plain', { name: 'Sam' }).text).toBe('Hello Sam.');
  });
});

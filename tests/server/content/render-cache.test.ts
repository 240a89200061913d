import { describe, expect, it } from 'vitest';
import { renderMessage, type LocaleTable } from '../../../server/content/render.js';
import type { MessageEntry, ServiceEntry } from '../../../server/content/schema.js';

/** A tiny locale table: two messages, a quick reply, one service with a number. */
function table(): LocaleTable {
  const message = (text: string): MessageEntry => ({ text, note: '', reader: 'child', facts: [], line: 1 }) as unknown as MessageEntry;
  return {
    messages: new Map([
      ['help', message('Call Childline on {childline.phone}.')],
      ['place', message('You are number {position} in the queue.')],
      ['action.call', message('Call {service}')],
    ]),
    quickReplies: new Map([
      ['qr.yes', { text: 'Yes' }],
      ['qr.no', { text: 'No' }],
    ]),
    services: [{ id: 'childline', name: 'Childline', phone: '0800 1111' } as unknown as ServiceEntry],
  };
}

describe('renderMessage reuses what cannot change', () => {
  it('renders a message without facts once and shares the frozen result', () => {
    const t = table();
    const first = renderMessage(t, 'help', undefined, ['qr.yes']);
    expect(first).toEqual({
      text: 'Call Childline on 0800 1111.',
      suggestedActions: [
        { type: 'imBack', title: 'Yes', value: 'Yes' },
        { type: 'call', title: 'Call Childline', value: 'tel:08001111' },
      ],
    });
    expect(renderMessage(t, 'help', {}, ['qr.yes'])).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.suggestedActions) && Object.isFrozen(first.suggestedActions[0])).toBe(true);
    // Other quick replies (or their order) are another message.
    expect(renderMessage(t, 'help', undefined, ['qr.no', 'qr.yes']).suggestedActions.map((a) => a.title)).toEqual(['No', 'Yes', 'Call Childline']);
    expect(renderMessage(t, 'help').suggestedActions.map((a) => a.title)).toEqual(['Call Childline']);
  });

  it('renders a message with facts afresh every time', () => {
    const t = table();
    expect(renderMessage(t, 'place', { position: 2 }).text).toBe('You are number 2 in the queue.');
    expect(renderMessage(t, 'place', { position: 3 }).text).toBe('You are number 3 in the queue.');
  });

  it('still refuses an unknown key or quick reply every time', () => {
    const t = table();
    expect(() => renderMessage(t, 'nope')).toThrow(RangeError);
    expect(() => renderMessage(t, 'nope')).toThrow(RangeError);
    expect(() => renderMessage(t, 'help', undefined, ['qr.missing'])).toThrow(RangeError);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { HbComposer } from '../../widget/components/hb-composer.js';
import { getByRole, loadWidget, settle } from './helpers.js';

beforeAll(async () => {
  await loadWidget();
});

async function mount(maxChars = 2_000): Promise<{ el: HbComposer; box: HTMLTextAreaElement; sent: string[] }> {
  const el = document.createElement('hb-composer');
  el.maxChars = maxChars;
  document.body.replaceChildren(el);
  await settle(el);
  const sent: string[] = [];
  el.addEventListener('hb-send', (e) => sent.push(e.detail.text));
  return { el, box: getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your message'), sent };
}

async function typeInto(el: HbComposer, box: HTMLTextAreaElement, text: string): Promise<void> {
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(el);
}

const text = (el: HbComposer, id: string) => el.shadowRoot!.getElementById(id)!.textContent.trim();

describe('hb-composer', () => {
  it('has a text box labelled "Your message" with autocomplete off', async () => {
    const { box } = await mount();
    expect(box.getAttribute('autocomplete')).toBe('off');
    expect(box.getAttribute('tabindex')).toBeNull();
  });

  it('sends exactly what was typed on Enter and clears the box; Shift+Enter does not send', async () => {
    const { el, box, sent } = await mount();
    await typeInto(el, box, '  he said not to tell  ');
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, composed: true, cancelable: true }));
    expect(sent).toEqual([]);
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    await settle(el);
    expect(sent).toEqual(['  he said not to tell  ']);
    expect(box.value).toBe('');
  });

  it('sends with the Send button too, and refuses an empty message with a reason', async () => {
    const { el, box, sent } = await mount();
    getByRole(el, 'button', 'Send').click();
    await settle(el);
    expect(sent).toEqual([]);
    expect(getByRole(el, 'alert').textContent?.trim()).toBe('Type a message first.');
    await typeInto(el, box, 'hello');
    getByRole(el, 'button', 'Send').click();
    await settle(el);
    expect(sent).toEqual(['hello']);
  });

  it('shows a counter near the limit and keeps a too-long draft with the reason', async () => {
    const { el, box, sent } = await mount(10);
    await typeInto(el, box, 'abcdefg');
    expect(text(el, 'counter')).toBe('');
    await typeInto(el, box, 'abcdefgh');
    expect(text(el, 'counter')).toBe('2 letters left');
    await typeInto(el, box, 'abcdefghijkl');
    expect(text(el, 'counter')).toBe('2 letters too many');
    getByRole(el, 'button', 'Send').click();
    await settle(el);
    expect(sent).toEqual([]);
    expect(box.value).toBe('abcdefghijkl');
    expect(getByRole(el, 'alert').textContent).toMatch(/too long to send in one go/);
    expect(box.getAttribute('aria-invalid')).toBe('true');
  });

  it('puts a refused message back in the box with the reason', async () => {
    const { el, box } = await mount();
    el.restoreDraft('my long story', 'That is too long to send in one go.');
    await settle(el);
    expect(box.value).toBe('my long story');
    expect(getByRole(el, 'alert').textContent?.trim()).toBe('That is too long to send in one go.');
  });

  it('tells the chat the child is typing, at most every three seconds, with no text', async () => {
    const { el, box } = await mount();
    const typing: unknown[] = [];
    el.addEventListener('hb-typing', (e) => typing.push(e.detail));
    await typeInto(el, box, 'h');
    await typeInto(el, box, 'he');
    expect(typing).toEqual([null]);
  });
});

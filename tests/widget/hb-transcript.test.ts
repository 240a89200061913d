import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatItem } from '../../widget/chat-log.js';
import type { HbTranscript } from '../../widget/components/hb-transcript.js';
import { allByRole, deepAll, getByRole, loadWidget, settle } from './helpers.js';

beforeAll(async () => {
  await loadWidget();
});

async function mount(items: ChatItem[], typingName?: string): Promise<HbTranscript> {
  const el = document.createElement('hb-transcript');
  el.items = items;
  el.typingName = typingName;
  document.body.replaceChildren(el);
  await settle(el);
  return el;
}

describe('hb-transcript', () => {
  it('is a live log named "Conversation"', async () => {
    const el = await mount([]);
    const log = getByRole(el, 'log', 'Conversation');
    expect(log.getAttribute('tabindex')).toBe('0');
  });

  it('renders markup typed by anyone as text, never as HTML', async () => {
    const attack = '<img src=x onerror="globalThis.pwned=1">';
    const el = await mount([
      { kind: 'message', id: 'a', sender: 'child', text: attack, status: 'sent' },
      { kind: 'message', id: 'b', sender: 'bot', text: '<b>bold</b><script>globalThis.pwned=2</script>' },
    ]);
    expect(deepAll(el).filter((e) => ['IMG', 'SCRIPT', 'B'].includes(e.tagName))).toEqual([]);
    const log = getByRole(el, 'log', 'Conversation');
    expect(log.textContent).toContain(attack);
    expect(log.textContent).toContain('<b>bold</b><script>');
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('shows who wrote each message and the status of the child\'s own', async () => {
    const el = await mount([
      { kind: 'message', id: '1', sender: 'bot', text: 'Hi, I am here to listen.' },
      { kind: 'message', id: 'm1', sender: 'child', text: 'first', status: 'sent' },
      { kind: 'message', id: 'm2', sender: 'child', text: 'second', status: 'sending' },
      { kind: 'message', id: 'm3', sender: 'child', text: 'third', status: 'waiting' },
      { kind: 'message', id: '5', sender: 'counsellor', name: 'Sam', text: 'Hello, I am Sam.' },
    ]);
    const text = getByRole(el, 'log').textContent.replace(/\s+/g, ' ');
    expect(text).toContain('Harbour helper: Hi, I am here to listen.');
    expect(text).toContain('You: first Sent');
    expect(text).toContain('You: second Sending…');
    expect(text).toContain('You: third Waiting a moment, then sending…');
    expect(text).toContain('Sam (counsellor): Hello, I am Sam.');
  });

  it('offers "Try again" on a failed message and fires hb-retry with its id', async () => {
    const el = await mount([{ kind: 'message', id: 'm9', sender: 'child', text: 'lost', status: 'failed', reason: 'Something went wrong on our side.' }]);
    expect(getByRole(el, 'log').textContent).toMatch(/Not sent\.\s+Something went wrong on our side\./);
    const retried: string[] = [];
    el.addEventListener('hb-retry', (e) => retried.push(e.detail.id));
    getByRole(el, 'button', 'Try again').click();
    expect(retried).toEqual(['m9']);
  });

  it('turns quick replies into buttons that send their value, and call actions into tel: links', async () => {
    const el = await mount([
      {
        kind: 'message',
        id: '1',
        sender: 'bot',
        text: 'Are you safe right now? You can call 999.',
        actions: [
          { type: 'imBack', title: 'Yes', value: 'yes' },
          { type: 'imBack', title: 'No', value: 'no' },
          { type: 'call', title: 'Call 999', value: 'tel:999' },
          { type: 'call', title: 'Bad', value: 'javascript:alert(1)' },
        ],
      },
    ]);
    const sent: string[] = [];
    el.addEventListener('hb-send', (e) => sent.push(e.detail.text));
    getByRole(el, 'button', 'No').click();
    expect(sent).toEqual(['no']);
    expect(getByRole(el, 'link', 'Call 999').getAttribute('href')).toBe('tel:999');
    expect(allByRole(el, 'link', 'Bad')).toEqual([]);
  });

  it('hides quick replies once the child has answered', async () => {
    const el = await mount([
      { kind: 'message', id: '1', sender: 'bot', text: 'Ok?', actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }] },
      { kind: 'message', id: 'm', sender: 'child', text: 'yes', status: 'sent' },
    ]);
    expect(allByRole(el, 'button', 'Yes')).toEqual([]);
  });

  it('shows a counsellor typing, and nothing when nobody is', async () => {
    let el = await mount([], 'Sam');
    expect(getByRole(el, 'status').textContent?.trim()).toBe('Sam is typing…');
    el = await mount([]);
    expect(getByRole(el, 'status').textContent?.trim()).toBe('');
  });
});

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HarbourChat } from '../../widget/harbour-chat.js';
import type * as WidgetModule from '../../widget/index.js';
import { allByRole, deepAll, deepText, getByRole, loadWidget, settle } from './helpers.js';

let Widget: typeof WidgetModule;
const navigations: string[] = [];

beforeAll(async () => {
  Widget = await loadWidget();
  Widget.HarbourChat.navigate = (url) => navigations.push(url);
});

afterEach(() => {
  document.body.replaceChildren();
  navigations.length = 0;
  sessionStorage.clear();
});

/** A page with the tag as a helpline writes it (fallback numbers in the light DOM). Never connects: nothing opens the chat. */
async function mountPage(attrs = 'exit-url="https://example.org/weather"'): Promise<HarbourChat> {
  document.body.innerHTML = `<harbour-chat server="http://127.0.0.1:9" helpline-name="Test Helpline" ${attrs}><p>Call Childline on 0800 1111</p></harbour-chat><main><p>Helpline page</p><textarea id="page-box" aria-label="page box"></textarea></main>`;
  const el = document.querySelector('harbour-chat')!;
  await settle(el);
  return el;
}

function key(type: 'keydown' | 'keyup', k: string): void {
  globalThis.dispatchEvent(new KeyboardEvent(type, { key: k, bubbles: true }));
}

function typeCapitals(text: string): void {
  for (const ch of text) {
    const isCapital = ch !== ch.toLowerCase();
    if (isCapital) key('keydown', 'Shift');
    key('keydown', ch);
    key('keyup', ch);
    if (isCapital) key('keyup', 'Shift');
  }
}

describe('<harbour-chat>', () => {
  it('has the named controls other tests rely on, with Quick exit first in tab order', async () => {
    const el = await mountPage();
    const focusable = deepAll(el).filter((e) => e.matches('button, a[href], textarea, input, [tabindex]'));
    expect(focusable[0]?.textContent?.trim()).toBe('Quick exit');
    getByRole(el, 'button', 'Get help now');
    const launcher = getByRole(el, 'button', 'Chat to us');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(deepAll(el).filter((e) => Number(e.getAttribute('tabindex')) > 0)).toEqual([]);
  });

  it('keeps its light-DOM fallback out of the rendered widget once loaded', async () => {
    const el = await mountPage();
    expect(el.shadowRoot!.querySelector('slot')).toBeNull();
    expect(el.textContent).toContain('0800 1111');
  });

  it('opens the chat panel with the text box, the connection state in words and "About this chat"', async () => {
    const el = await mountPage();
    getByRole(el, 'button', 'Chat to us').click();
    await settle(el);
    expect(getByRole(el, 'button', 'Chat to us').getAttribute('aria-expanded')).toBe('true');
    getByRole(el, 'textbox', 'Your message');
    getByRole(el, 'log', 'Conversation');
    expect(allByRole(el, 'status').map((s) => s.textContent?.trim())).toContain('Connecting…');
    getByRole(el, 'button', 'About this chat').click();
    await settle(el);
    const about = deepText(el);
    expect(about).toMatch(/computer helper, not a person/);
    expect(about).toMatch(/keep them for 30 days/);
    expect(about).toMatch(/Counsellors at Test Helpline\s*, and their supervisors/);
    expect(about).toMatch(/police or social workers/);
    expect(about).toMatch(/browser history/);
    expect(about).toMatch(/press the Shift key 3 times/);
    expect(about).toMatch(/private or incognito window is safer/);
    expect(about).toMatch(/Type delete my chat and send it/);
    el.connection.stop();
  });

  it('shows Get help now numbers with no server at all', async () => {
    const el = await mountPage();
    getByRole(el, 'button', 'Get help now').click();
    await settle(el);
    expect(getByRole(el, 'button', 'Get help now').getAttribute('aria-expanded')).toBe('true');
    expect(getByRole(el, 'link', 'Call 999').getAttribute('href')).toBe('tel:999');
    expect(getByRole(el, 'link', 'Call 0800 1111').getAttribute('href')).toBe('tel:08001111');
  });

  it('Quick exit button: wipes the widget and this tab\'s storage, then replaces the page', async () => {
    const el = await mountPage();
    sessionStorage.setItem('harbour.resume', 'opaque-token');
    getByRole(el, 'button', 'Quick exit').click();
    expect(navigations).toEqual(['https://example.org/weather']);
    expect(sessionStorage.length).toBe(0);
    expect(el.shadowRoot!.childElementCount).toBe(0);
    expect(el.childElementCount).toBe(0);
    await settle(el);
    expect(deepText(el)).toBe('');
  });

  it('Shift pressed on its own three times exits; typing "I AM SCARED" does not', async () => {
    const el = await mountPage();
    typeCapitals('I AM SCARED');
    typeCapitals('HELP');
    expect(navigations).toEqual([]);
    for (let i = 0; i < 3; i++) {
      key('keydown', 'Shift');
      key('keyup', 'Shift');
    }
    expect(navigations).toEqual(['https://example.org/weather']);
    expect(el.shadowRoot!.childElementCount).toBe(0);
  });

  it('goes to a neutral page when no exit URL is set, and never to a javascript: URL', async () => {
    await mountPage('exit-url="javascript:alert(1)"');
    const el = document.querySelector('harbour-chat')!;
    getByRole(el, 'button', 'Quick exit').click();
    expect(navigations).toEqual(['https://www.bbc.co.uk/weather']);
  });

  it('leaves again when the browser restores the page from the back-forward cache', async () => {
    const el = await mountPage();
    getByRole(el, 'button', 'Quick exit').click();
    const restored = new Event('pageshow') as PageTransitionEvent;
    Object.defineProperty(restored, 'persisted', { value: true });
    globalThis.dispatchEvent(restored);
    expect(navigations).toEqual(['https://example.org/weather', 'https://example.org/weather']);
  });

  it('maps the server URL to its /chat socket', () => {
    expect(Widget.chatUrl('https://help.example.org')).toBe('wss://help.example.org/chat');
    expect(Widget.chatUrl('http://127.0.0.1:3000/harbour/')).toBe('ws://127.0.0.1:3000/harbour/chat');
    expect(Widget.chatUrl('http://127.0.0.1:3000/harbour')).toBe('ws://127.0.0.1:3000/harbour/chat');
  });
});

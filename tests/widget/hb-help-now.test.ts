import { beforeAll, describe, expect, it } from 'vitest';
import type { HelpService } from '../../widget/help-now.types.js';
import { getByRole, loadWidget, settle } from './helpers.js';

beforeAll(async () => {
  await loadWidget();
});

describe('hb-help-now', () => {
  it('shows 999 with the Silent Solution, Childline and text lines as tap-to-call links from the bundle', async () => {
    const el = document.createElement('hb-help-now');
    document.body.replaceChildren(el);
    await settle(el);
    expect(getByRole(el, 'link', 'Call 999').getAttribute('href')).toBe('tel:999');
    expect(getByRole(el, 'link', 'Call 0800 1111').getAttribute('href')).toBe('tel:08001111');
    expect(getByRole(el, 'link', 'Text SHOUT to 85258').getAttribute('href')).toBe('sms:85258?body=SHOUT');
    expect(el.shadowRoot!.textContent).toMatch(/press 55/);
  });

  it('shows services passed in, and only https website links', async () => {
    const el = document.createElement('hb-help-now');
    const services: HelpService[] = [
      { id: 'x', name: 'Example', for: 'Testing', phone: '+44 20 7946 0000', url: 'javascript:alert(1)', emergency: false },
    ];
    el.services = services;
    document.body.replaceChildren(el);
    await settle(el);
    expect(getByRole(el, 'link', 'Call +44 20 7946 0000').getAttribute('href')).toBe('tel:+442079460000');
    expect(el.shadowRoot!.querySelectorAll('a')).toHaveLength(1);
    expect(el.shadowRoot!.textContent).not.toMatch(/press 55/);
  });
});

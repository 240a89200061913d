import type { ServiceInfo } from '../../server/content/types.js';
import type * as WidgetModule from '../../widget/index.js';
import { writeHelpNowModule } from '../../server/build/widget-bundle.js';

/** Services for component tests (the facts match content/en-GB/services.yaml). */
export const SERVICES: readonly ServiceInfo[] = [
  { id: 'emergency', name: 'Emergency services', for: 'Anyone in danger right now', phone: '999', is24x7: true, emergency: true },
  { id: 'childline', name: 'Childline', for: 'Anyone under 19, about anything', phone: '0800 1111', url: 'https://www.childline.org.uk', is24x7: true, emergency: false },
  { id: 'shout', name: 'Shout', for: 'Anyone who would rather text', sms: { number: '85258', keyword: 'SHOUT' }, is24x7: true, emergency: false },
];

/** Writes the generated help-now module, then loads the widget (which imports it). */
export async function loadWidget(): Promise<typeof WidgetModule> {
  await writeHelpNowModule(SERVICES, 'Test Helpline');
  return import('../../widget/index.js');
}

/** Every element below `root`, through open shadow roots. */
export function deepAll(root: ParentNode): Element[] {
  const out: Element[] = [];
  const walk = (node: ParentNode): void => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  const host = root as Partial<Element>;
  if (host.shadowRoot) walk(host.shadowRoot);
  walk(root);
  return out;
}

/** The accessible name of a simple control: aria-label, a <label for>, or its text. */
export function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label !== null) return label.trim();
  const id = el.getAttribute('id');
  const root = el.getRootNode() as ParentNode;
  if (id !== null) {
    const forLabel = root.querySelector(`label[for="${id}"]`);
    if (forLabel) return (forLabel.textContent ?? '').trim();
  }
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const ROLE_SELECTORS: Record<string, string> = {
  button: 'button',
  link: 'a[href]',
  textbox: 'textarea, input[type="text"], input:not([type])',
  log: '[role="log"]',
  status: '[role="status"]',
  alert: '[role="alert"]',
  region: 'section[aria-labelledby], [role="region"]',
};

/** Elements with a role (and optionally an accessible name) anywhere below `root`. */
export function allByRole(root: ParentNode, role: string, name?: string | RegExp): Element[] {
  const selector = ROLE_SELECTORS[role];
  if (selector === undefined) throw new Error(`no selector for role ${role}`);
  return deepAll(root).filter((el) => {
    if (!el.matches(selector)) return false;
    if (name === undefined) return true;
    const n = nameOf(el);
    return typeof name === 'string' ? n === name : name.test(n);
  });
}

/** Exactly one element with this role and name, or throws. */
export function getByRole<T extends Element = HTMLElement>(root: ParentNode, role: string, name?: string | RegExp): T {
  const found = allByRole(root, role, name);
  if (found.length !== 1) throw new Error(`expected one ${role} named ${String(name)}, found ${found.length}`);
  return found[0] as T;
}

/** Visible text below `root`, through shadow roots, whitespace collapsed. */
export function deepText(root: Node): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    const el = node as Element;
    if (el.shadowRoot) walk(el.shadowRoot);
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  walk(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Wait for an element and all its nested Lit children to finish rendering. */
export async function settle(el: Element): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const pending = [el, ...deepAll(el)]
      .map((e) => (e as Partial<{ updateComplete: Promise<unknown> }>).updateComplete)
      .filter((p): p is Promise<unknown> => p !== undefined);
    await Promise.all(pending);
  }
}

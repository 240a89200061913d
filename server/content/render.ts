import { callAction, quickReply, type CardAction } from '../protocol/index.js';
import { placeholdersOf, type MessageEntry, type ServiceEntry } from './schema.js';
import type { Facts, RenderedMessage } from './types.js';

/** One locale's words, ready to render. */
export interface LocaleTable {
  readonly messages: ReadonlyMap<string, MessageEntry>;
  readonly quickReplies: ReadonlyMap<string, { readonly text: string }>;
  readonly services: readonly ServiceEntry[];
}

function serviceField(services: readonly ServiceEntry[], name: string): string | undefined {
  const [id, field] = name.split('.');
  const s = services.find((x) => x.id === id);
  if (s === undefined) return undefined;
  switch (field) {
    case 'phone':
      return s.phone;
    case 'sms':
      return s.sms?.number;
    case 'name':
      return s.name;
    case 'url':
      return s.url;
    default:
      return undefined;
  }
}

/**
 * Fill `{placeholders}` from the dialog's facts and from services. A fact given as `{ words }` is
 * that message's text in this table's language; a placeholder the dialog gave nothing for takes the
 * words of the message `placeholder.<name>` when content has one ("{friend}" → "your friend"). Such
 * words get a capital letter where they start a sentence ("{friend} can…" → "Your sister can…").
 */
export function fillText(
  text: string,
  services: readonly ServiceEntry[],
  facts: Facts = {},
  messages?: ReadonlyMap<string, { readonly text: string }>,
): string {
  let out = text;
  for (const name of placeholdersIn(text)) {
    const placeholder = `{${name}}`;
    const fact = name.includes('.') ? serviceField(services, name) : facts[name];
    const words = typeof fact === 'object' ? messages?.get(fact.words)?.text : fact === undefined ? messages?.get(`placeholder.${name}`)?.text : undefined;
    if (words !== undefined) {
      const parts = out.split(placeholder);
      out = parts.reduce((done, part, i) => (i === 0 ? part : `${done}${startsSentence(done) ? capitalised(words) : words}${part}`), '');
      continue;
    }
    // A missing fact is a dialog bug; show nothing rather than a raw {name} to a child.
    out = out.split(placeholder).join(fact === undefined || typeof fact === 'object' ? '' : String(fact));
  }
  return out;
}

/** Whether what comes next starts a sentence: at the start of the text, or after . ! ? and a space. */
function startsSentence(before: string): boolean {
  return before.length === 0 || /[.!?]["')]*\s+$/.test(before);
}

function capitalised(words: string): string {
  return words.length === 0 ? words : words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

/**
 * Templates and phone numbers come from content, so these caches hold one entry per message text
 * and per service number; the bound only guards against a caller passing arbitrary text.
 */
const MAX_CACHED = 4096;
const placeholderCache = new Map<string, readonly string[]>();
const phonePatterns = new Map<string, RegExp>();

function cached<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** A template's placeholder names, parsed once per distinct text. */
function placeholdersIn(text: string): readonly string[] {
  return cached(placeholderCache, text, () => placeholdersOf(text));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A number, not inside a longer run of digits; compiled once per number (no `g` flag: stateless). */
function phonePattern(phone: string): RegExp {
  return cached(phonePatterns, phone, () => new RegExp(`(?<![\\d])${escapeRegExp(phone)}(?![\\d])`));
}

/** Every service phone number that appears in the text becomes a tap-to-call action, in order. */
export function callActionsFor(text: string, services: readonly ServiceEntry[], callTitle: (name: string) => string): CardAction[] {
  const found: { at: number; action: CardAction }[] = [];
  for (const s of services) {
    if (s.phone === undefined) continue;
    const m = phonePattern(s.phone).exec(text);
    if (m) found.push({ at: m.index, action: callAction(callTitle(s.name), s.phone) });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.action);
}

/**
 * Content never changes while the server runs, so a message without facts renders the same every
 * time: it is rendered once per table, key and quick replies, and the frozen result is shared.
 */
const renderedCache = new WeakMap<LocaleTable, Map<string, RenderedMessage>>();

function hasFacts(facts: Facts | undefined): boolean {
  if (facts === undefined) return false;
  for (const _ in facts) return true;
  return false;
}

/** Render one message of one locale. Throws on an unknown key: keys are checked at boot. */
export function renderMessage(
  table: LocaleTable,
  key: string,
  facts?: Facts,
  quickReplies: readonly string[] = [],
  reader: 'child' | 'adult' = 'child',
): RenderedMessage {
  // An adult reader gets the message's `adult` words where it has them (Welsh "chi" for a parent).
  const adult = reader === 'adult' && table.messages.get(key)?.adult !== undefined;
  if (hasFacts(facts)) return renderFresh(table, key, facts, quickReplies, adult);
  let byKey = renderedCache.get(table);
  if (byKey === undefined) {
    byKey = new Map();
    renderedCache.set(table, byKey);
  }
  const base = adult ? `${key}\u0001adult` : key;
  const cacheKey = quickReplies.length === 0 ? base : `${base}\u0000${quickReplies.join('\u0000')}`;
  return cached(byKey, cacheKey, () => deepFreeze(renderFresh(table, key, undefined, quickReplies, adult)));
}

function deepFreeze(rendered: RenderedMessage): RenderedMessage {
  for (const action of rendered.suggestedActions) Object.freeze(action);
  Object.freeze(rendered.suggestedActions);
  return Object.freeze(rendered);
}

function renderFresh(
  table: LocaleTable,
  key: string,
  facts: Facts | undefined,
  quickReplies: readonly string[],
  adult = false,
): RenderedMessage {
  const entry = table.messages.get(key);
  if (entry === undefined) throw new RangeError(`unknown message key "${key}"`);
  const text = fillText((adult ? entry.adult : undefined) ?? entry.text, table.services, facts, table.messages);
  const callTemplate = table.messages.get('action.call')?.text ?? 'Call {service}';
  const calls = callActionsFor(text, table.services, (name) => callTemplate.replace('{service}', name));
  const replies = quickReplies.map((k) => {
    const qr = table.quickReplies.get(k);
    if (qr === undefined) throw new RangeError(`unknown quick reply key "${k}"`);
    return quickReply(qr.text);
  });
  return { text, suggestedActions: [...replies, ...calls] };
}

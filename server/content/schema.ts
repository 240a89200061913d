import { ANSWER_LIST_KEYS, ANSWER_LISTS, DURATIONS, FEELINGS, RELATIONS, TRUSTED_ADULTS, type AnswerListName, type AnswerWords, type Audience } from '../../dialogs/index.js';
import type { OtherLanguagesSource } from '../../dialogs/language.js';
import { validateOpeningHours, WEEKDAYS, type OpeningHours, type OpeningSpan, type Weekday } from '../handoff/hours.js';
import type { ServiceInfo } from './types.js';
import {
  checkKnownKeys,
  isRecord,
  readBoolean,
  readOptionalString,
  readString,
  readStringList,
  type YamlFile,
} from './yaml-file.js';

/**
 * The schema of every content file Harbour owns, as readers that turn parsed YAML into typed
 * values and record plain-English problems (with lines) for anything wrong. Hand-written rather
 * than a JSON Schema so that each message tells an editor exactly what to change.
 */

export const KEY_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const PLACEHOLDER = /\{([^{}]*)\}/g;

export interface MessageEntry {
  readonly text: string;
  readonly note: string;
  readonly reader: 'child' | 'adult';
  readonly facts: readonly string[];
  readonly line: number;
  /**
   * The words for an adult reader, where the language addresses them otherwise (Welsh "chi", not the
   * child's "ti"): a message the chat says to children and parents alike. Absent: `text` for everyone.
   */
  readonly adult?: string;
}

export interface Settings {
  readonly defaultLocale: string;
  readonly locales: readonly string[];
  readonly country: string;
  readonly checkInAfterMinutes: number;
  readonly closeAfterMinutes: number;
}

export interface ServiceEntry extends ServiceInfo {
  readonly source: string;
  readonly lastChecked: string;
}

export interface AppEntry {
  readonly id: string;
  readonly name: string;
  readonly names: readonly string[];
  readonly advice: string;
  readonly note: string;
  readonly source: string;
  readonly lastChecked: string;
  readonly line: number;
}

/** A ready-made reply a counsellor can pick in the console. */
export interface CannedReply {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly note: string;
}

/** The `{names}` used in a text. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => (m[1] ?? '').trim());
}

function readPositiveNumber(f: YamlFile, obj: Record<string, unknown>, key: string, what: string, max: number): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > max) {
    f.problem([key], `\`${key}:\` in ${what} should be a number above 0 and at most ${max}.`);
    return 1;
  }
  return v;
}

export function readSettings(f: YamlFile): Settings | undefined {
  const d = f.data;
  if (!isRecord(d)) {
    f.problem([], 'This file should hold default_locale, locales, country and the check-in times.');
    return undefined;
  }
  checkKnownKeys(f, d, ['default_locale', 'locales', 'country', 'check_in_after_minutes', 'close_after_minutes'], [], 'settings');
  const defaultLocale = readString(f, d, 'default_locale', [], 'The settings') ?? 'en-GB';
  const locales = readStringList(f, d['locales'], ['locales'], '`locales:`');
  if (!locales.includes(defaultLocale)) f.problem(['default_locale'], `The default locale "${defaultLocale}" is not in \`locales:\`.`);
  for (const [i, l] of locales.entries()) {
    if (!/^[a-z]{2,3}-[A-Z]{2}$/.test(l)) f.problem(['locales', i], `"${l}" does not look like a locale such as en-GB or cy-GB.`);
  }
  return {
    defaultLocale,
    locales,
    country: readString(f, d, 'country', [], 'The settings') ?? 'GB',
    checkInAfterMinutes: readPositiveNumber(f, d, 'check_in_after_minutes', 'the settings', 60),
    closeAfterMinutes: readPositiveNumber(f, d, 'close_after_minutes', 'the settings', 60),
  };
}

export function readHours(f: YamlFile): OpeningHours | undefined {
  const d = f.data;
  if (!isRecord(d)) {
    f.problem([], 'This file should hold time_zone, weekly and (if any) closed_dates.');
    return undefined;
  }
  checkKnownKeys(f, d, ['time_zone', 'weekly', 'closed_dates'], [], 'The opening hours');
  const timeZone = readString(f, d, 'time_zone', [], 'The opening hours') ?? 'UTC';
  const weekly: Partial<Record<Weekday, OpeningSpan[]>> = {};
  const w = d['weekly'];
  if (!isRecord(w)) f.problem(['weekly'], '`weekly:` should list days (mon, tue, …) with their opening times.');
  else {
    for (const [day, spans] of Object.entries(w)) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) {
        f.problem(['weekly', day], `"${day}" is not a day. Use mon, tue, wed, thu, fri, sat or sun.`);
        continue;
      }
      if (!Array.isArray(spans)) {
        f.problem(['weekly', day], `${day} should be a list of times like - { open: "09:00", close: "21:00" }.`);
        continue;
      }
      weekly[day as Weekday] = spans.flatMap((s, i) => {
        if (!isRecord(s) || typeof s['open'] !== 'string' || typeof s['close'] !== 'string') {
          f.problem(['weekly', day, i], `Each time on ${day} needs open and close in quotes, like { open: "09:00", close: "21:00" }.`);
          return [];
        }
        return [{ open: s['open'], close: s['close'] }];
      });
    }
  }
  const closedDates = d['closed_dates'] === undefined ? [] : readStringList(f, d['closed_dates'], ['closed_dates'], '`closed_dates:`');
  const hours: OpeningHours = { timeZone, weekly, closedDates };
  try {
    validateOpeningHours(hours);
  } catch (e) {
    f.problem([], `The opening hours cannot be used: ${(e as Error).message}.`);
  }
  return hours;
}

export function readMessages(f: YamlFile, serviceIds: ReadonlySet<string>): Map<string, MessageEntry> {
  const out = new Map<string, MessageEntry>();
  const d = f.data;
  if (!isRecord(d)) {
    if (f.problems.length === 0) f.problem([], 'This file should be a list of messages, each `key:` with text and note.');
    return out;
  }
  for (const [key, entry] of Object.entries(d)) {
    const line = f.keyLine([key]);
    if (!KEY_PATTERN.test(key)) {
      f.problems.push({ file: f.file, line, message: `"${key}" is not a usable key: use lower-case words joined by dots or dashes.` });
    }
    if (!isRecord(entry)) {
      f.problems.push({ file: f.file, line, message: `The message "${key}" needs \`text:\` and \`note:\` lines under it, indented.` });
      continue;
    }
    const what = `The message "${key}"`;
    checkKnownKeys(f, entry, ['text', 'note', 'reader', 'facts', 'adult'], [key], what);
    const text = readString(f, entry, 'text', [key], what);
    const note = readString(f, entry, 'note', [key], what);
    const reader = entry['reader'];
    if (reader !== 'child' && reader !== 'adult') f.problem([key, 'reader'], `${what} needs \`reader: child\` or \`reader: adult\`.`);
    const facts = entry['facts'] === undefined ? [] : readStringList(f, entry['facts'], [key, 'facts'], `\`facts:\` of ${what}`);
    const adult = entry['adult'] === undefined ? undefined : readString(f, entry, 'adult', [key], what);
    for (const [field, words] of [['text', text], ['adult', adult]] as const) {
      if (words === undefined) continue;
      for (const name of placeholdersOf(words)) {
        const [id, part] = name.split('.');
        if (part !== undefined) {
          if (id === undefined || !serviceIds.has(id)) {
            f.problem([key, field], `${what} uses {${name}}, but there is no service "${id}" in services.yaml.`);
          } else if (!['phone', 'sms', 'name', 'url'].includes(part)) {
            f.problem([key, field], `${what} uses {${name}}: a service can give phone, sms, name or url.`);
          }
        } else if (!facts.includes(name)) {
          f.problem([key, field], `${what} uses {${name}}, which is not listed under \`facts:\`. Check the spelling, or add it.`);
        }
      }
      if (/[<>]/.test(words)) f.problem([key, field], `${what} contains < or >. Messages are plain text, not HTML.`);
    }
    if (text !== undefined && note !== undefined && (reader === 'child' || reader === 'adult')) {
      out.set(key, { text, note, reader, facts, line, ...(adult === undefined ? {} : { adult }) });
    }
  }
  return out;
}

export function readQuickReplies(f: YamlFile): Map<string, { text: string; note: string }> {
  const out = new Map<string, { text: string; note: string }>();
  const d = f.data;
  if (!isRecord(d)) {
    if (f.problems.length === 0) f.problem([], 'This file should list quick replies, each `key:` with text and note.');
    return out;
  }
  for (const [key, entry] of Object.entries(d)) {
    const what = `The quick reply "${key}"`;
    if (!isRecord(entry)) {
      f.problem([key], `${what} needs \`text:\` and \`note:\` lines under it.`);
      continue;
    }
    checkKnownKeys(f, entry, ['text', 'note'], [key], what);
    const text = readString(f, entry, 'text', [key], what);
    const note = readString(f, entry, 'note', [key], what);
    if (text !== undefined && text.length > 40) f.problem([key, 'text'], `${what} is ${text.length} characters; buttons fit 40 at most.`);
    if (text !== undefined && note !== undefined) out.set(key, { text, note });
  }
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function readDate(f: YamlFile, obj: Record<string, unknown>, key: string, path: readonly (string | number)[], what: string): string {
  const v = obj[key];
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  if (typeof s !== 'string' || !DATE.test(s)) {
    f.problem([...path, key], `${what} needs \`${key}:\` as a date like 2026-11-01.`);
    return '';
  }
  return s;
}

export function readServices(f: YamlFile): { country: string; services: ServiceEntry[] } {
  const d = f.data;
  const services: ServiceEntry[] = [];
  if (!isRecord(d)) {
    if (f.problems.length === 0) f.problem([], 'This file should hold `country:` and a `services:` list.');
    return { country: '', services };
  }
  const country = readString(f, d, 'country', [], 'The services file') ?? '';
  const list = d['services'];
  if (!Array.isArray(list)) {
    f.problem(['services'], '`services:` should be a list of services.');
    return { country, services };
  }
  const seen = new Set<string>();
  list.forEach((s, i) => {
    const path = ['services', i];
    if (!isRecord(s)) {
      f.problem(path, `Service ${i + 1} should have id, name, for and a phone, sms or url.`);
      return;
    }
    const what = `The service ${typeof s['id'] === 'string' ? `"${s['id']}"` : i + 1}`;
    checkKnownKeys(f, s, ['id', 'name', 'for', 'phone', 'sms', 'url', 'hours', 'is24x7', 'emergency', 'source', 'last_checked'], path, what);
    const id = readString(f, s, 'id', path, what);
    if (id !== undefined && seen.has(id)) f.problem([...path, 'id'], `There are two services with the id "${id}".`);
    if (id !== undefined) seen.add(id);
    const name = readString(f, s, 'name', path, what);
    const forWho = readString(f, s, 'for', path, what);
    const phone = readOptionalString(f, s, 'phone', path, what);
    if (phone !== undefined && !/^[+\d][\d ]*\d$|^\d+$/.test(phone)) {
      f.problem([...path, 'phone'], `${what}'s phone "${phone}" should be digits and spaces only.`);
    }
    let sms: ServiceInfo['sms'];
    const rawSms = s['sms'];
    if (rawSms !== undefined) {
      if (!isRecord(rawSms) || (typeof rawSms['number'] !== 'string' && typeof rawSms['number'] !== 'number')) {
        f.problem([...path, 'sms'], `${what}'s sms should be like { number: "85258", keyword: SHOUT }.`);
      } else {
        const keyword = rawSms['keyword'];
        sms = { number: String(rawSms['number']), ...(typeof keyword === 'string' ? { keyword } : {}) };
      }
    }
    const url = readOptionalString(f, s, 'url', path, what);
    if (url !== undefined && !url.startsWith('https://')) f.problem([...path, 'url'], `${what}'s url should start with https://.`);
    if (phone === undefined && sms === undefined && url === undefined) f.problem(path, `${what} needs a phone, sms or url, so people can reach it.`);
    const hours = readOptionalString(f, s, 'hours', path, what);
    const is24x7 = readBoolean(f, s, 'is24x7', path, what);
    const emergency = readBoolean(f, s, 'emergency', path, what);
    const source = readString(f, s, 'source', path, what);
    const lastChecked = readDate(f, s, 'last_checked', path, what);
    if (id === undefined || name === undefined || forWho === undefined || source === undefined) return;
    services.push({
      id,
      name,
      for: forWho,
      ...(phone === undefined ? {} : { phone }),
      ...(sms === undefined ? {} : { sms }),
      ...(url === undefined ? {} : { url }),
      ...(hours === undefined ? {} : { hours }),
      is24x7,
      emergency,
      source,
      lastChecked,
    });
  });
  return { country, services };
}

export function readApps(f: YamlFile): AppEntry[] {
  const d = f.data;
  const out: AppEntry[] = [];
  if (!isRecord(d) || !Array.isArray(d['apps'])) {
    if (f.problems.length === 0) f.problem([], 'This file should hold an `apps:` list.');
    return out;
  }
  const seen = new Set<string>();
  d['apps'].forEach((a, i) => {
    const path = ['apps', i];
    if (!isRecord(a)) {
      f.problem(path, `App ${i + 1} should have id, name, names, advice, note, source and last_checked.`);
      return;
    }
    const what = `The app ${typeof a['id'] === 'string' ? `"${a['id']}"` : i + 1}`;
    checkKnownKeys(f, a, ['id', 'name', 'names', 'advice', 'note', 'source', 'last_checked'], path, what);
    const id = readString(f, a, 'id', path, what);
    if (id !== undefined && !/^[a-z0-9-]+$/.test(id)) f.problem([...path, 'id'], `${what}'s id should be lower-case letters, digits and dashes.`);
    if (id !== undefined && seen.has(id)) f.problem([...path, 'id'], `There are two apps with the id "${id}".`);
    if (id !== undefined) seen.add(id);
    const name = readString(f, a, 'name', path, what);
    const names = readStringList(f, a['names'] ?? [], [...path, 'names'], `\`names:\` of ${what}`);
    const advice = readString(f, a, 'advice', path, what);
    const note = readString(f, a, 'note', path, what);
    const source = readString(f, a, 'source', path, what);
    const lastChecked = readDate(f, a, 'last_checked', path, what);
    if (id && name && advice && note && source) {
      out.push({ id, name, names, advice: advice.trim(), note, source, lastChecked, line: f.line(path) });
    }
  });
  return out;
}

export function readCannedReplies(f: YamlFile): CannedReply[] {
  const d = f.data;
  const out: CannedReply[] = [];
  if (!isRecord(d) || !Array.isArray(d['replies'])) {
    if (f.problems.length === 0) f.problem([], 'This file should hold a `replies:` list.');
    return out;
  }
  const seen = new Set<string>();
  d['replies'].forEach((r, i) => {
    const path = ['replies', i];
    if (!isRecord(r)) {
      f.problem(path, `Reply ${i + 1} should have id, title, text and note.`);
      return;
    }
    const what = `The canned reply ${typeof r['id'] === 'string' ? `"${r['id']}"` : i + 1}`;
    checkKnownKeys(f, r, ['id', 'title', 'text', 'note'], path, what);
    const id = readString(f, r, 'id', path, what);
    if (id !== undefined && seen.has(id)) f.problem([...path, 'id'], `There are two canned replies with the id "${id}".`);
    if (id !== undefined) seen.add(id);
    const title = readString(f, r, 'title', path, what);
    const text = readString(f, r, 'text', path, what);
    const note = readString(f, r, 'note', path, what);
    if (id && title && text && note) out.push({ id, title, text: text.trim(), note });
  });
  return out;
}

const AUDIENCES: readonly Audience[] = ['young_person', 'parent_carer', 'friend', 'someone_else'];
const WORD_LISTS = ANSWER_LISTS.map((name) => ANSWER_LIST_KEYS[name]);

function readGroups<Id extends string>(f: YamlFile, v: unknown, ids: readonly Id[], key: string): Record<Id, string[]> {
  const out = Object.fromEntries(ids.map((id) => [id, [] as string[]])) as Record<Id, string[]>;
  if (!isRecord(v)) {
    f.problem([key], `\`${key}:\` should have a list for each of: ${ids.join(', ')}.`);
    return out;
  }
  checkKnownKeys(f, v, ids, [key], `\`${key}:\``);
  for (const id of ids) {
    if (v[id] === undefined) f.problem([key], `\`${key}:\` has no list for ${id}. Add one.`);
    else out[id] = readStringList(f, v[id], [key, id], `\`${key}: ${id}:\``);
  }
  return out;
}

/** The words the dialogs listen for, in one locale. */
export function readAnswerWords(f: YamlFile): AnswerWords | undefined {
  const d = f.data;
  if (!isRecord(d)) {
    if (f.problems.length === 0) f.problem([], 'This file should hold the lists of words the chat listens for.');
    return undefined;
  }
  checkKnownKeys(f, d, ['audience', 'feelings', 'trusted_adults', 'durations', 'relations', ...WORD_LISTS], [], 'The answer words');
  const list = (k: string) => (d[k] === undefined ? (f.problem([], `There is no \`${k}:\` list. Add one.`), []) : readStringList(f, d[k], [k], `\`${k}:\``));
  return {
    ...(Object.fromEntries(ANSWER_LISTS.map((name) => [name, list(ANSWER_LIST_KEYS[name])])) as Record<AnswerListName, string[]>),
    audience: readGroups(f, d['audience'], AUDIENCES, 'audience'),
    feelings: readGroups(f, d['feelings'], FEELINGS, 'feelings'),
    trustedAdults: readGroups(f, d['trusted_adults'], TRUSTED_ADULTS, 'trusted_adults'),
    durations: readGroups(f, d['durations'], DURATIONS, 'durations'),
    relations: readGroups(f, d['relations'], RELATIONS, 'relations'),
  };
}

/**
 * content/other-languages.yaml: languages Harbour cannot read and their marker words (dialogs/language.ts).
 * Whether a marker is also English, Welsh or an answer word is checked in load.ts, which has those lists.
 */
export function readOtherLanguages(f: YamlFile): OtherLanguagesSource | undefined {
  const d = f.data;
  if (!isRecord(d)) {
    f.problem([], 'This file should hold version and languages.');
    return undefined;
  }
  checkKnownKeys(f, d, ['version', 'languages'], [], 'The other languages');
  const version = readPositiveNumber(f, d, 'version', 'The other languages file', 1_000_000);
  const l = d['languages'];
  if (!isRecord(l)) {
    f.problem(['languages'], '`languages:` should list languages by their code (pl, ro, …), each with a name and markers.');
    return undefined;
  }
  const languages: Record<string, { name: string; markers: string[] }> = {};
  for (const [id, v] of Object.entries(l)) {
    if (!/^[a-z]{2,3}$/.test(id)) f.problem(['languages', id], `"${id}" should be a language code of two or three lower-case letters, like pl.`);
    if (!isRecord(v)) {
      f.problem(['languages', id], `${id} should have a name and a list of markers.`);
      continue;
    }
    checkKnownKeys(f, v, ['name', 'markers'], ['languages', id], `The language ${id}`);
    const name = readString(f, v, 'name', ['languages', id], `The language ${id}`) ?? id;
    const markers = readStringList(f, v['markers'], ['languages', id, 'markers'], `${id}'s markers`);
    markers.forEach((m, i) => {
      if (!/^[\p{Ll}]{2,}$/u.test(m)) f.problem(['languages', id, 'markers', i], `The marker "${m}" should be one lower-case word of two letters or more.`);
    });
    languages[id] = { name, markers };
  }
  return { version, languages };
}

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ANSWER_LISTS, messageKeysFor, QUICK_REPLY_KEYS, type AnswerListName, type AnswerWords, type AppName, type DialogDeps } from '../../dialogs/index.js';
import { buildSafetyModel, detect, SafetyModelError, validateSafetySource, validateWelshSource, welshTextSpeak, type SafetyModel } from '../../dialogs/safety/index.js';
import { foldAccents, otherLanguageMarkers, type OtherLanguagesSource } from '../../dialogs/language.js';
import { isEnglishWord } from '../../dialogs/safety/natural.js';
import type { OpeningHours } from '../handoff/hours.js';
import { ContentError, type ContentProblem } from './problems.js';
import { renderMessage, type LocaleTable } from './render.js';
import {
  readAnswerWords,
  readApps,
  readCannedReplies,
  readHours,
  readMessages,
  readOtherLanguages,
  readQuickReplies,
  readServices,
  readSettings,
  type AppEntry,
  type CannedReply,
  type MessageEntry,
  type Settings,
} from './schema.js';
import type { CannedReplyInfo, Content, ServiceInfo } from './types.js';
import { YamlFile } from './yaml-file.js';

/**
 * Loads `content/`: parses every YAML file keeping line numbers, validates it, cross-checks the
 * locales against each other and against the keys the dialogs can emit, builds the red-flag
 * model, and freezes the result. Any problem stops the load with every problem listed.
 */

/** One locale, fully read. */
export interface LocaleContent extends LocaleTable {
  readonly locale: string;
  readonly apps: readonly AppEntry[];
  readonly words: AnswerWords;
  readonly cannedReplies: readonly CannedReply[];
  readonly messages: ReadonlyMap<string, MessageEntry>;
  /** The file each table came from, for problems found in cross-checks. */
  readonly files: { readonly messages: YamlFile; readonly services: YamlFile; readonly apps: YamlFile };
}

/** Everything read from disk, before it is frozen into `Content`. Used by content:check and tests. */
export interface ContentSource {
  readonly settings: Settings;
  readonly hours: OpeningHours;
  readonly locales: ReadonlyMap<string, LocaleContent>;
  readonly version: string;
  readonly safety?: SafetyModel;
  /** Text-speak short forms from the detector's text-speak.yaml, reused for answers. */
  readonly respellings: Readonly<Record<string, string>>;
  /** Languages Harbour cannot read, told apart by their marker words (content/other-languages.yaml). */
  readonly otherLanguages?: OtherLanguagesSource;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out.sort();
}

/** SHA-256 over every file's path and bytes: changes whenever any content file changes. */
async function versionOf(dir: string, files: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(dir, f).split('\\').join('/'));
    h.update('\0');
    h.update(await readFile(f));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** Read, parse and validate everything; never throws for bad content, only collects problems. */
export async function readContent(dir = 'content'): Promise<{ source?: ContentSource; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const display = (p: string) => relative(process.cwd(), p) || p;
  let files: string[];
  try {
    files = await listFiles(dir);
  } catch {
    return { problems: [{ file: display(dir), line: 0, message: 'The content folder could not be read. Does it exist?' }] };
  }
  const yamlFiles: YamlFile[] = [];
  async function open(path: string): Promise<YamlFile | undefined> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      problems.push({ file: display(path), line: 0, message: 'This file is missing. Every locale needs it.' });
      return undefined;
    }
    const f = new YamlFile(display(path), text);
    yamlFiles.push(f);
    return f;
  }

  const settingsFile = await open(join(dir, 'settings.yaml'));
  const settings = settingsFile && readSettings(settingsFile);
  const hoursFile = await open(join(dir, 'hours.yaml'));
  const hours = hoursFile && readHours(hoursFile);
  const otherLanguagesFile = await open(join(dir, 'other-languages.yaml'));
  const otherLanguages = otherLanguagesFile && readOtherLanguages(otherLanguagesFile);
  const locales = new Map<string, LocaleContent>();

  for (const locale of settings?.locales ?? []) {
    const base = join(dir, locale);
    const servicesFile = await open(join(base, 'services.yaml'));
    const messagesFile = await open(join(base, 'messages.yaml'));
    const qrFile = await open(join(base, 'quick-replies.yaml'));
    const appsFile = await open(join(base, 'apps.yaml'));
    const wordsFile = await open(join(base, 'answer-words.yaml'));
    const cannedFile = await open(join(base, 'canned-replies.yaml'));
    if (!servicesFile || !messagesFile || !qrFile || !appsFile || !wordsFile || !cannedFile) continue;
    const { country, services } = readServices(servicesFile);
    if (settings && country !== '' && country !== settings.country) {
      servicesFile.problem(['country'], `This file is for country "${country}", but settings.yaml says "${settings.country}".`);
    }
    const messages = readMessages(messagesFile, new Set(services.map((s) => s.id)));
    const apps = readApps(appsFile);
    const words = readAnswerWords(wordsFile);
    if (!words) continue;
    locales.set(locale, {
      locale,
      messages,
      quickReplies: readQuickReplies(qrFile),
      services,
      apps,
      words,
      cannedReplies: readCannedReplies(cannedFile),
      files: { messages: messagesFile, services: servicesFile, apps: appsFile },
    });
  }

  if (settings) crossCheck(settings, locales);

  let safety: SafetyModel | undefined;
  let respellings: Record<string, string> = {};
  if (settings) ({ safety, respellings } = await loadSafety(join(dir, settings.defaultLocale), display, problems, join(dir, WELSH_FILE)));

  if (otherLanguagesFile && otherLanguages) checkMarkers(otherLanguagesFile, otherLanguages, [...locales.values()], safety);

  for (const f of yamlFiles) problems.push(...f.problems);
  // The source comes back even with problems, so tools can still show what they can; `loadContent` refuses it.
  if (!settings || !hours) return { problems };
  return {
    source: { settings, hours, locales, version: await versionOf(dir, files), respellings, ...(safety ? { safety } : {}), ...(otherLanguages ? { otherLanguages } : {}) },
    problems,
  };
}

/**
 * Keys the server says itself, outside the dialogs: deleting a chat (server/sessions/deletion.ts)
 * and the wait in the counsellor queue (server/handoff/words.ts). Every locale needs them too.
 */
const SERVER_MESSAGE_KEYS: readonly string[] = ['privacy.deleted', 'privacy.delete-held', 'handoff.wait-unknown', 'handoff.wait-minutes'];

/** Every locale has every key the dialogs can emit, the same apps, and the same service numbers. */
function crossCheck(settings: Settings, locales: ReadonlyMap<string, LocaleContent>): void {
  const base = locales.get(settings.defaultLocale);
  if (!base) return;
  const keys = [...messageKeysFor(base.apps.map((a) => a.id)).filter((k) => !k.startsWith('apps.')), 'action.call', ...SERVER_MESSAGE_KEYS];
  for (const lc of locales.values()) {
    const mf = lc.files.messages;
    for (const key of keys) {
      if (!lc.messages.has(key)) mf.problem([], `The message "${key}" is missing. The chat needs it in every language.`);
    }
    for (const key of QUICK_REPLY_KEYS) {
      if (!lc.quickReplies.has(key)) mf.problems.push({ file: mf.file.replace('messages.yaml', 'quick-replies.yaml'), line: 0, message: `The quick reply "${key}" is missing.` });
    }
    if (lc === base) continue;
    for (const [key, entry] of lc.messages) {
      if (!base.messages.has(key)) {
        mf.problems.push({ file: mf.file, line: entry.line, message: `"${key}" is not in ${settings.defaultLocale}. Check the key's spelling.` });
      }
    }
    const baseApps = new Set(base.apps.map((a) => a.id));
    for (const a of lc.apps) {
      if (!baseApps.has(a.id)) lc.files.apps.problems.push({ file: lc.files.apps.file, line: a.line, message: `The app "${a.id}" is not in ${settings.defaultLocale}.` });
    }
    for (const id of baseApps) {
      if (!lc.apps.some((a) => a.id === id)) lc.files.apps.problem([], `Advice for the app "${id}" is missing. Every language needs it.`);
    }
    for (const s of base.services) {
      const t = lc.services.find((x) => x.id === s.id);
      if (!t) {
        lc.files.services.problem([], `The service "${s.id}" is missing. Every language needs the same services.`);
        continue;
      }
      if (t.phone !== s.phone || t.sms?.number !== s.sms?.number || t.is24x7 !== s.is24x7 || t.emergency !== s.emergency) {
        lc.files.services.problem([], `The service "${s.id}" has a different number or hours flag from ${settings.defaultLocale}. Numbers must match.`);
      }
    }
  }
}

/**
 * Session 23: the Welsh words the detector reads in every chat, whatever the page's locale
 * (children mix languages). Optional: without the file no Welsh is read (and a model trained with
 * it is stale).
 */
export const WELSH_FILE = 'cy-GB/welsh-words.yaml';

async function loadSafety(
  localeDir: string,
  display: (p: string) => string,
  problems: ContentProblem[],
  welshPath?: string,
): Promise<{ safety?: SafetyModel; respellings: Record<string, string> }> {
  const read = async (name: string, parse: (t: string) => unknown): Promise<unknown> => {
    const path = join(localeDir, name);
    try {
      return parse(await readFile(path, 'utf8'));
    } catch (e) {
      problems.push({ file: display(path), line: 0, message: `The red-flag detector needs this file and could not read it (${(e as Error).message}).` });
      return undefined;
    }
  };
  const redFlags = await read('red-flags.yaml', (t) => new YamlFile(display(join(localeDir, 'red-flags.yaml')), t).data);
  const textSpeak = await read('text-speak.yaml', (t) => new YamlFile(display(join(localeDir, 'text-speak.yaml')), t).data);
  const model = await read('safety-model.json', (t) => JSON.parse(t) as unknown);
  const expansions = (textSpeak as { expansions?: unknown } | undefined)?.expansions;
  const respellings: Record<string, string> = {};
  if (typeof expansions === 'object' && expansions !== null) {
    for (const [k, v] of Object.entries(expansions)) if (typeof v === 'string') respellings[k] = v;
  }
  // The Welsh file's problems name their line, so they are checked here first.
  let welsh: unknown;
  let welshFile: YamlFile | undefined;
  if (welshPath !== undefined) {
    let text: string | undefined;
    try {
      text = await readFile(welshPath, 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      welshFile = new YamlFile(display(welshPath), text);
      welsh = welshFile.data;
      if (welsh !== undefined) {
        for (const p of validateWelshSource(welsh, welshTextSpeak(textSpeak, welsh))) welshFile.problem(p.path, p.message);
      }
      problems.push(...welshFile.problems);
      if (welshFile.problems.length > 0) return { respellings };
    }
  }
  if (redFlags === undefined || textSpeak === undefined || model === undefined) return { respellings };
  const source = { redFlags, textSpeak, model, ...(welsh === undefined ? {} : { welsh }) };
  const found = validateSafetySource(source);
  for (const message of found) problems.push({ file: display(localeDir), line: 0, message });
  if (found.length > 0) return { respellings };
  try {
    return { safety: buildSafetyModel(source), respellings };
  } catch (e) {
    if (e instanceof SafetyModelError) for (const message of e.problems) problems.push({ file: display(localeDir), line: 0, message });
    else throw e;
    return { respellings };
  }
}

function mergeWords(all: readonly AnswerWords[]): AnswerWords {
  const first = all[0];
  if (!first) throw new RangeError('no locales');
  const lists = <T>(pick: (w: AnswerWords) => readonly T[]) => [...new Set(all.flatMap(pick))];
  const groups = <K extends string>(pick: (w: AnswerWords) => Readonly<Record<K, readonly string[]>>) =>
    Object.fromEntries(Object.keys(pick(first)).map((k) => [k, lists((w) => pick(w)[k as K])])) as Record<K, string[]>;
  return {
    ...(Object.fromEntries(ANSWER_LISTS.map((name) => [name, lists((w) => w[name])])) as Record<AnswerListName, string[]>),
    audience: groups((w) => w.audience),
    feelings: groups((w) => w.feelings),
    trustedAdults: groups((w) => w.trustedAdults),
    durations: groups((w) => w.durations),
    relations: groups((w) => w.relations),
  };
}

/** The dialog deps from content: words of every locale (children mix languages), apps by id. */
export function dialogDepsOf(source: ContentSource, safety: SafetyModel): DialogDeps {
  const all = [...source.locales.values()];
  const base = source.locales.get(source.settings.defaultLocale);
  if (!base) throw new RangeError('default locale missing');
  const apps: AppName[] = base.apps.map((a) => ({
    id: a.id,
    name: a.name,
    names: [...new Set(all.flatMap((lc) => lc.apps.filter((x) => x.id === a.id).flatMap((x) => [x.name, ...x.names])))],
  }));
  return {
    detect: (text, state) => detect(text, state, safety),
    words: mergeWords(all.map((lc) => lc.words)),
    apps,
    timing: {
      checkInAfterMs: source.settings.checkInAfterMinutes * 60_000,
      closeAfterMs: source.settings.closeAfterMinutes * 60_000,
    },
    respellings: source.respellings,
    ...welshWordsOf(safety, source.respellings),
    ...(source.otherLanguages ? { otherLanguages: otherLanguageMarkers(source.otherLanguages) } : {}),
  };
}

/**
 * A marker that is also English (natural's word list), Welsh (the detector's Welsh reader, mutated forms
 * too) or a word of any locale's answer lists (but `not_a_grown_up`, which lists other languages' words) would make an English or Welsh message read as foreign.
 * English text-speak ("mi", "ta") cannot be checked by machine: text-speak.yaml also holds these
 * languages' own words, for the detector. A word marking two languages is listed under one.
 */
function checkMarkers(f: YamlFile, source: OtherLanguagesSource, locales: readonly LocaleContent[], safety: SafetyModel | undefined): void {
  const answerWords = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') for (const w of v.toLowerCase().split(/[^\p{L}\p{N}]+/u)) answerWords.add(foldAccents(w));
    else if (Array.isArray(v)) v.forEach(collect);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(collect);
  };
  // not_a_grown_up holds other languages' words on purpose ("co mam robic": Polish, no mum named).
  for (const lc of locales) collect({ ...lc.words, notAGrownUp: [] });
  const welsh = safety?.words.welsh?.entries;
  const seen = new Map<string, string>();
  for (const [id, l] of Object.entries(source.languages)) {
    l.markers.forEach((m, i) => {
      const word = foldAccents(m);
      const at = ['languages', id, 'markers', i];
      const why = isEnglishWord(word)
        ? 'an English word'
        : welsh?.has(word) === true
          ? 'Welsh (content/cy-GB/welsh-words.yaml)'
          : answerWords.has(word)
            ? 'a word the answer lists listen for'
            : seen.has(word) && seen.get(word) !== id
              ? `already a marker of ${seen.get(word) ?? ''}`
              : undefined;
      if (why !== undefined) f.problem(at, `The marker "${m}" is ${why}, so it could make an English or Welsh message read as ${l.name}. Take it out.`);
      seen.set(word, seen.get(word) ?? id);
    });
  }
}

/**
 * The Welsh words the dialog keeps as typed in a Welsh message: text-speak respells them as other English
 * ("mae" → "mum", "da" → "dad"), where the Welsh file reads them otherwise ("is", "good").
 */
function welshWordsOf(safety: SafetyModel, respellings: Readonly<Record<string, string>>): Pick<DialogDeps, 'welsh'> {
  const reader = safety.words.welsh;
  if (!reader) return {};
  const signals = new Set<string>();
  for (const [form, e] of reader.entries) if (e.marker || e.open) signals.add(form);
  const keepAsTyped = new Set<string>();
  for (const [short, plain] of Object.entries(respellings)) {
    const english = reader.entries.get(short)?.english;
    if (english !== undefined && english.join(' ') !== plain) keepAsTyped.add(short);
  }
  return { welsh: { signals, keepAsTyped } };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Build the frozen `Content` the server uses from validated source. */
export function contentFrom(source: ContentSource): Content {
  if (!source.safety) throw new ContentError([{ file: 'content', line: 0, message: 'The red-flag detector could not be built.' }]);
  const { settings } = source;
  const pick = (locale?: string): LocaleContent => {
    const lc = source.locales.get(locale ?? settings.defaultLocale) ?? source.locales.get(settings.defaultLocale);
    if (!lc) throw new RangeError('default locale missing');
    return lc;
  };
  const apps = new Map<string, Map<string, MessageEntry>>();
  for (const lc of source.locales.values()) {
    // Per-app advice renders like any message: `apps.<id>.advice`.
    const extra = new Map(lc.messages);
    for (const a of lc.apps) extra.set(`apps.${a.id}.advice`, { text: a.advice, note: a.note, reader: 'child', facts: [], line: a.line });
    apps.set(lc.locale, extra);
  }
  const tables = new Map<string, LocaleTable>(
    [...source.locales.values()].map((lc) => [lc.locale, { messages: apps.get(lc.locale) ?? lc.messages, quickReplies: lc.quickReplies, services: lc.services }]),
  );
  const content: Content = {
    version: source.version,
    defaultLocale: settings.defaultLocale,
    locales: settings.locales,
    render(key, facts, locale, quickReplies, reader) {
      const table = tables.get(pick(locale).locale);
      if (!table) throw new RangeError('default locale missing');
      return renderMessage(table, key, facts, quickReplies, reader);
    },
    helpNow(locale) {
      const list: ServiceInfo[] = pick(locale).services.map((s) => ({
        id: s.id,
        name: s.name,
        for: s.for,
        ...(s.phone === undefined ? {} : { phone: s.phone }),
        ...(s.sms === undefined ? {} : { sms: s.sms }),
        ...(s.url === undefined ? {} : { url: s.url }),
        ...(s.hours === undefined ? {} : { hours: s.hours }),
        is24x7: s.is24x7,
        emergency: s.emergency,
      }));
      return [...list.filter((s) => s.emergency), ...list.filter((s) => !s.emergency)];
    },
    dialogDeps: dialogDepsOf(source, source.safety),
    openingHours: source.hours,
    cannedReplies(locale): readonly CannedReplyInfo[] {
      return pick(locale).cannedReplies.map(({ id, title, text }) => ({ id, title, text }));
    },
    hasLocale: (locale) => source.locales.has(locale),
  };
  // Freeze the data; the functions inside close over frozen tables.
  deepFreeze(source.hours);
  return Object.freeze(content);
}

/**
 * Load, validate and freeze `content/`. Rejects with a `ContentError` listing every problem in
 * plain English with file and line: the server must refuse to start on invalid content.
 */
export async function loadContent(dir = 'content'): Promise<Content> {
  const { source, problems } = await readContent(dir);
  if (!source || problems.length > 0) throw new ContentError(problems);
  return contentFrom(source);
}

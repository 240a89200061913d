import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { ContentProblem } from './problems.js';

type Path = readonly (string | number)[];

/**
 * One parsed YAML file that remembers where each value came from, so problems can name a line.
 * Parse errors become problems too (never exceptions).
 */
export class YamlFile {
  readonly problems: ContentProblem[] = [];
  readonly data: unknown;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const e of this.doc.errors) {
      const line = e.linePos?.[0]?.line ?? this.lines.linePos(e.pos[0]).line;
      this.problems.push({ file, line, message: `This is not valid YAML here: ${plainYamlError(e.message)}` });
    }
    this.data = this.doc.errors.length > 0 ? undefined : this.doc.toJS();
  }

  /** 1-based line of the value at `path`, or of the nearest parent that exists. */
  line(path: Path): number {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }

  /** 1-based line of a mapping key (for problems about the entry as a whole). */
  keyLine(path: Path): number {
    const parent = this.doc.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    if (isNode(parent) && 'items' in parent && Array.isArray(parent.items)) {
      for (const item of parent.items as unknown[]) {
        const key = (item as { key?: unknown }).key;
        if (isNode(key) && (key as { value?: unknown }).value === last && key.range) {
          return this.lines.linePos(key.range[0]).line;
        }
      }
    }
    return this.line(path);
  }

  problem(path: Path, message: string): void {
    this.problems.push({ file: this.file, line: this.line(path), message });
  }
}

function plainYamlError(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+.*$/, '');
}

/** Small typed readers that record a plain-English problem instead of throwing. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function readString(f: YamlFile, obj: Record<string, unknown>, key: string, path: Path, what: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) {
    f.problems.push({ file: f.file, line: path.length > 0 ? f.keyLine(path) : 1, message: `${what} has no \`${key}:\`. Add one.` });
    return undefined;
  }
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v.trim() === '') {
    f.problem([...path, key], `\`${key}:\` of ${what} should be some text.`);
    return undefined;
  }
  return v;
}

export function readOptionalString(f: YamlFile, obj: Record<string, unknown>, key: string, path: Path, what: string): string | undefined {
  if (obj[key] === undefined || obj[key] === null) return undefined;
  return readString(f, obj, key, path, what);
}

export function readBoolean(f: YamlFile, obj: Record<string, unknown>, key: string, path: Path, what: string): boolean {
  const v = obj[key];
  if (typeof v !== 'boolean') {
    f.problem([...path, key], `\`${key}:\` of ${what} should be true or false.`);
    return false;
  }
  return v;
}

export function readStringList(f: YamlFile, v: unknown, path: Path, what: string): string[] {
  if (!Array.isArray(v)) {
    f.problem(path, `${what} should be a list (lines starting with "- ").`);
    return [];
  }
  const out: string[] = [];
  v.forEach((item, i) => {
    if (typeof item === 'string' && item.trim() !== '') out.push(item);
    else if (typeof item === 'number') out.push(String(item));
    else f.problem([...path, i], `Item ${i + 1} of ${what} should be some text.`);
  });
  return out;
}

/** Warn about keys nobody reads: usually a typo such as `nots:` for `note:`. */
export function checkKnownKeys(f: YamlFile, obj: Record<string, unknown>, known: readonly string[], path: Path, what: string): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      f.problem([...path, key], `${what} has \`${key}:\`, which Harbour does not know. Did you mean one of: ${known.join(', ')}?`);
    }
  }
}

/**
 * Content problems in plain English, each with the file and line, so that a safeguarding lead can
 * fix content without a programmer. The loader collects every problem it can find before failing.
 */

export interface ContentProblem {
  /** Path relative to the content folder's parent, e.g. `content/en-GB/messages.yaml`. */
  readonly file: string;
  /** 1-based; 0 when the problem is about a whole file. */
  readonly line: number;
  readonly message: string;
}

/** Thrown by `loadContent` when content is not valid: the server refuses to start. */
export class ContentError extends Error {
  readonly code = 'HARBOUR_ERR_CONTENT_INVALID';
  constructor(readonly problems: readonly ContentProblem[]) {
    super(`content has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ContentError';
  }
}

/** `content/en-GB/messages.yaml:12: …` */
export function formatProblem(p: ContentProblem): string {
  return `${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`;
}

import type { BuildOptions } from 'esbuild';

/** Types for scripts/build.mjs, for TypeScript callers (the benchmark). */
export declare const ENTRIES: readonly string[];
export declare const NODE_BUNDLE: BuildOptions;
export declare function buildAll(options?: { outdir?: string; quiet?: boolean }): Promise<string[]>;

/**
 * Type of the module server/build/widget-bundle.ts writes as `help-now.ts` (gitignored) from the
 * loaded content. This declaration is committed so a fresh checkout type-checks before a build.
 */
import type { HelpService } from '../help-now.types.js';

/** The helpline's name, from configuration. */
export declare const HELPLINE_NAME: string;
/** Days a chat is kept before deletion, for "About this chat". */
export declare const RETENTION_DAYS: number;
/** Services for "Get help now", emergency first. */
export declare const HELP_NOW: readonly HelpService[];

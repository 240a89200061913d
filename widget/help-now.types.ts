import type { ServiceInfo } from '../server/protocol/index.js';

/**
 * A service shown by "Get help now": the content's ServiceInfo without the server-only fields. The
 * build copies these from the server's loaded content into `generated/help-now.ts`, so the numbers
 * are inside the bundle and show even when the server cannot be reached.
 */
export type HelpService = Omit<ServiceInfo, 'is24x7'>;

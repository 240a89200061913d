/**
 * A service shown by "Get help now". The build copies these from the server's loaded content
 * into `generated/help-now.ts`, so the numbers are inside the bundle and show even when the
 * server cannot be reached.
 */
export interface HelpService {
  readonly id: string;
  readonly name: string;
  /** Who it is for, in plain words. */
  readonly for: string;
  readonly phone?: string;
  readonly sms?: { readonly number: string; readonly keyword?: string };
  readonly url?: string;
  readonly hours?: string;
  readonly emergency: boolean;
}

/**
 * A helpline or emergency service, from content/<locale>/services.yaml. Defined here because the
 * widget's "Get help now" panel carries the same facts in its bundle (widget/help-now.types.ts).
 */
export interface ServiceInfo {
  readonly id: string;
  readonly name: string;
  /** Who it is for, in plain words. */
  readonly for: string;
  readonly phone?: string;
  /** e.g. text SHOUT to 85258. */
  readonly sms?: { readonly number: string; readonly keyword?: string };
  readonly url?: string;
  /** Plain-words hours, e.g. "24 hours, every day". */
  readonly hours?: string;
  readonly is24x7: boolean;
  readonly emergency: boolean;
}

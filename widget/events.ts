/**
 * The typed DOM events the widget's elements fire (as Shoelace's src/events/). Only `hb-*`
 * events inside the widget; they neither bubble nor cross shadow roots:
 * each parent listens on its own child.
 */

/** The child asked to send a message (from the composer or a quick reply). */
export type HbSendEvent = CustomEvent<{ readonly text: string }>;
/** The child asked to re-send a failed message. */
export type HbRetryEvent = CustomEvent<{ readonly id: string }>;

/** Builds an `hb-send` event, dispatched on the element itself (the parent listens on it). */
export function hbSend(text: string): HbSendEvent {
  return new CustomEvent('hb-send', { detail: { text } });
}

/** Builds an `hb-retry` event. */
export function hbRetry(id: string): HbRetryEvent {
  return new CustomEvent('hb-retry', { detail: { id } });
}

/** The child is typing (throttled), so a counsellor can see it. Carries no text. */
export type HbTypingEvent = CustomEvent<null>;

/** Builds an `hb-typing` event. */
export function hbTyping(): HbTypingEvent {
  return new CustomEvent('hb-typing', { detail: null });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hb-typing': HbTypingEvent;
    'hb-send': HbSendEvent;
    'hb-retry': HbRetryEvent;
  }
}

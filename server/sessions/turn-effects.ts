import type { Content, Facts } from '../content/types.js';
import type { DialogEmitted } from '../../dialogs/types.js';
import type { NewActivity } from '../store/types.js';
import { botMessageActivity, handoffInitiateActivity } from './activities.js';

/**
 * Turns what a dialog emitted during one turn into activities to commit and side effects to run
 * after the commit. Pure: no I/O.
 */

/** A handoff the dialog asked for, carried out after the turn is committed. */
export type HandoffAsk = Extract<DialogEmitted, { type: 'handoff.requested' }>;

export interface TurnEffects {
  /** `lead` as given (see {@link effectsOf}), then the turn's activities. */
  readonly activities: NewActivity[];
  /** What the bot said in this turn (see {@link saidSignature}), including what `alreadySaid` held. */
  said: readonly string[];
  /** undefined: leave the stored deadline alone; null: clear it; Date: set it. */
  checkInDueAt: Date | null | undefined;
  handoffs: readonly HandoffAsk[];
  closed: string | null;
}

/** One bot message's identity: its key and facts. Quick replies do not make a message new. */
export function saidSignature(event: Extract<DialogEmitted, { type: 'bot.say' }>): string {
  return event.facts === undefined ? event.key : `${event.key} ${JSON.stringify(event.facts)}`;
}

/**
 * The facts a dialog keeps for every message of the chat (`sayFacts` in its context: "your sister"
 * for `{friend}`), when it keeps any, in the shape the renderer takes; anything else is ignored.
 */
export function sayFactsOf(context: Readonly<Record<string, unknown>>): Facts | undefined {
  const facts = context['sayFacts'];
  if (typeof facts !== 'object' || facts === null) return undefined;
  const out: Record<string, Facts[string]> = {};
  for (const [name, value] of Object.entries(facts)) {
    if (typeof value === 'string' || typeof value === 'number') out[name] = value;
    else if (typeof value === 'object' && value !== null && typeof (value as { words?: unknown }).words === 'string') out[name] = { words: (value as { words: string }).words };
  }
  return out;
}

/** Who reads the bot's words in this chat: a parent, carer or other adult, or a young person (also before anyone says). */
export function readerOf(context: Readonly<Record<string, unknown>>): 'child' | 'adult' {
  const audience = context['audience'];
  return audience === 'parent_carer' || audience === 'someone_else' ? 'adult' : 'child';
}

/**
 * The usual `alreadySaid` and a turn's `said` and `handoffs` until it has one: frozen empty lists
 * shared by every turn, replaced (never written) at the first entry. A turn says one or two things:
 * a list searched from the start costs less than a Set made and copied for every turn.
 */
const NOTHING_SAID: readonly string[] = Object.freeze([]);
const NO_HANDOFFS: readonly HandoffAsk[] = Object.freeze([]);

/**
 * Renders emitted events in order. `defaultCheckIn` applies when the dialog said nothing about
 * check-ins. A message already said in this turn, or in `alreadySaid` (the turn that asked for a
 * counsellor, when the answer comes straight back), is not said again: a frightened child should
 * not read the same numbers twice in a row. `chatFacts` (see {@link sayFactsOf}) fill placeholders a
 * message's own facts leave open. `lead`: what the turn commits before them (the child's message);
 * the returned activities are this list with the turn's added, so the caller gives one it owns.
 */
export function effectsOf(
  emitted: readonly DialogEmitted[],
  content: Content,
  locale: string,
  now: number,
  defaultCheckIn: Date | null | undefined,
  alreadySaid: readonly string[] = NOTHING_SAID,
  chatFacts?: Facts,
  reader: 'child' | 'adult' = 'child',
  lead: NewActivity[] = [],
): TurnEffects {
  const effects: TurnEffects = { activities: lead, said: alreadySaid, checkInDueAt: defaultCheckIn, handoffs: NO_HANDOFFS, closed: null };
  for (const event of emitted) {
    switch (event.type) {
      case 'bot.say': {
        const signature = saidSignature(event);
        if (effects.said.includes(signature)) break;
        effects.said = [...effects.said, signature];
        const facts = chatFacts === undefined ? event.facts : { ...chatFacts, ...event.facts };
        const rendered = content.render(event.key, facts, locale, event.quickReplies, reader);
        effects.activities.push({ activity: botMessageActivity(rendered, event.key) });
        break;
      }
      case 'handoff.requested':
        effects.activities.push({ activity: handoffInitiateActivity(event.urgency, event.findings) });
        effects.handoffs = [...effects.handoffs, event];
        break;
      case 'checkin.request':
        effects.checkInDueAt = new Date(now + Math.max(0, event.afterMs));
        break;
      case 'checkin.cancel':
        effects.checkInDueAt = null;
        break;
      case 'conversation.closed':
        effects.closed = event.reason;
        break;
      default:
        // Unknown emitted events are ignored: the dialog may add events other layers listen for.
        break;
    }
  }
  return effects;
}

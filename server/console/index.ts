import type { ExtraPlugin } from '../app.js';
import type { Content } from '../content/types.js';
import { WaitEstimator } from '../handoff/estimate.js';
import { validateOpeningHours } from '../handoff/hours.js';
import { LiveHandoffService } from '../handoff/service.js';
import { handoffWords, type HandoffWords } from '../handoff/words.js';
import consolePlugin from '../routes/console/index.js';
import { handoffCaseRepository } from '../store/console-cases.js';
import { consoleStore } from '../store/console-repositories.js';
import { sqlDbOf } from '../store/index.js';
import type { Store } from '../store/types.js';
import { loadConsoleConfig, type ConsoleConfig } from './options.js';

/** What server.ts passes to buildApp to turn on the queue and the console. */
export interface ConsoleSetup {
  readonly handoff: LiveHandoffService;
  readonly plugin: ExtraPlugin;
}

/**
 * The live handoff service (queue, estimate, opening hours from content) and the console plugin
 * that serves /console. Pass `handoff` to buildApp and add `plugin` to its `plugins`.
 */
export function createConsole(input: {
  readonly store: Store;
  readonly content: Content;
  readonly config?: ConsoleConfig;
  readonly locale?: string;
}): ConsoleSetup {
  const config = input.config ?? loadConsoleConfig();
  validateOpeningHours(input.content.openingHours);
  const db = sqlDbOf(input.store);
  const repos = consoleStore(db);
  // Status words in each conversation's own locale (looked up once per locale).
  const byLocale = new Map<string, HandoffWords>();
  const wordsFor = (locale: string | undefined): HandoffWords => {
    const key = locale ?? input.locale ?? input.content.defaultLocale;
    let w = byLocale.get(key);
    if (!w) {
      w = handoffWords(input.content, key);
      byLocale.set(key, w);
    }
    return w;
  };
  const handoff = new LiveHandoffService({
    hours: input.content.openingHours,
    maxWaitSeconds: config.maxWaitSeconds,
    estimator: new WaitEstimator({ minSamples: config.estimateMinSamples }),
    words: async (conversationId) => wordsFor((await input.store.conversations.get(conversationId).catch(() => null))?.locale),
    audit: repos.audit,
    participants: repos.participants,
    cases: handoffCaseRepository(db),
  });
  return {
    handoff,
    plugin: {
      plugin: consolePlugin,
      options: {
        handoff,
        timeouts: { idleMs: config.idleMinutes * 60_000, absoluteMs: config.absoluteHours * 3_600_000 },
        cannedReplies: input.content.cannedReplies(input.locale),
      },
    },
  };
}

import { assign, emit, enqueueActions, raise, setup } from 'xstate';
import { createAnalyser, EMPTY_TURN } from './analyse.js';
import type { DialogDeps } from './deps.js';
import type { Finding } from './safety/finding.js';
import { EMPTY_DETECTOR_STATE } from './safety/types.js';
import type { HarbourContext, HarbourEvent } from './harbour.types.js';
import type { ConversationSummary, DialogEmitted, DialogInput } from './types.js';
import { QR } from './message-keys.js';
import { ASKED, closingHelplines, escalation, isAdult, isPersonComing, pathOf, routesFor, say, union } from './wording.js';

export { pathOf, type PathPrefix } from './wording.js';

/**
 * `setup()` for the Harbour machine: every action and guard by name. The deps (detector, answer
 * words, timing) are closed over here; the context stays plain data.
 */
export function createHarbourSetup(deps: DialogDeps) {
  const analyse = createAnalyser(deps);
  const appName = (id: string | undefined): string => deps.apps.find((a) => a.id === id)?.name ?? '';

  return setup({
    types: {
      context: {} as HarbourContext,
      events: {} as HarbourEvent,
      input: {} as DialogInput,
      emitted: {} as DialogEmitted,
    },
    actions: {
      /** Run the detector and understand the answer, once per message. */
      analyseMessage: assign(({ context, event }) => {
        if (event.type !== 'user.message') return {};
        const { turn, detector } = analyse(event.text, context.detector);
        const s = context.summary;
        const asked: string[] = [];
        for (const c of turn.categories) {
          const what = ASKED[c];
          if (what !== undefined) asked.push(what);
        }
        const adds =
          (turn.app !== undefined && s.app === undefined) ||
          turn.ageBand !== undefined ||
          turn.feeling !== undefined ||
          turn.categories.length > 0 || // every category asked about is a category too
          turn.homeProblem === true;
        // Most messages add nothing to the summary: keep the same object (and snapshot part).
        const summary: ConversationSummary = !adds
          ? s
          : {
              ...s,
              ...(turn.app !== undefined && s.app === undefined ? { app: appName(turn.app) } : {}),
              ...(turn.ageBand !== undefined ? { ageBand: turn.ageBand } : {}),
              ...(turn.feeling !== undefined ? { feelings: union(s.feelings, [turn.feeling]) } : {}),
              ...(asked.length > 0 ? { asked: union(s.asked, asked) } : {}),
              ...(turn.categories.length > 0 ? { categories: union(s.categories, turn.categories) } : {}),
              ...(turn.homeProblem === true ? { homeIsUnsafe: true } : {}),
            };
        return { turn, detector, summary, checkIns: 0 };
      }),
      routeMessage: raise({ type: 'dialog.route' }),
      answerMessage: raise({ type: 'dialog.answer' }),
      /** Ask the server for a check-in deadline, unless a counsellor is with the child. */
      requestCheckIn: enqueueActions(({ context, enqueue }) => {
        if (context.handoff !== 'accepted') enqueue.emit({ type: 'checkin.request', afterMs: deps.timing.checkInAfterMs });
      }),
      sayOpening: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('opening.welcome'));
        enqueue.emit(say('opening.computer-helper'));
        enqueue.emit(say(context.counsellorOnShift ? 'opening.counsellor-on-shift' : 'opening.counsellor-off-shift'));
        enqueue.emit(say('opening.privacy'));
        enqueue.emit(say('opening.who', { quickReplies: QR.who }));
      }),
      /** Say one fixed message. */
      say: emit((_, params: { key: string; quickReplies?: readonly string[] }) =>
        say(params.key, params.quickReplies === undefined ? {} : { quickReplies: params.quickReplies }),
      ),
      /** Say a message in the wording of who is chatting: `<child|friend|parent>.<step>`. */
      sayStep: emit(({ context }, params: { step: string; quickReplies?: readonly string[] }) =>
        say(
          `${pathOf(context.audience)}.${params.step}`,
          params.quickReplies === undefined ? {} : { quickReplies: params.quickReplies },
        ),
      ),
      setAudience: assign(({ context }) => {
        const audience = context.turn.audience ?? 'young_person';
        return { audience, summary: { ...context.summary, audience }, notUnderstood: 0 };
      }),
      recordDuration: assign(({ context }) =>
        context.turn.duration === undefined ? {} : { summary: { ...context.summary, duration: context.turn.duration } },
      ),
      recordTrustedAdult: assign(({ context }) =>
        context.turn.trustedAdult === undefined
          ? context.turn.noTrustedAdult
            ? { summary: { ...context.summary, trustedAdult: 'none' } }
            : {}
          : { summary: { ...context.summary, trustedAdult: context.turn.trustedAdult } },
      ),
      /** The child said the person asked them to say or do things that felt wrong: tips then cover images and pressure. */
      recordAskedToDo: assign(({ context }) => ({
        summary: { ...context.summary, asked: union(context.summary.asked, ['something that felt wrong or scary']) },
      })),
      reflectFeeling: emit(({ context }) => say(`feeling.${context.turn.feeling ?? 'unknown'}`)),
      understood: assign({ notUnderstood: 0 }),
      /** A reply the step could not place: reflect, re-ask; after two in a row, offer a person. */
      notUnderstood: enqueueActions(
        ({ context, enqueue }, params: { retry: string; quickReplies?: readonly string[] }) => {
          const count = context.notUnderstood + 1;
          enqueue.assign({ notUnderstood: count });
          const retry = params.retry.startsWith('.') ? `${pathOf(context.audience)}${params.retry}` : params.retry;
          const qr = params.quickReplies === undefined ? {} : { quickReplies: params.quickReplies };
          if (count >= 2) {
            enqueue.emit(say('fallback.offer-help', { quickReplies: QR.offerHelp }));
            enqueue.emit(say(isAdult(context) ? 'helplines.now.adult' : 'helplines.now.child'));
            enqueue.assign({ notUnderstood: 0 });
          } else {
            enqueue.emit(say(context.turn.hasWords ? 'fallback.reflect' : 'fallback.no-words'));
            enqueue.emit(say(retry, qr));
          }
        },
      ),
      escalateOnFindings: enqueueActions(({ context, enqueue }) => {
        const t = context.turn;
        const urgency = t.urgency ?? 'normal';
        const { out, raises, categories, escalated } = escalation(context, urgency, t.findings);
        for (const e of out) enqueue.emit(e);
        enqueue.assign({
          escalated,
          handoff: context.handoff === 'none' || context.handoff === 'failed' ? 'requested' : context.handoff,
          handoffReason: context.handoffReason ?? 'red_flag',
          ...(raises ? { urgency } : {}),
          summary: { ...context.summary, urgency: raises ? urgency : (context.summary.urgency ?? urgency) },
          said: {
            ...context.said,
            selfHarm: context.said.selfHarm || categories.includes('self_harm'),
            dontSend:
              context.said.dontSend || categories.some((c) => c === 'threat_blackmail' || c === 'financial' || c === 'sexual'),
          },
        });
      }),
      /** The child said the person seems to know private things: a red flag by the guidance. */
      escalateKnowsPrivate: enqueueActions(({ context, enqueue }) => {
        const finding: Finding = {
          category: 'personal_info',
          urgency: 'high',
          confidence: 1,
          rule: 'dialog:knows-private.yes',
          detectorVersion: 'dialog',
          evidence: [],
        };
        const { out, raises, escalated } = escalation(context, 'high', [finding]);
        for (const e of out) enqueue.emit(e);
        enqueue.assign({
          escalated,
          handoff: context.handoff === 'none' ? 'requested' : context.handoff,
          handoffReason: context.handoffReason ?? 'red_flag',
          ...(raises ? { urgency: 'high' as const } : {}),
          summary: {
            ...context.summary,
            urgency: raises ? 'high' : (context.summary.urgency ?? 'high'),
            categories: union(context.summary.categories, ['personal_info']),
            asked: union(context.summary.asked, ['personal details']),
          },
        });
      }),
      requestPerson: enqueueActions(({ context, enqueue }) => {
        enqueue.emit({ type: 'handoff.requested', urgency: 'normal', findings: [], reason: 'asked_for_person' });
        enqueue.emit(say(context.counsellorOnShift ? 'handoff.asking' : 'handoff.asking-off-shift'));
        if (!context.counsellorOnShift) enqueue.emit(say(isAdult(context) ? 'helplines.now.adult' : 'helplines.now.child'));
        enqueue.assign({
          handoff: 'requested',
          handoffReason: 'asked_for_person',
          urgency: context.urgency ?? 'normal',
          summary: { ...context.summary, urgency: context.summary.urgency ?? 'normal' },
        });
      }),
      sayNobodyCanCome: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('handoff.nobody-now'));
        enqueue.emit(say(isAdult(context) ? 'helplines.now.adult' : 'helplines.now.child'));
      }),
      sayDetailsNotNeeded: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say(isAdult(context) ? 'details.not-needed.adult' : 'details.not-needed.child'));
        enqueue.assign({ said: { ...context.said, details: true } });
      }),
      closeWithGoodbye: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say(isAdult(context) ? 'close.goodbye.adult' : 'close.goodbye.child'));
        if (context.urgency === 'immediate') enqueue.emit(say('safety.immediate'));
        enqueue.emit(closingHelplines(context));
        enqueue.emit({ type: 'checkin.cancel' });
        enqueue.emit({ type: 'conversation.closed', reason: 'goodbye' });
      }),
      checkInGently: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('checkin.gentle', { quickReplies: QR.checkIn }));
        enqueue.emit({ type: 'checkin.request', afterMs: deps.timing.closeAfterMs });
        enqueue.assign({ checkIns: context.checkIns + 1 });
      }),
      checkInWhileWaiting: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say(isPersonComing(context) ? 'checkin.waiting' : 'checkin.no-counsellor'));
        // A queued or escalated chat is never closed for silence; keep checking in, a bounded number of times.
        if (context.checkIns < 3) enqueue.emit({ type: 'checkin.request', afterMs: deps.timing.closeAfterMs });
        enqueue.assign({ checkIns: context.checkIns + 1 });
      }),
      closeOnSilence: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('close.silence'));
        enqueue.emit(closingHelplines(context));
        enqueue.emit({ type: 'conversation.closed', reason: 'silence' });
      }),
      exitQuickly: enqueueActions(({ enqueue }) => {
        enqueue.emit({ type: 'checkin.cancel' });
        enqueue.emit({ type: 'conversation.closed', reason: 'quick_exit' });
      }),
      onQueued: enqueueActions(({ event, enqueue }) => {
        if (event.type !== 'handoff.queued') return;
        enqueue.emit(say('handoff.queued', { facts: { position: event.position } }));
        enqueue.assign({ handoff: 'queued' });
      }),
      onUnavailable: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'handoff.unavailable') return;
        enqueue.emit(say(`handoff.unavailable.${event.reason.replace(/_/g, '-')}`));
        for (const s of routesFor(context)) enqueue.emit(s);
        enqueue.emit(say('handoff.keep-talking', { quickReplies: QR.keepTalking }));
        enqueue.assign({ handoff: 'unavailable' });
      }),
      onAccepted: enqueueActions(({ event, enqueue }) => {
        if (event.type !== 'handoff.accepted') return;
        enqueue.emit(say('handoff.accepted', { facts: { name: event.counsellorName } }));
        enqueue.emit({ type: 'checkin.cancel' });
        enqueue.assign({ handoff: 'accepted' });
      }),
      onFailed: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('handoff.failed'));
        enqueue.emit({
          type: 'handoff.requested',
          urgency: context.urgency ?? 'normal',
          findings: [],
          reason: context.handoffReason ?? 'asked_for_person',
        });
        enqueue.emit(say(isAdult(context) ? 'helplines.now.adult' : 'helplines.now.child'));
        enqueue.emit({ type: 'checkin.request', afterMs: deps.timing.checkInAfterMs });
        enqueue.assign({ handoff: 'requested' });
      }),
      closeByCounsellor: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('close.counsellor-ended'));
        enqueue.emit(closingHelplines(context));
        enqueue.emit({ type: 'conversation.closed', reason: 'counsellor_ended' });
      }),
      setAvailability: assign(({ event }) => (event.type === 'counsellor.availability' ? { counsellorOnShift: event.onShift } : {})),
      /** Practical advice fitted to who is chatting and the app named. */
      sayAdvice: enqueueActions(({ context, enqueue }) => {
        const prefix = pathOf(context.audience);
        const app = deps.apps.find((a) => a.name === context.summary.app);
        // Images and pressure come up when something was asked of the child, never out of the blue.
        const pressured =
          (context.summary.categories ?? []).some((c) => c === 'sexual' || c === 'threat_blackmail' || c === 'financial') ||
          (context.summary.asked?.length ?? 0) > 0;
        enqueue.emit(say(`${prefix}.advice.intro`));
        if (prefix === 'parent') {
          enqueue.emit(say('parent.advice.stay-calm'));
          enqueue.emit(say('parent.advice.keep-internet'));
          enqueue.emit(say('parent.advice.dont-confront'));
        }
        if (app !== undefined) {
          if (prefix !== 'child') enqueue.emit(say('advice.app-intro', { facts: { app: app.name } }));
          enqueue.emit(say(`apps.${app.id}.advice`));
        } else enqueue.emit(say('advice.any-app'));
        enqueue.emit(say('advice.keep-evidence'));
        if (pressured) {
          enqueue.emit(say('advice.images'));
          if (!context.said.dontSend) enqueue.emit(say('advice.dont-send-or-pay'));
        }
        enqueue.emit(say(prefix === 'parent' ? 'parent.advice.report' : 'advice.report'));
        if (prefix === 'parent') {
          enqueue.emit(say('parent.advice.child-can-talk'));
          enqueue.emit(say('parent.advice.watch'));
        } else enqueue.emit(say(`${prefix}.come-back`));
      }),
    },
    guards: {
      hasRedFlag: ({ context }) => context.turn.urgency !== undefined,
      isWithCounsellor: ({ context }) => context.handoff === 'accepted',
      isPersonComing: ({ context }) => isPersonComing(context),
      asksForPerson: ({ context }) => context.turn.asksForPerson === true,
      hasAskedForPerson: ({ context }) => context.handoff !== 'none' && context.handoff !== 'failed',
      isGoodbye: ({ context }) => context.turn.goodbye === true,
      isStillHere: ({ context }) => context.turn.stillHere === true,
      isGreeting: ({ context }) => context.turn.greeting === true,
      tellsStory: ({ context }) => context.turn.tellsStory === true,
      namesAdult: ({ context }) => context.turn.audience === 'parent_carer' || context.turn.audience === 'someone_else',
      isOnYoungPath: ({ context }) => context.audience !== undefined && pathOf(context.audience) !== 'parent',
      isOnAdultPath: ({ context }) => pathOf(context.audience) === 'parent',
      sharesOwnDetails: ({ context }) => context.turn.sharesOwnDetails === true && !context.said.details,
      isEscalated: ({ context }) => context.handoff !== 'none',
      namesAudience: ({ context }) => context.turn.audience !== undefined,
      declines: ({ context }) => context.turn.declines === true,
      saysYes: ({ context }) => context.turn.yes === true,
      saysNo: ({ context }) => context.turn.no === true,
      isUnsure: ({ context }) => context.turn.unsure === true,
      wantsTips: ({ context }) => context.turn.wantsTips === true,
      knowsApp: ({ context }) => context.summary.app !== undefined,
      namesFeeling: ({ context }) => context.turn.feeling !== undefined,
      namesTrustedAdult: ({ context }) => context.turn.trustedAdult !== undefined,
      namesNoTrustedAdult: ({ context }) => context.turn.noTrustedAdult === true,
      homeIsUnsafe: ({ context }) => context.summary.homeIsUnsafe === true,
      hasWords: ({ context }) => context.turn.hasWords === true,
      hasCheckedIn: ({ context }) => context.checkIns > 0,
    },
  });
}

/** The typed setup, for state configs in other files. */
export type HarbourSetup = ReturnType<typeof createHarbourSetup>;

/** The context a new conversation starts with. */
export function initialContext(input: DialogInput): HarbourContext {
  return {
    counsellorOnShift: input.counsellorOnShift,
    detector: EMPTY_DETECTOR_STATE,
    turn: EMPTY_TURN,
    handoff: 'none',
    notUnderstood: 0,
    checkIns: 0,
    said: { selfHarm: false, dontSend: false, details: false },
    summary: {},
  };
}

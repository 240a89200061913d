import { assign, emit, setup } from 'xstate';
import { enqueueActions, fastAnd } from './xstate-lite.js';
import { createMessageReader, dialogFinding, EMPTY_TURN, type MessageReader, type TurnAnalysis } from './analyse.js';
import type { AppName, DialogDeps } from './deps.js';
import type { Category, Urgency } from './safety/finding.js';
import { EMPTY_DETECTOR_STATE } from './safety/types.js';
import type { HarbourContext, HarbourEvent, MessageReading, ReadMessage } from './harbour.types.js';
import type { Audience, BotSay, ConversationSummary, DialogEmitted, DialogInput } from './types.js';
import { QR } from './message-keys.js';
import { AGE_LIE_RULE, EXPLOITATION_SIGNS_FINDING, ASKED, caresLine, grownUpTargetOf, DETAILS_GIVEN_RULE, SOMEONE_OUTSIDE_RULE, isHomeAloneFinding, WAKE_THEM, wakeSomeoneNext, ASKED_WRONG_OR_SCARY, blackmailKnown, supportChildLine, dangerStep, closingHelplines, dontComply, dontMeet, dontMeetNow, dontSendOrPay, selfHarmFirstBesideDanger, escalation, IN_PERSON_TIPS, IN_PERSON_TIPS_AT_WORK, isHarmInPerson, isSelfHarmOnly, SELF_HARM_TIPS, isAdult, isPersonComing, isWaitingForPerson, pathOf, routesFor, say, sayToReader, stillInDanger, union, type PathPrefix } from './wording.js';

export { pathOf, type PathPrefix } from './wording.js';

/** How the setup is built: `answerGate: false` asks `stepAnswers` of every message (for the test that compares the two). */
export interface HarbourSetupOptions {
  readonly answerGate?: boolean;
}

/**
 * `setup()` for the Harbour machine: every action and guard by name. The deps (detector, answer
 * words, timing) are closed over here; the context stays plain data.
 */
export function createHarbourSetup(deps: DialogDeps, readMessage: MessageReader = createMessageReader(deps), options: HarbourSetupOptions = {}) {
  const answerGate = options.answerGate !== false;
  /** An app's own advice (a grown-up or a friend hears "Here is what can help on …:" first); none for no app. */
  const adviceForApp = (app: AppName | undefined, prefix: PathPrefix): BotSay[] => {
    if (app === undefined) return [];
    const advice = say(`apps.${app.id}.advice`);
    return prefix === 'child' ? [advice] : [say('advice.app-intro', { facts: { app: app.name } }), advice];
  };
  /** The advice of the app the story named (the summary's). */
  /** The tips for the app this message names ("how do i block on whatsapp"), else for the chat's app. */
  const appAdviceOf = (context: HarbourContext, prefix: PathPrefix): BotSay[] => {
    const named = context.turn.app === undefined ? undefined : deps.apps.find((a) => a.id === context.turn.app);
    return adviceForApp(named ?? deps.apps.find((a) => a.name === context.summary.app), prefix);
  };
  /** A message's reading: the one the machine made before choosing its transitions, else made now. */
  const readingOf = (context: HarbourContext, event: ReadMessage): MessageReading => event.reading ?? readMessage(context, event.text);
  /**
   * The turn a guard reads: a message's own reading. The machine's transition wrapper (harbour.machine.ts) writes the reading
   * into the context before any guard runs, so `context.turn` is this same object then: guards that hand the whole context on
   * (`paidAlready(context, …)`) pass it as it is, with no `{ ...context, turn }` copy per guard per message (session 29).
   */
  const turnOf = (context: HarbourContext, event: HarbourEvent): TurnAnalysis =>
    event.type === 'user.message' ? readingOf(context, event).turn : context.turn;
  /** The summary a guard reads: with what the message adds (the context's own once the reading is written). */
  const summaryOf = (context: HarbourContext, event: HarbourEvent): ConversationSummary => {
    if (event.type !== 'user.message') return context.summary;
    const reading = readingOf(context, event);
    return reading.turn === context.turn ? context.summary : reading.summary;
  };
  /** The condition of the root's `sharesOwnDetails` route, on the context once the message is read. */
  const sharesDetailsFirstTime = (context: HarbourContext): boolean =>
    context.turn.sharesOwnDetails === true && !context.said.details && context.handoff === 'none';

  /**
   * No route at the root takes this message, so the current step answers it (the routes of
   * `user.message` in harbour.machine.ts, in the same order; the details route lets the step
   * answer too). Keep the two in step.
   */
  const stepAnswers = (context: HarbourContext, event: HarbourEvent): boolean => {
    const turn = turnOf(context, event);
    if (turn.urgency !== undefined || context.handoff === 'accepted') return false;
    // The context as it will be once the message is taken (the same object when it already is).
    const taken = turn === context.turn ? context : { ...context, turn };
    const summary = summaryOf(context, event);
    if ((noPointOf(taken) && context.handoff === 'none') || turn.asksForPerson === true || turn.asksIfBot === true || turn.declinesPerson === true || turn.goodbye === true || (turn.asksWait === true && context.handoff !== 'none' && context.handoff !== 'failed') || (turn.stays === true && isWaitingForPerson(context)) || worriesAboutImage(taken) || hasFriendSecret(taken) || turn.asksPrivacy === true || turn.asksIfInTrouble === true || turn.asksPolice === true || (givesDetails(taken) && !isInDangerNow(taken)) || turn.asksToMeet === true || turn.blamesSelf === true || tellsBlockedOrReported(turn, context.said) || comesToCheck(taken) || paidAlready(taken, summary) || cantPay(taken, summary) || asksIfWrong(taken, summary) || tookDevice(taken) || turn.asksShouldTell === true || (turn.asksConfront === true && pathOf(context.audience) === 'parent') || turn.asksBotToTell === true || asksDeleteAfterFlag(turn, summary) || turn.asksAboutCeop === true || turn.asksKeepImage === true || turn.asksTakeDown === true || turn.frustrated === true || asksIfLegit(taken, summary) || (turn.gaveCard === true && context.said.cardGiven !== true) || (turn.asksCheckMessages === true && pathOf(context.audience) === 'parent') || (turn.asksTakeDevice === true && pathOf(context.audience) === 'parent') || ((turn.outing === true || turn.outedHomeFear === true) && context.said.outing !== true) || (turn.pauses === true && turn.findings.length === 0) || toldOfHarmToOther(taken) || (turn.asksWhatToSay === true && pathOf(context.audience) === 'parent') || turn.stillHere === true || asksIfThereOnPath(context, turn) || isBackAfterPause(taken) || turn.thanks === true || standingAnswerLines(taken, summary).length > 0) return false;
    // "tips" once they said who is chatting and nobody was asked for: the root's tips route takes it.
    return !(turn.wantsTips === true && context.audience !== undefined && context.handoff === 'none');
  };
  /**
   * `isAnswer`'s last verdict, with the event it was worked out for and the context it saw: every
   * step answer of one message asks it in a row, with the same two. One entry, not a WeakMap entry
   * per message (an ephemeron the garbage collector has to trace at every collection).
   */
  let answerEvent: HarbourEvent | null = null;
  let answerContext: HarbourContext | null = null;
  let answerVerdict = false;

  /** The same request every time; emitted as it is (nothing downstream writes to it). */
  const checkInRequest = Object.freeze({ type: 'checkin.request', afterMs: deps.timing.checkInAfterMs } as const);

  return setup({
    types: {
      context: {} as HarbourContext,
      events: {} as HarbourEvent,
      input: {} as DialogInput,
      emitted: {} as DialogEmitted,
    },
    actions: {
      /** Ask the server for a check-in deadline, unless a counsellor is with the child. */
      requestCheckIn: enqueueActions(({ context, enqueue }) => {
        if (context.handoff !== 'accepted') enqueue.emit(checkInRequest);
      }),
      /**
       * {@link TAKE_MESSAGE}, one action (XState resolves one action per route taken): a check-in deadline
       * unless a counsellor is with the child, and the questions asked last turn passed on (see
       * {@link askedQuestionsPassed}).
       */
      takeMessage: enqueueActions(({ context, enqueue }) => {
        if (context.handoff !== 'accepted') enqueue.emit(checkInRequest);
        const passed = askedQuestionsPassed(context);
        if (passed !== undefined) enqueue.assign(passed);
        const role = roleNamed(context);
        if (role !== undefined) enqueue.assign({ adultRole: role });
        if (context.turn.additionalNeeds === true && context.additionalNeeds !== true) enqueue.assign({ additionalNeeds: true });
      }),
      /** The wellbeing question, passed by a question of the parent's own, still waits for its answer (session 29). */
      wellbeingStillAsked: assign({ wellbeingAsk: 'asked' as const }),
      /**
       * What every step answer does first (see {@link answer}), one action: a check-in deadline (a step's
       * answer: no counsellor is with the child), the asked questions passed on, and "you don't need to
       * give me details" the first time they share their own. The details line reads the turn, `said`,
       * `handoff` and `audience`, none of which the asked questions' marks change.
       */
      takeAnswer: enqueueActions(({ context: c, enqueue }) => {
        enqueue.emit(checkInRequest);
        const passed = askedQuestionsPassed(c);
        if (passed !== undefined) enqueue.assign(passed);
        const role = roleNamed(c);
        if (role !== undefined) enqueue.assign({ adultRole: role });
        if (c.turn.additionalNeeds === true && c.additionalNeeds !== true) enqueue.assign({ additionalNeeds: true });
        sayOnce(enqueue, c, 'details', sharesDetailsFirstTime(c) ? [say(isAdult(c) ? 'details.not-needed.adult' : 'details.not-needed.child')] : undefined);
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
      /**
       * The first words of `familyRules`, each its own: a loss ("my nan died"), a family splitting up, a
       * rule or row at home, or a how-to question about an app ("how do i delete my tiktok account").
       */
      sayFamilyLine: emit(({ context }) => {
        const t = context.turn;
        if (t.familyChange === 'grief') return say('child.grief');
        if (t.familyChange === 'split') return say('child.family-split');
        return say(t.familyRules !== true && t.appQuestion === true ? 'child.app-question' : 'child.family-rules');
      }),
      /** Say a message in the wording of who is chatting: `<child|friend|parent>.<step>`. */
      sayStep: emit(({ context }, params: { step: string; quickReplies?: readonly string[] }) => sayStepOf(context, params.step, params.quickReplies)),
      setAudience: assign(({ context }) => {
        const audience = context.turn.audience ?? 'young_person';
        return { audience, ...relationOf(audience, context.turn), summary: { ...context.summary, audience }, notUnderstood: 0 };
      }),
      /**
       * Who is chatting, when a message that is routed at the root (a red flag, asking for a person)
       * comes before they were asked. Said in it ("im worried about my son…"): the escalation and the
       * numbers then speak to a parent, not a child. Unsaid, but a story ("theres this guy on discord
       * who says im special"): the young person's own, as a story told first is on the way in, so
       * nobody is asked "Who is chatting today?" in the middle of it. Otherwise nothing is assigned.
       */
      setAudienceFromMessage: enqueueActions(({ context, enqueue }) => {
        if (context.audience !== undefined) return;
        const audience = context.turn.audience ?? (context.turn.tellsStory === true ? 'young_person' : undefined);
        if (audience === undefined) return;
        enqueue.assign({ audience, ...relationOf(audience, context.turn), summary: { ...context.summary, audience } });
      }),
      /**
       * "young person", then "im a teacher" (session 29): a worker with children, so the grown-up's path from its start, with
       * the grown-up's thanks (not your fault, nor the child's) in place of the young person's.
       */
      becomeWorkerPath: assign(({ context }) => ({
        audience: 'someone_else' as const,
        summary: { ...context.summary, audience: 'someone_else' as const },
        said: { ...context.said, thanks: false },
        notUnderstood: 0,
      })),
      /** Someone else turns out to be a sibling or cousin: the friend path from here (thanked already). */
      becomeFriendPath: assign(({ context }) => ({
        audience: 'friend' as const,
        ...relationOf('friend', context.turn),
        summary: { ...context.summary, audience: 'friend' as const },
      })),
      recordKnownAdult: assign(({ context }) => ({ knownAdult: true, summary: { ...context.summary, knownAdult: true } })),
      recordBullying: assign({ bullying: true }),
      recordVagueWorry: assign({ vagueWorry: true }),
      /** A parent's general question, nothing happened: the apps' minimum age if asked, the app's settings, setting up together, talking, the NSPCC. */
      sayGeneralAdvice: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('parent.general.intro'));
        if (context.turn.generalQuestion === 'age') enqueue.emit(say('parent.general.ages'));
        for (const line of appAdviceOf(context, 'parent')) enqueue.emit(line);
        enqueue.emit(say(context.turn.generalQuestion === 'controls' ? 'parent.general.controls' : 'parent.general.set-up'));
        enqueue.emit(say('parent.general.talk'));
        enqueue.emit(say('parent.general.nspcc'));
        if (context.turn.generalQuestion === 'age') enqueue.assign({ said: { ...context.said, generalAges: true } });
      }),
      /**
       * Another general question after the general advice ("how do i set parental controls on his
       * xbox"): what it asks about (the apps' minimum age; the app it names, not the first one), not
       * every general line again; with nothing more specific, setting apps up together.
       */
      sayGeneralAdviceAgain: enqueueActions(({ context, enqueue }) => {
        // "how do i set it up safely" names no app: the app asked about before ("what age can my son have tiktok").
        const named = deps.apps.find((a) => a.id === context.turn.app);
        const before = context.turn.generalQuestion === 'other' ? deps.apps.find((a) => a.name === context.summary.app) : undefined;
        const appTips = adviceForApp(named ?? before, 'parent');
        if (context.turn.generalQuestion === 'age') {
          enqueue.emit(say('parent.general.ages'));
          enqueue.assign({ said: { ...context.said, generalAges: true } });
        }
        for (const line of appTips) enqueue.emit(line);
        // "what parental controls are there", no app named: where the controls are (an app named has its own tips).
        if (appTips.length === 0 && context.turn.generalQuestion === 'controls') enqueue.emit(say('parent.general.controls'));
        else if ((appTips.length === 0 || named === undefined) && context.turn.generalQuestion !== 'age') enqueue.emit(say('parent.general.set-up'));
      }),
      /**
       * "am i gonna get in trouble": not in trouble, and who is in the wrong. Not beside the picture
       * line ("i sent pics", Report Remove), which says so itself.
       */
      sayNotInTroubleIfAsked: enqueueActions(({ context, enqueue }) => {
        if (context.turn.asksIfInTrouble !== true) return;
        // "is it illegal what i did", "is he going to prison", once a nude going round among young people was told of: the law
        // honestly (against the law under 18, but there to protect them; the police don't want to criminalise them).
        if (context.turn.asksLaw === true && context.peerImage === true && pathOf(context.audience) !== 'parent') {
          enqueue.emit(sayStepOf(context, 'peer-law'));
          return;
        }
        // They shared someone else's picture: not "you have done nothing wrong", but what helps now.
        if (context.said.sharedOtherImage === true && pathOf(context.audience) === 'child') enqueue.emit(say('child.not-in-trouble-shared'));
        else if (context.turn.imageWorry !== true) enqueue.emit(sayStepOf(context, 'not-in-trouble'));
      }),
      /**
       * A young person who harmed someone else, told honestly: they shared a nude picture of someone
       * ("i sent a nude of a girl in my class to my mates"): not okay, and how to put it right today;
       * or gave a stranger a friend's number: warn the friend today. Each once, on the young person's path.
       */
      sayHarmToOtherIfAny: enqueueActions(({ context, enqueue }) => {
        if (!toldOfHarmToOther(context)) return;
        if (context.turn.sharedOtherImage === true && context.said.sharedOtherImage !== true) {
          enqueue.emit(say('child.shared-other-image'));
          enqueue.assign({ said: { ...context.said, sharedOtherImage: true } });
        } else if (context.turn.gaveOthersDetails === true && context.said.gaveOthersDetails !== true) {
          enqueue.emit(say('child.gave-others-details'));
          enqueue.assign({ said: { ...context.said, gaveOthersDetails: true } });
        }
      }),
      /**
       * "should i call the police", "should i report him": yes, and how (101, CEOP, 999 if in danger
       * now), each time asked; while in danger now, 999 at once instead. With a red flag of
       * immediate danger in the same message the escalation has just said 999, so not again.
       */
      sayPoliceIfAsked: enqueueActions(({ context, enqueue }) => {
        if (context.turn.asksPolice !== true || context.turn.urgency === 'immediate') return;
        // A parent's "tonight or wait till morning": no need to wait; 999 if in danger now, else 101 (open all night).
        if (context.turn.policeWhen === true && pathOf(context.audience) === 'parent') enqueue.emit(say('parent.police-when'));
        else enqueue.emit(sayStepOf(context, isInDangerNow(context) ? 'police-now' : 'police'));
      }),
      /** With a red flag in the message: "its my fault" answered too (not when "not in trouble" said it already). */
      sayNotYourFaultIfSaid: enqueueActions(({ context, enqueue }) => {
        if (context.turn.blamesSelf === true && context.turn.asksIfInTrouble !== true && context.turn.imageWorry !== true && context.turn.blamesSelfFirst !== true) enqueue.emit(sayStepOf(context, 'not-your-fault'));
      }),
      /** "what if i meet him somewhere public", with no new red flag in it: don't go; 999 still, while in danger now. */
      sayDontMeet: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'dontMeet', [dontMeetNow(c), ...stillInDangerIf(isInDangerNow(c), c)])),
      /**
       * While they just talk, life at home or school told of: the first time said back with an open
       * question; after that, that they are listened to (not the same two lines each time).
       */
      sayStoryHeard: enqueueActions(({ context, enqueue }) => {
        if (context.said.storyHeard === true) {
          const heard = context.heard ?? 0;
          enqueue.emit(say(PATH_LISTENING_LINES[heard % PATH_LISTENING_LINES.length] ?? 'shared.listening'));
          enqueue.assign({ heard: heard + 1 });
          return;
        }
        enqueue.emit(sayStepOf(context, 'ack.what-happened'));
        enqueue.emit(say('shared.tell-me-more'));
        enqueue.assign({ said: { ...context.said, storyHeard: true } });
      }),
      /**
       * "im so scared my life is over", while escalated: it is not the end, it can be sorted, not on
       * their own (once); and, when nobody has asked yet, whether they are safe right now.
       */
      /** A feeling instead of an answer to "Are you safe right now?" ("no one would care"): said back, then asked again, once. */
      reflectAndAskSafeAgain: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(reflectionOf(context));
        enqueue.emit(sayToReader(context, 'safety.ask-safe', { quickReplies: QR.safe }));
        enqueue.assign({ safeAsk: 'asked', said: { ...context.said, safeAskedAgain: true } });
      }),
      /** "is anyone there", escalated with nobody able to come: it's just the computer helper now; Childline has real people (once; session 30). */
      sayOnlyComputer: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('escalation.here-computer'));
        enqueue.assign({ said: { ...context.said, onlyComputer: true } });
      }),
      /**
       * "lol jk" or "forget it" in place of an answer to "Are you safe right now?": people often joke
       * when they have said too much. Not taken as yes: asked again, once, saying so.
       */
      askSafeAfterTakingBack: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(sayToReader(context, 'safety.ask-safe-again', { quickReplies: QR.safe }));
        enqueue.assign({ safeAsk: 'asked', said: { ...context.said, safeAskedAgain: true } });
      }),
      /**
       * "wat dose that meen" after "What you've shared sounds serious… a real person": the same in a young
       * child's words, and who is coming (or, with nobody coming, Childline). The question asked, if any, still waits.
       */
      sayMeaningOfEscalation: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('escalation.meaning'));
        enqueue.emit(say(isPersonComing(context) ? 'shared.meaning-counsellor' : 'escalation.meaning-call'));
      }),
      sayNotTheEnd: enqueueActions(({ context, enqueue }) => {
        if (context.turn.feeling !== undefined && context.turn.feeling !== 'okay') enqueue.emit(reflectionOf(context));
        enqueue.emit(sayStepOf(context, 'not-the-end'));
        const askSafe = context.safeAsk === undefined && context.said.selfHarm !== true;
        if (askSafe) enqueue.emit(sayToReader(context, 'safety.ask-safe', { quickReplies: QR.safe }));
        enqueue.assign({ said: { ...context.said, notTheEnd: true }, ...(askSafe ? { safeAsk: 'asked' as const } : {}) });
      }),
      /**
       * "nobody can help me", "theres no point", while escalated: it can feel like that, but people can help and it can
       * be stopped (then, said again, heard, and Childline); and, when nobody has asked yet, whether they are safe right now.
       */
      sayNoPoint: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say(context.said.noPoint === true ? 'shared.no-point-again' : 'shared.no-point'));
        const askSafe = context.safeAsk === undefined && context.said.selfHarm !== true;
        if (askSafe) enqueue.emit(sayToReader(context, 'safety.ask-safe', { quickReplies: QR.safe }));
        enqueue.assign({ said: { ...context.said, noPoint: true }, ...(askSafe ? { safeAsk: 'asked' as const } : {}) });
      }),
      /** The same in place of an answer to "Are you safe right now?": heard, and the question asked again (once). */
      sayNoPointAskSafeAgain: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say(context.said.noPoint === true ? 'shared.no-point-again' : 'shared.no-point'));
        // Asked again in other words, so it does not read as the same question twice in a row (session 30, tester's #28).
        enqueue.emit(sayToReader(context, 'safety.ask-safe-still', { quickReplies: QR.safe }));
        enqueue.assign({ safeAsk: 'asked', said: { ...context.said, noPoint: true, safeAskedAgain: true } });
      }),
      /**
       * "nobody can help me", "theres no point" on the path, before any red flag: a warning sign, so a counsellor is asked
       * for (the dialog's own self-harm finding, high), the words heard with hope, and "Are you safe right now?" last.
       */
      escalateNoPoint: enqueueActions(({ context, enqueue }) => {
        const { out, raises, escalated, said } = escalation(context, 'high', [dialogFinding('self_harm', 'high', NO_POINT_RULE)]);
        // The thanks first ("What you've shared sounds serious"), then the hope, then the numbers and who is coming.
        const firstSay = out.findIndex((e) => e.type === 'bot.say');
        out.forEach((e, i) => {
          enqueue.emit(e);
          if (i === firstSay) enqueue.emit(say('shared.no-point'));
        });
        if (firstSay < 0) enqueue.emit(say('shared.no-point'));
        enqueue.emit(sayToReader(context, 'safety.ask-safe', { quickReplies: QR.safe }));
        enqueue.assign({
          ...requestMade(context, 'high', raises, escalated),
          safeAsk: 'asked',
          summary: { ...context.summary, urgency: raises ? 'high' : (context.summary.urgency ?? 'high'), categories: union(context.summary.categories, ['self_harm']) },
          said: { ...context.said, ...said, selfHarm: true, noPoint: true },
        });
      }),
      /** Nothing happened told yet at the first question: here to help with anything online, when they're ready (once). */
      sayNothingToldYet: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'nothingTold', [say('child.nothing-told-yet', { quickReplies: QR.skip })])),
      /** "i blocked him": well done, once; "i reported him": well done, and block them too, once; 999 still, while in danger now. */
      sayBlocked: enqueueActions(({ context: c, enqueue }) => {
        const reported = c.turn.reportedNotBlocked === true;
        sayOnce(enqueue, c, reported ? 'reported' : 'blocked', [sayStepOf(c, reported ? 'reported' : 'blocked'), ...stillInDangerIf(isInDangerNow(c), c)]);
      }),
      /** "its my fault": it is not, and who is in the wrong; 999 still, while in danger now. */
      sayNotYourFault: enqueueActions(({ context, enqueue }) => {
        // "my mum and dad are splitting up and its my fault": not the line about people who trick children.
        const change = context.turn.familyChange;
        enqueue.emit(change !== undefined && pathOf(context.audience) === 'child' ? say(`child.${change}-not-your-fault`) : sayStepOf(context, 'not-your-fault'));
        if (isInDangerNow(context)) enqueue.emit(stillInDanger(context));
      }),
      /** A parent's "what do i tell him": how to support the child; 999 still, while in danger now. */
      saySupportChild: enqueueActions(({ context: c, enqueue }) =>
        // A teacher's or worker's "what should i say to the boy": what to say as staff (listen, no questions, pass it on), each time.
        c.audience === 'someone_else' && c.adultRole !== 'dsl' ? enqueue.emit(say('parent.advice.staff-what-to-say')) : sayOnce(enqueue, c, 'supportChild', [supportChildLine(c), ...stillInDangerIf(isInDangerNow(c), c)])),
      /** "should i just pay her", with no new red flag in it: no, and why. */
      sayDontComply: emit(({ context }) => dontComply(context)),
      /** A feeling in place of the trusted-adult answer: the question again, in other words (once). */
      askTrustedAfterFeeling: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say(`${pathOf(context.audience)}.ask.trusted-adult-again`));
        enqueue.assign({ said: { ...context.said, trustedAfterFeeling: true } });
      }),
      /** The trusted-adult question; after a story about one of their own grown-ups, a young person is asked about another one. */
      askTrustedAdultOnPath: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'trustedAsked', [trustedAdultQuestion(c)])),
      /** "i already paid him once", after money or a threat: don't pay any more, and why; 999 still, while in danger now. Once. */
      sayPaidAlready: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'paidAlready', [sayStepOf(c, 'paid-already'), ...stillInDangerIf(isInDangerNow(c), c)])),
      /** With a red flag in the message ("i paid him and now he wants 100"): the same line, once. */
      sayPaidAlreadyIfAny: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'paidAlready', (paidAlready(c, c.summary) ? [sayStepOf(c, 'paid-already')] : undefined))),
      /** "is it bad", "am i overreacting", after a red flag: it is not okay, not their fault, and telling was right. Once. */
      sayNotOkayIfAsked: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'notOkay', (asksIfWrong(c, c.summary) ? [sayStepOf(c, 'not-okay')] : undefined))),
      /**
       * A parent or carer who took the child's phone or tablet ("i took the ipad off him"): understandable,
       * keep it safe as evidence, and tell the child it is not a punishment; the tips then leave out
       * "don't take away their phone". 999 still, while in danger now. Once, also beside a red flag.
       */
      sayTookDeviceIfAny: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'tookDevice', (tookDevice(c) ? [say('parent.took-device'), ...stillInDangerIf(needsDangerReminder(c), c)] : undefined))),
      /** A parent's "should i confront him" (see {@link dontConfrontLine}). Each time asked; 999 still, while in danger now. */
      sayDontConfront: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(dontConfrontLine(context));
        if (needsDangerReminder(context)) enqueue.emit(stillInDanger(context));
      }),
      /** Beside a red flag: the same answer, when a parent asked it. */
      sayDontConfrontIfAsked: enqueueActions(({ context, enqueue }) => {
        if (context.turn.asksConfront === true && pathOf(context.audience) === 'parent' && context.turn.parentActsAlone !== true && context.turn.parentHunts !== true) enqueue.emit(dontConfrontLine(context));
      }),
      /**
       * A question answered each time it is asked, in the words of who is chatting (`<path>.<step>`), with
       * 999 again while in danger now: "what is ceop" (about-ceop), "should i delete his account" (not yet,
       * dont-delete), "can i save my nude as proof" (keep-image: never the picture, keep the chat), "how do i
       * get them taken down" (take-down: Report Remove), "is it legit", once something was asked of them
       * (not-legit).
       */
      answerEachTime: enqueueActions(({ context, enqueue }, params: { step: string }) => {
        enqueue.emit(sayStepOf(context, params.step === 'keep-image' ? keepImageStep(context) : params.step));
        if (needsDangerReminder(context)) enqueue.emit(stillInDanger(context));
      }),
      /** Beside a red flag: the same answer, when asked. */
      sayAboutCeopIfAsked: enqueueActions(({ context, enqueue }) => {
        if (context.turn.asksAboutCeop === true) enqueue.emit(sayStepOf(context, 'about-ceop'));
      }),
      /**
       * "its sorted now, i blocked him and told my mum": glad, what they did was right (blocking, telling, as
       * said), and what they wanted to check; "just wanted to check something": of course, what. Then listening.
       */
      sayCheckIn: enqueueActions(({ context, enqueue }) => {
        const sorted = context.turn.sortedNow === true;
        enqueue.emit(sayStepOf(context, sorted ? 'sorted' : 'check', QR.anythingElse));
        enqueue.assign({ said: { ...context.said, checking: true, ...(sorted && context.turn.blockedThem === true ? { blocked: true } : {}) } });
      }),
      /** "i gave them my mums card details": tell them today, the bank can stop it (once); beside a red flag too. */
      sayCardGivenIfAny: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'cardGiven', c.turn.gaveCard === true ? [sayStepOf(c, 'card-given')] : undefined)),
      /** "should i wake my mum", in danger now: yes, now (the self-harm words after something taken). */
      sayWakeSomeone: emit(({ context }) => (context.summary.categories?.includes('self_harm') === true && pathOf(context.audience) === 'child' ? say(WAKE_THEM) : say('escalation.danger-wake'))),
      /** Being outed held over them: who they tell is their choice, and using it as a threat is abuse (once); beside a red flag too. */
      sayOutingIfAny: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'outing', outingLines(c))),
      /** "hold on my mums coming", "brb": fine, come back when you can (quick exit if they must hide it). */
      sayPause: enqueueActions(({ enqueue }) => {
        enqueue.emit(say('shared.pause'));
        enqueue.assign({ pauseAsk: 'asked' });
      }),
      /** The standing answers (see {@link standingAnswerLines}); 999 still, while in danger now. */
      sayStandingAnswers: enqueueActions(({ context, enqueue }) => {
        const lines = standingAnswerLines(context, context.summary);
        for (const line of lines) enqueue.emit(line);
        enqueue.assign({ said: { ...context.said, ...saidByStandingAnswers(lines) }, ...backOffAskOf(context, lines) });
        // "i dont care", fed up, after a meeting or running away was told: a feeling heard, not a 999 order that pushes them away.
        if (needsDangerReminder(context) && !lines.every((l) => l.key === 'child.fed-up')) enqueue.emit(stillInDanger(context));
      }),
      /** Beside a red flag: the same answers (the escalation has just said 999 if needed). */
      sayStandingAnswersIfAny: enqueueActions(({ context, enqueue }) => {
        const lines = standingAnswerLines(context, context.summary);
        for (const line of lines) enqueue.emit(line);
        enqueue.assign({ said: { ...context.said, ...saidByStandingAnswers(lines) }, ...backOffAskOf(context, lines) });
      }),
      /**
       * "ur useless", "ur not listening", "why does it matter": sorry, they need not answer, their own
       * words or a real person (offered when nobody has been asked for yet). The step's question still waits.
       */
      sayNotGettingIt: enqueueActions(({ context, enqueue }) => {
        const offer = context.handoff === 'none' || context.handoff === 'failed';
        const times = (context.said.frustrated ?? 0) + 1;
        enqueue.assign({ said: { ...context.said, frustrated: times } });
        const helplines = say(isAdult(context) ? 'helplines.now.adult' : 'helplines.now.child');
        // Tester #18 (session 27): "this is stupid", "ur useless", "f off" got the same long line each time. The second time:
        // short, a person straight away (a button, when one can be asked for) and the helplines; later: short, still here.
        // While a counsellor is on the way, the second time: short, and that they are coming.
        const lines =
          times === 1 ? [say('fallback.frustrated', offer ? { quickReplies: QR.offerHelp } : {})]
          : times > 2 ? [say('fallback.frustrated-short')]
          : offer && context.counsellorOnShift ? [say('fallback.frustrated-again', { quickReplies: QR.offerHelp }), helplines]
          : isWaitingForPerson(context) ? [say('fallback.frustrated-short'), say('handoff.already-asked')]
          : [say('fallback.frustrated-again-call'), helplines];
        for (const line of lines) enqueue.emit(line);
        if (needsDangerReminder(context)) enqueue.emit(stillInDanger(context));
      }),
      /** Beside a red flag: the same answer, when asked. */
      sayTakeDownIfAsked: enqueueActions(({ context, enqueue }) => {
        if (context.turn.asksTakeDown === true) enqueue.emit(sayStepOf(context, 'take-down'));
      }),
      /** Beside a red flag: the same answer, when asked. */
      sayKeepImageIfAsked: enqueueActions(({ context, enqueue }) => {
        if (context.turn.asksKeepImage === true) enqueue.emit(sayStepOf(context, keepImageStep(context)));
      }),
      /** Beside a red flag: the same answer, when asked. */
      sayDontDeleteIfAsked: enqueueActions(({ context, enqueue }) => {
        if (asksDeleteAfterFlag(context.turn, context.summary)) enqueue.emit(sayStepOf(context, 'dont-delete'));
      }),
      /** "can you tell my mum for me": a computer cannot tell or call anyone; how they can, and 999 in danger. Each time asked. */
      sayCantTellForYou: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(cantTellForYouLine(context));
        if (needsDangerReminder(context)) enqueue.emit(stillInDanger(context));
      }),
      /** Beside a red flag: the same answer, when asked. */
      sayCantTellForYouIfAsked: enqueueActions(({ context, enqueue }) => {
        if (context.turn.asksBotToTell === true) enqueue.emit(cantTellForYouLine(context));
      }),
      /**
       * "should i tell my mum", "should i tell her mum": yes, a grown-up they trust (a young person with
       * someone at home the problem: one outside the home); 999 still, while in danger now. Each time asked.
       */
      sayShouldTell: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(shouldTellLine(context));
        if (needsDangerReminder(context)) enqueue.emit(stillInDanger(context));
      }),
      /**
       * "i dont have that money", after money or a threat: they need not find any, paying would not
       * end it, and a grown-up can help; 999 still, while in danger now. Once, also beside a red flag.
       */
      sayCantPayIfAny: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'cantPay', (cantPay(c, c.summary) ? [sayStepOf(c, 'cant-pay'), ...stillInDangerIf(needsDangerReminder(c), c)] : undefined))),
      recordDuration: assign(({ context }) =>
        context.turn.duration === undefined ? {} : { summary: { ...context.summary, duration: context.turn.duration } },
      ),
      /** "yes" to "are you scared they would hurt you?": home is not safe (the summary says so; no one at home is suggested). */
      recordHarmFeared: assign(({ context }) => ({ summary: { ...context.summary, homeIsUnsafe: true } })),
      recordTrustedAdult: assign(({ context }) =>
        context.turn.trustedAdult === undefined
          ? context.turn.noTrustedAdult
            ? { summary: { ...context.summary, trustedAdult: 'none' } }
            : {}
          : { summary: { ...context.summary, trustedAdult: context.turn.trustedAdult } },
      ),
      /** The child said the person asked them to say or do things that felt wrong: tips then cover images and pressure. */
      recordAskedToDo: assign(({ context }) => ({
        summary: { ...context.summary, asked: union(context.summary.asked, [ASKED_WRONG_OR_SCARY]) },
      })),
      /**
       * The path's thanks ("…it is not your fault"), on entering the path: once. A route that jumps
       * into a step of the path ("give me tips" from anywhere) enters the path's state again.
       */
      sayThanksOnce: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'thanks', (c.said.thanks === true ? undefined : [sayStepOf(c, 'thanks')]))),
      /** "But I love him": said once; after that the listening lines answer. */
      /** "hes not like that", "i love him": their feelings heard, once; defending them again (a young person): `child.cares-again`, once. */
      sayCares: enqueueActions(({ context: c, enqueue }) => {
        const cares = caresLine(c);
        if (cares !== undefined) sayOnce(enqueue, c, cares.mark, [cares.line]);
      }),
      /** Immediate danger, and not yet said to have passed: 999 again, in words for who is chatting. */
      sayStillInDanger: emit(({ context }) => stillInDanger(context)),
      /**
       * A plain message while in danger now: 999 again, and for a young person (someone there, not
       * self-harm) the steps in turn (the door, the call, then the reminder), not one line each time.
       * Fear named ("im scard") is said back first.
       */
      sayDangerSteps: enqueueActions(({ context, enqueue }) => {
        // Only fear said back: "im home alone" is where they are, not "you're not alone".
        if (context.turn.feeling === 'scared' || context.turn.feeling === 'worried') enqueue.emit(reflectionOf(context));
        const n = context.dangerHeard ?? 0;
        const step = dangerStep(context, n);
        enqueue.emit(step);
        // "wake them up now" said: the next plain message is not "wake someone up" as well.
        enqueue.assign({ dangerHeard: step.key === WAKE_THEM && wakeSomeoneNext(n + 1) ? n + 2 : n + 1 });
      }),
      /**
       * "are they coming", "why is it taking so long": the wait answered honestly; asked again, a young person or a friend hears
       * a shorter line with Childline to talk to now (Q01, Z03), so the same words never come twice in a row; then in turn.
       */
      sayWaitAgain: enqueueActions(({ context, enqueue }) => {
        const short = context.said.waitAgain === true && pathOf(context.audience) !== 'parent';
        enqueue.emit(say(short ? 'handoff.wait-again-short' : 'handoff.wait-again'));
        enqueue.assign({ said: { ...context.said, waitAgain: !short } });
      }),
      /** "I called 999": the right thing; stay on the line. The reminders after it stop asking them to call. */
      sayCalledHelp: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'calledHelp', [sayToReader(c, 'escalation.called-help')])),
      /** "He's gone": glad, and 999 if it comes back; the reminders stop. */
      saySafeNow: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(sayToReader(context, 'escalation.safe-now'));
        enqueue.assign({ said: { ...context.said, safeNow: true, calledHelp: false } });
      }),
      /** More of the story where a feeling was asked for: thanks, and the question once more. */
      askFeelingsAgain: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'feelingsAskedAgain', [sayStepOf(c, 'ack.what-happened'), sayStepOf(c, 'ask.feelings', QR.feelings)])),
      /** "My mum would go mad": most grown-ups want to help; not their fault. Said once. */
      sayFearsTelling: enqueueActions(({ context: c, enqueue }) => {
        // "my family will kill me", frightened, after a red flag: a gentle check whether they mean being hurt (once),
        // not "most grown-ups want to help", which pushes them to tell that family.
        if (fearsHarmToCheck(c)) {
          enqueue.emit(say('child.fears-harm'));
          enqueue.assign({ harmAsk: 'asked', said: { ...c.said, fearsHarm: true } });
          return;
        }
        sayOnce(enqueue, c, 'fearsTelling', [sayStepOf(c, 'fears-telling')]);
      }),
      /**
       * Beside a red flag (or "cant tell my parents", read as trouble at home): the fear of how their grown-up would react
       * ("they would disown me") answered too, once, not only the escalation's words (in danger now, only "call 999" again).
       * Not when "Are you safe right now?" is asked this turn: one question at a time.
       */
      sayFearsTellingIfAny: enqueueActions(({ context: c, enqueue }) => {
        if (c.turn.fearsTelling !== true || pathOf(c.audience) === 'parent' || c.said.fearsTelling === true || c.safeAsk === 'asked') return;
        if (fearsHarmToCheck(c)) {
          enqueue.emit(say('child.fears-harm'));
          enqueue.assign({ harmAsk: 'asked', said: { ...c.said, fearsHarm: true } });
          return;
        }
        sayOnce(enqueue, c, 'fearsTelling', [sayStepOf(c, 'fears-telling')]);
      }),
      /**
       * Waiting with nobody coming: ask about a grown-up they trust (the next message answers). Asked
       * again only after more of the story came instead of an answer, and then in other words.
       */
      askTrustedAdult: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(trustedAdultQuestion(context));
        enqueue.assign({ trustedAsk: 'asked', said: { ...context.said, trustedAsked: true } });
      }),
      /** A picture sent, or feared shared: not in trouble, not their fault, and Report Remove. Once. */
      // A friend's nude going round among young people, no red flag: a teacher today (now, if at school), not "the person who asked".
      sayImageWorryIfAny: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'imageWorry', (worriesAboutImage(c) ? [(peerImageNoFlag(c) || peerImageSexualOnly(c)) && pathOf(c.audience) === 'friend' ? say('friend.peer-image') : sayStepOf(c, 'image-worry')] : undefined))),
      sayPeerImageNow: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'peerImageNow', [say('friend.peer-image-now')])),
      /** A friend asked them to keep it secret: telling a grown-up is still right. Once, friend path only. */
      // "she will hate me" while the friend is in danger now: 999 still.
      sayFriendSecretIfAny: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'friendSecret', (hasFriendSecret(c) ? [say(c.audience !== 'someone_else' ? 'friend.secret' : c.said.workerSecret !== true ? 'parent.worker-secret' : 'parent.should-tell-staff'), ...stillInDangerIf(needsDangerReminder(c), c)] : undefined))),
      /**
       * "Will you tell my mum?": the honest answer (private, unless someone is in danger, and we
       * would try to talk with them first), in the wording of who is chatting. Also after a red
       * flag, when the same message asks it ("pls dont tell my parents he has my pics").
       */
      sayPrivacyIfAsked: enqueueActions(({ context, enqueue }) => {
        if (context.turn.asksAnonymous === true) enqueue.emit(say('shared.anonymous'));
        else if (context.turn.asksPrivacy === true) enqueue.emit(sayStepOf(context, 'privacy'));
      }),
      /** Nothing has happened, they want to talk: "We can just talk. How are you feeling?", and listen. */
      listenJustTalking: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ justTalking: true });
        enqueue.emit(sayStepOf(context, 'just-talk', QR.feelings));
      }),
      /** Only how they feel, no one else in it: the feeling reflected, "Can you tell me a bit more?", and listen. */
      listenToFeeling: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ justTalking: true });
        enqueue.emit(reflectionOf(context));
        enqueue.emit(say('shared.tell-me-more'));
      }),
      stopJustTalking: assign({ justTalking: false }),
      /**
       * "i think im gay", told first: welcomed on its own (that's okay, thank you for telling me), not "whatever has happened,
       * it is not your fault" nor "which app?"; then asked openly whether something happened or they want to talk (listening).
       */
      welcomeIdentity: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ justTalking: true, said: { ...context.said, thanks: true } });
        enqueue.emit(say('child.identity'));
      }),
      /**
       * "im gay and my mum doesnt know", "my foster carer doesnt know", told first (session 29): thanked with the line that
       * says they can talk here anyway and asks what has been happening, as at the first question; not the path's thanks
       * ("whatever has happened") and its question as well (see `askWhatHappened`).
       */
      welcomeHomeDoesntKnow: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ said: { ...context.said, thanks: true, homeDoesntKnow: true } });
        enqueue.emit(say('child.home-doesnt-know'));
      }),
      /** "it happened again", "he messaged me again": sorry it happened again, right to come back, what happened this time (once; session 30). */
      welcomeAgain: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ said: { ...context.said, thanks: true, happenedAgain: true } });
        enqueue.emit(say('child.happened-again'));
      }),
      /** The first question of the young person's path, unless the line said to this message asked it already (`welcomeHomeDoesntKnow`, `welcomeAgain`). */
      askWhatHappened: enqueueActions(({ context, enqueue }) => {
        if (context.said.homeDoesntKnow === true && context.turn.homeDoesntKnowOnly === true) return;
        if (context.said.happenedAgain === true && context.turn.happenedAgain === true) return;
        enqueue.emit(sayStepOf(context, 'ask.what-happened', QR.skip));
      }),
      /** After a red flag, with no feeling known yet: how they feel now, once (the next message answers). */
      askFeelings: enqueueActions(({ enqueue }) => {
        enqueue.emit(say('escalation.ask-feelings', { quickReplies: QR.feelings }));
        enqueue.assign({ feelingsAsk: 'asked' });
      }),
      feelingsAnswered: enqueueActions(({ context, enqueue }) => {
        if (context.feelingsAsk === 'asked') enqueue.assign({ feelingsAsk: 'answered' });
      }),
      /** Open listening on a path: "I'm here, and I'm listening", then "I'm reading everything you write", in turn; never one line twice in a row. */
      sayListening: enqueueActions(({ context, enqueue }) => {
        const heard = context.heard ?? 0;
        enqueue.emit(say(PATH_LISTENING_LINES[heard % PATH_LISTENING_LINES.length] ?? 'shared.listening'));
        enqueue.assign({ heard: heard + 1 });
      }),
      /** Listening while escalated: three lines in turn, so a child who keeps writing is not answered the same each time. */
      sayListeningWhileEscalated: enqueueActions(({ context, enqueue }) => {
        const heard = context.heard ?? 0;
        enqueue.emit(say(LISTENING_LINES[heard % LISTENING_LINES.length] ?? 'escalation.listening', { quickReplies: QR.keepTalking }));
        enqueue.assign({ heard: heard + 1 });
      }),
      /** The waiting trusted-adult question has had its answer (or was passed by); never asked again. */
      trustedAdultAnswered: enqueueActions(({ context, enqueue }) => {
        if (context.trustedAsk === 'asked') enqueue.assign({ trustedAsk: 'answered' });
      }),
      /** "i dont want to tell anyone": said back kindly, and the trusted-adult question is not asked after it. */
      sayNotReadyToTell: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('child.not-ready-to-tell'));
        if (context.trustedAsk !== 'answered') enqueue.assign({ trustedAsk: 'answered' });
      }),
      reflectFeeling: emit(({ context }) => reflectionOf(context)),
      /**
       * A reply the step could place: the count of replies in a row it could not goes back to 0.
       * Usually it is 0 already, and then nothing is assigned (an assign copies the snapshot).
       */
      understood: enqueueActions(({ context, enqueue }) => {
        if (context.notUnderstood !== 0) enqueue.assign({ notUnderstood: 0 });
      }),
      /**
       * "wat" to a step's question: asked again in simpler words (`<path>.ask.<step>-simple`), not thanked
       * as an answer; the second time in a row, a person is offered, as for any reply not understood.
       */
      knowsPrivateAskedAgain: assign(({ context }) => ({ said: { ...context.said, knowsPrivateChecked: true } })),
      askAgainSimply: enqueueActions(({ context, enqueue }, params: { step: string; quickReplies?: readonly string[] }) => {
        notPlaced(context, enqueue, [say('fallback.ask-again'), sayStepOf(context, `ask.${params.step}-simple`, params.quickReplies)]);
      }),
      /** A reply the step could not place: reflect, re-ask; after two in a row, offer a person. */
      notUnderstood: enqueueActions(
        ({ context, enqueue }, params: { retry: string; quickReplies?: readonly string[] }) => {
          const retry = params.retry.startsWith('.') ? `${pathOf(context.audience)}${params.retry}` : params.retry;
          const qr = params.quickReplies === undefined ? {} : { quickReplies: params.quickReplies };
          notPlaced(context, enqueue, [say(context.turn.hasWords ? 'fallback.reflect' : 'fallback.no-words'), say(retry, qr)]);
        },
      ),
      /**
       * The who-question's answer not placed ("idk", "ya", "👍"): first, that's okay and why we ask, and the question again;
       * second, they don't have to choose, they can just start typing (tester #22 of session 27: two unclear words brought a
       * person and the helplines, heavy before anything was said); the third time, a person and the helplines, as elsewhere.
       */
      whoNotUnderstood: enqueueActions(({ context, enqueue }) => {
        // Its own count of unclear who-answers in a row (`notUnderstood`, which no step uses before the audience is set,
        // and `setAudience` puts back to 0): three, not the steps' two, before the offer (session 29: no faked count).
        const count = context.notUnderstood + 1;
        if (count >= 3) {
          offerPerson(context, enqueue);
          return;
        }
        enqueue.assign({ notUnderstood: count });
        if (count === 2) enqueue.emit(say('opening.who-just-type', { quickReplies: QR.who }));
        else {
          enqueue.emit(say(context.turn.hasWords ? 'opening.who-unsure' : 'fallback.no-words'));
          enqueue.emit(say('opening.who-again', { quickReplies: QR.who }));
        }
      }),
      escalateOnFindings: enqueueActions(({ context, enqueue }) => {
        const t = context.turn;
        const urgency = t.urgency ?? 'normal';
        const { out, raises, categories, escalated, said } = escalation(context, urgency, t.findings);
        for (const e of out) enqueue.emit(e);
        // A teacher, coach or other worker: their safeguarding lead, at once (not only in the tips).
        // A worker hears, once: they did right; listen, don't question or look through the phone; their DSL today (or, told
        // already, that the DSL leads from here). The DSL, a foster carer and a grown-up sibling hear their own part instead.
        const roleLines = roleAdviceLines(context);
        const safeguardingLead = context.audience === 'someone_else' && context.said.safeguardingLead !== true && roleLines.length === 0;
        if (safeguardingLead && context.turn.toldDsl === true) enqueue.emit(say('parent.advice.staff-told-dsl'));
        else if (safeguardingLead) {
          enqueue.emit(say('parent.advice.staff'));
          enqueue.emit(say('parent.advice.work-with-children'));
        }
        for (const line of roleLines) enqueue.emit(line);
        // Self-harm heard for the first time, and no one known to be in danger now: ask, directly, whether they are safe.
        // Asked last in the turn, after every line beside it (`askSafeLast`), so the question is the last thing on screen.
        // Also when they were already in danger now from something else and this is not itself danger now ("might just
        // kms" after a deadline): whether they are safe from themselves is still the question (`selfHarmFirstBesideDanger`).
        const besideDanger = selfHarmFirstBesideDanger(context);
        const askSafe = categories.includes('self_harm') && !context.said.selfHarm && urgency !== 'immediate' && (context.urgency !== 'immediate' || besideDanger) && context.safeAsk === undefined;
        // The first red flag is about one of their own grown-ups in person ("my uncle sed i hav to keep a
        // secret"): the path that would have noted it is skipped, so it is noted here, for the tips.
        const knownAdult = context.urgency === undefined && context.turn.knownAdultInPerson === true && context.knownAdult === undefined;
        // "my step dad hits me when hes drunk": danger now by the detector, told as something that keeps happening. 999 was said
        // once just now; "are you safe right now?" is asked, and the 999 reminders wait for its no (session 29, second round).
        const notNow = habitualDangerNow(context, urgency);
        const askHere = notNow && context.said.dangerNotNow !== true && !askSafe && context.safeAsk !== 'asked';
        enqueue.assign({
          ...requestMade(context, urgency, raises, escalated),
          ...(askSafe ? { safeAsk: 'asked' as const } : {}),
          ...(askHere ? { safeHereAsk: 'asked' as const } : {}),
          ...(knownAdult ? { knownAdult: true } : {}),
          // The trusted-adult question was waiting, and this message told more of the story instead
          // ("now she keeps asking for pics"): not answered, so it may be asked again later, and a
          // later "no i didnt send any" is not taken as "no grown-up I trust".
          ...(context.trustedAsk === 'asked' ? { trustedAsk: undefined } : {}),
          summary: { ...context.summary, urgency: raises ? urgency : (context.summary.urgency ?? urgency), ...(knownAdult ? { knownAdult: true } : {}) },
          said: {
            ...context.said,
            selfHarm: context.said.selfHarm || categories.includes('self_harm'),
            // Self-harm beside another danger now: its own 999 words only once danger now is heard again.
            ...(besideDanger ? { selfHarmBesideDanger: true } : urgency === 'immediate' ? { selfHarmBesideDanger: false } : {}),
            // What escalation() said once (don't send or pay, which half; logins; menace; secrecy; …).
            ...said,
            // Someone outside, or home alone after a threat: the door steps ("Don't open the door to them…").
            ...(t.findings.some((f) => f.rule === SOMEONE_OUTSIDE_RULE || isHomeAloneFinding(f)) ? { outside: true } : {}),
            ...(safeguardingLead || roleLines.length > 0 ? { safeguardingLead: true } : {}),
            ...(roleLines.length > 0 ? { roleAdvice: true } : {}),
            // Danger now heard from the detector (something taken): its own wording from here on.
            ...(urgency === 'immediate' && context.said.notSafe === true ? { notSafe: false } : {}),
            // Danger told as now ("hes coming home now") after harm told as habitual: 999 every turn again.
            ...(notNow ? { dangerNotNow: true } : urgency === 'immediate' ? { dangerNotNow: false } : {}),
          },
        });
      }),
      /**
       * A question asked once ("are you safe right now?", a parent's "any worries about the child's
       * mental health?") has had its answer, or was passed by: never asked again.
       */
      /** After a red flag, a parent or carer: the child's mental health, asked once (the next message answers). */
      askWellbeing: enqueueActions(({ enqueue }) => {
        enqueue.emit(say('parent.ask.wellbeing', { quickReplies: QR.yesNo }));
        enqueue.assign({ wellbeingAsk: 'asked' });
      }),
      /** The parent path asked its wellbeing question: not asked again while waiting. */
      markWellbeingAsked: assign({ wellbeingAsk: 'answered' as const }),
      /** "Are you safe right now?" "no" (or "not sure"): in danger now, so 999 at once and the request made immediate. */
      escalateNotSafe: enqueueActions(({ context, enqueue }) => {
        const { out, raises, escalated } = escalation(context, 'immediate', [dialogFinding('self_harm', 'immediate', 'dialog:safe-now.no')]);
        // Only the request from escalation()'s wording: the escalation lines were said a moment ago.
        for (const e of out) if (e.type === 'handoff.requested') enqueue.emit(e);
        enqueue.emit(sayToReader(context, 'safety.not-safe'));
        enqueue.assign({
          ...requestMade(context, 'immediate', raises, escalated),
          summary: { ...context.summary, urgency: 'immediate', categories: union(context.summary.categories, ['self_harm']) },
          said: { ...context.said, selfHarm: true, notSafe: true, selfHarmBesideDanger: false },
        });
      }),
      /**
       * "Are you safe right now?", when `escalateOnFindings` asked it this turn (`safeAsk` is `asked` only then: taking
       * the message passed any earlier one): the last action of the red-flag routes, so the question comes after the
       * image, police and other answers said beside the escalation, not buried among them.
       */
      askSafeLast: enqueueActions(({ context, enqueue }) => {
        if (context.safeAsk === 'asked') enqueue.emit(sayToReader(context, 'safety.ask-safe', { quickReplies: QR.safe }));
        else if (context.safeHereAsk === 'asked') enqueue.emit(say('safety.ask-safe-habitual', { quickReplies: QR.safe }));
      }),
      /** "no" or "not sure" to "are you safe right now?" after harm told as habitual: danger now after all, 999 now, and the reminders from here on. */
      sayNotSafeHere: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('escalation.danger-call'));
        enqueue.assign({ dangerHeard: (context.dangerHeard ?? 0) + 1, said: { ...context.said, dangerNotNow: false } });
      }),
      /**
       * "idk", "not sure" to "Are you safe right now?": not knowing, not a no. Gently, what could help them feel
       * safer, the numbers, and 999 if they might act on it; the request is not raised to immediate.
       */
      sayUnsureSafe: emit(({ context }) => sayToReader(context, 'safety.unsure-safe')),
      /** "Are you safe right now?" "yes": glad, and who to call if that changes. */
      saySafeForNow: emit(({ context }) => sayToReader(context, 'safety.safe-yes')),
      /**
       * In danger now, a question about the door or going out that raised danger or a meeting again (the root's route before
       * `hasRedFlag`): the findings go to the console as `escalateOnFindings` would send them (a request only when they add
       * an urgency or a category), and none of the escalation's lines is said: the question's own answer says 999.
       */
      noteFindingsInDanger: enqueueActions(({ context, enqueue }) => {
        const urgency = context.turn.urgency ?? 'normal';
        const { out, raises, escalated } = escalation(context, urgency, context.turn.findings);
        for (const e of out) if (e.type === 'handoff.requested') enqueue.emit(e);
        enqueue.assign({
          ...requestMade(context, urgency, raises, escalated),
          summary: { ...context.summary, urgency: raises ? urgency : (context.summary.urgency ?? urgency) },
        });
      }),
      /**
       * "she already gave it", after a stranger asked for their details: the stranger knows them now.
       * A finding of the dialog's own, as for "yes" to "do they know private things"; what to do if
       * that person turns up comes with it (once).
       */
      escalateDetailsGiven: enqueueActions(({ context, enqueue }) => {
        const { out, raises, escalated, said } = escalation(context, 'high', [dialogFinding('personal_info', 'high', DETAILS_GIVEN_RULE)]);
        for (const e of out) enqueue.emit(e);
        // Not in trouble; tell a grown-up today, and 999 if they turn up (said with the escalation, once: `said.detailsGiven`).
        if (context.handoff !== 'accepted') enqueue.emit(say(`${pathOf(context.audience)}.details-given`));
        enqueue.assign({
          ...requestMade(context, 'high', raises, escalated),
          summary: { ...context.summary, urgency: raises ? 'high' : (context.summary.urgency ?? 'high'), categories: union(context.summary.categories, ['personal_info']) },
          said: { ...context.said, ...said, detailsGiven: true },
        });
      }),
      /**
       * "No" (or "not sure") to "do you feel safe at home right now?": the dialog's own finding of danger
       * at home, so a counsellor is asked for (999 at once for no); someone at home is the problem.
       */
      escalateUnsafeAtHome: enqueueActions(({ context, enqueue }, params: { urgency: 'immediate' | 'high' }) => {
        const { out, raises, escalated, said } = escalation(context, params.urgency, [dialogFinding('immediate_danger', params.urgency, 'dialog:safe-at-home.no')]);
        for (const e of out) enqueue.emit(e);
        enqueue.assign({
          ...requestMade(context, params.urgency, raises, escalated),
          summary: {
            ...context.summary,
            urgency: raises ? params.urgency : (context.summary.urgency ?? params.urgency),
            categories: union(context.summary.categories, ['immediate_danger']),
            homeIsUnsafe: true,
          },
          said: { ...context.said, ...said },
        });
      }),
      /** The child said the person seems to know private things: a red flag by the guidance. */
      escalateKnowsPrivate: enqueueActions(({ context, enqueue }) => {
        const { out, raises, escalated } = escalation(context, 'high', [dialogFinding('personal_info', 'high', 'dialog:knows-private.yes')]);
        for (const e of out) enqueue.emit(e);
        enqueue.assign({
          ...requestMade(context, 'high', raises, escalated),
          summary: {
            ...context.summary,
            urgency: raises ? 'high' : (context.summary.urgency ?? 'high'),
            categories: union(context.summary.categories, ['personal_info']),
            asked: union(context.summary.asked, ['personal details']),
          },
        });
      }),
      /** "can it be a lady": the bot cannot choose; they can tell the counsellor (on shift only: nobody comes otherwise). */
      sayWhoJoinsIfAsked: enqueueActions(({ context, enqueue }) => {
        if (context.turn.asksGender === true && isPersonComing(context)) enqueue.emit(say('handoff.who-joins'));
      }),
      requestPerson: enqueueActions(({ context, enqueue }) => {
        enqueue.emit({ type: 'handoff.requested', urgency: 'normal', findings: [], reason: 'asked_for_person' });
        enqueue.emit(say(context.counsellorOnShift ? 'handoff.asking' : 'handoff.asking-off-shift'));
        if (!context.counsellorOnShift) enqueue.emit(say(isAdult(context) ? 'helplines.now.adult' : 'helplines.now.child'));
        // Off shift: when counsellors are here (content/hours.yaml), so "of course" is not a broken promise.
        if (!context.counsellorOnShift) enqueue.emit(say('handoff.hours'));
        enqueue.assign({
          handoff: 'requested',
          handoffReason: 'asked_for_person',
          urgency: context.urgency ?? 'normal',
          summary: { ...context.summary, urgency: context.summary.urgency ?? 'normal' },
        });
      }),
      /**
       * "Are you a real person?": no, a computer helper; then what is true about a person now:
       * one can be asked for (with the quick reply), one has been asked for, or none can come.
       */
      sayNotAPerson: emit(({ context }) => {
        if (!isPersonComing(context)) return say('bot.not-a-person-none');
        // Before they have said who is chatting, the who question follows with its own buttons.
        if (context.handoff === 'none' || context.handoff === 'failed') return say('bot.not-a-person', context.audience === undefined ? {} : { quickReplies: QR.offerHelp });
        return say('bot.not-a-person-asked');
      }),
      /**
       * After a route at the root answered a message before they said who is chatting ("are you a
       * bot?", "is this private?"): the who question again, so its buttons are the last ones shown.
       */
      askWhoIfNotKnown: enqueueActions(({ context, enqueue }) => {
        if (context.audience === undefined) enqueue.emit(say('opening.who', { quickReplies: QR.who }));
      }),
      /**
       * "I don't want to talk to a person": their choice, and honestly what may still happen (a
       * counsellor asked for may still join; with nobody able to come, no "ask for one any time").
       * While in danger now, 999 again after it.
       */
      sayPersonDeclined: enqueueActions(({ context, enqueue }) => {
        const key = !isPersonComing(context) ? 'handoff.declined-none' : context.handoff !== 'none' && context.handoff !== 'failed' ? 'handoff.declined-requested' : 'handoff.declined';
        enqueue.emit(say(key));
        if (isInDangerNow(context)) enqueue.emit(stillInDanger(context));
      }),
      sayNobodyCanCome: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('handoff.nobody-now'));
        enqueue.emit(say(isAdult(context) ? 'helplines.now.adult' : 'helplines.now.child'));
        // "when will a real person be on": the hours, off shift (a plain "i want a person" again is answered as before).
        if (!context.counsellorOnShift && context.turn.asksQuestion === true) enqueue.emit(say('handoff.hours'));
        // "i dont want to call childline i want to talk to someone here": texting and online chat, not only numbers.
        const cantPhone = cantPhoneLine(context, pathOf(context.audience));
        if (cantPhone !== undefined) {
          enqueue.emit(cantPhone);
          enqueue.assign({ said: { ...context.said, cantPhone: true } });
        }
      }),
      sayDetailsNotNeeded: enqueueActions(({ context: c, enqueue }) => sayOnce(enqueue, c, 'details', [say(isAdult(c) ? 'details.not-needed.adult' : 'details.not-needed.child')])),
      /** Before a step answers: the root's details route, which says its piece and lets the step answer too. */
      /** Goodbye while a counsellor is coming: wait, or end the chat (which withdraws the request)? Once. */
      askBeforeLeaving: enqueueActions(({ context, enqueue }) => {
        if (goingToMeet(context)) enqueue.emit(say('child.before-you-go'));
        if (isInDangerNow(context)) enqueue.emit(sayToReader(context, 'safety.immediate'));
        enqueue.emit(say('handoff.leave-check', { quickReplies: QR.leaveCheck }));
        enqueue.assign({ said: { ...context.said, leaveAsked: true } });
      }),
      closeWithGoodbye: enqueueActions(({ context, enqueue }) => {
        // Leaving after a meeting or running away was told: "please don't go to meet him" is the last thing that matters.
        if (goingToMeet(context)) enqueue.emit(say('child.before-you-go'));
        enqueue.emit(say(isAdult(context) ? 'close.goodbye.adult' : 'close.goodbye.child'));
        if (context.urgency === 'immediate') enqueue.emit(sayToReader(context, 'safety.immediate'));
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
        // The first silence after a meeting or running away was told: the one thing that matters, not "take your time".
        const beforeYouGo = goingToMeet(context) && context.said.beforeYouGo !== true;
        enqueue.emit(beforeYouGo ? say('child.before-you-go') : say(isPersonComing(context) ? 'checkin.waiting' : 'checkin.no-counsellor'));
        // A queued or escalated chat is never closed for silence; keep checking in, a bounded number of times.
        if (context.checkIns < 3) enqueue.emit({ type: 'checkin.request', afterMs: deps.timing.closeAfterMs });
        enqueue.assign({ checkIns: context.checkIns + 1, ...(beforeYouGo ? { said: { ...context.said, beforeYouGo: true } } : {}) });
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
        // Nobody had joined yet: not "the counsellor had to leave" (session 29).
        const joined = context.handoff === 'accepted';
        enqueue.emit(say(joined ? 'handoff.failed' : 'handoff.failed-not-joined'));
        enqueue.emit({
          type: 'handoff.requested',
          urgency: context.urgency ?? 'normal',
          findings: [],
          reason: context.handoffReason ?? 'asked_for_person',
        });
        enqueue.emit(say(isAdult(context) ? 'helplines.now.adult' : 'helplines.now.child'));
        enqueue.emit({ type: 'checkin.request', afterMs: deps.timing.checkInAfterMs });
        enqueue.assign({ handoff: 'requested', said: joined ? { ...context.said, counsellorLeft: true } : context.said });
      }),
      closeByCounsellor: enqueueActions(({ context, enqueue }) => {
        enqueue.emit(say('close.counsellor-ended'));
        enqueue.emit(closingHelplines(context));
        enqueue.emit({ type: 'conversation.closed', reason: 'counsellor_ended' });
      }),
      setAvailability: assign(({ event }) => (event.type === 'counsellor.availability' ? { counsellorOnShift: event.onShift } : {})),
      /**
       * Practical advice fitted to who is chatting and the app named. Asked for again with nothing
       * new to add (the same lines as last time), the lines are not said again: they are just
       * above, and the one that matters most is said instead (`*.advice.again`).
       */
      sayAdvice: enqueueActions(({ context, enqueue }) => {
        // In danger now, no "come back and talk to us any time" at the end: it reads as a goodbye while someone may be at the door.
        const all = adviceLines(context, appAdviceOf);
        const lines = isInDangerNow(context) ? all.filter((l) => !l.key.endsWith('.come-back')) : all;
        const tips = keysHash(lines.map((l) => l.key));
        if (context.said.tips === tips) {
          enqueue.emit(say(`${pathOf(context.audience)}.advice.again`));
          return;
        }
        for (const line of lines) enqueue.emit(line);
        enqueue.assign({ said: { ...context.said, tips } });
      }),
    },
    guards: {
      hasRedFlag: ({ context, event }) => turnOf(context, event).urgency !== undefined,
      isWithCounsellor: ({ context }) => context.handoff === 'accepted',
      isPersonComing: ({ context }) => isPersonComing(context),
      asksForPerson: ({ context, event }) => turnOf(context, event).asksForPerson === true,
      hasAskedForPerson: ({ context }) => context.handoff !== 'none' && context.handoff !== 'failed',
      asksWait: ({ context, event }) => turnOf(context, event).asksWait === true,
      asksToMeet: ({ context, event }) => turnOf(context, event).asksToMeet === true,
      blamesSelf: ({ context, event }) => turnOf(context, event).blamesSelf === true,
      saysNothingMore: ({ context, event }) => turnOf(context, event).nothingMore === true,
      saysBlocked: ({ context, event }) => tellsBlockedOrReported(turnOf(context, event), context.said),
      saysPaidAlready: ({ context, event }) => paidAlready(context, summaryOf(context, event)),
      saysCantPay: ({ context, event }) => cantPay(context, summaryOf(context, event)),
      asksIfWrong: ({ context, event }) => asksIfWrong(context, summaryOf(context, event)),
      saysTookDevice: ({ context }) => tookDevice(context),
      asksShouldTell: ({ context, event }) => turnOf(context, event).asksShouldTell === true,
      asksConfront: ({ context, event }) => turnOf(context, event).asksConfront === true,
      /** "i dont want to tell anyone", a young person about themselves (a friend's "she doesnt want me to tell" is the friend's secret). */
      notReadyToTell: ({ context, event }) => {
        const turn = turnOf(context, event);
        return turn.notReadyToTell === true && pathOf(context.audience ?? turn.audience ?? 'young_person') === 'child';
      },
      /** "my nan died last month too", a young person, once the story is told: their loss, said back. */
      tellsOfLoss: ({ context, event }) => turnOf(context, event).familyChange === 'grief' && pathOf(context.audience) === 'child',
      asksAboutCeop: ({ context, event }) => turnOf(context, event).asksAboutCeop === true,
      asksKeepImage: ({ context, event }) => turnOf(context, event).asksKeepImage === true,
      asksTakeDown: ({ context, event }) => turnOf(context, event).asksTakeDown === true,
      isFrustrated: ({ context, event }) => turnOf(context, event).frustrated === true,
      asksIfLegit: ({ context, event }) => asksIfLegit(context, summaryOf(context, event)),
      saysCardGiven: ({ context, event }) => turnOf(context, event).gaveCard === true && context.said.cardGiven !== true,
      asksCheckMessages: ({ context, event }) => turnOf(context, event).asksCheckMessages === true,
      asksTakeDevice: ({ context, event }) => turnOf(context, event).asksTakeDevice === true,
      asksAboutDoor: ({ context, event }) => turnOf(context, event).asksAboutDoor === true,
      asksGoOut: ({ context, event }) => turnOf(context, event).asksGoOut === true,
      wakesSomeone: ({ context, event }) => turnOf(context, event).wakesSomeone === true,
      fearsNotBelieved: ({ context, event }) => turnOf(context, event).fearsNotBelieved === true,
      isOnChildPath: ({ context }) => pathOf(context.audience) === 'child',
      onlyNods: ({ context, event }) => turnOf(context, event).onlyNods === true,
      tellsOfOuting: ({ context, event }) => (turnOf(context, event).outing === true || turnOf(context, event).outedHomeFear === true) && context.said.outing !== true,
      /** "im trans and my parents dont know", nothing else: who they are; thanks, and what has been happening. */
      saysHomeDoesntKnowOnly: ({ context, event }) => turnOf(context, event).homeDoesntKnowOnly === true,
      saysInCareOnly: ({ context, event }) => turnOf(context, event).livesInCareOnly === true && turnOf(context, event).app === undefined,
      /** "i think im gay", "im trans", nothing else told (`identityOnly`). */
      saysIdentityOnly: ({ context, event }) => turnOf(context, event).identityOnly === true,
      /** A worry or question with a standing answer (see {@link standingAnswerLines}): answered at the root. */
      hasStandingAnswer: ({ context, event }) => !(answerGate && isPlainAnswer(context, context.turn)) && standingAnswerLines(context, summaryOf(context, event)).length > 0,
      pausesChat: ({ context, event }) => turnOf(context, event).pauses === true && turnOf(context, event).findings.length === 0,
      /** The message reads as a question (ends with "?", or starts "will", "should", "how"…). */
      asksAQuestion: ({ context, event }) => turnOf(context, event).asksQuestion === true,
      asksWhatTheyCameToCheck: ({ context, event }) => context.said.checking === true && turnOf(context, event).asksQuestion === true,
      /** A parent's worry with no story yet ("dunno shes just been off"): no app, no one named, nothing found. */
      voicesVagueWorry: ({ context, event }) => {
        const turn = turnOf(context, event);
        return (turn.vagueWorry === true || turn.unsure === true) && turn.findings.length === 0 && turn.app === undefined && turn.strangerOrOnline !== true && turn.knownAdultInPerson !== true;
      },
      comesToCheck: ({ context }) => comesToCheck(context),
      toldOfHarmToOther: ({ context }) => toldOfHarmToOther(context),
      asksDelete: ({ context, event }) => asksDeleteAfterFlag(turnOf(context, event), summaryOf(context, event)),
      asksBotToTell: ({ context, event }) => turnOf(context, event).asksBotToTell === true,
      /** "not really, i just feel like nobody cares": a no first, in a longer answer. */
      leadsWithNo: ({ context, event }) => turnOf(context, event).leadsWithNo === true,
      /** "im good", "nah im ok": fine, for "are you safe" (the no list also holds "im good", for "anything else?"). */
      soundsFine: ({ context, event }) => turnOf(context, event).soundsFine === true,
      /** "im not ok", "dont feel safe": a no to "are you safe". */
      saysNotFine: ({ context, event }) => turnOf(context, event).notFine === true,
      asksWhatToSay: ({ context, event }) => turnOf(context, event).asksWhatToSay === true,
      isGoodbye: ({ context, event }) => turnOf(context, event).goodbye === true,
      staysToWait: ({ context, event }) => turnOf(context, event).stays === true,
      /** A counsellor has been asked for and can come, and has not joined yet. */
      isWaitingForPerson: ({ context }) => isWaitingForPerson(context),
      hasAskedBeforeLeaving: ({ context }) => context.said.leaveAsked === true,
      asksIfThereOnPath: ({ context, event }) => asksIfThereOnPath(context, turnOf(context, event)),
      /** "still here", "im back"; or "ok shes gone" right after they paused (not while in danger now: "hes gone" is news then). */
      isStillHere: ({ context, event }) => turnOf(context, event).stillHere === true || isBackAfterPause(context),
      keptSecretForFriend: ({ context }) => hasFriendSecret(context),
      worriesAboutImage: ({ context }) => worriesAboutImage(context),
      asksAboutPrivacy: ({ context, event }) => turnOf(context, event).asksPrivacy === true,
      isThanks: ({ context, event }) => turnOf(context, event).thanks === true,
      asksIfBot: ({ context, event }) => turnOf(context, event).asksIfBot === true,
      declinesPerson: ({ context, event }) => turnOf(context, event).declinesPerson === true,
      justWantsToTalk: ({ context, event }) => turnOf(context, event).justTalk === true,
      /**
       * Their own feelings, and no one else in the message ("its 3am and i feel like nobody cares"):
       * listened to, not asked which app "this person" was on.
       */
      sharesOwnFeelingOnly: ({ context, event }) => {
        const turn = turnOf(context, event);
        return turn.feeling !== undefined && turn.feeling !== 'okay' && turn.storyOfSomeone !== true && turn.app === undefined;
      },
      /** "it happened again", "he messaged me again", nothing flagged, not said to yet: the story is still to come (session 30). */
      tellsAgain: ({ context, event }) => turnOf(context, event).happenedAgain === true && context.said.happenedAgain !== true,
      /** The message names no one else as who is chatting (a parent, a friend): it is about themselves. */
      speaksForThemselves: ({ context, event }) => {
        const audience = turnOf(context, event).audience;
        return audience === undefined || audience === 'young_person';
      },
      /** Asked how they feel, they told more about someone instead, and no feeling ("he asked how old i am"). */
      tellsMoreInsteadOfFeeling: ({ context, event }) =>
        turnOf(context, event).storyOfSomeone === true && turnOf(context, event).feeling === undefined && context.said.feelingsAskedAgain !== true,
      /** The chat's urgency is immediate and nobody has said the danger has passed. */
      isInDangerNow: ({ context }) => isInDangerNow(context),
      saysSafeNow: ({ context, event }) => saysSafeNow(context, turnOf(context, event)),
      /** Every finding of the message is danger now or a meeting ("he says get in" after "hes in a car outside my school"). */
      flagsOnlyDangerOrMeet: ({ context, event }) => {
        const turn = turnOf(context, event);
        return turn.urgency !== undefined && turn.findings.length > 0 && turn.findings.every((f) => f.category === 'immediate_danger' || f.category === 'meet_or_secrecy');
      },
      /**
       * "hes gone now" after danger now: the classifier alone may read it as danger again (its words
       * are a danger story's). When every finding is the classifier's danger guess and the message
       * says the danger has passed, the child's words win: no second 999, and the reminders stop.
       */
      safeNowOutweighsGuess: ({ context, event }) => {
        const turn = turnOf(context, event);
        // A combo across turns may fire again on a time word alone ("shes at home with me now" after
        // "meeting a man tonight"): no lexicon phrase of danger in this message, so the words win too.
        return (
          saysSafeNow(context, turn) &&
          context.urgency === 'immediate' &&
          context.said.safeNow !== true &&
          turn.findings.length > 0 &&
          turn.findings.every((f) => f.category === 'immediate_danger' && (f.rule.startsWith('model:') || f.rule.startsWith('ctx:')))
        );
      },
      saysCalledHelp: ({ context, event }) => turnOf(context, event).calledHelp === true,
      /** A young person or friend afraid of how a grown-up they name would react; answered once. */
      fearsTelling: ({ context, event }) =>
        turnOf(context, event).fearsTelling === true && pathOf(context.audience) !== 'parent' && context.said.fearsTelling !== true,
      caresForThem: ({ context }) => caresLine(context) !== undefined,
      /** Listening because they only wanted to talk, and now a story about someone starts. */
      /**
       * They only wanted to talk, and now tell of someone online or a stranger ("a guy keeps messaging
       * me"): the path's questions. Not for life at home or school ("my parents are getting divorced"),
       * which is listened to, not asked which app it was on.
       */
      startsStoryWhileJustTalking: ({ context, event }) => {
        const turn = turnOf(context, event);
        return context.justTalking === true && turn.storyOfSomeone === true && (turn.strangerOrOnline === true || turn.app !== undefined);
      },
      saysOnlyFiller: ({ context, event }) => turnOf(context, event).onlyFiller === true,
      tellsOfSomeone: ({ context, event }) => turnOf(context, event).storyOfSomeone === true,
      /** Bullying by children they know, with no red flag ("a boy in my class keeps calling me names on whatsapp"). */
      tellsOfBullying: ({ context, event }) => turnOf(context, event).bullying === true,
      /** A nude going round among young people was told of, with no red flag (see `peerImageNoFlag`). */
      knowsPeerImage: ({ context }) => peerImageNoFlag(context),
      /** The message after a friend's nude going round was told, read as sexual and nothing else (see `peerImageSexualOnly`): once. */
      followsPeerImage: ({ context }) =>
        pathOf(context.audience) === 'friend' && peerImageSexualOnly(context) && context.turn.peerImage !== true && context.said.imageWorry === true && context.said.peerImageNow !== true,
      givesDetails: ({ context }) => givesDetails(context),
      feelsHopeless: ({ context, event }) => turnOf(context, event).hopeless === true && context.said.notTheEnd !== true,
      /** "nobody can help me", "theres no point", a young person or a friend (see {@link noPointOf}). */
      feelsNoPoint: ({ context }) => noPointOf(context),
      isGreeting: ({ context, event }) => turnOf(context, event).greeting === true,
      tellsStory: ({ context, event }) => turnOf(context, event).tellsStory === true,
      asksAppQuestion: ({ context, event }) => turnOf(context, event).appQuestion === true && (context.audience ?? turnOf(context, event).audience) !== 'friend',
      namesAdult: ({ context, event }) => {
        const audience = turnOf(context, event).audience;
        return audience === 'parent_carer' || audience === 'someone_else';
      },
      isOnYoungPath: ({ context }) => context.audience !== undefined && pathOf(context.audience) !== 'parent',
      isOnAdultPath: ({ context }) => pathOf(context.audience) === 'parent',
      isForFriend: ({ context }) => pathOf(context.audience) === 'friend',
      /** "hes 11", after the apps' minimum age was said for a parent's general question, nothing happened (session 28). */
      toldAgeUnder13: ({ context, event }) => context.said.generalAges === true && turnOf(context, event).childUnder13 === true && (summaryOf(context, event).categories ?? []).length === 0,
      sharesOwnDetails: ({ context, event }) => turnOf(context, event).sharesOwnDetails === true && !context.said.details,
      isEscalated: ({ context }) => context.handoff !== 'none',
      /** No route at the root takes this message, so the current step answers it (`stepAnswers`). */
      isAnswer: ({ context, event }) => {
        // Every step answer asks this first (see `answer`): worked out once per message and context.
        if (answerEvent === event && answerContext === context) return answerVerdict;
        // A plain answer meets none of stepAnswers' conditions: the step answers, unless a counsellor is with the child.
        const answers = answerGate && isPlainAnswer(context, turnOf(context, event)) ? context.handoff !== 'accepted' : stepAnswers(context, event);
        answerEvent = event;
        answerContext = context;
        answerVerdict = answers;
        return answers;
      },
      namesAudience: ({ context, event }) => turnOf(context, event).audience !== undefined,
      /** "Someone else" chose the adult path; their first answer names them a sibling or cousin ("im her older sister"). */
      /** "i'm a teacher", "im a youth worker": their own role as a worker with children, and nothing more (`namesOwnRole`). */
      namesOwnRole: ({ context, event }) => turnOf(context, event).namesOwnRole === true,
      /** "im her nan she lives with me": a relative caring for the child, who they are and nothing more (`namesCarerRole`; session 31). */
      namesCarerRole: ({ context, event }) => turnOf(context, event).namesCarerRole === true,
      isYoungRelativeOfSomeoneElse: ({ context, event }) => context.audience === 'someone_else' && turnOf(context, event).audience === 'friend',
      declines: ({ context, event }) => turnOf(context, event).declines === true,
      saysYes: ({ context, event }) => turnOf(context, event).yes === true,
      saysNo: ({ context, event }) => turnOf(context, event).no === true,
      isUnsure: ({ context, event }) => turnOf(context, event).unsure === true,
      wantsTips: ({ context, event }) => turnOf(context, event).wantsTips === true,
      knowsApp: ({ context, event }) => summaryOf(context, event).app !== undefined || turnOf(context, event).otherApp === true,
      /** How long this has gone on was said, in days or longer ("for weeks"; "today" may be when, not how long). */
      durationKnown: ({ context }) => context.summary.duration !== undefined && context.summary.duration !== 'today',
      /** "my uncle sed i hav to keep a secret": one of their own grown-ups, nothing online, no stranger. */
      tellsOfKnownAdult: ({ context, event }) => turnOf(context, event).knownAdultInPerson === true,
      // "a phone i didnt buy him", nothing online named (a carer's worry, session 31, Z07): no app to ask about.
      tellsOfUnexplainedThings: ({ context, event }) => {
        const turn = turnOf(context, event);
        return turn.signHalf !== undefined && turn.app === undefined && turn.strangerOrOnline !== true && summaryOf(context, event).app === undefined;
      },
      /** A rule or row at home ("my mum took my phone and i hate her"), on a child's own path (a friend's words are not theirs). */
      tellsOfFamilyRules: ({ context, event }) => {
        const turn = turnOf(context, event);
        return turn.familyRules === true && (context.audience ?? turn.audience) !== 'friend';
      },
      /**
       * Their own household told of, in person, with no red flag: life at home ("my mum drinks and shouts").
       * Not a grown-up who already knows or sent them ("my mum told me to come here").
       */
      tellsOfHomeLife: ({ context, event }) => {
        const turn = turnOf(context, event);
        return turn.knownAdultInPerson === true && turn.householdNamed === true && turn.findings.length === 0 && turn.homeProblem !== true && turn.toldGrownUp !== true;
      },
      /** "my mum told me to come here", "i told my dad": a grown-up knows, and nothing of what happened yet. */
      onlyToldGrownUp: ({ context, event }) => {
        const turn = turnOf(context, event);
        return turn.toldGrownUp === true && turn.storyOfSomeone !== true && turn.findings.length === 0 && turn.app === undefined && turn.strangerOrOnline !== true;
      },
      isAboutKnownAdult: ({ context }) => context.knownAdult === true,
      asksShouldComply: ({ context, event }) => turnOf(context, event).asksShouldComply === true,
      asksGeneralQuestion: ({ context, event }) => turnOf(context, event).generalQuestion !== undefined,
      asksIfInTrouble: ({ context, event }) => turnOf(context, event).asksIfInTrouble === true,
      asksPolice: ({ context, event }) => turnOf(context, event).asksPolice === true,
      /**
       * "yes she is safe rn", just asked "are they safe right now?": a yes, which the classifier alone
       * read as danger now (its words are those of danger). The answer is taken, nothing escalated.
       */
      safeAnswerOutweighsGuess: ({ context, event }) => {
        const turn = turnOf(context, event);
        return context.safeAsk === 'asked' && turn.yes === true && turn.findings.length > 0 && turn.findings.every((f) => f.rule.startsWith('model:'));
      },
      /**
       * "am i gonna get in trouble": the classifier alone may read it as danger (0.93). When every
       * finding is a classifier guess and the message asks whether they are in trouble, the question
       * is answered and nothing is escalated.
       */
      troubleOutweighsGuess: ({ context, event }) => {
        const turn = turnOf(context, event);
        return turn.asksIfInTrouble === true && turn.findings.length > 0 && turn.findings.every((f) => f.rule.startsWith('model:'));
      },
      namesFeeling: ({ context, event }) => turnOf(context, event).feeling !== undefined,
      /**
       * A feeling other than "okay": after a red flag a bare "ok" is the child acknowledging what the
       * bot said, not telling it they are fine, so "I'm glad you're okay" would be wrong there.
       */
      namesFeelingBesidesOkay: ({ context, event }) => {
        const feeling = turnOf(context, event).feeling;
        return feeling !== undefined && feeling !== 'okay';
      },
      namesTrustedAdult: ({ context, event }) => turnOf(context, event).trustedAdult !== undefined,
      namesNoTrustedAdult: ({ context, event }) => turnOf(context, event).noTrustedAdult === true,
      homeIsUnsafe: ({ context, event }) => summaryOf(context, event).homeIsUnsafe === true,
      hasWords: ({ context, event }) => turnOf(context, event).hasWords === true,
      /** "wat", "huh", "what do you mean": the question was not understood. */
      isConfused: ({ context, event }) => turnOf(context, event).confused === true,
      isBareYes: ({ context, event }) => turnOf(context, event).bareYes === true,
      /** Nothing happened told yet: a question to the bot, small talk, testing, a plain "no" or "idk" (see analyse.ts). */
      toldNothing: ({ context, event }) => turnOf(context, event).toldNothing === true,
      mayNoteNothingTold: ({ context }) => context.said.nothingTold !== true,
      /** "hi", "um", "its embarrassing", "promise you wont judge", to the first question: not the story yet. */
      hesitatesToTell: ({ context, event }) => turnOf(context, event).hesitates === true || turnOf(context, event).greeting === true,
      hasCheckedIn: ({ context }) => context.checkIns > 0,
      awaitsTrustedAdult: ({ context }) => context.trustedAsk === 'asked',
      awaitsFeelings: ({ context }) => context.feelingsAsk === 'asked',
      awaitsSafeAnswer: ({ context }) => context.safeAsk === 'asked',
      /** "Are you safe right now?" was asked after harm told as habitual (`askSafeLast`). */
      awaitsSafeHereAnswer: ({ context }) => context.safeHereAsk === 'asked',
      /** "When you say they'd kill you, are you scared they would hurt you?" was just asked. */
      awaitsHarmAnswer: ({ context }) => context.harmAsk === 'asked',
      /** "my family will kill me", frightened (see {@link fearsHarmToCheck}): the check, not the ordinary fears-telling line. */
      fearsHarmCheck: ({ context, event }) => fearsHarmToCheck({ ...context, turn: turnOf(context, event), summary: summaryOf(context, event) }),
      mayAskSafeAgain: ({ context }) => context.said.safeAskedAgain !== true,
      /**
       * A young person's or friend's "is anyone there", "hello??" (greeting or asks_if_there) while nobody can come (no counsellor
       * on the way or with them), not yet told it is just the computer helper now (session 30; one guard since session 31).
       */
      asksIfThereNobodyComing: ({ context, event }) => {
        const turn = turnOf(context, event);
        return (turn.greeting === true || turn.asksIfThere === true) && !isPersonComing(context) && context.handoff !== 'accepted' && pathOf(context.audience) !== 'parent' && context.said.onlyComputer !== true;
      },
      /** "r u there", "is anyone there" (short, nothing flagged). */
      asksIfThere: ({ context, event }) => turnOf(context, event).asksIfThere === true,
      mayAskKnowsPrivateAgain: ({ context }) => context.said.knowsPrivateChecked !== true,
      mayAskTrustedAfterFeeling: ({ context }) => context.said.trustedAfterFeeling !== true && pathOf(context.audience) !== 'parent',
      /** "lol jk", "forget it": taking back what they said. */
      takesItBack: ({ context, event }) => turnOf(context, event).takesBack === true,
      awaitsWellbeing: ({ context }) => context.wellbeingAsk === 'asked',
      /** Escalated, a parent or carer (or someone else), not asked about the child's mental health yet, here or on the path. */
      mayAskWellbeing: ({ context }) => context.wellbeingAsk === undefined && pathOf(context.audience) === 'parent' && context.said.grownUpTarget !== 'self',
      /**
       * Escalated, not asked before, a young person or a friend (a parent is not asked), and no
       * feeling known but "okay", which a bare "ok" after a red flag gives without meaning it.
       */
      mayAskFeelings: ({ context, event }) =>
        context.feelingsAsk === undefined &&
        pathOf(context.audience) !== 'parent' &&
        !(summaryOf(context, event).feelings ?? []).some((f) => f !== 'okay'),
      /**
       * A grown-up named in a short reply after the trusted-adult question was passed by ("like 2
       * days", then "my mum"), or before it was asked: none recorded yet, a young person or a friend,
       * home not named as unsafe. A longer message naming one is a story ("my mum took my phone…").
       */
      namesTrustedAdultLate: ({ context, event }) =>
        turnOf(context, event).trustedAdult !== undefined &&
        // "my older sister maybe" names one; "my mum said i should talk to you" tells of one who knows.
        (turnOf(context, event).tellsStory !== true || turnOf(context, event).storyOfSomeone !== true) &&
        turnOf(context, event).toldGrownUp !== true &&
        // "mum was asleep": where she was when it happened, not a grown-up named to trust (session 30).
        turnOf(context, event).grownUpAway !== true &&
        pathOf(context.audience) !== 'parent' &&
        summaryOf(context, event).trustedAdult === undefined &&
        summaryOf(context, event).homeIsUnsafe !== true,
      /**
       * The chat waits with nobody coming, and no one has yet talked with the young person about a
       * grown-up they trust (not asked before, not answered on the path, home not named as unsafe).
       */
      mayAskTrustedAdult: ({ context, event }) =>
        context.trustedAsk === undefined &&
        !isPersonComing(context) &&
        pathOf(context.audience) !== 'parent' &&
        summaryOf(context, event).trustedAdult === undefined &&
        summaryOf(context, event).homeIsUnsafe !== true,
      /** "idk", "dunno", "not sure": not knowing (not "maybe", "kind of", which hedge). */
      isNotKnowing: ({ context, event }) => turnOf(context, event).notKnowing === true,
      /** "should i wake her up" (wake_someone), a young person or a sibling, not in danger now (the danger routes answer then). */
      asksToWake: ({ context, event }) => turnOf(context, event).wakesSomeone === true && pathOf(context.audience) !== 'parent' && !isInDangerNow(context),
    },
  });
}

/**
 * A parent's "should i confront him": no. In person, keep the child away and don't tell them what the
 * child said; online, don't contact them or pretend to be the child.
 */
function dontConfrontLine(context: HarbourContext): BotSay {
  return say(isHarmInPerson(context) ? 'parent.advice.abuse-keep-away' : 'parent.advice.dont-confront');
}

/**
 * "should i delete his account", once a red flag is known (with this message's), or "should i delete
 * all the messages" at any time: the messages may be evidence. With nothing flagged, deleting an account
 * or an app ("how do i delete my tiktok") is an ordinary question, not this.
 */
function asksDeleteAfterFlag(turn: TurnAnalysis, summary: ConversationSummary): boolean {
  // The messages themselves are the evidence: "not yet" before a red flag too.
  return turn.asksDelete === true && ((summary.categories ?? []).length > 0 || turn.deletesMessages === true);
}

/** "can you tell my mum for me": in the words of who is chatting. */
function cantTellForYouLine(context: HarbourContext): BotSay {
  return say(`${pathOf(context.audience)}.cant-tell-for-you`);
}

/** What `notPlaced` and `offerPerson` need of XState's `enqueue`. */
interface NotPlacedQueue {
  emit(e: BotSay): void;
  assign(a: { notUnderstood: number }): void;
}

/**
 * A reply the step could not place, the n-th in a row: the first time `retry` (the question again), the
 * second a person offered with the numbers, and the count starts again.
 */
function notPlaced(context: HarbourContext, enqueue: NotPlacedQueue, retry: readonly BotSay[]): void {
  const count = context.notUnderstood + 1;
  if (count >= 2) {
    offerPerson(context, enqueue);
    return;
  }
  enqueue.assign({ notUnderstood: count });
  for (const line of retry) enqueue.emit(line);
}

/** Replies not placed, too many in a row: a person offered and the helplines now; the count starts again. */
function offerPerson(context: HarbourContext, enqueue: NotPlacedQueue): void {
  enqueue.emit(say('fallback.offer-help', { quickReplies: QR.offerHelp }));
  enqueue.emit(say(isAdult(context) ? 'helplines.now.adult' : 'helplines.now.child'));
  enqueue.assign({ notUnderstood: 0 });
}

/** A mark in `said`: what has been said once. */
type SaidMark = { [K in keyof HarbourContext['said']]-?: NonNullable<HarbourContext['said'][K]> extends boolean ? K : never }[keyof HarbourContext['said']];

/**
 * "i blocked him" (well done, once), or "i reported him" with no word of blocking (well done, block them too, once; not
 * after they told of blocking: reporting is then a step more, as before). Session 31, tester's #23 (H12).
 */
function tellsBlockedOrReported(turn: HarbourContext['turn'], said: HarbourContext['said']): boolean {
  if (turn.blockedThem !== true || said.blocked === true) return false;
  return turn.reportedNotBlocked !== true || said.reported !== true;
}

/** What `sayOnce` needs of XState's `enqueue`. */
interface SayQueue {
  emit(event: DialogEmitted): void;
  assign(update: Pick<HarbourContext, 'said'>): void;
}

/**
 * Being outed held over them ("hes going to tell my dad im bi"): their choice, being gay or bi is okay, the threat is
 * blackmail and can be reported (`<path>.outing`). Afraid of losing their home for who they are ("if my parents find out
 * im gay theyll kick me out"): okay as they are, not their fault, help outside the family and Childline if they can't go
 * home (`child.outing-home`, a young person). Not on the parent path.
 */
function outingLines(c: HarbourContext): readonly BotSay[] | undefined {
  const path = pathOf(c.audience ?? c.turn.audience);
  if (path === 'parent') return undefined;
  const lines = [
    ...(c.turn.outing === true ? [sayStepOf(c, 'outing')] : []),
    ...(c.turn.outedHomeFear === true && path === 'child' ? [say('child.outing-home')] : []),
  ];
  return lines.length > 0 ? lines : undefined;
}

/**
 * An answer said once: `lines` is what to say in this context (`undefined` when it does not apply:
 * nothing is said or marked), then `said[mark]` records it.
 */
function sayOnce(enqueue: SayQueue, context: HarbourContext, mark: SaidMark, lines: readonly BotSay[] | undefined): void {
  if (lines === undefined) return;
  for (const line of lines) enqueue.emit(line);
  enqueue.assign({ said: { ...context.said, [mark]: true } });
}

/** 999 again after an answer, when `when` holds (in danger now, see {@link isInDangerNow} and {@link needsDangerReminder}). */
function stillInDangerIf(when: boolean, context: HarbourContext): readonly BotSay[] {
  return when ? [stillInDanger(context)] : [];
}

/**
 * This message's danger-now finding is harm told as something that keeps happening ("hits me when hes drunk", nothing saying
 * now), from a young person, and no danger now known before: not 999 every turn, but "are you safe right now?".
 */
function habitualDangerNow(context: HarbourContext, urgency: Urgency): boolean {
  if (urgency !== 'immediate' || context.turn.habitualHarm !== true || pathOf(context.audience) !== 'child') return false;
  if (context.urgency === 'immediate' && context.said.safeNow !== true && context.said.dangerNotNow !== true) return false;
  const now = context.turn.findings.filter((f) => f.urgency === 'immediate');
  return now.length > 0 && now.every((f) => f.category === 'immediate_danger');
}

/** The chat's urgency is immediate and nobody has said the danger has passed: 999 is said again. */
function isInDangerNow(context: HarbourContext): boolean {
  return context.urgency === 'immediate' && context.said.safeNow !== true && context.said.dangerNotNow !== true;
}

/**
 * After an answer said on the root's routes or beside a red flag: 999 again while in danger now, unless
 * this message raised a finding itself (its escalation lines already said 999).
 */
function needsDangerReminder(context: HarbourContext): boolean {
  return isInDangerNow(context) && context.turn.urgency === undefined;
}

/** The danger has passed: "hes gone", or, from a parent or carer, the child is with them ("shes at home with me now"). */
function saysSafeNow(context: HarbourContext, turn: TurnAnalysis): boolean {
  return turn.safeNow === true || (turn.childWithThem === true && pathOf(context.audience) === 'parent');
}

/** The message's feeling said back ("It makes sense to feel scared…"). */
function reflectionOf(context: HarbourContext) {
  return say(`feeling.${context.turn.feeling ?? 'unknown'}`);
}

/**
 * The family member named in the message that puts them on the friend path ("im worried about my
 * little sister"): only then, since a later "my big sister" is more often someone they could tell.
 */
function relationOf(audience: Audience, turn: TurnAnalysis): Pick<HarbourContext, 'sayFacts'> {
  return audience === 'friend' && turn.relation !== undefined ? { sayFacts: { friend: { words: `placeholder.friend.${turn.relation}` } } } : {};
}

/**
 * What a red-flag request changes in the context, whoever found the flag: the request made (again,
 * after a failed one), the categories the console has heard, and the urgency when it rose.
 */
function requestMade(context: HarbourContext, urgency: Urgency, raises: boolean, escalated: readonly Category[]) {
  return {
    escalated,
    handoff: context.handoff === 'none' || context.handoff === 'failed' ? ('requested' as const) : context.handoff,
    handoffReason: context.handoffReason ?? ('red_flag' as const),
    ...(raises ? { urgency } : {}),
  };
}

/** On the friend path, the friend asked for secrecy, and that has not been answered yet. */
function hasFriendSecret(context: HarbourContext): boolean {
  return context.turn.friendSecret === true && (context.audience === 'friend' || context.audience === 'someone_else') && context.said.friendSecret !== true;
}

/**
 * "he posted it on my story", "my mates say they got it", not answered yet, after pictures came up
 * (sexual, or the image worry): the picture is going round now.
 */
function imageSpreadingNow(context: HarbourContext, summary: ConversationSummary): boolean {
  if (context.turn.imageSpreading !== true || context.said.imageSpreading === true) return false;
  // The picture going round is one they shared of someone else: not "this is not your fault" (child.shared-other-image says what to do).
  if (context.turn.sharedOtherImage === true || context.said.sharedOtherImage === true) return false;
  return picturesCameUp(context, summary);
}

/** Sexual pictures came up: a sexual finding, or their worry about an image. */
function picturesCameUp(context: HarbourContext, summary: ConversationSummary): boolean {
  return summary.categories?.includes('sexual') === true || context.turn.findings.some((f) => f.category === 'sexual') || context.said.imageWorry === true || context.turn.imageWorry === true;
}

/**
 * "i already paid him once", not answered yet, and money or a threat has come up in the chat (with
 * this message's findings): "i paid for my skin" in ordinary chat is not this.
 */
function paidAlready(context: HarbourContext, summary: ConversationSummary): boolean {
  if (context.turn.alreadyPaid !== true || context.said.paidAlready === true) return false;
  return moneyOrThreatCameUp(context, summary);
}

/** "i dont have that money", not answered yet, and money or a threat has come up (as for {@link paidAlready}). */
function cantPay(context: HarbourContext, summary: ConversationSummary): boolean {
  if (context.turn.cantPay !== true || context.said.cantPay === true || context.said.paidAlready === true) return false;
  return moneyOrThreatCameUp(context, summary);
}

/** `{friend}` words for their own brother, sister or cousin: "mum and dad" are theirs too. */
const SIBLING_WORDS: ReadonlySet<string> = new Set(['placeholder.friend.sister', 'placeholder.friend.brother', 'placeholder.friend.sibling', 'placeholder.friend.cousin']);

/** Yes to "should i tell…", in the words of who is chatting; a young person with someone at home the problem: a grown-up outside the home. */
function shouldTellLine(context: HarbourContext): BotSay {
  const path = pathOf(context.audience);
  if (path === 'child' && context.summary.homeIsUnsafe === true) return say('child.should-tell-outside');
  // A foster carer's "should i tell his mum": the social worker first; they decide who else is told.
  if (path === 'parent' && context.adultRole === 'foster') return say('parent.should-tell-foster');
  // A teacher or worker ("she begged me not to tell her parents… do i have to"): no secret, their DSL today, the setting's steps.
  if (context.audience === 'someone_else' && context.adultRole !== 'dsl') return say('parent.should-tell-staff');
  // "should i tell a teacher": yes to the teacher they named, not "your parent".
  if (path !== 'parent' && context.turn.trustedAdult === 'teacher') return say(`${path}.should-tell-teacher`);
  // "should i tell mum and dad", about their own brother or sister: yes, their own parents (not "your sister's parent").
  if (path === 'friend' && context.turn.trustedAdult === 'parent' && SIBLING_WORDS.has(context.sayFacts?.friend.words ?? '')) return say('friend.should-tell-parents');
  return say(`${path}.should-tell`);
}

/** A parent or carer (not a teacher) took the child's device, not answered yet. */
function tookDevice(context: HarbourContext): boolean {
  return context.turn.tookDevice === true && context.said.tookDevice !== true && context.audience === 'parent_carer';
}

/** "r u there", "hello??" on a path (who is chatting known, not escalated): the root answers it, never the step (session 29). */
function asksIfThereOnPath(context: HarbourContext, turn: TurnAnalysis): boolean {
  return turn.asksIfThere === true && context.audience !== undefined && context.handoff === 'none';
}

/** "is it bad", not answered yet, and a red flag is known in the chat (with this message's). */
function asksIfWrong(context: HarbourContext, summary: ConversationSummary): boolean {
  return context.turn.asksIfWrong === true && context.said.notOkay !== true && redFlagKnown(context, summary);
}

function moneyOrThreatCameUp(context: HarbourContext, summary: ConversationSummary): boolean {
  return (summary.categories ?? []).some((c) => c === 'financial' || c === 'threat_blackmail') || context.turn.findings.some((f) => f.category === 'financial' || f.category === 'threat_blackmail');
}

/**
 * The trusted-adult question in the words that fit: after a story about one of their own grown-ups, a
 * young person is asked about another one; asked a second time, other words, so it is not a repeat.
 */
function trustedAdultQuestion(context: HarbourContext): BotSay {
  const path = pathOf(context.audience);
  if (context.knownAdult === true && path === 'child') return say('child.ask.trusted-adult-other');
  if (context.said.trustedAsked === true && path !== 'parent') return say(`${path}.ask.trusted-adult-again`);
  return sayStepOf(context, 'ask.trusted-adult');
}

/** "nobody can help me", "theres no point", from a young person or a friend (a parent's "no point" is another thing). */
function noPointOf(context: HarbourContext): boolean {
  return context.turn.noPoint === true && pathOf(context.audience ?? context.turn.audience ?? 'young_person') !== 'parent';
}

/** The dialog's finding for "nobody can help me", "theres no point" on the path, before any red flag: a warning sign. */
export const NO_POINT_RULE = 'dialog:no-point';

/** "she already gave it", once, after someone asked for their details (the summary's asked). */
function givesDetails(context: HarbourContext): boolean {
  return context.turn.detailsGiven === true && context.said.detailsGiven !== true && (context.summary.asked ?? []).includes(ASKED.personal_info ?? '');
}

/**
 * A nude of a young person going round among young people (`peer_image`, this message or before), and no red flag: peer
 * image-sharing, not a stranger (session 28). A teacher and Report Remove, not "which app", the stranger tips or CEOP.
 */
function peerImageNoFlag(context: HarbourContext): boolean {
  return (context.peerImage === true || context.turn.peerImage === true) && (context.summary.categories ?? []).length === 0 && context.turn.findings.length === 0;
}

/**
 * Session 41: the same, read as sexual and nothing else (the classifier trained on s41trainA-H reads "my friend sent nudes
 * to a boy and now there going round the whole school" 0.94 sexual, as the set labels it; session 33 had the same for "my
 * friends boyfriend shared her nudes with everyone"). A counsellor is asked for, and the answers stay the peer-image
 * ones: a teacher today (now, if at school), the school and Report Remove, not the stranger tips or CEOP. Not when
 * anyone asked for a picture, or any other category is known.
 */
function peerImageSexualOnly(context: HarbourContext): boolean {
  if (context.peerImage !== true && context.turn.peerImage !== true) return false;
  const known = context.summary.categories ?? [];
  // (The message's reading is in the context before any guard or action runs, so `pictureAsked` counts this message too.)
  if (context.pictureAsked === true || !known.every((c) => c === 'sexual') || !context.turn.findings.every((f) => f.category === 'sexual')) return false;
  return known.length > 0 || context.turn.findings.length > 0;
}

/** The message tells of a picture sent or feared shared, not answered yet (or asked outright, "what if she does it anyway"). */
function worriesAboutImage(context: HarbourContext): boolean {
  // The picture is someone else's, which they shared: "the person who asked for it did something wrong" would not fit.
  if (context.turn.sharedOtherImage === true || context.said.sharedOtherImage === true) return false;
  // "what if she does it anyway" asks it outright: answered each time.
  return context.turn.imageWorry === true && (context.said.imageWorry !== true || context.turn.fearsThreat === true);
}

/** "is it legit", "is it a scam", once something has been asked of them (a red flag known, now or before). */
function asksIfLegit(context: HarbourContext, summary: ConversationSummary): boolean {
  return context.turn.asksLegit === true && redFlagKnown(context, summary);
}

/**
 * "its sorted now, i blocked him and told my mum", "just wanted to check something": before the path's
 * questions have heard anything of a story (no app, how long, asks or red flag yet), on a path.
 */
function comesToCheck(context: HarbourContext): boolean {
  const turn = context.turn;
  if (turn.sortedNow !== true && turn.wantsToCheck !== true) return false;
  const s = context.summary;
  return context.audience !== undefined && context.handoff === 'none' && s.app === undefined && s.duration === undefined && (s.asked ?? []).length === 0 && (s.categories ?? []).length === 0 && turn.findings.length === 0;
}

/** The young person tells of harm they did to someone else, not yet answered (see `sayHarmToOtherIfAny`). */
function toldOfHarmToOther(context: HarbourContext): boolean {
  if (pathOf(context.audience ?? context.turn.audience ?? 'young_person') !== 'child') return false;
  return (context.turn.sharedOtherImage === true && context.said.sharedOtherImage !== true) || (context.turn.gaveOthersDetails === true && context.said.gaveOthersDetails !== true);
}

/** The tips, fitted to who is chatting, what came up and the app named (see `sayAdvice`). */
function adviceLines(context: HarbourContext, appAdviceOf: (context: HarbourContext, prefix: PathPrefix) => BotSay[]): BotSay[] {
  const out: BotSay[] = [];
  const prefix = pathOf(context.audience);
  // Images and pressure come up when images, threats or money came up, or the child said they
  // were asked to do something that felt wrong: never out of the blue, and not for a request
  // to meet or for details alone (which also go in the summary's `asked`).
  // A threat to hurt alone ("theyll beat her up") is not blackmail: no images, nothing to send or pay.
  const pressing = (context.summary.categories ?? []).filter((c) => c !== 'threat_blackmail' || blackmailKnown(context));
  const pressured =
    pressing.some((c) => c === 'sexual' || c === 'threat_blackmail' || c === 'financial') ||
    (context.summary.asked ?? []).includes(ASKED_WRONG_OR_SCARY);
  out.push(say(`${prefix}.advice.intro`));
  // Someone else (a teacher, a coach, a neighbour): their safeguarding lead first, if they work with children.
  // The DSL is not told to tell the DSL; their own part was said with the escalation.
  // The first tips after the escalation said it (with parent.advice.staff) leave it out: it is just above (session 28).
  const staffLinesJustSaid = context.audience === 'someone_else' && context.said.safeguardingLead === true && context.said.tips === undefined;
  if (context.audience === 'someone_else' && context.adultRole !== 'dsl' && !staffLinesJustSaid) out.push(say('parent.advice.work-with-children'));
  // Someone at a school or club: their part, not a parent's; nobody at work investigates (no blocking in the child's app,
  // no collecting usernames and screenshots: the safeguarding lead and the police do that).
  const atWork = context.audience === 'someone_else';
  if (isSelfHarmOnly(context)) {
    for (const key of SELF_HARM_TIPS[prefix]) out.push(say(key));
    return out;
  }
  // Their own grown-up is the one targeted ("my mum is talking to a man online who wants money"), and nothing was asked
  // of the child themselves (no "don't send" said): who to tell and who can help, not blocking, keeping evidence or
  // "don't pay" aimed at them.
  if (prefix !== 'parent' && context.said.grownUpTarget === 'grown-up' && context.said.dontSend !== true && context.turn.aboutSelf !== true) {
    return [say('shared.advice.grown-up-targeted'), say(`${prefix}.come-back`)];
  }
  // Criminal exploitation: stay away, keep the messages, tell a grown-up, 999 if threatened; not the app's
  // blocking or CEOP (which is for grooming for sex).
  if (context.said.exploitation === true && !(context.summary.categories ?? []).includes('sexual')) {
    out.push(say(`${prefix}.advice.exploitation`));
    out.push(say(`${prefix}.come-back`));
    return out;
  }
  // Bullying by children they know, and no red flag: telling a teacher and Childline, the app's block
  // and report, keeping evidence; not CEOP (which is for sexual abuse and grooming).
  if (context.bullying === true && (context.summary.categories ?? []).length === 0 && prefix !== 'parent') {
    out.push(say(`${prefix}.advice.bullying`));
    const appTips = appAdviceOf(context, prefix);
    for (const line of appTips.length > 0 ? appTips : [say('advice.any-app')]) out.push(line);
    out.push(say('advice.keep-evidence'));
    out.push(say(`${prefix}.come-back`));
    return out;
  }
  // A nude going round among young people, and no red flag: a teacher today, the school, not sending it on, Report Remove.
  if ((peerImageNoFlag(context) || peerImageSexualOnly(context)) && prefix !== 'parent') {
    out.push(say(`${prefix}.advice.peer-image`));
    out.push(say(`${prefix}.come-back`));
    return out;
  }
  if (isHarmInPerson(context)) {
    const tips = context.audience === 'someone_else' ? IN_PERSON_TIPS_AT_WORK : IN_PERSON_TIPS[prefix];
    for (const key of tips) out.push(say(key));
    return out;
  }
  // A worry with nothing that happened (and nothing found since): the general advice, not an incident's.
  if (prefix === 'parent' && context.vagueWorry === true && (context.summary.categories ?? []).length === 0 && context.summary.app === undefined && context.knownAdult !== true) {
    return [say('parent.general.intro'), say('parent.general.set-up'), say('parent.general.talk'), say('parent.general.nspcc')];
  }
  if (prefix === 'parent') {
    out.push(say('parent.advice.stay-calm'));
    // Taking away their phone is a parent's or carer's choice, not a teacher's or a coach's.
    // After "i took the ipad off him" the parent has heard what to do about that instead.
    if (context.audience !== 'someone_else' && context.said.tookDevice !== true) out.push(say('parent.advice.keep-internet'));
    out.push(say('parent.advice.dont-confront'));
  }
  // Their account taken over or copied: getting it back comes before blocking anyone.
  if (context.summary.accountHacked === true) out.push(say(prefix === 'parent' ? 'parent.advice.hacked' : 'advice.hacked'));
  if (atWork) out.push(say(context.adultRole === 'dsl' ? 'parent.advice.dsl-dont-investigate' : 'parent.advice.staff-dont-investigate'));
  else {
    const appAdvice = appAdviceOf(context, prefix);
    for (const line of appAdvice.length > 0 ? appAdvice : [say('advice.any-app')]) out.push(line);
    out.push(say('advice.keep-evidence'));
  }
  if (context.said.dontMeet === true && !staffLinesJustSaid) out.push(dontMeet(context));
  if (pressured) {
    // Pictures only once pictures, a threat or something that felt wrong came up: not for a
    // login or money alone ("5000 vbucks for your login").
    if (pressing.some((c) => c === 'sexual' || c === 'threat_blackmail') || (context.summary.asked ?? []).includes(ASKED_WRONG_OR_SCARY)) out.push(say('advice.images'));
    const dontSend = dontSendOrPay(context, pressing);
    if (dontSend.line !== undefined) out.push(dontSend.line);
    if (prefix === 'parent' && context.said.supportChild === true) out.push(supportChildLine(context));
  }
  out.push(say(prefix === 'parent' ? 'parent.advice.report' : 'advice.report'));
  if (prefix === 'parent') {
    out.push(say('parent.advice.child-can-talk'));
    out.push(say('parent.advice.watch'));
  } else {
    // A brother or sister of 18 or over is the grown-up: they can report it themselves, not "tell a grown-up you trust" (session 29).
    if (prefix === 'friend') out.push(say(context.adultRole === 'older-sibling' ? 'friend.older-sibling' : 'friend.advice.tell-adult'));
    out.push(say(`${prefix}.come-back`));
  }
  return out;
}

/** A short fingerprint of a list of message keys (the tips said last time). */
function keysHash(keys: readonly string[]): number {
  let h = 5381;
  for (const k of keys) for (let i = 0; i < k.length; i++) h = ((h * 33) ^ k.charCodeAt(i)) >>> 0;
  return h;
}

/** "can i send them to my mum" (a young person or friend): don't send them on, even to mum; else the keep-image answer. */
function keepImageStep(context: HarbourContext): string {
  return context.turn.asksForwardImage === true && pathOf(context.audience) !== 'parent' ? 'forward-image' : 'keep-image';
}

/** A step in the wording of who is chatting: `<child|friend|parent>.<step>`. */
function sayStepOf(context: HarbourContext, step: string, quickReplies?: readonly string[]) {
  return say(`${pathOf(context.audience)}.${step}`, quickReplies === undefined ? {} : { quickReplies });
}

/** The listening lines while escalated, in turn. */
const LISTENING_LINES = ['escalation.listening', 'escalation.listening-reading', 'escalation.listening-tips'] as const;
/** Open listening on a path, in turn (session 29, tester's #10: the same line three times in a row). */
const PATH_LISTENING_LINES = ['shared.listening', 'escalation.listening-reading'] as const;

/**
 * The standing answers to this message (worries and questions answered whatever the step), in order (none: the route does not apply):
 * - a parent or carer about to act on their own ("im going round his house", "im going to post his picture"):
 *   `parent.acts-alone` (instead of the confront tip); who copied or sent on the picture: `parent.copies-made`;
 * - leaving now ("someones coming", short, nothing flagged): `shared.leave-now`; else someone may see this
 *   device ("my dad checks my phone", "how do i hide this chat"): `shared.device-safety`;
 * - no way to phone ("nobodys awake", "can i text someone"), a young person or friend, not in danger now
 *   (the 999 steps speak then): `shared.cant-phone`, then the short `shared.cant-phone-again`;
 * - a picture going round now ("he posted it on my story", after pictures came up): `<path>.image-spreading`, once;
 * - self-blame for a grown-up's acts ("i sent first", "i lied and said i was 16"): `<path>.sent-first`, or at
 *   16 or 17, when it may be no crime, the plain `<path>.not-your-fault`;
 * - "will he know i told": `<path>.report-secret` ("will he know i blocked him": `<path>.block-secret`); "can u track my ip": `shared.cant-see-you`; "can u delete
 *   everything i said": `shared.delete-chat`, else "do u save what i write": `shared.chat-kept`;
 * - written in a language Harbour cannot read (dialogs/language.ts): `shared.other-language` alone, then the
 *   short `shared.other-language-again`.
 */
function standingAnswerLines(context: HarbourContext, summary: ConversationSummary): readonly BotSay[] {
  const t = context.turn;
  const path = pathOf(context.audience ?? t.audience ?? 'young_person');
  // A language the lists cannot read: nothing else they seem to say can be trusted ("co mam robic" holds no mum).
  if (t.otherLanguage !== undefined) return [say(context.said.otherLanguage === true ? 'shared.other-language-again' : 'shared.other-language')];
  const out: BotSay[] = [];
  // A meeting set up with him, or going through the child's account: those lines say "don't" themselves (see the end).
  // Hunting the man ("how do i find out who he is"), once the long line was said: the short one, not the same words again.
  if (path === 'parent' && (t.parentActsAlone === true || t.parentHunts === true) && t.parentTrap !== true && t.parentSpies !== true) out.push(say(t.parentActsAlone !== true && context.said.actsAlone === true ? 'parent.acts-alone-again' : 'parent.acts-alone'));
  if (path === 'parent' && t.parentCopiedImage === true) out.push(say('parent.copies-made'));
  if (t.mustLeave === true) out.push(say('shared.leave-now'));
  else if (t.watchedDevice === true) out.push(say(context.said.deviceSafety === true ? 'shared.device-safety-again' : 'shared.device-safety'));
  const cantPhone = cantPhoneLine(context, path);
  if (cantPhone !== undefined) out.push(cantPhone);
  if (t.blamesSelfFirst === true) {
    const older = summary.ageBand === '16-17' || summary.ageBand === '18+';
    out.push(sayStepOf(context, older ? 'not-your-fault' : 'sent-first'));
  }
  // A picture going round now, after pictures came up: what to do in the next ten minutes (once).
  if (imageSpreadingNow(context, summary)) out.push(sayStepOf(context, 'image-spreading'));
  // "will he know i blocked him": most apps don't tell them; he may notice; that's his problem (session 31, H01).
  if (t.asksIfHeKnows === true) out.push(sayStepOf(context, t.asksIfHeKnowsBlocked === true ? 'block-secret' : 'report-secret'));
  // "my mate shared a nude of a girl in our year" (a young person or friend): not okay, don't send it on, delete it, tell a
  // teacher so the person in it gets help, Report Remove (once); not "which app", nor the friend's own-picture line.
  if (t.othersSharedImage === true && t.imageWorry !== true && path !== 'parent' && context.said.peerShared !== true) out.push(say('shared.peer-shared'));
  // "im gonna tell the police" (a young person or friend, not in danger now): a good plan, keep the messages, a grown-up
  // with them, 101 or 999 (once). Not beside "should i" (asks_police answers that).
  if (t.plansPolice === true && t.asksPolice !== true && path !== 'parent' && context.said.policePlan !== true && !isInDangerNow(context)) out.push(say(path === 'friend' ? 'friend.police-plan' : 'child.police-plan'));
  // "shes called the police and im scared" (a young person or friend, not in danger now; session 31, tester's #15, H09): the
  // police are there to help, not in trouble, someone may talk to them, keep the messages (once).
  if (t.policeInvolved === true && t.asksPolice !== true && t.plansPolice !== true && path !== 'parent' && context.said.policeInvolved !== true && !isInDangerNow(context)) out.push(sayStepOf(context, 'police-involved'));
  if (t.asksTracking === true) out.push(say('shared.cant-see-you'));
  // "sorry can i speak english" (on the Welsh page): yes, write in English (each time; session 29).
  if (t.asksEnglish === true) out.push(say('shared.english-ok'));
  // "is childline free": yes, and not on the phone bill; "how do i turn off snap map": Ghost Mode (each time; session 29).
  if (t.asksChildlineFree === true) out.push(say('shared.childline-free'));
  if (t.asksSnapMap === true) out.push(say('shared.snap-map'));
  // A young person's questions about what comes next (each time; session 29, tester's #11): what CEOP does after a report, whether
  // the police will come (sometimes, to check they are safe; not in trouble), what happens to him (not mine to say; not your
  // fault), and deleting their own account with nothing flagged (yes, keep their username and the chat first).
  if (path === 'child') {
    if (t.asksAfterReport === true) out.push(say('child.after-report'));
    if (t.asksPoliceVisit === true && context.peerImage !== true) out.push(say('child.police-visit'));
    if (t.asksHisFate === true && context.peerImage !== true && t.peerImage !== true) out.push(say('child.his-fate'));
    if (t.asksDeleteAccount === true && !asksDeleteAfterFlag(t, summary)) out.push(say('child.delete-account'));
    // "what happens now" once a grown-up of theirs knows (session 30, tester's #15): they can help keep you safe, who they may
    // tell, not in trouble (each time); with nothing told yet ("i already told my mum what now"), well done, and what happened.
    if (t.asksWhatNext !== undefined) out.push(say(t.asksWhatNext === 'before-story' ? 'child.told-what-next' : 'child.what-next'));
    // "what else can i do", after they told of reporting or blocking and before the tips, not escalated (session 31, tester's
    // #23, H12): what was not given yet (keep the username and the words, CEOP; a grown-up unless one was told), not every tip.
    if (t.asksWhatElse === true && context.handoff === 'none' && context.said.tips === undefined && (context.said.reported === true || context.said.blocked === true)) {
      out.push(say('child.what-else'));
      if (context.grownUpTold !== true) out.push(say('child.what-else-tell'));
    }
  }
  // Money after paying (session 30, tester's #19 and #30): "he wants more now", after money or a threat: don't pay any more,
  // paying does not make them stop, a grown-up tonight (once); "i spent it all already", after money, a threat or presents: they
  // owe nothing and need not pay it back (once); "if i delete will the pics go away": no, what deleting does not do (each time).
  if (t.wantsMore === true && context.said.wantsMore !== true && moneyOrThreatCameUp(context, summary)) out.push(sayStepOf(context, 'wants-more'));
  // A friend's "he spent it all already", a parent's "she cant pay it back": the same, about the child (session 31).
  if (t.spentGift === true && context.said.oweNothing !== true && (moneyOrThreatCameUp(context, summary) || context.said.gifts === true)) out.push(sayStepOf(context, 'owe-nothing'));
  if (path === 'child') {
    if (t.asksDeleteGone === true) out.push(say('child.delete-not-gone'));
    // Dares or gifts on a live (session 30, tester's #16): a warning sign, not their fault, end the live, what was asked (once);
    // "how do i stop people gifting": end the live, block and report, a grown-up to check the settings (each time).
    if (t.liveDares === true && context.said.liveDares !== true) out.push(say('child.live-dares'));
    if (t.asksStopGifts === true) out.push(say('child.live-stop'));
    // "she took my phone", "shes not talking to me", after the picture reached their family (child.image-family): how grown-ups
    // can react, still not their fault, then a short line; never "this person" of the stranger's questions (tester's #15, Z05).
    if (t.familyReaction === true && context.said.imageFamily === true && t.imageReachedFamily !== true) out.push(say(context.said.familyUpset === true ? 'child.family-upset-again' : 'child.family-upset'));
  }
  // A parent or carer's signs of exploitation told (session 30, tester's #20): what they can mean, 101 / 999 (once); a foster
  // carer's or worker's own part after it (the social worker today), once, as with a red flag.
  // With this turn's own finding for them (the first time both are known), the escalation says them.
  if (path === 'parent' && t.exploitationSigns === true && context.said.exploitationSigns !== true && !t.findings.some((f) => f.rule === EXPLOITATION_SIGNS_FINDING)) {
    out.push(say('parent.exploitation-signs'));
    const role = roleOfTurn(context) ?? context.adultRole;
    if (role !== undefined) out.push(...roleAdviceLines({ ...context, adultRole: role }));
  }
  // A parent's "should i take him to the doctor" (session 31, tester's #25, P11): one answer to a yes/no question, not every tip
  // (each time asked).
  if (path === 'parent' && t.asksDoctor === true) out.push(say('parent.doctor'));
  // "wats the police number": 999 in danger now, 101 otherwise, both tap-to-call (each time asked).
  if (t.asksPoliceNumber === true) out.push(say('shared.police-number'));
  // "wat is a nude", "wats grooming": a young child asking what a word means, answered plainly (not "that sounds hard").
  if (t.asksWhatNude === true && path !== 'parent') out.push(say('shared.meaning-nude'));
  if (t.asksWhatGrooming === true && path !== 'parent') out.push(say('shared.meaning-grooming'));
  // "is my bf grooming me": the warning signs, and they were right to ask (each time; beside the escalation it may raise).
  if (t.asksIfGrooming === true && path !== 'parent') out.push(say('shared.is-it-grooming'));
  // "is that ok", the whole message (a young person or friend): yes, telling was right; not their fault, not in trouble (each time).
  // Right after they said what they did (`okayAbout`): about that (blocked, deleted the chat, told a friend, sent a picture).
  if (t.asksIfOkay === true && path !== 'parent') out.push(say(t.okayAbout === undefined ? 'child.did-right' : `child.did-right.${t.okayAbout}`));
  // "can i block him": yes, and keep their username and what they said first (each time).
  if (t.asksCanBlock === true) out.push(say('shared.can-block'));
  // "will i get moved" (a child in care): honest that the bot can't say, not their fault for telling, who to ask (each time).
  if (t.asksIfMoved === true && path !== 'parent') out.push(say('child.will-i-be-moved'));
  // "whats a counsellor" when nobody can come (off shift, none free): honest that none is here now, who to call, and, off
  // shift, when they are usually here; never "they chat with you here" (each time asked).
  if (t.asksWhatCounsellor === true) {
    if (isPersonComing(context)) out.push(say('shared.meaning-counsellor'));
    else {
      out.push(say('shared.meaning-counsellor-none'));
      if (!context.counsellorOnShift) out.push(say('handoff.hours'));
    }
  }
  if (t.asksWhatPrivate === true && path !== 'parent') out.push(say('shared.meaning-private'));
  if (path !== 'parent') {
    // The picture reached their family: still not their fault; now that family know, they can help; take-down (once).
    if (t.imageReachedFamily === true && context.said.imageFamily !== true && picturesCameUp(context, summary)) out.push(sayStepOf(context, 'image-family'));
    // "she said she deleted them": they often keep copies and come back (once).
    if (t.thinksOver === true && context.said.notOver !== true && moneyOrThreatCameUp(context, summary)) out.push(sayStepOf(context, 'not-over'));
    // "its only a dance", "its easy money", after a red flag: it is not okay, not their fault, no need to do it (each time).
    // "he says if i loved him i would", after or beside a red flag, a young person: pressure is not love, no is okay (once;
    // in place of the minimises line, whose "a grown-up asking for that" may not fit a boyfriend their age).
    const pressured = t.lovePressure === true && redFlagKnown(context, summary);
    if (pressured && path === 'child' && context.said.lovePressure !== true) out.push(say('child.love-pressure'));
    else if (t.minimises === true && !pressured && t.abuserExcuse !== true && redFlagKnown(context, summary)) out.push(sayStepOf(context, 'minimises'));
    // "he says its normal in families", "he said its a game", after a red flag: it is not normal, whatever they say; they say it
    // so it stays secret; not their fault (once; a later "is it normal" gets the not-okay line). Session 29, tester's #3.
    if (t.abuserExcuse === true && !pressured && context.said.abuserExcuse !== true && redFlagKnown(context, summary)) out.push(sayStepOf(context, 'abuser-excuse'));
  }
  // "please dont hate me", "are you mad at me" (a young person or friend): no, I don't think badly of you, not in trouble (each time).
  if (t.fearsJudged === true && path !== 'parent') out.push(say('shared.not-judged'));
  // "did i do something wrong": after a counsellor had to leave, that it was not because of them; else not their fault.
  if (t.asksIfDidWrong === true) out.push(context.said.counsellorLeft === true ? say('handoff.not-you') : sayStepOf(context, 'not-your-fault'));
  // A nude made or edited with AI ("someone made a fake nude of me with ai"): still against the law under 18, not
  // their fault, Report Remove takes fakes down too; then, asked again ("is it illegal if its fake"), the short yes.
  if (t.aiFake === true) out.push(context.said.aiFake === true ? say('shared.ai-fake-again') : sayStepOf(context, 'ai-fake'));
  if (t.asksForget === true) out.push(say('shared.delete-chat'));
  else if (t.asksSaved === true) out.push(say('shared.chat-kept'));
  // "i talked to u yesterday", "do u remember me": glad, honestly that this chat cannot see that one, and what is happening now.
  if (t.comesBack === true) {
    out.push(say(context.said.cameBack === true ? 'shared.came-back-again' : 'shared.came-back'));
    if (t.notToldYet === true && path !== 'parent') out.push(say('shared.came-back-not-told'));
  }
  // A teacher or worker, after a red flag: "i havent told anyone yet": their safeguarding lead today (each time).
  if (t.notToldYet === true && t.comesBack !== true && context.audience === 'someone_else' && context.adultRole !== 'dsl' && (summary.categories ?? []).length > 0) out.push(say('parent.staff-not-told'));
  // Their own grown-up targeted ("my mum is talking to a man online who wants money"), or the adult chatting
  // ("im being blackmailed myself"): kind words for who it is, once (not "don't pay", nor a child's pictures).
  const target = grownUpTargetOf(context);
  if (target !== undefined && context.said.grownUpTarget === undefined) out.push(say(target === 'self' ? 'parent.adult-victim' : 'shared.grown-up-targeted'));
  // "she wont listen to me", after it: still not their job; another grown-up can help (each time).
  else if (target === 'grown-up' && t.wontListen === true) out.push(say('shared.grown-up-targeted-again'));
  // "its ok hes a kid hes 12 he said", beside or after a red flag (a young person): anyone can say an age online, and
  // even a real child should not ask that; not their fault (once; not beside the age-lie line, which says it).
  if (claimedAgeToQuestion(context, summary)) out.push(say('child.claimed-age'));
  // "actually nah dont worry", "forget it its stupid": no pressure, it isn't stupid, the door stays open; the step's
  // question still waits, not answered by it. Not for "are you safe right now?" (its own route asks again), nor in danger now.
  // "ok", "its fine" right after that line (`leavesIt`): leaving it there, not the answer to the step's question (the short line again).
  if ((t.backsOff === true || t.leavesIt === true) && context.safeAsk !== 'asked' && !isInDangerNow(context)) out.push(say(context.said.backsOff === true ? 'shared.backs-off-again' : 'shared.backs-off'));
  // "lol jk", "just testing": that's okay, no telling off; if something has happened they can tell me (once). Then "ok its real
  // actually", "no it did happen": I believe you, taken seriously, not in trouble (once); never "I'm glad you're okay".
  else if (t.justTesting === true && context.said.testing !== true && context.safeAsk !== 'asked' && !isInDangerNow(context)) out.push(say('shared.just-testing'));
  if (t.itsReal === true && t.justTesting !== true && context.said.testing === true && context.said.itsReal !== true) out.push(say('shared.its-real'));
  // Their role named after the red flag ("I am the safeguarding lead"): their part, once (beside a red flag the escalation says it).
  if (t.findings.length === 0 && (summary.categories ?? []).length > 0 && roleOfTurn(context) !== undefined) out.push(...roleAdviceLines({ ...context, adultRole: roleOfTurn(context) }));
  // "our parents dont speak english well", a friend or grown-up: who can help anyway (each time).
  if (t.parentsLanguage === true && path !== 'child') out.push(say('shared.parents-language'));
  // "our mum works nights", a young person or a sibling, with a red flag now or before: ring them at work, it is
  // important enough (each time). Not while in danger now (the 999 steps speak then).
  if (t.grownUpAtWork === true && path !== 'parent' && !isInDangerNow(context) && redFlagKnown(context, summary)) out.push(sayStepOf(context, 'call-at-work'));
  // A carer's child who cannot see the danger ("he doesnt understand its wrong", learning difficulties, autism): simple
  // rules, supervise, school/SENCo (once); "how do i explain it to him" then: the words to use (each time). Not a
  // mental-health worry, and never the answer to the step's question (the wellbeing question still waits).
  if (path === 'parent') {
    const needs = t.additionalNeeds === true || context.additionalNeeds === true;
    if (t.cantSeeDanger === true && context.said.cantSeeDanger !== true) out.push(say('parent.cant-see-danger'));
    else if (t.asksExplain === true && (needs || context.said.cantSeeDanger === true)) out.push(say('parent.explain-simply'));
  }
  // A parent or carer about to set a trap, spy or punish: answered for what they said (each long line once, then a short one),
  // never taken as the answer to the wellbeing question. A meeting set up with him: never go, tell the police today.
  if (path === 'parent' && t.parentTrap === true) out.push(say(context.said.trap === true ? 'parent.trap-meeting-again' : 'parent.trap-meeting'));
  else if (path === 'parent' && t.parentSpies === true) out.push(say(context.said.spies === true ? 'parent.dont-spy-again' : 'parent.dont-spy'));
  if (path === 'parent' && t.parentPunishes === true) out.push(say(context.said.punish === true ? 'parent.punish-again' : 'parent.punish'));
  // "he says shes lying", "i dont know what to believe", after abuse or a red flag was told: children rarely make it up, believe
  // them, keep them apart, 101 / NSPCC (each time); never the answer to the wellbeing question (session 29).
  if (path === 'parent' && t.doubtsChild === true && redFlagKnown(context, summary)) out.push(say(context.said.believeChild === true ? 'parent.believe-child-again' : 'parent.believe-child'));
  // "should i delete it", once a nude going round among young people was told of: yes, and tell a grown-up so the person in it gets help (each time).
  if (path === 'child' && t.asksDeleteImage === true && context.peerImage === true) out.push(say('child.peer-delete'));
  // "i dont care", after a meeting or running away was told (a young person): fed up, heard; what makes them want to go (each time).
  if (t.fedUp === true && goingToMeet({ ...context, audience: context.audience ?? t.audience })) out.push(say('child.fed-up'));
  // Running away to him ("im going to run away to my bfs house", "she says shell run away if i stop her seeing him", "should i
  // let her see him so she doesnt run off"), with a red flag known (this message or before): don't go / tell a grown-up before
  // tonight / no, don't allow it, police today, 999 if missing. Once, then a short line; "i just want to leave" after it too.
  const runRisk = redFlagKnown(context, summary) || context.said.olderPartner === true;
  if ((t.runsAway === true && runRisk) || (t.wantsToLeave === true && context.said.runAway === true)) out.push(sayStepOf({ ...context, audience: context.audience ?? t.audience ?? 'young_person' }, context.said.runAway === true ? 'run-away-again' : 'run-away'));
  return out;
}

/**
 * The turn's keys that meet no condition of `stepAnswers` or {@link standingAnswerLines}, whatever their values and
 * whatever the context: what an ordinary answer to a step's question holds ("a few weeks now", "not sure", "it was on
 * roblox", "my big sister"). Any other key (a new one too) sends the message through every condition. A key goes here
 * only if no condition can hold because of it: tests/dialogs/answer-gate.test.ts gives each of them, with each value
 * the tuning conversations give it, to both in real contexts, and fails when they disagree.
 */
export const PLAIN_ANSWER_KEYS: ReadonlySet<string> = new Set<string>([
  'findings', 'categories', 'hasWords', 'language', 'tellsStory', 'storyOfSomeone', 'audience', 'aboutSelf', 'strangerOrOnline',
  'ageBand', 'childUnder13', 'trustedAdult', 'noTrustedAdult', 'app', 'otherApp', 'duration', 'feeling', 'relation', 'knownAdultNamed',
  'knownAdultInPerson', 'householdNamed', 'harmInPerson', 'habitualHarm', 'adultTold', 'asksQuestion', 'lightTone', 'toldNothing',
  'yes', 'bareYes', 'no', 'declines', 'unsure', 'notKnowing', 'soundsFine', 'greeting',
] satisfies (keyof TurnAnalysis)[]);

/**
 * A message none of `stepAnswers`' conditions can take (so the step answers it, unless a counsellor is with the child):
 * its turn holds only {@link PLAIN_ANSWER_KEYS}, and no brother or sister was named before (`sayFacts`: with an age of
 * 18 or over known, {@link roleOfTurn} gives their role's line whatever the message says). Most messages of a long chat.
 */
export function isPlainAnswer(context: HarbourContext, turn: TurnAnalysis): boolean {
  if (context.sayFacts !== undefined) return false;
  for (const key in turn) if (!PLAIN_ANSWER_KEYS.has(key)) return false;
  return true;
}

/**
 * After "no pressure" said to their backing off (either line), the next message is heard as to that line first: see
 * `backOffAsk`. Not after the line said to a nod ("its fine"), so that "ok", "ok" does not get it again and again.
 */
function backOffAskOf(context: HarbourContext, lines: readonly BotSay[]): Pick<HarbourContext, 'backOffAsk'> | undefined {
  return context.turn.backsOff === true && lines.some((l) => l.key === 'shared.backs-off' || l.key === 'shared.backs-off-again') ? { backOffAsk: 'asked' } : undefined;
}

/** A young person told of a meeting planned (the dont-meet line was said) or of running away to him. */
function goingToMeet(context: HarbourContext): boolean {
  return pathOf(context.audience) === 'child' && (context.said.dontMeet === true || context.said.runAway === true);
}

/** A red flag in this message (the detector's or the dialog's findings) or one known before it (`summary`). */
function redFlagKnown(context: HarbourContext, summary: ConversationSummary): boolean {
  return context.turn.findings.length > 0 || (summary.categories ?? []).length > 0;
}

/** "ok shes gone", "i can talk now" as the message right after a pause, and not in danger now. */
function isBackAfterPause(context: HarbourContext): boolean {
  return context.turn.backAfterPause === true && context.pauseAsk === 'asked' && !isInDangerNow(context);
}

/** What the standing answers mark as said (a long line said once, then a short one). */
function saidByStandingAnswers(lines: readonly BotSay[]): Partial<HarbourContext['said']> {
  return {
    ...(lines.some((l) => l.key === 'shared.cant-phone') ? { cantPhone: true as const } : {}),
    ...(lines.some((l) => l.key === 'shared.device-safety') ? { deviceSafety: true as const } : {}),
    ...(lines.some((l) => l.key.endsWith('.image-spreading')) ? { imageSpreading: true as const } : {}),
    ...(lines.some((l) => l.key === 'shared.came-back') ? { cameBack: true as const } : {}),
    ...(lines.some((l) => l.key === 'shared.grown-up-targeted') ? { grownUpTarget: 'grown-up' as const } : {}),
    ...(lines.some((l) => l.key === 'parent.adult-victim') ? { grownUpTarget: 'self' as const } : {}),
    ...(lines.some((l) => l.key === 'child.claimed-age') ? { claimedAge: true as const } : {}),
    ...(lines.some((l) => l.key === 'shared.backs-off') ? { backsOff: true as const } : {}),
    ...(lines.some((l) => l.key === 'shared.just-testing') ? { testing: true as const } : {}),
    ...(lines.some((l) => l.key === 'shared.its-real') ? { itsReal: true as const } : {}),
    ...(lines.some((l) => l.key.endsWith('.police-plan')) ? { policePlan: true as const } : {}),
    ...(lines.some((l) => l.key.endsWith('.police-involved')) ? { policeInvolved: true as const } : {}),
    ...(lines.some((l) => l.key === 'shared.peer-shared') ? { peerShared: true as const } : {}),
    ...(lines.some((l) => l.key === 'shared.other-language') ? { otherLanguage: true as const } : {}),
    ...(lines.some((l) => l.key.endsWith('.image-family')) ? { imageFamily: true as const } : {}),
    ...(lines.some((l) => l.key.endsWith('.not-over')) ? { notOver: true as const } : {}),
    ...(lines.some((l) => l.key.endsWith('.ai-fake')) ? { aiFake: true as const } : {}),
    ...(lines.some((l) => l.key === 'child.love-pressure') ? { lovePressure: true as const } : {}),
    ...(lines.some((l) => l.key.endsWith('.abuser-excuse')) ? { abuserExcuse: true as const } : {}),
    ...(lines.some((l) => ROLE_ADVICE_KEYS.has(l.key)) ? { roleAdvice: true as const, safeguardingLead: true as const } : {}),
    ...(lines.some((l) => l.key === 'parent.cant-see-danger') ? { cantSeeDanger: true as const } : {}),
    ...(lines.some((l) => l.key === 'parent.acts-alone') ? { actsAlone: true as const } : {}),
    ...(lines.some((l) => l.key === 'parent.punish') ? { punish: true as const } : {}),
    ...(lines.some((l) => l.key === 'parent.believe-child') ? { believeChild: true as const } : {}),
    ...(lines.some((l) => l.key === 'parent.dont-spy') ? { spies: true as const } : {}),
    ...(lines.some((l) => l.key === 'parent.trap-meeting') ? { trap: true as const } : {}),
    ...(lines.some((l) => l.key.endsWith('.run-away')) ? { runAway: true as const } : {}),
    ...(lines.some((l) => l.key.endsWith('.wants-more')) ? { wantsMore: true as const, paidAlready: true as const } : {}),
    ...(lines.some((l) => l.key.endsWith('.owe-nothing')) ? { oweNothing: true as const } : {}),
    ...(lines.some((l) => l.key === 'child.live-dares') ? { liveDares: true as const } : {}),
    ...(lines.some((l) => l.key === 'child.family-upset') ? { familyUpset: true as const } : {}),
    ...(lines.some((l) => l.key === 'parent.exploitation-signs') ? { exploitationSigns: true as const } : {}),
  };
}

/**
 * "nobodys awake", "can i text someone": Shout's text line and Childline's online chat, then the short
 * reminder; for a young person or a friend, not while in danger now (the 999 steps speak then).
 */
function cantPhoneLine(context: HarbourContext, path: PathPrefix): BotSay | undefined {
  if (context.turn.cantPhone !== true || path === 'parent' || isInDangerNow(context)) return undefined;
  return say(context.said.cantPhone === true ? 'shared.cant-phone-again' : 'shared.cant-phone');
}

/**
 * A young person tells of the other person's young age ("hes 12 he said", "shes my age") where there is
 * something to question: a red flag in this message or before. Once; not when the age-lie line is said
 * (or was), nor to a friend or an adult. A child naming a friend's age with nothing asked stays as it is.
 */
function claimedAgeToQuestion(context: HarbourContext, summary: ConversationSummary): boolean {
  const t = context.turn;
  if (t.claimsYoungAge !== true || context.said.claimedAge === true || context.said.ageLie === true) return false;
  if (pathOf(context.audience ?? t.audience ?? 'young_person') !== 'child') return false;
  if (t.findings.some((f) => f.rule === AGE_LIE_RULE)) return false;
  return redFlagKnown(context, summary);
}

/**
 * "my family will kill me", "my dad would kill me", said by a young person who is frightened: a red flag known
 * (this message or before), and not said lightly ("my mum will kill me lol"). Once.
 */
function fearsHarmToCheck(context: HarbourContext): boolean {
  const t = context.turn;
  if (t.fearsTelling !== true || t.fearsHarm !== true || t.lightTone === true || context.said.fearsHarm === true) return false;
  // In danger now the 999 steps come first: no question that waits for an answer (the ordinary line, then 999).
  if (isInDangerNow(context)) return false;
  if (pathOf(context.audience ?? t.audience ?? 'young_person') !== 'child') return false;
  // Frightened: something serious has been told (a red flag, now or before), so the chat is escalated and the answer is heard there.
  return (context.summary.categories ?? []).length > 0 || t.findings.length > 0;
}

/**
 * The questions asked on the last turn (`asked`) that this message passes (`answered`): one place, for
 * `takeMessage` and `takeAnswer` alike. `undefined` when none was asked.
 */
function askedQuestionsPassed(context: HarbourContext): Partial<Pick<HarbourContext, 'safeAsk' | 'safeHereAsk' | 'wellbeingAsk' | 'harmAsk' | 'pauseAsk' | 'backOffAsk'>> | undefined {
  if (context.safeAsk !== 'asked' && context.safeHereAsk !== 'asked' && context.wellbeingAsk !== 'asked' && context.harmAsk !== 'asked' && context.pauseAsk !== 'asked' && context.backOffAsk !== 'asked') return undefined;
  return {
    ...(context.backOffAsk === 'asked' ? { backOffAsk: 'answered' as const } : {}),
    ...(context.safeAsk === 'asked' ? { safeAsk: 'answered' as const } : {}),
    ...(context.safeHereAsk === 'asked' ? { safeHereAsk: 'answered' as const } : {}),
    ...(context.wellbeingAsk === 'asked' ? { wellbeingAsk: 'answered' as const } : {}),
    ...(context.harmAsk === 'asked' ? { harmAsk: 'answered' as const } : {}),
    ...(context.pauseAsk === 'asked' ? { pauseAsk: 'answered' as const } : {}),
  };
}

/** The typed setup, for state configs in other files. */
export type HarbourSetup = ReturnType<typeof createHarbourSetup>;

/**
 * What every route at the root that takes a child's message does first: ask for the next check-in.
 * The message itself was read into the context before the transition was chosen (see the
 * `machine.transition` wrapper in harbour.machine.ts).
 */
export const TAKE_MESSAGE = ['takeMessage'] as const;

/** The transitions a state config may give for `user.message`, as the typed setup checks them. */
type MessageTransitions = readonly Extract<
  NonNullable<NonNullable<Parameters<HarbourSetup['createStateConfig']>[0]['on']>['user.message']>,
  readonly unknown[]
>[number][];

/**
 * A step's answers to a child's message (`on: { 'user.message': answer([...]) }`), written as the
 * step sees them: each is taken only when no route at the root takes the message (`isAnswer`), and
 * first asks for the next check-in and says the details route's piece when it applies. XState tries a
 * state's own transitions before its ancestors', so without `isAnswer` a step would answer a red
 * flag; with it, routing and answering are one transition, and the message one macrostep.
 */
export function answer(transitions: MessageTransitions): MessageTransitions {
  return transitions.map((t) => {
    const config = typeof t === 'string' || t === undefined ? { target: t } : t;
    const own: readonly unknown[] = config.actions === undefined ? [] : Array.isArray(config.actions) ? (config.actions as readonly unknown[]) : [config.actions];
    // Typed as written: the guard and action names were checked where the step is written.
    return {
      ...config,
      guard: config.guard === undefined ? 'isAnswer' : fastAnd(['isAnswer', config.guard] as never),
      actions: ['takeAnswer', ...own],
    } as MessageTransitions[number];
  });
}

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

/** A grown-up's part, by role (session 26): see `roleAdviceLines`. */
const ROLE_ADVICE: Readonly<Record<NonNullable<HarbourContext['adultRole']>, string>> = {
  dsl: 'parent.advice.dsl',
  foster: 'parent.advice.foster',
  'older-sibling': 'friend.older-sibling',
};
const ROLE_ADVICE_KEYS: ReadonlySet<string> = new Set(Object.values(ROLE_ADVICE));

/**
 * The role this message names, when new: the safeguarding lead ("im the dsl"), a foster carer ("the boy we look after"),
 * or, on the friend path, an older sibling of 18 or over ("im her older sister im 19").
 */
function roleNamed(context: HarbourContext): HarbourContext['adultRole'] {
  const role = roleOfTurn(context);
  return role === context.adultRole ? undefined : role;
}

/** The role the message names, whether or not it is known already (see {@link roleNamed}). */
function roleOfTurn(context: HarbourContext): HarbourContext['adultRole'] {
  const t = context.turn;
  if (t.isDsl === true) return 'dsl';
  if (t.fosterCarer === true) return 'foster';
  const friendPath = pathOf(context.audience ?? t.audience ?? 'young_person') === 'friend';
  // A brother or sister said in this message ("im her older sister im 19"), or named before ("its my little sister", then
  // "im 19": `sayFacts`), with an age of 18 or over, said now or before (session 29: the age in its own message was missed).
  const sibling = t.olderSibling === true || BROTHER_OR_SISTER.has(context.sayFacts?.friend.words ?? '');
  return sibling && (t.ageBand ?? context.summary.ageBand) === '18+' && friendPath ? 'older-sibling' : undefined;
}

/** `{friend}` as a brother or sister ("your sister"), not a cousin (`friend.older-sibling` speaks of "your parents"). */
const BROTHER_OR_SISTER: ReadonlySet<string> = new Set(['placeholder.friend.sister', 'placeholder.friend.brother', 'placeholder.friend.sibling']);

/** Their role's line, once: the DSL refers as their procedures say; a foster carer tells the social worker; a grown-up sibling can report. */
function roleAdviceLines(context: HarbourContext): readonly BotSay[] {
  if (context.adultRole === undefined || context.said.roleAdvice === true || context.handoff === 'accepted') return [];
  return [say(ROLE_ADVICE[context.adultRole])];
}

import { and, not, or } from 'xstate';
import { childStates } from './child/child.states.js';
import { createMessageReader } from './analyse.js';
import type { DialogDeps } from './deps.js';
import { answer, createHarbourSetup, initialContext, TAKE_MESSAGE } from './harbour.setup.js';
import { QR } from './message-keys.js';
import { parentStates } from './parent/parent.states.js';
import { fastTransition, withContext } from './xstate-lite.js';

/** How the machine is built: `fastPath: false` leaves every transition to XState's own macrostep (for the test that compares the two). */
export interface HarbourMachineOptions {
  readonly fastPath?: boolean;
  /** `false`: every message asks all of `stepAnswers`' conditions (see `isPlainAnswer` in harbour.setup.ts). */
  readonly answerGate?: boolean;
}

/**
 * The whole conversation as one statechart. The opening speaks before any question. Each message
 * is read once (detector and answer) before its transition is chosen, then routed by precedence
 * at the root (red flag > request for a person > goodbye > details the child need not share), so
 * that order holds from every state; only when no route applies does the current step answer, in
 * the same transition (`answer([...])`). Quick exit is its own event and wins over everything.
 */
export function createHarbourMachine(deps: DialogDeps, options: HarbourMachineOptions = {}) {
  const readMessage = createMessageReader(deps);
  const s = createHarbourSetup(deps, readMessage, { answerGate: options.answerGate });
  const machine = s.createMachine({
    id: 'harbour',
    context: ({ input }) => initialContext(input),
    entry: ['sayOpening', 'requestCheckIn'],
    initial: 'choosingAudience',
    states: {
      choosingAudience: {
        on: {
          'user.message': answer([
            // Who they are and their story in one message: never make them tell it twice.
            // A grown-up the child knows, in person ("her mums boyfriend made her promise not to tell"): no app to ask about.
            { guard: and(['namesAdult', 'tellsStory', 'tellsOfKnownAdult']), target: '#harbour.talking.adult.behaviour', actions: ['setAudience', 'recordKnownAdult'] },
            { guard: and(['namesAdult', 'tellsStory', 'knowsApp']), target: '#harbour.talking.adult.behaviour', actions: ['setAudience'] },
            { guard: and(['namesAdult', 'tellsStory']), target: '#harbour.talking.adult.app', actions: ['setAudience'] },
            // "it happened again", "he messaged me again" (back after an earlier chat): a young person's story still to be told, not
            // who is chatting alone; sorry it happened again, and what happened this time (session 30).
            { guard: and(['tellsAgain', 'speaksForThemselves']), target: '#harbour.talking.young.whatHappened', actions: ['setAudience', 'welcomeAgain'] },
            // Nothing happened, or only how they feel, and no one else in it: listen, don't ask about "this person".
            { guard: and(['justWantsToTalk', 'speaksForThemselves']), target: '#harbour.talking.young.listening', actions: ['setAudience', 'sayThanksOnce', 'listenJustTalking'] },
            { guard: and(['sharesOwnFeelingOnly', 'speaksForThemselves', 'tellsStory']), target: '#harbour.talking.young.listening', actions: ['setAudience', 'sayThanksOnce', 'listenToFeeling'] },
            // "im trans and my parents dont know": who they are, not home being hard; at once, as at the first question, that
            // they can talk here anyway, and what has been happening (not the path's thanks and question as well).
            { guard: and(['saysHomeDoesntKnowOnly', 'speaksForThemselves']), target: '#harbour.talking.young.whatHappened', actions: ['setAudience', 'welcomeHomeDoesntKnow'] },
            // "i think im gay", told first: welcomed on its own, then an open question (not taken as the story).
            { guard: and(['saysIdentityOnly', 'speaksForThemselves']), target: '#harbour.talking.young.listening', actions: ['setAudience', 'welcomeIdentity'] },
            { guard: and(['namesAudience', 'tellsStory', 'tellsOfBullying']), target: '#harbour.talking.young.bullying', actions: ['setAudience', 'recordBullying'] },
            { guard: and(['namesAudience', 'tellsStory', 'tellsOfFamilyRules', not('namesAdult')]), target: '#harbour.talking.young.familyRules', actions: ['setAudience'] },
            { guard: and(['namesAudience', 'asksAppQuestion', not('namesAdult')]), target: '#harbour.talking.young.familyRules', actions: ['setAudience'] },
            { guard: and(['namesAudience', 'tellsStory', 'tellsOfHomeLife', not('namesAdult')]), target: '#harbour.talking.young.homeLife', actions: ['setAudience', 'recordKnownAdult'] },
            { guard: and(['namesAudience', 'tellsStory', 'tellsOfKnownAdult']), target: '#harbour.talking.young.askedToDo', actions: ['setAudience', 'recordKnownAdult'] },
            { guard: and(['namesAudience', 'tellsStory', 'knowsApp']), target: '#harbour.talking.young.howLong', actions: ['setAudience'] },
            { guard: and(['namesAudience', 'tellsStory']), target: '#harbour.talking.young.app', actions: ['setAudience'] },
            { guard: 'namesAudience', target: 'talking', actions: ['setAudience'] },
            { guard: 'declines', target: 'talking', actions: ['setAudience'] },
            { guard: 'isGreeting', actions: [{ type: 'say', params: { key: 'opening.who-hello', quickReplies: QR.who } }] },
            // "my mum told me to talk to you": a young person whose grown-up knows; what happened is still to come.
            { guard: 'onlyToldGrownUp', target: '#harbour.talking.young.whatHappened', actions: ['setAudience', 'recordTrustedAdult'] },
            // Straight into their story without saying who they are: taken as the young person's own.
            { guard: and(['tellsStory', 'tellsOfBullying']), target: '#harbour.talking.young.bullying', actions: ['setAudience', 'recordBullying'] },
            { guard: and(['tellsStory', 'tellsOfFamilyRules']), target: '#harbour.talking.young.familyRules', actions: ['setAudience'] },
            { guard: 'asksAppQuestion', target: '#harbour.talking.young.familyRules', actions: ['setAudience'] },
            { guard: and(['tellsStory', 'tellsOfHomeLife']), target: '#harbour.talking.young.homeLife', actions: ['setAudience', 'recordKnownAdult'] },
            { guard: and(['tellsStory', 'tellsOfKnownAdult']), target: '#harbour.talking.young.askedToDo', actions: ['setAudience', 'recordKnownAdult'] },
            { guard: and(['tellsStory', 'knowsApp']), target: '#harbour.talking.young.howLong', actions: ['setAudience'] },
            { guard: 'tellsStory', target: '#harbour.talking.young.app', actions: ['setAudience'] },
            // Not placed: why we ask, then "you don't have to choose, just type"; a person and the helplines only the third time.
            { actions: ['whoNotUnderstood'] },
          ]),
        },
      },
      talking: {
        initial: 'routing',
        states: {
          routing: {
            always: [
              { guard: ({ context }) => context.audience === 'parent_carer' || context.audience === 'someone_else', target: 'adult' },
              { target: 'young' },
            ],
          },
          young: childStates(s),
          adult: parentStates(s),
        },
      },
      escalated: {
        on: {
          'user.message': answer([
            // "Are you safe right now?", asked when self-harm was first heard: no or not sure is danger now. First, before
            // the danger-now answers: it is also asked when self-harm first came while in danger now from something else.
            // "idk", "not sure" (and nothing that says no): not knowing, answered gently (what could help, the numbers, 999 if it gets worse).
            // "theres no point" in place of the answer (its no is not one): heard, and the question asked again (once).
            { guard: and(['awaitsSafeAnswer', 'feelsNoPoint', 'mayAskSafeAgain']), actions: ['feelingsAnswered', 'sayNoPointAskSafeAgain'] },
            { guard: and(['awaitsSafeAnswer', 'isNotKnowing', not('saysNo'), not('leadsWithNo'), not('saysNotFine'), not('soundsFine')]), actions: ['sayUnsureSafe'] },
            { guard: and(['awaitsSafeAnswer', or(['saysNo', 'isUnsure', 'leadsWithNo', 'saysNotFine']), not('soundsFine')]), actions: ['escalateNotSafe'] },
            // "lol jk", "forget it" (even "jk im fine"): not an answer to trust on its own; asked again, once.
            { guard: and(['awaitsSafeAnswer', 'takesItBack', 'mayAskSafeAgain']), actions: ['feelingsAnswered', 'askSafeAfterTakingBack'] },
            { guard: and(['awaitsSafeAnswer', or(['saysYes', 'soundsFine']), 'isInDangerNow']), actions: ['saySafeForNow', 'sayStillInDanger'] },
            { guard: and(['awaitsSafeAnswer', or(['saysYes', 'soundsFine'])]), actions: ['saySafeForNow'] },
            // A feeling in place of the answer ("no one would care"): said back, and the question asked again (once).
            { guard: and(['awaitsSafeAnswer', 'namesFeelingBesidesOkay', 'mayAskSafeAgain']), actions: ['feelingsAnswered', 'reflectAndAskSafeAgain'] },
            // "Are you safe right now?", after harm told as something that keeps happening ("hits me when hes drunk"): no or not
            // sure is danger now (999 now, and the reminders from here on); yes is glad, and 999 if it happens again.
            { guard: and(['awaitsSafeHereAnswer', or(['saysNo', 'isUnsure', 'leadsWithNo', 'saysNotFine']), not('soundsFine'), not('saysSafeNow')]), actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayNotSafeHere'] },
            { guard: and(['awaitsSafeHereAnswer', or(['saysYes', 'soundsFine', 'saysSafeNow'])]), actions: ['trustedAdultAnswered', 'feelingsAnswered', { type: 'say', params: { key: 'escalation.safe-for-now-habitual' } }] },
            // In danger now: until they say it has passed, every message gets 999 again (or, once
            // they have called, "stay on the line"), not questions about feelings or grown-ups.
            { guard: and(['isInDangerNow', 'saysSafeNow']), actions: ['trustedAdultAnswered', 'feelingsAnswered', 'saySafeNow'] },
            { guard: and(['isInDangerNow', 'saysCalledHelp']), actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayCalledHelp'] },
            // "should i open the door", "what if he knocks": no, stay in, lock it, 999 (a young person, each time asked).
            { guard: and(['isInDangerNow', 'asksAboutDoor', 'isOnChildPath']), actions: ['trustedAdultAnswered', 'feelingsAnswered', { type: 'say', params: { key: 'escalation.danger-door' } }] },
            // "shud i go out", "he says get in": no, stay where there are people, 999 (each time asked).
            { guard: and(['isInDangerNow', 'asksGoOut', not('isOnAdultPath')]), actions: ['trustedAdultAnswered', 'feelingsAnswered', { type: 'say', params: { key: 'escalation.danger-go-out' } }] },
            // "should i wake my mum": yes, now, and show them this chat.
            { guard: and(['isInDangerNow', 'wakesSomeone', not('isOnAdultPath')]), actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayWakeSomeone'] },
            // "999 wont believe me": they will take it seriously, and no one is in trouble for calling.
            { guard: and(['isInDangerNow', 'fearsNotBelieved']), actions: ['trustedAdultAnswered', 'feelingsAnswered', { type: 'say', params: { key: 'escalation.danger-believed' } }] },
            { guard: and(['isInDangerNow', 'wantsTips']), actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayStillInDanger', 'sayAdvice'] },
            // "my mum will kill me if she finds out": most grown-ups want to help, then 999 again.
            { guard: and(['isInDangerNow', 'fearsTelling']), actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayFearsTelling', 'sayStillInDanger'] },
            // "but he seems nice": no blame, and why it still matters, then 999 again.
            { guard: and(['isInDangerNow', 'caresForThem']), actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayCares', 'sayStillInDanger'] },
            { guard: 'isInDangerNow', actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayDangerSteps'] },
            // "im so scared my life is over": it is not the end, and are you safe (once).
            { guard: 'feelsHopeless', actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayNotTheEnd'] },
            // "nobody can help me", "theres no point" (after blackmail, a warning sign): people can help, and are you safe; not the tips.
            { guard: 'feelsNoPoint', actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayNoPoint'] },
            // A friend's nude going round among young people, read as sexual and nothing else: on the next message ("shes
            // crying in the toilets"), go and get a teacher now, as on the path with no flag (session 41).
            { guard: 'followsPeerImage', actions: ['feelingsAnswered', 'sayPeerImageNow'] },
            // A young person's "hello??", "u there": still here; while waiting for a person, they will come as soon as
            // they can. (A parent's greeting goes on to the wellbeing question, as before.)
            { guard: and(['isGreeting', 'isWaitingForPerson', not('isOnAdultPath')]), actions: [{ type: 'say', params: { key: 'escalation.listening' } }, 'sayWaitAgain'] },
            // Nobody can come (off shift, none free), the first time: honestly just the computer helper now, and Childline has real
            // people (session 30, tester's #29); then, when due, whether there is a grown-up they trust near them.
            { guard: and(['asksIfThereNobodyComing', 'mayAskTrustedAdult']), actions: ['sayOnlyComputer', 'askTrustedAdult'] },
            { guard: 'asksIfThereNobodyComing', actions: ['sayOnlyComputer'] },
            { guard: and(['isGreeting', not('isWithCounsellor'), not('isOnAdultPath')]), actions: [{ type: 'say', params: { key: 'escalation.listening' } }] },
            // "wat dose that meen", a young person after the escalation's words: what they mean, plainly.
            { guard: and(['isConfused', 'isOnChildPath']), actions: ['sayMeaningOfEscalation'] },
            // "should i wake her up" (a mum, about a man asking a 10-year-old for his address), not in danger now: yes, this is important enough.
            { guard: 'asksToWake', actions: ['trustedAdultAnswered', 'feelingsAnswered', { type: 'sayStep', params: { step: 'wake-yes' } }] },
            // "should i just pay her": answered (no, and why) before any question of the bot's.
            { guard: 'asksShouldComply', actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayDontComply'] },
            // Nobody can come, so the bot explores a trusted grown-up itself, as the path would have:
            // the message after the question answers it.
            { guard: and(['awaitsTrustedAdult', 'homeIsUnsafe']), actions: ['recordTrustedAdult', 'trustedAdultAnswered', { type: 'sayStep', params: { step: 'trusted.not-home' } }] },
            // "my family will kill me", frightened: asked gently whether they mean being hurt, not pushed to tell that family.
            // Yes or not sure: nobody at home need be told, a teacher or Childline; no: the ordinary reassurance.
            { guard: and(['awaitsHarmAnswer', or(['saysYes', 'isUnsure'])]), actions: ['recordHarmFeared', 'trustedAdultAnswered', 'feelingsAnswered', { type: 'sayStep', params: { step: 'trusted.not-home' } }] },
            { guard: and(['awaitsHarmAnswer', or(['saysNo', 'leadsWithNo'])]), actions: ['feelingsAnswered', { type: 'sayStep', params: { step: 'fears-telling' } }] },
            { guard: and(['fearsTelling', 'fearsHarmCheck']), actions: ['feelingsAnswered', 'sayFearsTelling'] },
            // "my mum would go mad if she knew": not a grown-up they trust now; reassure, then ask (once) who else.
            { guard: and(['fearsTelling', 'mayAskTrustedAdult']), actions: ['feelingsAnswered', 'sayFearsTelling', 'askTrustedAdult'] },
            { guard: 'fearsTelling', actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayFearsTelling'] },
            // "my nan died last month too": sorry, crying is okay, Childline (the question asked, if any, still waits).
            { guard: 'tellsOfLoss', actions: ['feelingsAnswered', { type: 'say', params: { key: 'child.grief' } }] },
            // "i dont want to tell anyone": their choice when; telling can help when they are ready; Childline.
            { guard: 'notReadyToTell', actions: ['feelingsAnswered', 'sayNotReadyToTell'] },
            { guard: and(['awaitsTrustedAdult', 'namesTrustedAdult']), actions: ['recordTrustedAdult', 'trustedAdultAnswered', { type: 'sayStep', params: { step: 'trusted.named' } }] },
            // "yes" without saying who: good, tell them today (it was answered with nothing before).
            { guard: and(['awaitsTrustedAdult', 'saysYes']), actions: ['trustedAdultAnswered', { type: 'sayStep', params: { step: 'trusted.yes' } }] },
            // "idk what to do" is not "I don't know a grown-up": it asks for the tips, below.
            { guard: and(['awaitsTrustedAdult', or(['namesNoTrustedAdult', and(['isUnsure', not('wantsTips')])])]), actions: ['recordTrustedAdult', 'trustedAdultAnswered', { type: 'sayStep', params: { step: 'trusted.none' } }] },
            // The question passed by, or not yet asked, and then a grown-up named ("my mum"): still welcome.
            { guard: 'namesTrustedAdultLate', actions: ['recordTrustedAdult', 'trustedAdultAnswered', 'feelingsAnswered', { type: 'sayStep', params: { step: 'trusted.named' } }] },
            // "but i love him": no blame, and why it still matters (the question asked, if any, still waits).
            { guard: 'caresForThem', actions: ['feelingsAnswered', 'sayCares'] },
            { guard: 'wantsTips', actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayAdvice'] },
            // A parent, just asked about the child's mental health: yes, no, or in their own words.
            { guard: and(['awaitsWellbeing', 'saysNo']), actions: [{ type: 'say', params: { key: 'parent.ack.wellbeing-no' } }] },
            { guard: and(['awaitsWellbeing', 'declines']), actions: [{ type: 'say', params: { key: 'shared.thats-okay' } }] },
            { guard: and(['awaitsWellbeing', 'saysYes']), actions: [{ type: 'say', params: { key: 'parent.ack.wellbeing-yes' } }] },
            // A question in its place ("will they take her phone", "will the boys get in trouble") is not the answer (session 29).
            { guard: and(['awaitsWellbeing', not('asksAQuestion')]), actions: [{ type: 'say', params: { key: 'parent.ack.wellbeing-other' } }] },
            // A parent's question with no answer of its own: honest that it can't be answered well here, and who can (the NSPCC);
            // the mental-health question, if just asked, still waits.
            { guard: and(['awaitsWellbeing', 'asksAQuestion']), actions: [{ type: 'say', params: { key: 'parent.question-nspcc' } }, 'wellbeingStillAsked'] },
            { guard: and(['isOnAdultPath', 'asksAQuestion']), actions: ['trustedAdultAnswered', 'feelingsAnswered', { type: 'say', params: { key: 'parent.question-nspcc' } }] },
            // How they feel, just asked: any feeling answers it ("fine" too, which was asked for here).
            { guard: and(['awaitsFeelings', 'namesFeeling']), actions: ['feelingsAnswered', 'reflectFeeling'] },
            { guard: and(['namesFeelingBesidesOkay', 'mayAskTrustedAdult']), actions: ['feelingsAnswered', 'reflectFeeling', 'askTrustedAdult'] },
            { guard: 'namesFeelingBesidesOkay', actions: ['trustedAdultAnswered', 'feelingsAnswered', 'reflectFeeling'] },
            { guard: 'mayAskTrustedAdult', actions: ['askTrustedAdult'] },
            // Nobody asked yet how they feel: ask once, rather than only "I'm still here". A parent is
            // asked, once, about the child's mental health, as the path would have.
            { guard: 'mayAskFeelings', actions: ['trustedAdultAnswered', 'askFeelings'] },
            { guard: 'mayAskWellbeing', actions: ['askWellbeing'] },
            // "no thats all" while a counsellor is on the way: nothing more to say is fine.
            { guard: and(['saysNothingMore', 'isWaitingForPerson']), actions: ['trustedAdultAnswered', 'feelingsAnswered', { type: 'say', params: { key: 'handoff.nothing-more' } }] },
            { actions: ['trustedAdultAnswered', 'feelingsAnswered', 'sayListeningWhileEscalated'] },
          ]),
        },
      },
      withCounsellor: {},
      closed: { type: 'final' },
      exited: { type: 'final' },
    },
    on: {
      // The routes, by precedence; a state's own answers (`answer([...])`) are tried before these
      // but only when none of them applies (the `isAnswer` guard, kept in step with this list).
      'user.message': [
        // With a counsellor the person stays; the console still hears a raised urgency, and 999 still shows.
        { guard: and(['hasRedFlag', 'isWithCounsellor']), actions: [...TAKE_MESSAGE, 'escalateOnFindings', 'askSafeLast'] },
        { guard: and(['safeNowOutweighsGuess', not('isWithCounsellor')]), target: '.escalated', actions: [...TAKE_MESSAGE, 'trustedAdultAnswered', 'feelingsAnswered', 'saySafeNow'] },
        // "yes she is safe rn" to "is your friend safe right now?", read by the classifier alone as danger: the yes is taken.
        { guard: and(['safeAnswerOutweighsGuess', not('isWithCounsellor')]), actions: [...TAKE_MESSAGE, 'saySafeForNow'] },
        // "am i gonna get in trouble", read by the classifier alone as danger: the question is answered, nothing escalated.
        { guard: and(['troubleOutweighsGuess', not('isWithCounsellor')]), actions: [...TAKE_MESSAGE, 'sayNotInTroubleIfAsked'] },
        // In danger now, "he says get in", "should i open the door" that the detector reads as danger or a meeting again: the
        // question's own answer (no, stay where people are or stay in, 999), not the escalation's first words again; the
        // findings still go to the console (session 39: the v130 classifier raises danger and meet on "he says get in").
        { guard: and(['isInDangerNow', 'asksGoOut', not('isOnAdultPath'), 'flagsOnlyDangerOrMeet', not('isWithCounsellor')]), target: '.escalated', actions: [...TAKE_MESSAGE, 'noteFindingsInDanger', 'trustedAdultAnswered', 'feelingsAnswered', { type: 'say', params: { key: 'escalation.danger-go-out' } }] },
        { guard: and(['isInDangerNow', 'asksAboutDoor', 'isOnChildPath', 'flagsOnlyDangerOrMeet', not('isWithCounsellor')]), target: '.escalated', actions: [...TAKE_MESSAGE, 'noteFindingsInDanger', 'trustedAdultAnswered', 'feelingsAnswered', { type: 'say', params: { key: 'escalation.danger-door' } }] },
        { guard: 'hasRedFlag', target: '.escalated', actions: [...TAKE_MESSAGE, 'setAudienceFromMessage', 'escalateOnFindings', 'sayHarmToOtherIfAny', 'sayCardGivenIfAny', 'sayOutingIfAny', 'sayKeepImageIfAsked', 'sayTakeDownIfAsked', 'sayImageWorryIfAny', 'sayPaidAlreadyIfAny', 'sayCantPayIfAny', 'sayNotOkayIfAsked', 'sayTookDeviceIfAny', 'sayNotInTroubleIfAsked', 'sayPoliceIfAsked', 'sayNotYourFaultIfSaid', 'sayFriendSecretIfAny', 'sayPrivacyIfAsked', 'sayDontConfrontIfAsked', 'sayCantTellForYouIfAsked', 'sayDontDeleteIfAsked', 'sayAboutCeopIfAsked', 'sayStandingAnswersIfAny', 'sayFearsTellingIfAny', 'askSafeLast'] },
        // "she already gave it", after a stranger asked for their details: the stranger knows them now.
        // Not in danger now: 999 is what matters then, and "its my fault i told him where i live" gets "not your fault" and 999
        // again below. A child blaming themselves is answered first, before the escalation's lines.
        { guard: and(['givesDetails', not('isWithCounsellor'), not('isInDangerNow')]), target: '.escalated', actions: [...TAKE_MESSAGE, 'sayNotYourFaultIfSaid', 'escalateDetailsGiven'] },
        // "nobody can help me", "theres no point", before any escalation: a warning sign; a counsellor, hope, and are you safe.
        { guard: and(['feelsNoPoint', not('isEscalated')]), target: '.escalated', actions: [...TAKE_MESSAGE, 'setAudienceFromMessage', 'escalateNoPoint'] },
        // With a counsellor the bot is silent: the person reads and answers.
        { guard: 'isWithCounsellor', actions: [...TAKE_MESSAGE] },
        { guard: 'asksIfBot', actions: [...TAKE_MESSAGE, 'sayNotAPerson', 'askWhoIfNotKnown'] },
        { guard: 'declinesPerson', actions: [...TAKE_MESSAGE, 'sayPersonDeclined', 'askWhoIfNotKnown'] },
        {
          guard: and(['asksForPerson', 'hasAskedForPerson', 'isPersonComing']),
          actions: [...TAKE_MESSAGE, { type: 'say', params: { key: 'handoff.already-asked' } }, 'sayWhoJoinsIfAsked'],
        },
        // Asked again when nobody can come: say so honestly, with people to call now.
        { guard: and(['asksForPerson', 'hasAskedForPerson']), actions: [...TAKE_MESSAGE, 'sayNobodyCanCome'] },
        // "how long will it take": as soon as they can, nobody can say when; or, when nobody can come, so, with people to call.
        { guard: and(['asksWait', 'hasAskedForPerson', 'isPersonComing']), actions: [...TAKE_MESSAGE, 'sayWaitAgain'] },
        { guard: and(['asksWait', 'hasAskedForPerson']), actions: [...TAKE_MESSAGE, 'sayNobodyCanCome'] },
        { guard: 'asksForPerson', target: '.escalated', actions: [...TAKE_MESSAGE, 'setAudienceFromMessage', 'requestPerson', 'sayWhoJoinsIfAsked'] },
        // "ok bye" while a counsellor is on the way: asked once whether they want to wait, since
        // leaving withdraws the request; a second goodbye closes the chat.
        { guard: and(['isGoodbye', 'isWaitingForPerson', not('hasAskedBeforeLeaving')]), actions: [...TAKE_MESSAGE, 'askBeforeLeaving'] },
        { guard: 'isGoodbye', target: '.closed', actions: [...TAKE_MESSAGE, 'closeWithGoodbye'] },
        { guard: and(['staysToWait', 'isWaitingForPerson']), actions: [...TAKE_MESSAGE, { type: 'say', params: { key: 'handoff.staying' } }] },
        // "Will you tell my mum?" is answered, honestly, and not taken as an answer to the step's
        // question ("my mum" is not a trusted adult here); the step's question still waits.
        { guard: 'asksAboutPrivacy', actions: [...TAKE_MESSAGE, 'sayPrivacyIfAsked', 'askWhoIfNotKnown'] },
        // Worries and questions with a standing answer, each answered every time (see standingAnswerLines in harbour.setup.ts);
        // the step's question still waits.
        { guard: 'hasStandingAnswer', actions: [...TAKE_MESSAGE, 'sayStandingAnswers', 'askWhoIfNotKnown'] },
        // "i sent a nude of a girl in my class to my mates", "i gave him my friends number": put it right today (once each).
        { guard: 'toldOfHarmToOther', actions: [...TAKE_MESSAGE, 'sayHarmToOtherIfAny', 'sayNotInTroubleIfAsked'] },
        // "can i save my nude as proof", "should i screenshot the pic": no, keep the chat instead (each time asked, first).
        { guard: 'asksKeepImage', actions: [...TAKE_MESSAGE, { type: 'answerEachTime', params: { step: 'keep-image' } }, 'sayTakeDownIfAsked', 'sayImageWorryIfAny'] },
        // "is it legit tho", once something was asked of them: no, and why (each time asked).
        { guard: 'asksIfLegit', actions: [...TAKE_MESSAGE, { type: 'answerEachTime', params: { step: 'not-legit' } }] },
        // "i gave them my mums card details": tell mum today, the bank can stop the card (once).
        { guard: 'saysCardGiven', actions: [...TAKE_MESSAGE, 'sayCardGivenIfAny'] },
        // A parent's "can i check his messages": yes, together; keep everything (each time asked).
        { guard: and(['asksCheckMessages', 'isOnAdultPath']), actions: [...TAKE_MESSAGE, { type: 'say', params: { key: 'parent.check-messages' } }] },
        // A parent's "should i take his phone": it's best not to, said directly, not "the advice is just above" (each time asked).
        { guard: and(['asksTakeDevice', 'isOnAdultPath']), actions: [...TAKE_MESSAGE, { type: 'say', params: { key: 'parent.advice.keep-internet' } }] },
        // "she'll tell everyone im gay unless…": their choice who to tell; the threat is abuse (once).
        { guard: 'tellsOfOuting', actions: [...TAKE_MESSAGE, 'sayOutingIfAny'] },
        // "hold on my mums coming", "brb": fine, come back when you can; the question still waits.
        { guard: 'pausesChat', actions: [...TAKE_MESSAGE, 'sayPause'] },
        // "ur useless", "ur not listening": sorry, no need to answer; own words or a person (each time).
        { guard: 'isFrustrated', actions: [...TAKE_MESSAGE, 'sayNotGettingIt'] },
        // "how do i get them taken down": yes, Report Remove and the app (each time asked).
        { guard: 'asksTakeDown', actions: [...TAKE_MESSAGE, { type: 'answerEachTime', params: { step: 'take-down' } }, 'sayImageWorryIfAny'] },
        // "i already sent one", "what if he shows people": not in trouble, and Report Remove (once).
        { guard: 'worriesAboutImage', actions: [...TAKE_MESSAGE, 'sayImageWorryIfAny', 'sayNotInTroubleIfAsked', 'sayPoliceIfAsked'] },
        // "should i call the police", "should i report him": yes, and how, each time asked (999 while in danger now).
        { guard: 'asksPolice', actions: [...TAKE_MESSAGE, 'sayNotInTroubleIfAsked', 'sayPoliceIfAsked', 'askWhoIfNotKnown'] },
        // "am i in trouble", "will the police arrest me": no, and who is in the wrong; the step's question still waits.
        { guard: 'asksIfInTrouble', actions: [...TAKE_MESSAGE, 'sayNotInTroubleIfAsked'] },
        // A parent's "what do i tell him": how to support the child (each time asked).
        { guard: and(['asksWhatToSay', 'isOnAdultPath']), actions: [...TAKE_MESSAGE, 'saySupportChild'] },
        // "can you tell my mum for me", "can u call the police": a computer cannot; how to tell, and 999 (each time asked).
        { guard: 'asksBotToTell', actions: [...TAKE_MESSAGE, 'sayCantTellForYou'] },
        // A parent's "should i confront him": no, leave it to the police (each time asked).
        { guard: and(['asksConfront', 'isOnAdultPath']), actions: [...TAKE_MESSAGE, 'sayDontConfront'] },
        // "should i delete his account", "can i just delete snapchat": not yet, the messages may be needed (each time asked).
        { guard: 'asksDelete', actions: [...TAKE_MESSAGE, { type: 'answerEachTime', params: { step: 'dont-delete' } }] },
        // "what is ceop", "how do i report to ceop": who they are and how (each time asked); the step's question still waits.
        { guard: 'asksAboutCeop', actions: [...TAKE_MESSAGE, { type: 'answerEachTime', params: { step: 'about-ceop' } }] },
        // "its sorted now, i blocked him and told my mum", "just wanted to check something", before any story: no
        // interview; glad (it was right), and what they wanted to ask. A grown-up named is who they trust.
        { guard: and(['comesToCheck', 'isOnYoungPath']), target: '.talking.young.listening', actions: [...TAKE_MESSAGE, 'recordTrustedAdult', 'trustedAdultAnswered', 'sayCheckIn'] },
        { guard: and(['comesToCheck', 'isOnAdultPath']), target: '.talking.adult.listening', actions: [...TAKE_MESSAGE, 'sayCheckIn'] },
        // "i blocked him": well done (once); the question asked still waits.
        { guard: 'saysBlocked', actions: [...TAKE_MESSAGE, 'sayBlocked'] },
        // "i already paid him once", after money or a threat: don't pay any more, and why (once).
        { guard: 'saysPaidAlready', actions: [...TAKE_MESSAGE, 'sayPaidAlready'] },
        // "should i tell my mum", "should i tell her mum": yes, and who (each time asked); after the police question.
        { guard: 'asksShouldTell', actions: [...TAKE_MESSAGE, 'sayShouldTell'] },
        // "i took the ipad off him", a parent or carer: understandable, keep it as evidence, not a punishment (once).
        { guard: 'saysTookDevice', actions: [...TAKE_MESSAGE, 'sayTookDeviceIfAny'] },
        // "is it bad", "am i overreacting", after a red flag: not okay, not their fault, telling was right (once).
        { guard: 'asksIfWrong', actions: [...TAKE_MESSAGE, 'sayNotOkayIfAsked'] },
        // "i dont have that money", after money or a threat: no need to find any, and why (once).
        { guard: 'saysCantPay', actions: [...TAKE_MESSAGE, 'sayCantPayIfAny'] },
        // "its my fault", "i was so stupid": it is not, each time.
        { guard: 'blamesSelf', actions: [...TAKE_MESSAGE, 'sayNotYourFault'] },
        // "what if i just meet him somewhere public": no, don't go, and why (each time asked).
        { guard: 'asksToMeet', actions: [...TAKE_MESSAGE, 'sayDontMeet'] },
        // "she made me promise not to tell" (a friend): telling a grown-up is still right (once).
        { guard: 'keptSecretForFriend', actions: [...TAKE_MESSAGE, 'sayFriendSecretIfAny'] },
        // "r u there", "hello??" once they are on a path (not escalated, which has its own): yes, reading everything; never the
        // answer to the step's question, which still waits (session 29, tester's #5).
        { guard: 'asksIfThereOnPath', actions: [...TAKE_MESSAGE, { type: 'say', params: { key: 'shared.im-here' } }] },
        { guard: 'isStillHere', actions: [...TAKE_MESSAGE, { type: 'say', params: { key: 'checkin.thanks' } }] },
        // "ok thanks" on its own: "you're welcome", and the step's question (if any) still waits.
        { guard: 'isThanks', actions: [...TAKE_MESSAGE, { type: 'sayStep', params: { step: 'welcome' } }, 'askWhoIfNotKnown'] },
        // "Give me tips" from any step of a path goes straight to the tips.
        { guard: and(['wantsTips', 'isOnYoungPath', not('isEscalated')]), target: '.talking.young.advice', actions: [...TAKE_MESSAGE] },
        { guard: and(['wantsTips', 'isOnAdultPath', not('isEscalated')]), target: '.talking.adult.advice', actions: [...TAKE_MESSAGE] },
        // A state without answers of its own (the steps say this themselves, then answer).
        { guard: and(['sharesOwnDetails', not('isEscalated')]), actions: [...TAKE_MESSAGE, 'sayDetailsNotNeeded'] },
        { actions: [...TAKE_MESSAGE] },
      ],
      'user.quickExit': { target: '.exited', actions: ['exitQuickly'] },
      'session.timeout': [
        { guard: 'isWithCounsellor' },
        // A queued or escalated chat is never closed for silence.
        { guard: 'isEscalated', actions: ['checkInWhileWaiting'] },
        { guard: 'hasCheckedIn', target: '.closed', actions: ['closeOnSilence'] },
        { actions: ['checkInGently'] },
      ],
      'counsellor.availability': { actions: ['setAvailability'] },
      'handoff.queued': [{ guard: 'isWithCounsellor' }, { target: '.escalated', actions: ['onQueued'] }],
      'handoff.unavailable': [{ guard: 'isWithCounsellor' }, { target: '.escalated', actions: ['onUnavailable'] }],
      'handoff.accepted': { target: '.withCounsellor', actions: ['onAccepted'] },
      'handoff.failed': { target: '.escalated', actions: ['onFailed'] },
      'handoff.completed': { target: '.closed', actions: ['closeByCounsellor'] },
    },
  });
  // Every way XState moves a machine (an actor, the pure `transition()`, the server's DialogHost,
  // xstate/graph) goes through `machine.transition`: a message is read here, once, against the
  // context it arrives in, and travels with the event, so the guards that route it and the step
  // that answers it are chosen in one transition. Any reading given from outside is replaced.
  // The reading is also written into the context here, before the transition is chosen, rather
  // than by an `assign` action on every transition that takes a message: every state takes a
  // message (the root's last route takes any), always as its transition's first step, and no
  // guard or exit action reads what the reading writes (guards read the event's reading). An
  // assign would copy the snapshot again and recompute its state value and tags; the state has not
  // moved yet, so a copy with the new context is the snapshot it would make.
  // A finished conversation takes no more messages (an actor or DialogHost never passes it one;
  // a pure transition, as xstate/graph makes, gets the same snapshot back).
  // A transition that moves no state skips XState's macrostep (see fastTransition in xstate-lite.ts).
  const transition = options.fastPath === false ? machine.transition.bind(machine) : fastTransition(machine);
  machine.transition = (snapshot, event, scope) => {
    if (event.type !== 'user.message') return transition(snapshot, event, scope);
    if (snapshot.status !== 'active') return snapshot;
    const reading = readMessage(snapshot.context, event.text);
    // Made as XState's assign makes a context (`Object.assign({}, context, update)`), not as a spread: contexts made one
    // way share V8's layouts, so the guards' reads of them see fewer (session 42).
    const read = withContext(snapshot, Object.assign({}, snapshot.context, reading));
    return transition(read, { type: 'user.message', text: event.text, reading }, scope);
  };
  return machine;
}

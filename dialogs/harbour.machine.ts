import { and, not } from 'xstate';
import { childStates } from './child/child.states.js';
import type { DialogDeps } from './deps.js';
import { createHarbourSetup, initialContext } from './harbour.setup.js';
import { QR } from './message-keys.js';
import { parentStates } from './parent/parent.states.js';

/**
 * The whole conversation as one statechart. The opening speaks before any question; then each
 * message is first routed by precedence at the root (red flag > request for a person > goodbye >
 * details the child need not share), so that order holds from every state, and only then answered
 * by the current step. Quick exit is its own event and wins over everything.
 */
export function createHarbourMachine(deps: DialogDeps) {
  const s = createHarbourSetup(deps);
  return s.createMachine({
    id: 'harbour',
    context: ({ input }) => initialContext(input),
    entry: ['sayOpening', 'requestCheckIn'],
    initial: 'choosingAudience',
    states: {
      choosingAudience: {
        on: {
          'dialog.answer': [
            // Who they are and their story in one message: never make them tell it twice.
            { guard: and(['namesAdult', 'tellsStory', 'knowsApp']), target: '#harbour.talking.adult.behaviour', actions: ['setAudience'] },
            { guard: and(['namesAdult', 'tellsStory']), target: '#harbour.talking.adult.app', actions: ['setAudience'] },
            { guard: and(['namesAudience', 'tellsStory', 'knowsApp']), target: '#harbour.talking.young.howLong', actions: ['setAudience'] },
            { guard: and(['namesAudience', 'tellsStory']), target: '#harbour.talking.young.app', actions: ['setAudience'] },
            { guard: 'namesAudience', target: 'talking', actions: ['setAudience'] },
            { guard: 'declines', target: 'talking', actions: ['setAudience'] },
            { guard: 'isGreeting', actions: [{ type: 'say', params: { key: 'opening.who-hello', quickReplies: QR.who } }] },
            // Straight into their story without saying who they are: taken as the young person's own.
            { guard: and(['tellsStory', 'knowsApp']), target: '#harbour.talking.young.howLong', actions: ['setAudience'] },
            { guard: 'tellsStory', target: '#harbour.talking.young.app', actions: ['setAudience'] },
            {
              actions: [{ type: 'notUnderstood', params: { retry: 'opening.who-again', quickReplies: QR.who } }],
            },
          ],
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
          'dialog.answer': [
            { guard: 'wantsTips', actions: ['sayAdvice'] },
            { guard: 'namesFeeling', actions: ['reflectFeeling'] },
            { actions: [{ type: 'say', params: { key: 'escalation.listening', quickReplies: QR.keepTalking } }] },
          ],
        },
      },
      withCounsellor: {},
      closed: { type: 'final' },
      exited: { type: 'final' },
    },
    on: {
      'user.message': { actions: ['analyseMessage', 'requestCheckIn', 'routeMessage'] },
      'dialog.route': [
        // With a counsellor the person stays; the console still hears a raised urgency, and 999 still shows.
        { guard: and(['hasRedFlag', 'isWithCounsellor']), actions: ['escalateOnFindings'] },
        { guard: 'hasRedFlag', target: '.escalated', actions: ['escalateOnFindings'] },
        // With a counsellor the bot is silent: the person reads and answers.
        { guard: 'isWithCounsellor' },
        {
          guard: and(['asksForPerson', 'hasAskedForPerson', 'isPersonComing']),
          actions: [{ type: 'say', params: { key: 'handoff.already-asked' } }],
        },
        // Asked again when nobody can come: say so honestly, with people to call now.
        { guard: and(['asksForPerson', 'hasAskedForPerson']), actions: ['sayNobodyCanCome'] },
        { guard: 'asksForPerson', target: '.escalated', actions: ['requestPerson'] },
        { guard: 'isGoodbye', target: '.closed', actions: ['closeWithGoodbye'] },
        { guard: 'isStillHere', actions: [{ type: 'say', params: { key: 'checkin.thanks' } }] },
        // "Give me tips" from any step of a path goes straight to the tips.
        { guard: and(['wantsTips', 'isOnYoungPath', not('isEscalated')]), target: '.talking.young.advice' },
        { guard: and(['wantsTips', 'isOnAdultPath', not('isEscalated')]), target: '.talking.adult.advice' },
        { guard: and(['sharesOwnDetails', not('isEscalated')]), actions: ['sayDetailsNotNeeded', 'answerMessage'] },
        { actions: ['answerMessage'] },
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
}

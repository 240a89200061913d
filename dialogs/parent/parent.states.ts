import { answer, type HarbourSetup } from '../harbour.setup.js';
import { QR } from '../message-keys.js';

/**
 * The path for a parent, carer or another worried adult: commend, not their fault or the
 * child's, stay calm; ask about changes in the child and their wellbeing; practical advice.
 * Never claims to pass on what the child tells a counsellor.
 */
export function parentStates(s: HarbourSetup) {
  return s.createStateConfig({
    entry: ['sayThanksOnce'],
    initial: 'whatHappened',
    states: {
      whatHappened: {
        entry: [{ type: 'say', params: { key: 'parent.ask.what-happened', quickReplies: QR.skip } }],
        on: {
          'user.message': answer([
            { guard: 'declines', target: 'space' },
            // "what do you mean": the question again in other words (a person offered the second time).
            { guard: 'isConfused', actions: [{ type: 'askAgainSimply', params: { step: 'what-happened', quickReplies: QR.skip } }] },
            // "hi", "um", "its hard to say": take your time (each time).
            { guard: 'hesitatesToTell', actions: [{ type: 'sayStep', params: { step: 'take-your-time', quickReplies: QR.skip } }] },
            // "Someone else", then "im her older sister" or "its my little brother": a young person asking
            // for a sibling or cousin, so the friend path (its words and its questions), not a worker's.
            { guard: 'isYoungRelativeOfSomeoneElse', target: '#harbour.talking.young.whatHappened', actions: ['becomeFriendPath'] },
            // "parent" or "someone else", then "i'm a teacher": who they are, not what happened (their path's tips become a
            // worker's); thanks, and the question again. Not "It's normal to feel angry" nor "Which app?" (session 29).
            { guard: 'namesOwnRole', actions: ['setAudience', { type: 'say', params: { key: 'parent.ack.role' } }, { type: 'say', params: { key: 'parent.ask.what-happened', quickReplies: QR.skip } }] },
            // "im her nan she lives with me": who they are, not the story; thanks, and the question again (session 31, P12).
            { guard: 'namesCarerRole', actions: [{ type: 'say', params: { key: 'parent.ack.role' } }, { type: 'say', params: { key: 'parent.ask.what-happened', quickReplies: QR.skip } }] },
            // "what age should she be to have snapchat": nothing has happened; general advice, not questions about an incident.
            { guard: 'asksGeneralQuestion', target: 'anythingElse', actions: ['sayGeneralAdvice'] },
            // "dunno shes just been off": trusting the feeling is right; what changes have they seen (no app asked for).
            { guard: 'voicesVagueWorry', target: 'behaviour', actions: ['recordVagueWorry', { type: 'say', params: { key: 'parent.ack.vague-worry' } }] },
            // A grown-up the child knows, in person ("her mums boyfriend comes in her room"): no app to ask about.
            { guard: 'tellsOfKnownAdult', target: 'behaviour', actions: ['recordKnownAdult', { type: 'say', params: { key: 'parent.ack.what-happened' } }] },
            // "a lad in my care has new trainers and a phone i didnt buy him" (a carer, nothing online): what else they noticed, not "Which app?".
            { guard: 'tellsOfUnexplainedThings', target: 'behaviour', actions: [{ type: 'say', params: { key: 'parent.ack.what-happened' } }] },
            { guard: 'knowsApp', target: 'behaviour', actions: [{ type: 'say', params: { key: 'parent.ack.what-happened' } }] },
            { target: 'app', actions: [{ type: 'say', params: { key: 'parent.ack.what-happened' } }] },
          ]),
        },
      },
      app: {
        entry: [{ type: 'say', params: { key: 'parent.ask.app', quickReplies: QR.skip } }],
        on: {
          'user.message': answer([
            { guard: 'declines', target: 'space' },
            { guard: 'isConfused', actions: [{ type: 'askAgainSimply', params: { step: 'app', quickReplies: QR.skip } }] },
            { target: 'behaviour', actions: ['understood'] },
          ]),
        },
      },
      behaviour: {
        entry: [{ type: 'say', params: { key: 'parent.ask.behaviour', quickReplies: QR.skip } }],
        on: {
          'user.message': answer([
            { guard: 'declines', target: 'wellbeing' },
            { guard: 'isConfused', actions: [{ type: 'askAgainSimply', params: { step: 'behaviour', quickReplies: QR.skip } }] },
            { target: 'wellbeing', actions: ['understood', { type: 'say', params: { key: 'parent.ack.behaviour' } }] },
          ]),
        },
      },
      wellbeing: {
        entry: ['markWellbeingAsked', { type: 'say', params: { key: 'parent.ask.wellbeing', quickReplies: QR.yesNo } }],
        on: {
          'user.message': answer([
            { guard: 'isConfused', actions: [{ type: 'askAgainSimply', params: { step: 'wellbeing', quickReplies: QR.yesNo } }] },
            { guard: 'saysNo', target: 'advice', actions: [{ type: 'say', params: { key: 'parent.ack.wellbeing-no' } }] },
            { guard: 'declines', target: 'advice' },
            { guard: 'saysYes', target: 'advice', actions: [{ type: 'say', params: { key: 'parent.ack.wellbeing-yes' } }] },
            // Something else ("she says he's 15 but I don't believe it"): not taken as a yes.
            { target: 'advice', actions: [{ type: 'say', params: { key: 'parent.ack.wellbeing-other' } }] },
          ]),
        },
      },
      advice: {
        entry: ['sayAdvice'],
        always: 'anythingElse',
      },
      anythingElse: {
        entry: [{ type: 'say', params: { key: 'parent.ask.anything-else', quickReplies: QR.anythingElse } }],
        on: {
          'user.message': answer([
            // Another general question ("how do i set parental controls on his xbox"): answered, not "I'm listening".
            { guard: 'asksGeneralQuestion', target: 'anythingElse', reenter: true, actions: ['sayGeneralAdviceAgain'] },
            // "hes 11", after the apps' minimum age: under 13, so best to wait; if they have it, set it up together.
            { guard: 'toldAgeUnder13', target: 'listening', actions: [{ type: 'say', params: { key: 'parent.general.under-13' } }] },
            { guard: 'wantsTips', target: 'advice' },
            { guard: 'saysNo', target: '#harbour.closed', actions: ['closeWithGoodbye'] },
            { guard: 'saysYes', target: 'listening', actions: [{ type: 'say', params: { key: 'shared.go-ahead' } }] },
            { target: 'listening', actions: [{ type: 'say', params: { key: 'parent.listening' } }] },
          ]),
        },
      },
      listening: {
        on: {
          'user.message': answer([
            { guard: 'wantsTips', target: 'advice', actions: ['understood'] },
            { guard: 'asksGeneralQuestion', target: 'anythingElse', actions: ['understood', 'sayGeneralAdviceAgain'] },
            { guard: 'toldAgeUnder13', actions: ['understood', { type: 'say', params: { key: 'parent.general.under-13' } }] },
            // They came to check something ("we blocked him and reported it, i just wanted to check"): their question gets the tips.
            { guard: 'asksWhatTheyCameToCheck', target: 'advice', actions: ['understood'] },
            { guard: 'hasWords', actions: ['understood', { type: 'say', params: { key: 'parent.listening' } }] },
            { actions: [{ type: 'notUnderstood', params: { retry: 'shared.tell-me-more', quickReplies: QR.anythingElse } }] },
          ]),
        },
      },
      space: {
        entry: [{ type: 'say', params: { key: 'parent.space', quickReplies: QR.space } }],
        on: {
          'user.message': answer([
            { guard: 'wantsTips', target: 'advice' },
            { guard: 'saysNo', target: '#harbour.closed', actions: ['closeWithGoodbye'] },
            { guard: 'saysYes', target: 'whatHappened' },
            { target: 'listening', actions: [{ type: 'say', params: { key: 'parent.listening' } }] },
          ]),
        },
      },
    },
  });
}

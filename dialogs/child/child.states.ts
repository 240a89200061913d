import { and, not, or } from 'xstate';
import { answer, type HarbourSetup } from '../harbour.setup.js';
import { QR } from '../message-keys.js';

/**
 * The young person's path, also used (with `friend.*` wording) when someone asks for a friend.
 * Clear, open questions, one at a time; a child who would rather not talk gets space, not pushing.
 */
export function childStates(s: HarbourSetup) {
  return s.createStateConfig({
    entry: ['sayThanksOnce'],
    initial: 'whatHappened',
    states: {
      whatHappened: {
        entry: ['askWhatHappened'],
        on: {
          'user.message': answer([
            { guard: 'declines', target: 'space' },
            // "wat": the question again in simpler words; a bare "ye": go on.
            { guard: 'isConfused', actions: [{ type: 'askAgainSimply', params: { step: 'what-happened', quickReplies: QR.skip } }] },
            { guard: 'isBareYes', actions: [{ type: 'say', params: { key: 'shared.tell-me-more' } }] },
            // "it happened again", "he messaged me again": sorry it happened again, and what happened this time (once; session 30).
            { guard: and(['tellsAgain', 'isOnChildPath']), actions: ['welcomeAgain'] },
            // "hi", "um", "its embarrassing", "promise you wont judge": take your time, nothing will shock me (each time).
            { guard: 'hesitatesToTell', actions: [{ type: 'sayStep', params: { step: 'take-your-time', quickReplies: QR.skip } }] },
            // "young person" or "for a friend", then "i'm a teacher": a worker with children, so the grown-up's path (session 29).
            { guard: 'namesOwnRole', target: '#harbour.talking.adult', actions: ['becomeWorkerPath'] },
            // "im trans and my parents dont know", "my foster carer doesnt know about this": who they are, not home being hard;
            // thanks, they can talk here anyway, and what has been happening.
            { guard: 'saysHomeDoesntKnowOnly', actions: [{ type: 'say', params: { key: 'child.home-doesnt-know' } }] },
            // "im in care": who they are, not what happened; thanks, and what has been happening.
            { guard: 'saysInCareOnly', actions: [{ type: 'say', params: { key: 'child.in-care' } }] },
            // "i think im gay", "im bi": welcomed on its own, and asked openly what they'd like to talk about (not "which app?").
            { guard: and(['saysIdentityOnly', 'speaksForThemselves']), target: 'listening', actions: ['understood', 'welcomeIdentity'] },
            // "my mum told me to come here": glad a grown-up knows, and what has been happening (not "which app?").
            { guard: 'onlyToldGrownUp', actions: ['recordTrustedAdult', { type: 'sayStep', params: { step: 'grown-up-knows', quickReplies: QR.skip } }] },
            // Nothing has happened, they want to talk: listen, and ask how they feel, not about a person.
            { guard: 'justWantsToTalk', target: 'listening', actions: ['listenJustTalking'] },
            // Only how they feel ("i feel like nobody cares"): reflect it and listen, as above.
            { guard: and(['sharesOwnFeelingOnly', 'speaksForThemselves']), target: 'listening', actions: ['listenToFeeling'] },
            // Only emoji or marks ("😢😢"): nothing to thank them for yet; asked again, gently (a person offered after two).
            { guard: not('hasWords'), actions: [{ type: 'notUnderstood', params: { retry: '.ask.what-happened', quickReplies: QR.skip } }] },
            // Nothing happened told yet (session 27): "no" gets space; "idk" take your time; a question, small talk or "lol jk"
            // gets "here to help when you're ready" once, then as a reply not understood. Never "That sounds hard", nor "Which app?".
            { guard: and(['toldNothing', 'saysNo']), target: 'space' },
            { guard: and(['toldNothing', 'isNotKnowing']), actions: [{ type: 'sayStep', params: { step: 'take-your-time', quickReplies: QR.skip } }] },
            { guard: and(['toldNothing', 'mayNoteNothingTold']), actions: ['sayNothingToldYet'] },
            { guard: 'toldNothing', actions: [{ type: 'notUnderstood', params: { retry: '.ask.what-happened', quickReplies: QR.skip } }] },
            // Bullying by children they know: said back as bullying, then how they feel; no questions about a stranger.
            { guard: 'tellsOfBullying', target: 'bullying', actions: ['understood', 'recordBullying'] },
            // Life at home, no red flag ("my mum drinks a lot and shouts"): said back, and are they safe at home now.
            // A rule or row at home ("my mum took my phone and i hate her"): said back kindly, then whether anything else worries them.
            { guard: 'tellsOfFamilyRules', target: 'familyRules', actions: ['understood'] },
            // A how-to question about an app with no one in it ("how do i delete my tiktok account"): answered, then whether anything worries them.
            { guard: 'asksAppQuestion', target: 'familyRules', actions: ['understood'] },
            { guard: 'tellsOfHomeLife', target: 'homeLife', actions: ['understood', 'recordKnownAdult'] },
            // A nude going round among young people, no red flag ("shes crying in the toilets" after it): no stranger's questions.
            // A friend's: get a teacher now, so the friend is not alone, then anything else (the tips are a tap away).
            { guard: and(['knowsPeerImage', 'isForFriend']), target: 'anythingElse', actions: ['understood', { type: 'say', params: { key: 'friend.peer-image-now' } }] },
            { guard: 'knowsPeerImage', target: 'feelings', actions: ['understood', { type: 'sayStep', params: { step: 'ack.what-happened' } }] },
            // One of their own grown-ups, in person ("my uncle comes in my room"): no app, how long or private things to ask about.
            { guard: 'tellsOfKnownAdult', target: 'askedToDo', actions: ['understood', 'recordKnownAdult', { type: 'sayStep', params: { step: 'ack.what-happened' } }] },
            { guard: 'knowsApp', target: 'toHowLong', actions: ['understood', 'recordDuration', { type: 'sayStep', params: { step: 'ack.what-happened' } }] },
            { target: 'app', actions: ['understood', { type: 'sayStep', params: { step: 'ack.what-happened' } }] },
          ]),
        },
      },
      // Life at home told of, with nothing the detector flags ("my dad shouts at me all the time"): that sounds
      // hard, and do they feel safe at home right now. No or not sure: a counsellor (999 for no); yes: Childline, then feelings.
      homeLife: {
        entry: [{ type: 'say', params: { key: 'child.home-hard' } }, { type: 'say', params: { key: 'child.ask.safe-at-home', quickReplies: QR.safe } }],
        on: {
          'user.message': answer([
            { guard: and([or(['saysNo', 'leadsWithNo', 'saysNotFine']), not('soundsFine')]), target: '#harbour.escalated', actions: [{ type: 'escalateUnsafeAtHome', params: { urgency: 'immediate' } }] },
            { guard: and(['isUnsure', not('soundsFine')]), target: '#harbour.escalated', actions: [{ type: 'escalateUnsafeAtHome', params: { urgency: 'high' } }] },
            { guard: or(['saysYes', 'soundsFine']), target: 'feelings', actions: [{ type: 'say', params: { key: 'child.home-safe-yes' } }] },
            { guard: 'declines', target: 'feelings', actions: [{ type: 'say', params: { key: 'shared.thats-okay' } }] },
            { target: 'feelings', actions: [{ type: 'sayStep', params: { step: 'ack.what-happened' } }] },
          ]),
        },
      },
      // A rule or row at home, nothing online and no red flag ("dad wont let me go out on a school night"): it can feel
      // unfair; a loss ("my nan died"): sorry, crying is okay; a family splitting up: never their fault. Then is anything
      // else worrying them, like someone online. Yes: what happened; no: they can just talk.
      familyRules: {
        entry: ['sayFamilyLine', { type: 'say', params: { key: 'child.ask.anything-online', quickReplies: QR.yesNo } }],
        on: {
          'user.message': answer([
            { guard: 'saysYes', target: 'whatHappened' },
            { guard: 'saysNo', target: 'listening', actions: ['listenJustTalking'] },
            { guard: 'declines', target: 'listening', actions: ['listenJustTalking'] },
            { guard: 'tellsOfHomeLife', target: 'homeLife', actions: ['recordKnownAdult'] },
            { guard: and(['tellsStory', 'knowsApp']), target: 'toHowLong', actions: ['recordDuration', { type: 'sayStep', params: { step: 'ack.what-happened' } }] },
            { guard: and(['tellsStory', 'tellsOfSomeone', not('tellsOfFamilyRules')]), target: 'app', actions: [{ type: 'sayStep', params: { step: 'ack.what-happened' } }] },
            { guard: 'namesFeeling', target: 'listening', actions: ['listenToFeeling'] },
            { target: 'listening', actions: [{ type: 'say', params: { key: 'shared.listening' } }] },
          ]),
        },
      },
      // Bullying by children they know ("a boy in my class keeps calling me names"): not their fault, then how they feel.
      bullying: {
        entry: [{ type: 'sayStep', params: { step: 'bullying' } }],
        always: 'feelings',
      },
      app: {
        entry: [{ type: 'sayStep', params: { step: 'ask.app', quickReplies: QR.skip } }],
        on: {
          'user.message': answer([
            { guard: 'declines', target: 'space' },
            { target: 'toHowLong', actions: ['recordDuration'] },
          ]),
        },
      },
      // No question of its own: "How long has this person been talking to you?" is not asked when the story
      // already said ("has been messaging me for weeks").
      toHowLong: {
        always: [{ guard: 'durationKnown', target: 'askedToDo' }, { target: 'howLong' }],
      },
      howLong: {
        entry: [{ type: 'sayStep', params: { step: 'ask.how-long', quickReplies: QR.skip } }],
        on: {
          'user.message': answer([
            { guard: 'declines', target: 'space' },
            { target: 'askedToDo', actions: ['recordDuration'] },
          ]),
        },
      },
      askedToDo: {
        entry: [{ type: 'sayStep', params: { step: 'ask.asked-to-do', quickReplies: QR.yesNo } }],
        on: {
          'user.message': answer([
            { guard: 'declines', target: 'space' },
            { guard: 'isConfused', actions: [{ type: 'askAgainSimply', params: { step: 'asked-to-do', quickReplies: QR.yesNo } }] },
            { guard: 'saysNo', target: 'afterAskedToDo' },
            { guard: 'saysYes', target: 'whatAsked', actions: ['recordAskedToDo'] },
            { target: 'afterAskedToDo', actions: [{ type: 'sayStep', params: { step: 'ack.asked-to-do' } }] },
          ]),
        },
      },
      whatAsked: {
        entry: [{ type: 'sayStep', params: { step: 'ask.what-asked', quickReplies: QR.skip } }],
        on: {
          'user.message': answer([
            { guard: 'declines', target: 'afterAskedToDo', actions: [{ type: 'say', params: { key: 'shared.thats-okay' } }] },
            { target: 'afterAskedToDo', actions: [{ type: 'sayStep', params: { step: 'ack.asked-to-do' } }] },
          ]),
        },
      },
      // No question of its own: "do they know private things, like where you live?" fits a stranger,
      // not one of their own grown-ups ("my uncle…"), whose story goes on to how they feel.
      afterAskedToDo: {
        always: [{ guard: 'isAboutKnownAdult', target: 'feelings' }, { target: 'knowsPrivate' }],
      },
      knowsPrivate: {
        entry: [{ type: 'sayStep', params: { step: 'ask.knows-private', quickReplies: QR.yesNo } }],
        on: {
          'user.message': answer([
            { guard: 'declines', target: 'space' },
            { guard: 'isConfused', actions: [{ type: 'askAgainSimply', params: { step: 'knows-private', quickReplies: QR.yesNo } }] },
            // "k", "ok": a nod, not "yes, he knows where I live"; checked once in plainer words before a counsellor is told.
            { guard: and(['onlyNods', 'mayAskKnowsPrivateAgain']), actions: ['knowsPrivateAskedAgain', { type: 'askAgainSimply', params: { step: 'knows-private', quickReplies: QR.yesNo } }] },
            { guard: 'saysYes', target: '#harbour.escalated', actions: ['escalateKnowsPrivate'] },
            // "im scared": how they feel, told before it was asked; said back, and not asked again.
            { guard: 'namesFeelingBesidesOkay', target: 'trustedAdult', actions: ['reflectFeeling'] },
            { target: 'feelings' },
          ]),
        },
      },
      feelings: {
        entry: [{ type: 'sayStep', params: { step: 'ask.feelings', quickReplies: QR.feelings } }],
        on: {
          'user.message': answer([
            { guard: 'declines', target: 'trustedAdult', actions: [{ type: 'say', params: { key: 'shared.thats-okay' } }] },
            { guard: 'isConfused', actions: [{ type: 'askAgainSimply', params: { step: 'feelings', quickReplies: QR.feelings } }] },
            // "he asked how old i am": more of the story, not a feeling; thanks, and asked once more.
            { guard: 'tellsMoreInsteadOfFeeling', actions: ['askFeelingsAgain'] },
            // "my mum", and no feeling: the grown-up they would tell, told before it was asked.
            { guard: and(['namesTrustedAdult', not('namesFeeling')]), target: 'advice', actions: ['recordTrustedAdult', { type: 'sayStep', params: { step: 'trusted.named' } }] },
            { target: 'trustedAdult', actions: ['reflectFeeling'] },
          ]),
        },
      },
      trustedAdult: {
        entry: ['askTrustedAdultOnPath'],
        on: {
          'user.message': answer([
            { guard: 'homeIsUnsafe', target: 'advice', actions: ['recordTrustedAdult', { type: 'sayStep', params: { step: 'trusted.not-home' } }] },
            { guard: 'fearsTelling', target: 'advice', actions: ['sayFearsTelling'] },
            { guard: 'notReadyToTell', target: 'advice', actions: ['sayNotReadyToTell'] },
            { guard: 'namesTrustedAdult', target: 'advice', actions: ['recordTrustedAdult', { type: 'sayStep', params: { step: 'trusted.named' } }] },
            // "scared", a late answer to how they feel: said back, and the grown-up question again in other words (once).
            { guard: and(['namesFeelingBesidesOkay', 'mayAskTrustedAfterFeeling']), actions: ['reflectFeeling', 'askTrustedAfterFeeling'] },
            // "yes" without saying who: good, tell them today (never taken as "no one").
            { guard: 'saysYes', target: 'advice', actions: [{ type: 'sayStep', params: { step: 'trusted.yes' } }] },
            { target: 'advice', actions: ['recordTrustedAdult', { type: 'sayStep', params: { step: 'trusted.none' } }] },
          ]),
        },
      },
      advice: {
        entry: ['sayAdvice'],
        always: 'anythingElse',
      },
      anythingElse: {
        entry: [{ type: 'sayStep', params: { step: 'ask.anything-else', quickReplies: QR.anythingElse } }],
        on: {
          'user.message': answer([
            { guard: 'wantsTips', target: 'advice' },
            { guard: 'saysNo', target: '#harbour.closed', actions: ['closeWithGoodbye'] },
            { guard: 'saysYes', target: 'listening', actions: [{ type: 'say', params: { key: 'shared.go-ahead' } }] },
            { target: 'listening', actions: [{ type: 'say', params: { key: 'shared.listening' } }] },
          ]),
        },
      },
      listening: {
        on: {
          'user.message': answer([
            { guard: 'wantsTips', target: 'advice', actions: ['understood'] },
            // They came to check something ("its sorted now", "just wanted to check"): their question gets the tips.
            { guard: 'asksWhatTheyCameToCheck', target: 'advice', actions: ['understood'] },
            // They only wanted to talk, and now tell of someone: the path's questions, from the app or how long.
            { guard: and(['startsStoryWhileJustTalking', 'knowsApp']), target: 'toHowLong', actions: ['understood', 'recordDuration', 'stopJustTalking', { type: 'sayStep', params: { step: 'ack.what-happened' } }] },
            { guard: 'startsStoryWhileJustTalking', target: 'app', actions: ['understood', 'stopJustTalking', { type: 'sayStep', params: { step: 'ack.what-happened' } }] },
            // Life at home or school told of ("my parents are getting divorced"): said back, and an open question.
            { guard: and(['tellsOfSomeone', not('namesFeeling')]), actions: ['understood', 'sayStoryHeard'] },
            // A bare "ok" is an acknowledgement, not "I'm okay".
            { guard: 'saysOnlyFiller', actions: ['understood', { type: 'say', params: { key: 'shared.go-ahead' } }] },
            { guard: 'namesFeeling', actions: ['understood', 'reflectFeeling'] },
            // Said in turn with "I'm reading everything you write": never the same line twice in a row (session 29).
            { guard: 'hasWords', actions: ['understood', 'sayListening'] },
            { actions: [{ type: 'notUnderstood', params: { retry: 'shared.tell-me-more', quickReplies: QR.anythingElse } }] },
          ]),
        },
      },
      space: {
        entry: [{ type: 'sayStep', params: { step: 'space', quickReplies: QR.space } }],
        on: {
          'user.message': answer([
            { guard: 'wantsTips', target: 'advice' },
            { guard: 'saysNo', target: '#harbour.closed', actions: ['closeWithGoodbye'] },
            { guard: 'saysYes', target: 'whatHappened' },
            { target: 'listening', actions: [{ type: 'say', params: { key: 'shared.listening' } }] },
          ]),
        },
      },
    },
  });
}

import type { OtherLanguageMarkers } from './language.js';
import type { Audience } from './types.js';
import type { DetectResult, DetectorState } from './safety/types.js';

/**
 * What a Harbour machine needs from outside, built once from content at boot
 * (server/content/load.ts → `content.dialogDeps`). Nothing here is kept in a snapshot.
 */

/** The red-flag detector with its model already bound: `(text, state) => detect(text, state, model)`. */
export type Detector = (text: string, state: DetectorState) => DetectResult;

/** Feelings the dialogs can reflect back; each has a `feeling.<id>` message. */
export const FEELINGS = ['scared', 'worried', 'sad', 'angry', 'confused', 'embarrassed', 'alone', 'okay'] as const;
export type Feeling = (typeof FEELINGS)[number];

/** Trusted adults a child may name; used only for the counsellor's summary. */
export const TRUSTED_ADULTS = ['parent', 'relative', 'teacher', 'youth_worker', 'other_adult'] as const;
export type TrustedAdult = (typeof TRUSTED_ADULTS)[number];

/**
 * Who the young person asking for someone else is worried about, when it is family or a child they
 * babysit: the friend path then says "your sister" or "the child you look after"
 * (`placeholder.friend.<id>`) where it would say "your friend".
 */
export const RELATIONS = ['sister', 'brother', 'sibling', 'cousin', 'looked-after'] as const;
export type Relation = (typeof RELATIONS)[number];

/** How long it has gone on, in rough bands, for the summary and the follow-up wording. */
export const DURATIONS = ['today', 'days', 'weeks', 'months'] as const;
export type Duration = (typeof DURATIONS)[number];

/**
 * Phrases the dialogs listen for in answers, from `content/<locale>/answer-words.yaml`, merged
 * across locales (a child may mix languages). Matching is tolerant: see dialogs/match.ts.
 */
export interface AnswerWords {
  readonly audience: Readonly<Record<Audience, readonly string[]>>;
  readonly yes: readonly string[];
  readonly no: readonly string[];
  readonly unsure: readonly string[];
  /** "I don't want to talk about it". */
  readonly decline: readonly string[];
  /** Closes the chat only when it is the whole message (with fillers such as "ok", "thanks"). */
  readonly goodbye: readonly string[];
  readonly fillers: readonly string[];
  /** "I want to talk to a real person". */
  readonly askForPerson: readonly string[];
  readonly wantsTips: readonly string[];
  /** The child starting to share their own name, school, address, phone number or photo. */
  readonly ownDetails: readonly string[];
  /** Someone at home is the problem: never suggest telling them, and escalate. */
  readonly homeProblem: readonly string[];
  readonly noTrustedAdult: readonly string[];
  /** "hi", "hello" on their own. */
  readonly greeting: readonly string[];
  /** "I'm still here", the answer to a check-in (whole message). */
  readonly stillHere: readonly string[];
  /** Asking who will find out ("pls dont tell my mum", "is this private"): answered honestly. */
  readonly asksPrivacy: readonly string[];
  /** Thanks as the whole message ("ok thanks"): answered with "you're welcome". */
  readonly thanks: readonly string[];
  /** "Are you a real person?": answered honestly, a person offered rather than asked for. */
  readonly asksIfBot: readonly string[];
  /** "I don't want to talk to a person": never taken as asking for one. */
  readonly declinesPerson: readonly string[];
  /** Nothing has happened, they just want to talk: the first question listens instead. */
  readonly justTalk: readonly string[];
  /** A "no" in an answer: a grown-up it names is not one they trust (unless the answer is unsure). */
  readonly negators: readonly string[];
  /** Someone else in the message ("he", "a man"): a story, not just talk. */
  readonly someone: readonly string[];
  /**
   * "but i love him", "hes not like that": a child who cares for the person a red flag is about.
   * Answered while escalated, without blame (children groomed often feel this way).
   */
  readonly caresForThem: readonly string[];
  /**
   * "would go mad", "wont believe me", "take my phone": a grown-up's reaction feared. With a grown-up
   * named in the same message ("my mum would go mad if she knew"), the child is afraid to tell them.
   */
  readonly fearsTelling: readonly string[];
  /**
   * "my stepdad", "my teacher": a grown-up of the speaker's own. In a longer message, with nobody in
   * their care named, the speaker is a young person telling their story, not a parent or a teacher.
   */
  readonly ownGrownUps: readonly string[];
  /**
   * "her uncle", "his coach", "my friend's stepdad": a grown-up the child knows, told of by someone
   * else. With nothing online in the message, a story about a known adult in person (not a parent:
   * "her dad" is too often everyday).
   */
  readonly theirGrownUps: readonly string[];
  /** "how long will it take", "is anyone coming": while a counsellor has been asked for. */
  readonly asksWait: readonly string[];
  /** "what if i just meet him somewhere public": whether to go and meet them. */
  readonly asksToMeet: readonly string[];
  /** "its my fault", "i was so stupid": blaming themselves (or, a parent, the child or themselves). */
  readonly blamesSelf: readonly string[];
  /** "what do i tell him", "how do i help her": a parent asking what to say to the child. */
  readonly asksWhatToSay: readonly string[];
  /** "i blocked him", "she reported him": they blocked or reported the person. */
  readonly blockedThem: readonly string[];
  /** "what else can i do", "what more can i do": the options not yet given, after they told of blocking or reporting (session 31). */
  readonly asksWhatElse: readonly string[];
  /** "i already paid him once", "i sent him 20 quid": they already paid what was demanded. */
  readonly alreadyPaid: readonly string[];
  /** "i dont have that money", "where would i get 200": they cannot pay what is demanded. */
  readonly cantPay: readonly string[];
  /** "he wants more now", "now she wants 200": more demanded after paying (read with money or a threat in the chat). */
  readonly wantsMore: readonly string[];
  /** "i spent it all already", "i cant pay it back": presents or game money given, now spent (read with money or gifts in the chat). */
  readonly spentGift: readonly string[];
  /** "is it bad", "am i overreacting", "is this grooming": whether what happened is wrong. */
  readonly asksIfWrong: readonly string[];
  /** "i took the ipad off him": a parent or carer took the child's device away. */
  readonly tookDevice: readonly string[];
  /** "should i tell my mum", "should i tell her mum": whether to tell a grown-up. */
  readonly asksShouldTell: readonly string[];
  /** "my dad", "my mums boyfriend", "my brother": their own household (with being hurt told of: someone at home). */
  readonly household: readonly string[];
  /** "what parental controls are there": a general question about controls. */
  readonly asksControls: readonly string[];
  /** "can you tell my mum for me", "can u call the police": asking the bot itself to tell or call someone. */
  readonly asksBotToTell: readonly string[];
  /** "im good", "nah im ok": they are fine (a yes to "are you safe", unless a negator is in the message). */
  readonly soundsFine: readonly string[];
  /** "no", "not really": plain negations that start a longer answer. */
  readonly leadingNo: readonly string[];
  /** "is", "should", "how": a first word that makes a message a question without a question mark. One word each. */
  readonly questionStarts: readonly string[];
  /** "im not ok", "dont feel safe": not fine (never a yes; a no to "are you safe"). */
  readonly notFine: readonly string[];
  /** "should i confront him": a parent asking whether to confront or contact the person. */
  readonly asksConfront: readonly string[];
  /** "the door is locked": in danger now with someone outside, the door is locked. */
  readonly doorLocked: readonly string[];
  /** "what if she does it anyway": after a threat to share their pictures, the fear it is carried out. */
  readonly fearsThreat: readonly string[];
  /** "im a mum", "dad here", "as her mum": a parent or carer speaking of themselves. */
  readonly parentSelf: readonly string[];
  /** "my mum took my phone", "dad wont let me go out": an ordinary rule or row at home. */
  readonly familyRules: readonly string[];
  /** "shouts", "drinks", "scared of": trouble at home, never only a rule. */
  readonly homeTrouble: readonly string[];
  /** "my nan died", "passed away", "funeral": someone (or a pet) they love has died. */
  readonly grief: readonly string[];
  /** "my parents are splitting up", "getting divorced": their family is changing. */
  readonly familySplit: readonly string[];
  /** "im home alone", "my parents are out": no grown-up at home now. */
  readonly homeAlone: readonly string[];
  /** "should i delete his account", "can i just delete snapchat": whether to delete the account or the messages. */
  readonly asksDelete: readonly string[];
  /** "i dont want to tell anyone": not ready to tell a grown-up. */
  readonly notReadyToTell: readonly string[];
  /** "what is ceop", "how do i report to ceop": what CEOP is and how to report to it. */
  readonly asksAboutCeop: readonly string[];
  /** "can i save my nude as proof", "should i screenshot the pic": never keep a nude image of a child; keep the chat. */
  readonly asksKeepImage: readonly string[];
  /** "can i send them to my mum to show her", "can i forward them": never send on a nude image, not even to mum; show her the phone (session 29). */
  readonly asksForwardImage: readonly string[];
  /** "is it legit", "is it a scam", "are they real", about what was asked of them: no, and why. */
  readonly asksLegit: readonly string[];
  /** "i gave them my mums card details": tell the card's owner today so the bank can stop it. */
  readonly gaveCard: readonly string[];
  /** A parent's "can i check his messages": yes, together, and keep everything. */
  readonly asksCheckMessages: readonly string[];
  readonly asksTakeDevice: readonly string[];
  /** Being outed held over them ("shell tell everyone im gay"): who they tell is their choice. */
  readonly outing: readonly string[];
  /** "im gonna tell the police": their own plan to report. */
  readonly plansPolice: readonly string[];
  /** "shes called the police", "the police want to talk to me": the police are already involved (session 31). */
  readonly policeInvolved: readonly string[];
  /** "should i take him to the doctor", "does she need to see a gp": a parent asking about a doctor (session 31). */
  readonly asksDoctor: readonly string[];
  /** "my mate shared a nude of a girl in our year": someone else shared a young person's nude. */
  readonly othersSharedImage: readonly string[];
  /** "that im gay", "being bi": who they are, told of themselves. */
  readonly lgbtIdentity: readonly string[];
  /** "kick me out", "throw me out", "nowhere to go": losing their home. */
  readonly kickedOut: readonly string[];
  /** "im in care", "i live in a childrens home": about them, not a story; asked what has been happening. */
  readonly livesInCare: readonly string[];
  /** "hold on", "brb", "my mums coming": a pause, not an answer. */
  readonly pauses: readonly string[];
  /** A parent's worry with no story ("shes just been off", "not herself", "something's not right"). */
  readonly vagueWorry: readonly string[];
  /** "its sorted now", "its all dealt with": what happened is over; no interview about it. */
  readonly sortedNow: readonly string[];
  /** "just wanted to check something", "quick question": they came with a question, not a story. */
  readonly wantsToCheck: readonly string[];
  /** "i told my mum", "my dad said to talk to you": a grown-up of theirs already knows or sent them; not a story about home. */
  readonly toldGrownUp: readonly string[];
  /** "should i open the door", "what if he knocks": asked while someone may come now. */
  readonly doorQuestion: readonly string[];
  /** "should i wake my mum", "get my dad": someone near them, while in danger now. */
  readonly wakeSomeone: readonly string[];
  /** "they wont believe me", "theyll think im lying": afraid 999 will not take them seriously. */
  readonly notBelieved: readonly string[];
  /** "he posted it on my story", "shes sending it to my friends now": a picture going round now. */
  readonly imageSpreading: readonly string[];
  /** "k", "ok", "sure" (the whole message): a nod, not a yes to a question of fact ("do they know where you live?"). */
  readonly acknowledges: readonly string[];
  /** "county lines", "run drugs", "work it off": criminal exploitation told of, on its own words. */
  readonly exploitation: readonly string[];
  /** "carry a bag", "drop something off", "hold a package": an errand that is exploitation beside a lure. */
  readonly exploitationTask: readonly string[];
  /** "pay me", "300 quid", "new trainers", "older boys", "i owe": the lure or the hold beside an errand. */
  readonly exploitationLure: readonly string[];
  /** "shud i go out", "he says get in": asked to go out to them or into a car while they are near now. */
  readonly goOutQuestion: readonly string[];
  /** "ur useless", "ur not listening", "why does it matter" (whole message): the bot is failing them; not an answer. */
  readonly frustrated: readonly string[];
  /** "how do i get them taken down", "can the pics be removed": Report Remove, and reporting to the app. */
  readonly asksTakeDown: readonly string[];
  /** "i sent a nude of a girl in my class to the group chat": the young person shared someone else's image. */
  readonly sharedOtherImage: readonly string[];
  /** "i gave him my friends number": the young person passed on someone else's details. */
  readonly gaveOthersDetails: readonly string[];
  /** "my friends number", "her address": someone else's details, which "i gave it him" (gaveIt) gave away. */
  readonly othersDetails: readonly string[];
  /** "i gave it him", "i sent it": beside othersDetails, they passed those details on. */
  readonly gaveIt: readonly string[];
  /** "of myself", "of me": the picture in a message is their own (not someone else's). */
  readonly ownImage: readonly string[];
  /** "how do i", "how can i": the start of a how-to question. */
  readonly howQuestion: readonly string[];
  /** "account", "password", "settings": the things of an app a how-to question may be about. */
  readonly appThings: readonly string[];
  /** "he said he would give me robux if i send a pic": an offer told of, not a question to the bot. */
  readonly reportedOffer: readonly string[];
  /** "shes at home with me now": a parent or carer, after danger now, has the child with them. */
  readonly childWithThem: readonly string[];
  /** "no thats all", "nothing else": nothing more to say. */
  readonly nothingMore: readonly string[];
  /** "my son", "my pupil": someone in the speaker's care; the speaker is the grown-up. */
  readonly inTheirCare: readonly string[];
  /**
   * "no one can know": a wish for secrecy, answered like `asksPrivacy`. Kept apart because these are
   * also a groomer's words, which the detector may read as secrecy (asks_privacy never raises a flag).
   */
  readonly keepsSecret: readonly string[];
  /** "i already sent one", "what if he shows people": a picture sent, or the fear it will be shared. */
  readonly imageWorry: readonly string[];
  /** "she made me promise not to tell": a friend asked them to keep it secret. */
  readonly friendSecret: readonly string[];
  /** "should i just pay her": whether to pay or send what is demanded. */
  readonly shouldComply: readonly string[];
  /** A parent's general question, with nothing happened ("what age should she be to have snapchat"). */
  readonly generalQuestion: readonly string[];
  /** "what age", "old enough": within a general question, about age. */
  readonly asksAge: readonly string[];
  /** "am i gonna get in trouble", "will the police arrest me": whether they (or the child) are in trouble. */
  readonly asksIfInTrouble: readonly string[];
  /** "should i call the police", "should i report him": whether to report it to the police. */
  readonly asksPolice: readonly string[];
  /** "calling me names", "left me out": bullying words (with `peersKnown`, bullying by children they know). */
  readonly bullying: readonly string[];
  /** "in my class", "at school": children they know. */
  readonly peersKnown: readonly string[];
  /** "he keeps sending me pics of his private parts": sexual pictures sent to them, not asked for. */
  readonly sentSexual: readonly string[];
  readonly asksInReturn: readonly string[];
  readonly takesBack: readonly string[];
  readonly othersAsleep: readonly string[];
  readonly asksGender: readonly string[];
  readonly asksAnonymous: readonly string[];
  readonly deleteMessages: readonly string[];
  readonly confused: readonly string[];
  readonly asksBotSecret: readonly string[];
  /** "my life is over", "no way out": hopelessness. */
  readonly hopeless: readonly string[];
  /** "nobody can help me", "theres no point": no help or point left (a warning sign; its "help me" asks for no tips). */
  readonly noPoint: readonly string[];
  /** "she already gave it", "i told him": details that were asked for, given. */
  readonly detailsGiven: readonly string[];
  /** "someone hacked my insta", "pretending to be me": their account taken over or copied. */
  readonly accountHacked: readonly string[];
  /** "he sed dont tell my mum": someone else's words reported, so not the child asking about privacy. */
  readonly reportedSecrecy: readonly string[];
  /** "online", "messaged", "a man": the story is online, or with someone they do not know (not a known adult in person). */
  readonly strangerOrOnline: readonly string[];
  /** "ill wait": after being asked whether they want to leave while a counsellor is coming. Whole message only. */
  readonly stays: readonly string[];
  /** "hes gone", "im safe now": after immediate danger, the danger has passed. */
  readonly safeNow: readonly string[];
  /** "i called 999", "police are coming": after immediate danger, help is on its way. */
  readonly calledHelp: readonly string[];
  /** "when hes drunk", "all the time": harm told as something that keeps happening, not as happening now. */
  readonly habitualHarm: readonly string[];
  /** "now", "rn", "tonight": something said to be happening now (beside `habitualHarm`, it is danger now after all). */
  readonly saysNow: readonly string[];
  readonly feelings: Readonly<Record<Feeling, readonly string[]>>;
  readonly trustedAdults: Readonly<Record<TrustedAdult, readonly string[]>>;
  readonly durations: Readonly<Record<Duration, readonly string[]>>;
  /** "my little sister", "im his sister" (so: your brother), "my cousin": see {@link RELATIONS}. */
  readonly relations: Readonly<Record<Relation, readonly string[]>>;
  /** A parent or carer about to act on their own ("im going round his house", "im going to post his picture", "im messaging him pretending to be her"). */
  readonly parentActsAlone: readonly string[];
  /** A parent or carer who copied or sent on the child's picture ("ive screenshotted them all", "i sent them to my husband"). */
  readonly parentCopiedImage: readonly string[];
  /** "i have to go", "someones coming" (short, nothing flagged): they must leave now. */
  readonly mustLeave: readonly string[];
  /** "my dad checks my phone", "how do i hide this chat", "how do i clear it from my history": someone may see this device. */
  readonly watchedDevice: readonly string[];
  /** "nobodys awake", "i cant call anyone everyone will hear me", "can i text someone instead": they cannot phone. */
  readonly cantPhone: readonly string[];
  /** "i sent pics first", "i lied and said i was 16", "hes not in the wrong": blaming themselves for what a grown-up did. */
  readonly blamesSelfFirst: readonly string[];
  /** "he didnt ask" (whole message): they sent without being asked; still not their fault. */
  readonly sentUnasked: readonly string[];
  /** "will he know i told", "if i report him will he find out": reporting does not tell him who. */
  readonly asksIfHeKnows: readonly string[];
  /** "can u track my ip", "do u know where i live": Harbour cannot see where they are. */
  readonly asksTracking: readonly string[];
  /** "sorry can i speak english", "in english please": asking to write in English (on the Welsh page; session 29). */
  readonly asksEnglish: readonly string[];
  /** "is childline free", "will it show on the phone bill": yes, free, not on the bill (session 29). */
  readonly asksChildlineFree: readonly string[];
  /** "how do i turn off snap map": Ghost Mode (session 29). */
  readonly asksSnapMap: readonly string[];
  /** "lol jk", "hey hows ur day", "ur a bot": small talk or testing, nothing happened told (with no one or no app in it). */
  readonly smallTalk: readonly string[];
  /** Apps and sites with no advice of their own in apps.yaml ("grindr", "omegle"): named, the app question is not asked. */
  readonly otherApps: readonly string[];
  /** "wats the police number", "whats the number for police": 999 in danger now, 101 otherwise (each time). */
  readonly asksPoliceNumber: readonly string[];
  /** "wat is a nude", "what does nudes mean": a young child asking what the word means. */
  readonly asksWhatNude: readonly string[];
  /** "wats grooming", "what does grooming mean". */
  readonly asksWhatGrooming: readonly string[];
  /** "is my bf grooming me", "is this grooming": the warning signs, and they were right to ask (each time). */
  readonly asksIfGrooming: readonly string[];
  /** "is that ok", "did i do the right thing", the whole message: yes, telling was right (each time). */
  readonly asksIfOkay: readonly string[];
  /** "i deleted the chat", "ive deleted the messages": what "is that ok" right after it asks about (session 29). */
  readonly deletedChat: readonly string[];
  /** "i told my friend", "i told my mate": what "is that ok" right after it asks about (session 29). */
  readonly toldFriend: readonly string[];
  readonly asksMustTell: readonly string[];
  /** "can i block him", "should i block them": yes, keep their username and the messages first (each time). */
  readonly asksCanBlock: readonly string[];
  /** "how long", "how much longer", the whole message: while a counsellor is on the way, the wait. */
  readonly asksHowLong: readonly string[];
  /** "help me", "pls help", the whole message: before anything is told, a plea (here to help, what's happening), not the tips. */
  readonly bareHelp: readonly string[];
  /** "my parents dont know", "my foster carer doesnt know about this": their grown-up does not know (not a story about that grown-up). */
  readonly homeDoesntKnow: readonly string[];
  /** "will i get moved", "will they take me away": a child in care (or any child) afraid telling will move them (each time). */
  readonly asksIfMoved: readonly string[];
  /** "he sent me some stuff", "she showed me": something sent to them (what it was may come next: "like nudes"). */
  readonly sentToThem: readonly string[];
  /** "a pic of my followers list", "a screenshot of my contacts": a picture sent as a threat tactic, not a sexual one. */
  readonly sentThreatProof: readonly string[];
  /** "do u save what i write", "is this chat saved": kept for a while, who reads it, how to delete it. */
  readonly asksSaved: readonly string[];
  /** "can u delete everything i said", "forget what i said": how to delete this chat. */
  readonly asksForget: readonly string[];
  /** "i talked to u yesterday", "do u remember me", "its me again": back after an earlier chat, which Harbour cannot see. */
  readonly comesBack: readonly string[];
  /** "it happened again", "he messaged me again": what they came back about has happened again (session 30). */
  readonly happenedAgain: readonly string[];
  /** "what happens now", "what now": what comes next, after a grown-up was told (session 30). */
  readonly asksWhatNext: readonly string[];
  /** "but i didnt", "i havent told her": beside coming back, what they were told to do is not done yet. */
  readonly notToldYet: readonly string[];
  /** "my mum is talking to a man online", "my dad sent him money": a young person worried about their own grown-up, the one targeted. */
  readonly grownUpTargeted: readonly string[];
  /** "im being blackmailed myself", "its me not my kid": on the adult path, the adult is the one targeted. */
  readonly adultIsVictim: readonly string[];
  /** "she wont listen to me", after their own grown-up was found targeted: still not their job; another grown-up. */
  readonly wontListen: readonly string[];
  /** "hes a kid", "shes my age": the other person's young age, as told to the child (also "hes 12", read by the analyser). */
  readonly claimedAge: readonly string[];
  /** "my family will kill me", "my dad would hurt me": beside a grown-up feared, words that may mean being hurt. */
  readonly fearsHarm: readonly string[];
  /** "lol", "haha": said lightly ("my mum will kill me lol"). */
  readonly lightTone: readonly string[];
  /** "co mam robic" (Polish "what do I do"): "mam" that is not a mum, so no grown-up named. */
  readonly notAGrownUp: readonly string[];
  /** "actually nah dont worry", "forget it its stupid", "nvm its nothing": backing off; no pressure, the door stays open. */
  readonly backsOff: readonly string[];
  /** "lol jk", "just testing" (the whole message): testing the chat. */
  readonly justTesting: readonly string[];
  /** "ok its real actually", "no it did happen": real after all, once they were testing. */
  readonly itsReal: readonly string[];
  /** "ok shes gone", "i can talk now", the whole message: back, right after they paused the chat. */
  readonly backAfterPause: readonly string[];
  /** "whats a counsellor", "is a counsellor a person": what the word means (not a request for one). */
  readonly asksWhatCounsellor: readonly string[];
  /** "what does private mean", "wat dos privit mean": what the word means. */
  readonly asksWhatPrivate: readonly string[];
  /** "did i do something wrong", "is it because of me": not their fault (after a counsellor left: not because of them). */
  readonly asksIfDidWrong: readonly string[];
  /** "its embarrassing", "promise you wont judge", "um": not the story yet; take your time. */
  readonly hesitates: readonly string[];
  /** "she sent it to my mum", "my dad found out": the picture reached their family. */
  readonly imageReachedFamily: readonly string[];
  /** "she said she deleted them", "so its over now right": they think it is over. */
  readonly thinksOver: readonly string[];
  /** "its only a dance", "its easy money", "that sounds fun tho": playing it down. */
  readonly minimises: readonly string[];
  /** "if you loved me you would", "prove you love me", "everyone does it": pressure dressed as love. */
  readonly lovePressure: readonly string[];
  /** "he says its normal in families", "he said its a game", "he said i wanted it": the excuse of someone who abuses them. */
  readonly abuserExcuse: readonly string[];
  /** "r u there", "is anyone there": whether anyone is reading; never an answer to a step's question. */
  readonly asksIfThere: readonly string[];
  /** "my cousin came in my room", "he gets in my bed": someone coming in where they sleep or wash. */
  readonly comesInRoom: readonly string[];
  /** "what happens when i report": what CEOP does after a report. */
  readonly asksAfterReport: readonly string[];
  /** "will the police come to my house": whether the police will visit. */
  readonly asksPoliceVisit: readonly string[];
  /** "wil he go to jail": what will happen to the person who did it. */
  readonly asksHisFate: readonly string[];
  /** "can i delete my account", with nothing flagged: yes, but keep their username and the chat first. */
  readonly asksDeleteAccount: readonly string[];
  /** "i met a man from snapchat last week", "i already met him", "we kissed": a meeting that already happened. */
  readonly metInPerson: readonly string[];
  /** "please dont hate me", "are you mad at me": afraid the bot thinks badly of them. */
  readonly fearsJudged: readonly string[];
  /** "someone made a fake nude of me with ai", "is it illegal if its fake": AI-made or edited nude pictures. */
  readonly aiFake: readonly string[];
  /** "its 1am tho", "its the middle of the night": the hour as a reason not to wake or tell a grown-up. */
  readonly lateHour: readonly string[];
  /** "idk", "dunno", "not sure": not knowing (within `unsure`, without its "maybe", "kind of", "a bit"). */
  readonly notKnowing: readonly string[];
  /** A parent's "hes locked himself in his room": the child shut in, not a person in danger who cannot speak. */
  readonly lockedIn: readonly string[];
  /** "should i ring the police tonight or wait till morning": when, not whether. */
  readonly policeWhen: readonly string[];
  /** "im the dsl", "i am the safeguarding lead": the one who refers, not the one told to tell them. */
  readonly isDsl: readonly string[];
  /** "im a foster carer", "the boy we look after": a looked-after child's carer (the social worker decides who is told). */
  readonly fosterCarer: readonly string[];
  /** "im her nan", "she lives with me": a relative who cares for the child, naming who they are (session 31). */
  readonly carerRelative: readonly string[];
  /** "im her older sister", "im his big brother": with an age of 18 or over, a grown-up sibling. */
  readonly olderSibling: readonly string[];
  /** "ive already told our dsl": the worker has passed it on. */
  readonly toldDsl: readonly string[];
  /** "our parents dont speak english well". */
  readonly parentsLanguage: readonly string[];
  /** "our mum works nights", "my dad is at work": their grown-up is at work, not asleep or away. */
  readonly grownUpAtWork: readonly string[];
  /** "he has learning difficulties", "she is autistic": a child with additional needs (a carer chatting). */
  readonly additionalNeeds: readonly string[];
  /** "he doesnt understand its wrong", "he thinks the man is his friend": the child cannot see the danger. */
  readonly cantSeeDanger: readonly string[];
  /** "how do i explain it to him": how to make the child understand. */
  readonly asksExplain: readonly string[];
  /** A parent or carer punishing or blaming the child ("shes grounded", "shes not allowed her phone ever again", "she lied to me"). */
  readonly parentPunishes: readonly string[];
  /** A parent or carer unsure whether to believe the child's disclosure ("he says shes lying", "i dont know what to believe"). */
  readonly doubtsChild: readonly string[];
  /** A parent or carer going through the child's account in secret ("how do i read all her messages", "without her knowing", "log in as him"). */
  readonly parentSpies: readonly string[];
  /** A parent or carer hunting the man or paying him back ("find out who this man is and where he lives", "taste of his own medicine"). */
  readonly parentHunts: readonly string[];
  /** A parent or carer setting a trap: going to a meeting set up with him ("ive said yes so i can catch him", "be there with my brother"). */
  readonly parentTrap: readonly string[];
  /** A nude of a young person going round among young people ("sent each other pics", "a girls nude round the group chat", "airdropped me a nude of a girl"). */
  readonly peerImage: readonly string[];
  /** "is it illegal what i did", "will i get a criminal record", "will the police come", "is he going to prison": the law, for them or a friend. */
  readonly asksAboutLaw: readonly string[];
  /** "should i delete it", "do i delete the pic": whether to delete a picture they have. */
  readonly asksDeleteImage: readonly string[];
  /** "if i delete will the pics go away": whether deleting an account or the chat gets rid of pictures they have. */
  readonly asksDeleteGone: readonly string[];
  /** "i go live on tiktok", "when im live": they stream live (session 30). */
  readonly goesLive: readonly string[];
  /** "shes not talking to me", "she took my phone": a grown-up at home upset, read after the picture reached them (session 30). */
  readonly familyReaction: readonly string[];
  /** "mum was asleep", "dad was at work": where a grown-up was when it happened, not one named to trust (session 30). */
  readonly grownUpAway: readonly string[];
  /** "ask me to do dares", "gave me gifts": dares asked or gifts given, read beside going live (session 30). */
  readonly liveAsks: readonly string[];
  /** "how do i stop people gifting": how to stop gifts on a live (session 30). */
  readonly asksStopGifts: readonly string[];
  /** "new trainers", "a phone i didnt buy him": things a carer cannot explain (session 30). */
  readonly unexplainedThings: readonly string[];
  /** "hes out late", "wont say where they came from": out late or secret about where from (session 30). */
  readonly outUnexplained: readonly string[];
  /** Running away, to him or from home ("im going to run away to my bfs house", "so she doesnt run off"). */
  readonly runsAway: readonly string[];
  /** "i just want to leave": heard as running away once that came up. */
  readonly wantsToLeave: readonly string[];
  /** The child's own threat to run away, told by a parent or friend ("she says shell run away if i stop her"): not the man's threat. */
  readonly threatensToRun: readonly string[];
  /** "i dont care", "whatever" (the whole message): fed up. */
  readonly fedUp: readonly string[];
}

/** The names of `AnswerWords`' plain phrase lists (not the grouped ones: audience, feelings…). */
export type AnswerListName = {
  [K in keyof AnswerWords]: AnswerWords[K] extends readonly string[] ? K : never;
}[keyof AnswerWords];

/**
 * Each plain answer list and its key in `content/<locale>/answer-words.yaml`. Reading, checking and
 * merging the locales all go by this table: a new list is its field in `AnswerWords`, a line here,
 * and its use in dialogs/analyse.ts. (`satisfies` fails the build when a field has no line.)
 */
export const ANSWER_LIST_KEYS = {
  yes: 'yes',
  no: 'no',
  unsure: 'unsure',
  decline: 'decline',
  goodbye: 'goodbye',
  fillers: 'fillers',
  askForPerson: 'ask_for_person',
  wantsTips: 'wants_tips',
  ownDetails: 'own_details',
  homeProblem: 'home_problem',
  noTrustedAdult: 'no_trusted_adult',
  stillHere: 'still_here',
  greeting: 'greeting',
  asksPrivacy: 'asks_privacy',
  thanks: 'thanks',
  asksIfBot: 'asks_if_bot',
  declinesPerson: 'declines_person',
  justTalk: 'just_talk',
  negators: 'negators',
  someone: 'someone',
  caresForThem: 'cares_for_them',
  fearsTelling: 'fears_telling',
  ownGrownUps: 'own_grown_ups',
  theirGrownUps: 'their_grown_ups',
  asksWait: 'asks_wait',
  asksToMeet: 'asks_to_meet',
  blamesSelf: 'blames_self',
  asksWhatToSay: 'asks_what_to_say',
  blockedThem: 'blocked_them',
  asksWhatElse: 'asks_what_else',
  alreadyPaid: 'already_paid',
  cantPay: 'cant_pay',
  wantsMore: 'wants_more',
  spentGift: 'spent_gift',
  asksIfWrong: 'asks_if_wrong',
  tookDevice: 'took_device',
  asksShouldTell: 'asks_should_tell',
  household: 'household',
  asksControls: 'asks_controls',
  childWithThem: 'child_with_them',
  nothingMore: 'nothing_more',
  inTheirCare: 'in_their_care',
  fearsThreat: 'fears_threat',
  doorLocked: 'door_locked',
  asksConfront: 'asks_confront',
  asksBotToTell: 'asks_bot_to_tell',
  soundsFine: 'sounds_fine',
  leadingNo: 'leading_no',
  questionStarts: 'question_starts',
  notFine: 'not_fine',
  parentSelf: 'parent_self',
  familyRules: 'family_rules',
  homeTrouble: 'home_trouble',
  grief: 'grief',
  familySplit: 'family_split',
  reportedOffer: 'reported_offer',
  homeAlone: 'home_alone',
  asksDelete: 'asks_delete',
  asksAboutCeop: 'asks_about_ceop',
  asksKeepImage: 'asks_keep_image',
  asksForwardImage: 'asks_forward_image',
  asksTakeDown: 'asks_take_down',
  frustrated: 'frustrated',
  sortedNow: 'sorted_now',
  vagueWorry: 'vague_worry',
  asksLegit: 'asks_legit',
  gaveCard: 'gave_card',
  asksCheckMessages: 'asks_check_messages',
  asksTakeDevice: 'asks_take_device',
  outing: 'outing',
  plansPolice: 'plans_police',
  policeInvolved: 'police_involved',
  asksDoctor: 'asks_doctor',
  othersSharedImage: 'others_shared_image',
  lgbtIdentity: 'lgbt_identity',
  kickedOut: 'kicked_out',
  pauses: 'pauses',
  livesInCare: 'lives_in_care',
  wantsToCheck: 'wants_to_check',
  toldGrownUp: 'told_grown_up',
  doorQuestion: 'door_question',
  wakeSomeone: 'wake_someone',
  notBelieved: 'not_believed',
  imageSpreading: 'image_spreading',
  acknowledges: 'acknowledges',
  exploitation: 'exploitation',
  exploitationTask: 'exploitation_task',
  exploitationLure: 'exploitation_lure',
  goOutQuestion: 'go_out_question',
  sharedOtherImage: 'shared_other_image',
  gaveOthersDetails: 'gave_others_details',
  ownImage: 'own_image',
  othersDetails: 'others_details',
  gaveIt: 'gave_it',
  notReadyToTell: 'not_ready_to_tell',
  howQuestion: 'how_question',
  appThings: 'app_things',
  keepsSecret: 'keeps_secret',
  stays: 'stays',
  friendSecret: 'friend_secret',
  shouldComply: 'should_comply',
  generalQuestion: 'general_question',
  asksAge: 'asks_age',
  asksIfInTrouble: 'asks_if_in_trouble',
  asksPolice: 'asks_police',
  reportedSecrecy: 'reported_secrecy',
  bullying: 'bullying',
  peersKnown: 'peers_known',
  accountHacked: 'account_hacked',
  detailsGiven: 'details_given',
  sentSexual: 'sent_sexual',
  asksInReturn: 'asks_in_return',
  takesBack: 'takes_back',
  othersAsleep: 'others_asleep',
  asksGender: 'asks_gender',
  asksAnonymous: 'asks_anonymous',
  deleteMessages: 'delete_messages',
  confused: 'confused',
  asksBotSecret: 'asks_bot_secret',
  hopeless: 'hopeless',
  noPoint: 'no_point',
  strangerOrOnline: 'stranger_or_online',
  imageWorry: 'image_worry',
  safeNow: 'safe_now',
  calledHelp: 'called_help',
  habitualHarm: 'habitual_harm',
  saysNow: 'says_now',
  parentActsAlone: 'parent_acts_alone',
  parentCopiedImage: 'parent_copied_image',
  mustLeave: 'must_leave',
  watchedDevice: 'watched_device',
  cantPhone: 'cant_phone',
  blamesSelfFirst: 'blames_self_first',
  sentUnasked: 'sent_unasked',
  asksIfHeKnows: 'asks_if_he_knows',
  asksTracking: 'asks_tracking',
  asksEnglish: 'asks_english',
  asksChildlineFree: 'asks_childline_free',
  asksSnapMap: 'asks_snap_map',
  asksPoliceNumber: 'asks_police_number',
  otherApps: 'other_apps',
  smallTalk: 'small_talk',
  asksWhatNude: 'asks_what_nude',
  asksWhatGrooming: 'asks_what_grooming',
  asksIfGrooming: 'asks_if_grooming',
  asksIfOkay: 'asks_if_okay',
  deletedChat: 'deleted_chat',
  toldFriend: 'told_friend',
  asksMustTell: 'asks_must_tell',
  asksCanBlock: 'asks_can_block',
  asksHowLong: 'asks_how_long',
  bareHelp: 'bare_help',
  homeDoesntKnow: 'home_doesnt_know',
  asksIfMoved: 'asks_if_moved',
  sentToThem: 'sent_to_them',
  sentThreatProof: 'sent_threat_proof',
  asksSaved: 'asks_saved',
  asksForget: 'asks_forget',
  comesBack: 'comes_back',
  happenedAgain: 'happened_again',
  asksWhatNext: 'asks_what_next',
  notToldYet: 'not_told_yet',
  grownUpTargeted: 'grown_up_targeted',
  adultIsVictim: 'adult_is_victim',
  wontListen: 'wont_listen',
  claimedAge: 'claimed_age',
  fearsHarm: 'fears_harm',
  lightTone: 'light_tone',
  notAGrownUp: 'not_a_grown_up',
  backsOff: 'backs_off',
  justTesting: 'just_testing',
  itsReal: 'its_real',
  backAfterPause: 'back_after_pause',
  asksWhatCounsellor: 'asks_what_counsellor',
  asksWhatPrivate: 'asks_what_private',
  asksIfDidWrong: 'asks_if_did_wrong',
  hesitates: 'hesitates',
  imageReachedFamily: 'image_reached_family',
  thinksOver: 'thinks_over',
  minimises: 'minimises',
  lovePressure: 'love_pressure',
  abuserExcuse: 'abuser_excuse',
  asksIfThere: 'asks_if_there',
  comesInRoom: 'comes_in_room',
  metInPerson: 'met_in_person',
  asksAfterReport: 'asks_after_report',
  asksPoliceVisit: 'asks_police_visit',
  asksHisFate: 'asks_his_fate',
  asksDeleteAccount: 'asks_delete_account',
  fearsJudged: 'fears_judged',
  aiFake: 'ai_fake',
  lateHour: 'late_hour',
  notKnowing: 'not_knowing',
  lockedIn: 'locked_in',
  policeWhen: 'police_when',
  isDsl: 'is_dsl',
  fosterCarer: 'foster_carer',
  carerRelative: 'carer_relative',
  olderSibling: 'older_sibling',
  toldDsl: 'told_dsl',
  parentsLanguage: 'parents_language',
  grownUpAtWork: 'grown_up_at_work',
  additionalNeeds: 'additional_needs',
  cantSeeDanger: 'cant_see_danger',
  asksExplain: 'asks_explain',
  parentPunishes: 'parent_punishes',
  doubtsChild: 'doubts_child',
  parentSpies: 'parent_spies',
  parentHunts: 'parent_hunts',
  parentTrap: 'parent_trap',
  peerImage: 'peer_image',
  asksAboutLaw: 'asks_about_law',
  asksDeleteImage: 'asks_delete_image',
  asksDeleteGone: 'asks_delete_gone',
  goesLive: 'goes_live',
  familyReaction: 'family_reaction',
  grownUpAway: 'grown_up_away',
  liveAsks: 'live_asks',
  asksStopGifts: 'asks_stop_gifts',
  unexplainedThings: 'unexplained_things',
  outUnexplained: 'out_unexplained',
  runsAway: 'runs_away',
  wantsToLeave: 'wants_to_leave',
  threatensToRun: 'threatens_to_run',
  fedUp: 'fed_up',
} as const satisfies Record<AnswerListName, string>;

export const ANSWER_LISTS = Object.keys(ANSWER_LIST_KEYS) as readonly AnswerListName[];

/** An app or game with its own advice (`apps.<id>.advice`), and the names children call it. */
export interface AppName {
  readonly id: string;
  /** Shown in messages, e.g. "Roblox". */
  readonly name: string;
  /** Every name and nickname, e.g. "insta", "ig". */
  readonly names: readonly string[];
}

export interface DialogTiming {
  /** Silence before a gentle check-in. */
  readonly checkInAfterMs: number;
  /** Further silence after the check-in before a kind close. */
  readonly closeAfterMs: number;
}

export interface DialogDeps {
  readonly detect: Detector;
  readonly words: AnswerWords;
  readonly apps: readonly AppName[];
  readonly timing: DialogTiming;
  /**
   * Text-speak short forms to plain words ("u" → "you", "pls" → "please"), shared with the
   * red-flag detector (content/<locale>/text-speak.yaml). Answers match either way.
   */
  readonly respellings?: Readonly<Record<string, string>>;
  /**
   * Welsh words text-speak would respell as other English ("mae" is "is", not Portuguese "mãe"; "da" is
   * "good", not "dad"; "nos" is "night"): `keepAsTyped`. They keep the child's spelling in a message that
   * has a word only Welsh uses (`signals`: the Welsh file's markers and its words that look like no English).
   */
  readonly welsh?: { readonly signals: ReadonlySet<string>; readonly keepAsTyped: ReadonlySet<string> };
  /** Marker words of languages Harbour cannot read (content/other-languages.yaml; see dialogs/language.ts). */
  readonly otherLanguages?: OtherLanguageMarkers;
}

import { moreUrgent, type Category, type Finding, type Urgency } from './safety/finding.js';
import { otherLanguageOf } from './language.js';
import { isEnglishWord } from './safety/natural.js';
import type { DetectorState } from './safety/types.js';
import {
  DURATIONS,
  FEELINGS,
  RELATIONS,
  TRUSTED_ADULTS,
  type DialogDeps,
  type Duration,
  type Feeling,
  type Relation,
  type TrustedAdult,
} from './deps.js';
import { compile, containsAny, isWhole, startsWithAny, tokens, Vocabulary, withoutFillers, type FoundLists, type PhraseList, type Reading } from './match.js';
import type { HarbourContext, MessageReading } from './harbour.types.js';
import type { Audience, ConversationSummary } from './types.js';
import { ABUSE_DISCLOSED_RULE, ABUSE_TOLD, ASKED, PICTURE_ASKED_RULES, EXPLOITATION_FINDING, EXPLOITATION_SIGNS_FINDING, KNOWN_ADULT_IN_ROOM_FINDING, MET_ADULT_FINDING, ADULT_ASKED_IMAGES_FINDING, pathOf, grownUpTargetOf, HURT_AT_HOME_RULES, HOME_ALONE_FINDING, HOME_ALONE_RULE, IMAGE_THREAT_RULES, threatIsBlackmail, union, VIOLENCE_THREATENED } from './wording.js';

/**
 * One message, understood once per turn: the detector's findings plus everything the dialog's
 * guards ask about the answer. Holds no text (only ids and flags), so it is safe to keep in a
 * snapshot; the findings carry the evidence spans the console needs. A flag is present only when
 * true, which keeps the snapshot saved every turn small; snapshots saved before this spelled every
 * flag out as `false`, and read the same.
 */
export interface TurnAnalysis {
  readonly findings: readonly Finding[];
  /** The most urgent finding's urgency, or `high` when someone at home is the problem. */
  readonly urgency?: Urgency;
  readonly categories: readonly Category[];
  readonly audience?: Audience;
  readonly app?: string;
  readonly yes?: boolean;
  readonly no?: boolean;
  readonly unsure?: boolean;
  readonly declines?: boolean;
  readonly goodbye?: boolean;
  /** "i already sent one", "what if he shows people": a picture sent, or the fear it will be shared. */
  readonly imageWorry?: boolean;
  /** "she made me promise not to tell": a friend asked them to keep it secret. */
  readonly friendSecret?: boolean;
  /** "should i just pay her", "should i send it": asks whether to do what is demanded. */
  readonly asksShouldComply?: boolean;
  /** A general question ("what age should she be to have snapchat"): `age` when it asks about age. */
  readonly generalQuestion?: 'age' | 'controls' | 'other';
  /** "am i gonna get in trouble": whether they (or the child) are in trouble. */
  readonly asksIfInTrouble?: boolean;
  /** "should i call the police", "should i report him": whether to report it to the police. */
  readonly asksPolice?: boolean;
  /** Names a grown-up the child knows ("my uncle", "her coach"), with no app, nothing online and no stranger. */
  readonly knownAdultInPerson?: boolean;
  /** Names a grown-up or older person the child knows ("my coach", "my cousin"), online or not. */
  readonly knownAdultNamed?: boolean;
  /**
   * Harm by someone the child knows, in person: that person named now or before (`knownAdult`), with nothing online in this
   * message or the chat (no app, no online words, nothing asked for by message, no money). Set in readMessage (session 29).
   */
  readonly harmInPerson?: boolean;
  /** "how long will it take", "is anyone coming": the wait for a counsellor. */
  readonly asksWait?: boolean;
  /** "what if i just meet him somewhere public", "should i let her meet him": whether to go and meet them. */
  readonly asksToMeet?: boolean;
  /** "its my fault", "i was so stupid": blaming themselves. */
  readonly blamesSelf?: boolean;
  /** "what do i tell him": a parent asking what to say to the child. */
  readonly asksWhatToSay?: boolean;
  /** "i blocked him": they blocked or reported the person. */
  readonly blockedThem?: boolean;
  /** "i reported him", "wedi ei riportio": of `blockedThem`, reported with no word of blocking (session 31). */
  readonly reportedNotBlocked?: boolean;
  /** "what else can i do", "what more can i do" (session 31). */
  readonly asksWhatElse?: boolean;
  /** "i already paid him once": they already paid what was demanded. */
  readonly alreadyPaid?: boolean;
  /** "i dont have that money", "i dont have 500": they cannot pay what is demanded (read with money or a threat in the chat). */
  readonly cantPay?: boolean;
  /** "he wants more now": more demanded after paying (read with money or a threat in the chat). Session 30. */
  readonly wantsMore?: boolean;
  /** "i spent it all already": presents or game money given and spent; they owe nothing (read with money or gifts in the chat). Session 30. */
  readonly spentGift?: boolean;
  /** "what if she does it anyway": the fear a threat is carried out (an image worry once pictures were threatened). */
  readonly fearsThreat?: boolean;
  /** "the door is locked": read while someone is outside and they are in danger now. */
  readonly doorLocked?: boolean;
  /** "should i confront him", "should i message him myself": a parent asking whether to contact the person. */
  readonly asksConfront?: boolean;
  /** "can you tell my mum for me", "can u call the police": asking the bot itself to tell or call someone. */
  readonly asksBotToTell?: boolean;
  /** A longer answer that starts with a no ("not really, i just feel like nobody cares"). */
  readonly leadsWithNo?: boolean;
  /** "im good", "nah im ok", and no negator: they are fine (read where "are you safe" was asked). */
  readonly soundsFine?: boolean;
  /** "im not ok", "dont feel safe": not fine (never a yes). */
  readonly notFine?: boolean;
  /** "is it bad", "am i overreacting": whether what happened is wrong (twelve words or fewer). */
  readonly asksIfWrong?: boolean;
  /** "i took the ipad off him": the child's device taken away (read on the parent path only). */
  readonly tookDevice?: boolean;
  /** "should i tell my mum", "should i tell her mum": whether to tell a grown-up (not the police: `asksPolice`). */
  readonly asksShouldTell?: boolean;
  /** "my mum took my phone", "dad wont let me go out": an ordinary rule or row at home, nothing online, no red flag, no trouble at home. */
  readonly familyRules?: boolean;
  /** With `familyRules`: not a rule but a loss or a change at home ("my nan died", "my parents are splitting up"). */
  readonly familyChange?: 'grief' | 'split';
  /** "im home alone", "my parents are out": no grown-up at home now. */
  readonly homeAlone?: boolean;
  /** "should i delete his account": whether to delete the account or the messages. */
  readonly asksDelete?: boolean;
  /** "what is ceop", "how do i report to ceop". */
  readonly asksAboutCeop?: boolean;
  /** "should i screenshot the pic he has", "how do i keep evidence": whether to keep an image. */
  readonly asksKeepImage?: boolean;
  /** "can i send them to my mum to show her", "can i forward them": sending the picture on (with `asksKeepImage`). */
  readonly asksForwardImage?: boolean;
  readonly asksLegit?: boolean;
  readonly gaveCard?: boolean;
  readonly asksCheckMessages?: boolean;
  /** A parent's "should i take his phone" (session 28): parent.advice.keep-internet, said directly. */
  readonly asksTakeDevice?: boolean;
  readonly outing?: boolean;
  /** "if my parents find out im gay theyll kick me out": afraid of losing their home for who they are. */
  readonly outedHomeFear?: boolean;
  /** "im gonna tell the police": their own plan to report (not a question about this chat). */
  readonly plansPolice?: boolean;
  /** "shes called the police", "the police want to talk to me": the police are already involved, nothing negated (session 31). */
  readonly policeInvolved?: boolean;
  /** "should i take him to the doctor", "does she need to see a gp" (session 31). */
  readonly asksDoctor?: boolean;
  /** "my mate shared a nude of a girl in our year": someone else (not the writer) shared a young person's nude. */
  readonly othersSharedImage?: boolean;
  /** "run away to my bfs house hes 19": a boyfriend or girlfriend with a grown-up's age (18 or over), in the dialog's own reading. */
  readonly adultPartner?: boolean;
  /** "im in care" with nothing else of a story: who they are, not what happened. */
  readonly livesInCareOnly?: boolean;
  /** "i think im gay", "im trans" with nothing else of a story: who they are, not what happened. */
  readonly identityOnly?: boolean;
  /** "hold on", "brb", "my mums coming": they will be back; not an answer. */
  readonly pauses?: boolean;
  /** "shes just been off", "not herself": a worry with no story in it. */
  readonly vagueWorry?: boolean;
  /** "its sorted now, i blocked him and told my mum": over, nothing to interview about. */
  readonly sortedNow?: boolean;
  /** "just wanted to check something": a question to come, not a story. */
  readonly wantsToCheck?: boolean;
  /** "my mum told me to come here", "i told my dad": their grown-up knows; the household named is no story of home. */
  readonly toldGrownUp?: boolean;
  /** "should i open the door", "what if he knocks". */
  readonly asksAboutDoor?: boolean;
  /** "should i wake my mum". */
  readonly wakesSomeone?: boolean;
  /** "999 wont believe me". */
  readonly fearsNotBelieved?: boolean;
  /** "he posted it on my story", with no negator ("he hasnt posted it"). */
  readonly imageSpreading?: boolean;
  /** "k", "ok", "sure", the whole message. */
  readonly onlyNods?: boolean;
  /** A nod ("ok", "its fine") right after "no pressure" (`backOffAsk`): leaving it there. Set by the message reader. */
  readonly leavesIt?: boolean;
  /** Criminal exploitation told of ("older boys said theyll pay me 300 to take a bag to another town"). */
  readonly exploitation?: boolean;
  /** "will he know i told", the whole message. */
  readonly onlyAsksIfHeKnows?: boolean;
  /** "shud i go out", "he says get in". */
  readonly asksGoOut?: boolean;
  /** Reads as a question: ends with "?", or starts "is", "should", "can", "what if", "if someone"… */
  readonly asksQuestion?: boolean;
  /** "ur useless", "ur not listening" as the whole message: not an answer to the step's question. */
  readonly frustrated?: boolean;
  /** "how do i get them taken down": whether and how an image can be removed. */
  readonly asksTakeDown?: boolean;
  /** They shared a nude picture of someone else (not of themselves). */
  readonly sharedOtherImage?: boolean;
  /** They gave someone a friend's number, snap or address. */
  readonly gaveOthersDetails?: boolean;
  /** "i dont want to tell anyone": not ready to tell a grown-up. */
  readonly notReadyToTell?: boolean;
  /** "how do i delete my tiktok account": a how-to question about an app, with no one in it and no red flag. */
  readonly appQuestion?: boolean;
  /** Names someone of their own household ("my mum", "my stepdad", "my brother"). */
  readonly householdNamed?: boolean;
  /** "shes at home with me now": the child is with them (counts as safe now on the parent path only). */
  readonly childWithThem?: boolean;
  /** "no thats all": nothing more to say. */
  readonly nothingMore?: boolean;
  /** "ill wait" on its own: staying for the counsellor who is coming. */
  readonly stays?: boolean;
  /** "I'm still here" on its own, after a check-in. */
  readonly stillHere?: boolean;
  readonly asksPrivacy?: boolean;
  readonly thanks?: boolean;
  readonly asksIfBot?: boolean;
  readonly declinesPerson?: boolean;
  readonly justTalk?: boolean;
  /** "but i love him": they care for the person the red flag is about. */
  readonly caresForThem?: boolean;
  /** "hes gone", "im safe now": the danger has passed. */
  readonly safeNow?: boolean;
  /** "i called 999", "police are coming": help is on its way. */
  readonly calledHelp?: boolean;
  /** "my step dad hits me when hes drunk": harm told as something that keeps happening, and nothing in it says now. */
  readonly habitualHarm?: boolean;
  /** "my mum would go mad": afraid of how a grown-up they name would react if told. */
  readonly fearsTelling?: boolean;
  /** Someone else is in the message ("he", "a man"), with a few words: a story, not just talk. */
  readonly storyOfSomeone?: boolean;
  /** Words that put the story online or with someone they do not know ("messaged", "a man", "game"). */
  readonly strangerOrOnline?: boolean;
  /** Bullying by children they know ("a boy in my class keeps calling me names"). */
  readonly bullying?: boolean;
  /** Their account taken over or copied ("someone hacked my insta", "pretending to be me"). */
  readonly accountHacked?: boolean;
  /** "she already gave it", "i told him": something asked for was given (read with the summary's asked). */
  readonly detailsGiven?: boolean;
  /** Sexual pictures or videos sent to them ("he keeps sending me pics of his private parts"). */
  readonly sentSexual?: boolean;
  /** "and he wants one back", "asked for mine": after pictures sent to them, or a fake made of them, something asked of them too. */
  readonly asksInReturn?: boolean;
  /** "lol jk", "forget it": taking back what they said (asked again whether they are safe, once). */
  readonly takesBack?: boolean;
  /** "everyones asleep": nobody awake near them to tell. */
  readonly othersAsleep?: boolean;
  /** "can it be a lady": who joins (also asks for a person). */
  readonly asksGender?: boolean;
  /** "do i have to give my name": no; only what they choose to say (a privacy question). */
  readonly asksAnonymous?: boolean;
  /** "should i delete all the messages": deleting the messages themselves (with `asksDelete`). */
  readonly deletesMessages?: boolean;
  /** The whole message is "wat", "huh", "what do you mean": the question was not understood. */
  readonly confused?: boolean;
  /** A yes of one or two words and nothing else ("ye", "yes ok"). */
  readonly bareYes?: boolean;
  /** The whole message asks about this chat ("can u not tell anyone", "will the counsellor know my name"). */
  readonly aboutThisChat?: boolean;
  /** "my life is over", "no way out": hopelessness. */
  readonly hopeless?: boolean;
  /** "nobody can help me", "theres no point": no help or point left, a warning sign (not a request for tips). */
  readonly noPoint?: boolean;
  /** The feeling named is someone else's ("he got angry"), and nothing in the message is about themselves. */
  readonly feelingOfOthers?: boolean;
  /** The whole message is one filler ("ok", "k"): an acknowledgement, not a feeling. */
  readonly onlyFiller?: boolean;
  /** "hi" on its own. */
  readonly greeting?: boolean;
  /** Enough words to be the start of their story (four or more). */
  readonly tellsStory?: boolean;
  /**
   * "i'm a teacher", "im a teaching assistant", "youth worker here": who is chatting, a worker with children, said of
   * themselves and nothing more (no story, nothing flagged). The who-answer wherever it comes (session 29).
   */
  readonly namesOwnRole?: boolean;
  readonly asksForPerson?: boolean;
  readonly wantsTips?: boolean;
  readonly sharesOwnDetails?: boolean;
  readonly homeProblem?: boolean;
  readonly feeling?: Feeling;
  readonly trustedAdult?: TrustedAdult;
  readonly noTrustedAdult?: boolean;
  readonly duration?: Duration;
  /** Family named as the one they are worried about ("my little sister"): see `RELATIONS`. */
  readonly relation?: Relation;
  readonly ageBand?: string;
  /** "hes 11", "she is 9", "my son is 12": a child's age told, under 13 (session 28; a parent's general age question). */
  readonly childUnder13?: boolean;
  /** Absent for messages with no letters or digits at all (only emoji or punctuation). */
  readonly hasWords?: boolean;
  /** A parent or carer about to act on their own: go round, post his picture, message him as the child. */
  readonly parentActsAlone?: boolean;
  /** A parent or carer who copied or sent on the child's picture. */
  readonly parentCopiedImage?: boolean;
  /** "i have to go", "someones coming" (eight words or fewer, nothing flagged): leaving now. */
  readonly mustLeave?: boolean;
  /** "my dad checks my phone", "how do i hide this chat": someone may see this device. */
  readonly watchedDevice?: boolean;
  /** "nobodys awake", "everyone will hear me", "can i text someone": they cannot phone. */
  readonly cantPhone?: boolean;
  /** "i sent pics first", "i lied and said i was 16", "he didnt ask" (whole): blaming themselves for a grown-up's acts. */
  readonly blamesSelfFirst?: boolean;
  /** "will he know i told", "if i report him will he find out". */
  readonly asksIfHeKnows?: boolean;
  /** "will he know i blocked him", "if i block him will he see": the question is about blocking, not reporting (session 31). */
  readonly asksIfHeKnowsBlocked?: boolean;
  /** "can u track my ip", "do u know where i live". */
  readonly asksTracking?: boolean;
  /** "sorry can i speak english", "in english please": asking to write in English (session 29). */
  readonly asksEnglish?: boolean;
  /** "is childline free": yes, free, not on the phone bill (session 29). */
  readonly asksChildlineFree?: boolean;
  /** "how do i turn off snap map": Ghost Mode (session 29). */
  readonly asksSnapMap?: boolean;
  /**
   * Nothing happened told yet: a question to the bot, small talk or testing ("r u chatgpt", "hey hows ur day", "lol jk"),
   * with no one, no app, no feeling, no grown-up and no red flag in it. Not "That sounds hard" at the first question.
   */
  readonly toldNothing?: boolean;
  /** An app or site named that has no advice of its own in apps.yaml ("on grindr"): the app is known, not asked for. */
  readonly otherApp?: boolean;
  /** "wats the police number", "whats the number for police": 999 in danger now, 101 otherwise. */
  readonly asksPoliceNumber?: boolean;
  /** "wat is a nude": what the word means. */
  readonly asksWhatNude?: boolean;
  /** "wats grooming": what the word means. */
  readonly asksWhatGrooming?: boolean;
  /** "is my bf grooming me": whether it is grooming. */
  readonly asksIfGrooming?: boolean;
  /** "is that ok", the whole message: whether what they did (or telling) was right. */
  readonly asksIfOkay?: boolean;
  /** "i deleted the chat" (deleted_chat). */
  readonly deletedChat?: boolean;
  /** "i told my friend" (told_friend). */
  readonly toldFriend?: boolean;
  /**
   * "is that ok", the whole message, right after they said what they did (read in `readMessage` against the turn before):
   * blocked them, deleted the chat, told a friend, or sent a picture. Absent: about telling (session 29).
   */
  readonly okayAbout?: 'blocked' | 'deleted' | 'told-friend' | 'sent-image';
  /** "do i have to", "must i", the whole message: whether they must tell (after a plea to keep it secret). */
  readonly asksMustTell?: boolean;
  /** "can i block him": whether to block. */
  readonly asksCanBlock?: boolean;
  /** "help me", the whole message. */
  readonly bareHelp?: boolean;
  /** "my parents dont know", with nothing happened told beside it: who they are, not trouble at home. */
  readonly homeDoesntKnowOnly?: boolean;
  /** "will i get moved". */
  readonly asksIfMoved?: boolean;
  /** "he sent me some stuff": something sent to them, the next message may say what ("like nudes"). */
  readonly sentToThem?: boolean;
  /** "do u save what i write", "is this chat saved". */
  readonly asksSaved?: boolean;
  /** "can u delete everything i said": this chat, not the app's (no "don't delete yet"). */
  readonly asksForget?: boolean;
  /** "i talked to u yesterday", "do u remember me": back after an earlier chat. */
  readonly comesBack?: boolean;
  /** "it happened again", "he messaged me again", with nothing flagged: what happened is again, and still to be told (session 30). */
  readonly happenedAgain?: boolean;
  /**
   * "what happens now", "what now", once a grown-up of theirs was told (this message or before), nothing flagged, not
   * escalated: what comes next, not a request for the tips. `before-story` with nothing told yet (session 30).
   */
  readonly asksWhatNext?: 'before-story' | 'after';
  /** "but i didnt" (tell my mum), beside coming back; "i havent told anyone yet", a teacher or worker after a red flag. */
  readonly notToldYet?: boolean;
  /** "my mum is talking to a man online who wants money": their grown-up is the one targeted, not them. */
  readonly grownUpTargeted?: boolean;
  /** "im being blackmailed myself", "its me not my kid" (adult path): the adult is the one targeted. */
  readonly adultIsVictim?: boolean;
  /** "she wont listen to me", "he doesnt believe me". */
  readonly wontListen?: boolean;
  /** "hes 12 he said", "shes 11", "hes a kid", "hes my age": the other person's young age, as they claim it. */
  readonly claimsYoungAge?: boolean;
  /** "my family will kill me", "my dad would hurt me": words that may mean being hurt. */
  readonly fearsHarm?: boolean;
  /** "lol", "haha": said lightly. */
  readonly lightTone?: boolean;
  /** "actually nah dont worry", "nvm its nothing": short, nothing flagged, backing off. */
  readonly backsOff?: boolean;
  /** "lol jk", "just testing" (the whole message less fillers, nothing flagged): testing the chat. */
  readonly justTesting?: boolean;
  /** "ok its real actually", "no it did happen": real after all (answered only once they were testing). */
  readonly itsReal?: boolean;
  /**
   * The writer is the one asked or pictured here ("hes asking me for pics now", "i already sent him one", "pics of me"):
   * beside a grown-up found targeted before, this message is about them, and their own lines apply.
   */
  readonly aboutSelf?: boolean;
  /** Written in a language Harbour cannot read (dialogs/language.ts): its id, or `other-script`. */
  readonly otherLanguage?: string;
  /** "ok shes gone", "i can talk now", the whole message (less fillers: "ok", "now"): back, if they had just paused. */
  readonly backAfterPause?: boolean;
  /** "whats a counsellor": what the word means; not a request for one. */
  readonly asksWhatCounsellor?: boolean;
  /** "what does private mean": what the word means. */
  readonly asksWhatPrivate?: boolean;
  /** "did i do something wrong", "is it because of me". */
  readonly asksIfDidWrong?: boolean;
  /** "its embarrassing", "promise you wont judge", "um" (the whole message): not the story yet. */
  readonly hesitates?: boolean;
  /** "she sent it to my mum", "my dad found out". */
  readonly imageReachedFamily?: boolean;
  /** "she said she deleted them", "so its over now right". */
  readonly thinksOver?: boolean;
  /** "its only a dance", "its easy money". */
  readonly minimises?: boolean;
  /** "he says if i loved him i would", "prove you love me". */
  readonly lovePressure?: boolean;
  /** "he says its normal in families", "he said its a game": the excuse of someone who abuses them (session 29). */
  readonly abuserExcuse?: boolean;
  /** "r u there", "hello??", "is anyone there": whether anyone is reading, not an answer (session 29). */
  readonly asksIfThere?: boolean;
  /** "my cousin came in my room again last nite", "he gets in my bed": someone coming in where they sleep or wash (session 29). */
  readonly comesInRoom?: boolean;
  /** "what happens when i report": what CEOP does after a report. (session 29) */
  readonly asksAfterReport?: boolean;
  /** "will the police come to my house": whether the police will visit. (session 29) */
  readonly asksPoliceVisit?: boolean;
  /** "wil he go to jail": what will happen to the person who did it. (session 29) */
  readonly asksHisFate?: boolean;
  /** "can i delete my account", with nothing flagged: yes, but keep their username and the chat first. (session 29) */
  readonly asksDeleteAccount?: boolean;
  /** "i met a man from snapchat last week", "i already met him", "we kissed": a meeting that already happened, in person (session 29). */
  readonly metInPerson?: boolean;
  /** "hes 22", "he was 25", "a man": the other person is a grown-up, in the dialog's own reading (session 29). */
  readonly adultTold?: boolean;
  /** "please dont hate me", "are you mad at me": afraid the bot thinks badly of them (session 29). */
  readonly fearsJudged?: boolean;
  /** "someone made a fake nude of me with ai", "can report remove take down fake ones". */
  readonly aiFake?: boolean;
  /** "its 1am tho", "its the middle of the night". */
  readonly lateHour?: boolean;
  /** "idk", "dunno", "not sure" (not "maybe" or "kind of"). */
  readonly notKnowing?: boolean;
  /** "hes locked himself in his room and wont talk". */
  readonly lockedIn?: boolean;
  /** "tonight or wait till morning". */
  readonly policeWhen?: boolean;
  /** "im the dsl", "i am the safeguarding lead". */
  readonly isDsl?: boolean;
  /** "im a foster carer", "the boy we look after". */
  readonly fosterCarer?: boolean;
  /** "im her nan she lives with me": a relative caring for the child names who they are, and nothing more (session 31). */
  readonly namesCarerRole?: boolean;
  /** "im her older sister" (a grown-up one only with an age of 18 or over, see harbour.setup.ts `roleOf`). */
  readonly olderSibling?: boolean;
  /** "ive already told our dsl". */
  readonly toldDsl?: boolean;
  /** "our parents dont speak english well". */
  readonly parentsLanguage?: boolean;
  /** "our mum works nights". */
  readonly grownUpAtWork?: boolean;
  /** "he has learning difficulties", "she has autism". */
  readonly additionalNeeds?: boolean;
  /** "he doesnt understand its wrong". */
  readonly cantSeeDanger?: boolean;
  /** "how do i explain it to him". */
  readonly asksExplain?: boolean;
  /** "shes grounded", "she lied to me im so angry with her": a parent or carer punishing or blaming the child. */
  readonly parentPunishes?: boolean;
  /** "he says shes lying", "i dont know what to believe": a parent or carer doubting the child's disclosure (session 29). */
  readonly doubtsChild?: boolean;
  /** "how do i read all her messages", "without her knowing", "log in as him": going through the child's account in secret. */
  readonly parentSpies?: boolean;
  /** "ive said yes so i can catch him", "be there with my brother": a parent or carer going to a meeting set up with him. */
  readonly parentTrap?: boolean;
  /** "how do i find out who this man is", "a taste of his own medicine": a parent or carer hunting the man or paying him back. */
  readonly parentHunts?: boolean;
  /** A nude of a young person going round among young people, or one they shared (see `HarbourContext.peerImage`). */
  readonly peerImage?: boolean;
  /** "is it illegal what i did", "will the police come", "is he going to prison" (also `asksIfInTrouble`). */
  readonly asksLaw?: boolean;
  /** "should i delete it": whether to delete a picture they have (answered after a peer nude only). */
  readonly asksDeleteImage?: boolean;
  /** "if i delete will the pics go away": no, and what deleting does and does not do (session 30). */
  readonly asksDeleteGone?: boolean;
  /** "i go live on tiktok": they stream live (kept as `HarbourContext.goesLive`; session 30). */
  readonly goesLive?: boolean;
  /** "shes not talking to me", "she took my phone" once the picture reached their family (`said.imageFamily`; session 30). */
  readonly familyReaction?: boolean;
  /** "mum was asleep", "dad was at work": where a grown-up was, not a grown-up named to trust (session 30). */
  readonly grownUpAway?: boolean;
  /** Dares asked or gifts given on a live ("people ask me to do dares" when live now or before; session 30). */
  readonly liveDares?: boolean;
  /** "how do i stop people gifting" (session 30). */
  readonly asksStopGifts?: boolean;
  /** A carer's signs of exploitation: things unexplained, and out late or secret where from, in this message or across the chat (session 30). */
  readonly exploitationSigns?: boolean;
  /** One half of those signs, in this message: `things` (new trainers, a phone they didn't buy) or `out` (out late, won't say where). */
  readonly signHalf?: 'things' | 'out' | 'both';
  /** The whole message is a question about the law ("is he going to prison"). */
  readonly onlyAsksLaw?: boolean;
  /** "im going to run away to my bfs house", "so she doesnt run off", "she says shell run away": running away. */
  readonly runsAway?: boolean;
  /** "i just want to leave": running away, once that came up. */
  readonly wantsToLeave?: boolean;
  /** "she says shell run away if i stop her seeing him": the child's threat to run, told of (with `runsAway`). */
  readonly threatensToRun?: boolean;
  /** "i dont care", "whatever", the whole message: fed up. */
  readonly fedUp?: boolean;
  /**
   * The message's language, when it shows one: `cy` with a Welsh sign (a marker, or a word only Welsh uses), `en` with
   * none and three English words or more making up three in four of its words. Kept in the chat as `welshChat` (session 29).
   */
  readonly language?: 'cy' | 'en';
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export const EMPTY_TURN: TurnAnalysis = { findings: [], categories: [] };

type Lists<Id extends string> = readonly { readonly id: Id; readonly phrases: PhraseList }[];

function listsOf<Id extends string>(ids: readonly Id[], source: Readonly<Record<Id, readonly string[]>>): Lists<Id> {
  return ids.map((id) => ({ id, phrases: compile(source[id]) }));
}

/** Build the per-turn analyser from the deps; phrase lists are compiled once here. */
/** A word's kinds in `createAnalyser`'s `wordKinds`: a Welsh sign, a short form with plain words. */
const WELSH_SIGN = 1;
const SHORT_FORM = 2;

export function createAnalyser(deps: DialogDeps) {
  const w = deps.words;
  // Most specific first: "it's my son, he told me" is a parent, though it says "me".
  const audiences = listsOf<Audience>(['parent_carer', 'friend', 'someone_else', 'young_person'], w.audience);
  const friendWords = audiences.find((l) => l.id === 'friend')?.phrases ?? compile([]);
  const parentWords = audiences.find((l) => l.id === 'parent_carer')?.phrases ?? compile([]);
  const apps = deps.apps.map((a) => ({ id: a.id, phrases: compile([a.name, ...a.names]) }));
  const feelings = listsOf(FEELINGS, w.feelings);
  // One-word feeling names (not "okay"), to tell "he got angry" (his) from "im angry" (theirs).
  const feelingWords = new Set(FEELINGS.filter((f) => f !== 'okay').flatMap((f) => w.feelings[f].filter((p) => !p.includes(' '))));
  const trusted = listsOf(TRUSTED_ADULTS, w.trustedAdults);
  const durations = listsOf(DURATIONS, w.durations);
  const relations = listsOf(RELATIONS, w.relations);
  const yes = compile(w.yes);
  const no = compile(w.no);
  const unsure = compile(w.unsure);
  const decline = compile(w.decline);
  const goodbye = compile(w.goodbye);
  const fillers = compile(w.fillers);
  const person = compile(w.askForPerson);
  const tips = compile(w.wantsTips);
  const ownDetails = compile(w.ownDetails);
  const home = compile(w.homeProblem);
  const noTrusted = compile(w.noTrustedAdult);
  const stillHere = compile(w.stillHere);
  const stays = compile(w.stays);
  const friendSecret = compile(w.friendSecret);
  const shouldComply = compile(w.shouldComply);
  const generalQuestion = compile(w.generalQuestion);
  const asksAge = compile(w.asksAge);
  const inTrouble = compile(w.asksIfInTrouble);
  const asksPolice = compile(w.asksPolice);
  const reportedSecrecy = compile(w.reportedSecrecy);
  const bullying = compile(w.bullying);
  const peersKnown = compile(w.peersKnown);
  const accountHacked = compile(w.accountHacked);
  const detailsGiven = compile(w.detailsGiven);
  const sentSexual = compile(w.sentSexual);
  const asksInReturn = compile(w.asksInReturn);
  const takesBack = compile(w.takesBack);
  const othersAsleep = compile(w.othersAsleep);
  const asksGender = compile(w.asksGender);
  const asksAnonymous = compile(w.asksAnonymous);
  const deleteMessages = compile(w.deleteMessages);
  const confused = compile(w.confused);
  const asksBotSecret = compile(w.asksBotSecret);
  const hopeless = compile(w.hopeless);
  const noPoint = compile(w.noPoint);
  const strangerOrOnline = compile(w.strangerOrOnline);
  const imageWorry = compile(w.imageWorry);
  const greeting = compile(w.greeting);
  const privacy = compile(w.asksPrivacy);
  const keepsSecret = compile(w.keepsSecret);
  const thanks = compile(w.thanks);
  const ifBot = compile(w.asksIfBot);
  const noPerson = compile(w.declinesPerson);
  const justTalk = compile(w.justTalk);
  const negators = compile(w.negators);
  const someoneWords = compile(w.someone);
  const cares = compile(w.caresForThem);
  const fearsReaction = compile(w.fearsTelling);
  const ownGrownUps = compile(w.ownGrownUps);
  const theirGrownUps = compile(w.theirGrownUps);
  const asksWait = compile(w.asksWait);
  const asksToMeet = compile(w.asksToMeet);
  const blamesSelf = compile(w.blamesSelf);
  const asksWhatToSay = compile(w.asksWhatToSay);
  const blockedThem = compile(w.blockedThem);
  const asksWhatElse = compile(w.asksWhatElse);
  const alreadyPaid = compile(w.alreadyPaid);
  const cantPay = compile(w.cantPay);
  const wantsMore = compile(w.wantsMore);
  const spentGift = compile(w.spentGift);
  const asksIfWrong = compile(w.asksIfWrong);
  const tookDevice = compile(w.tookDevice);
  const asksShouldTell = compile(w.asksShouldTell);
  const household = compile(w.household);
  const asksControls = compile(w.asksControls);
  const childWithThem = compile(w.childWithThem);
  const nothingMore = compile(w.nothingMore);
  const inTheirCare = compile(w.inTheirCare);
  const safeNowWords = compile(w.safeNow);
  const calledHelpWords = compile(w.calledHelp);
  const habitualHarm = compile(w.habitualHarm);
  const saysNow = compile(w.saysNow);
  const parentSelf = compile(w.parentSelf);
  const fearsThreat = compile(w.fearsThreat);
  const doorLocked = compile(w.doorLocked);
  const asksConfront = compile(w.asksConfront);
  const asksBotToTell = compile(w.asksBotToTell);
  const soundsFine = compile(w.soundsFine);
  const leadingNo = compile(w.leadingNo);
  // First words that make a message a question, typed without a question mark ("if someone asks for my snap is that bad").
  const questionStarts: ReadonlySet<string> = new Set(w.questionStarts);
  const notFine = compile(w.notFine);
  const familyRules = compile(w.familyRules);
  const homeTrouble = compile(w.homeTrouble);
  const grief = compile(w.grief);
  const familySplit = compile(w.familySplit);
  const reportedOffer = compile(w.reportedOffer);
  const homeAlone = compile(w.homeAlone);
  const asksDelete = compile(w.asksDelete);
  const asksAboutCeop = compile(w.asksAboutCeop);
  const asksKeepImage = compile(w.asksKeepImage);
  const asksForwardImage = compile(w.asksForwardImage);
  const sharedOtherImage = compile(w.sharedOtherImage);
  const asksTakeDown = compile(w.asksTakeDown);
  const frustrated = compile(w.frustrated);
  const sortedNow = compile(w.sortedNow);
  const vagueWorry = compile(w.vagueWorry);
  const asksLegit = compile(w.asksLegit);
  const gaveCard = compile(w.gaveCard);
  const asksCheckMessages = compile(w.asksCheckMessages);
  const asksTakeDevice = compile(w.asksTakeDevice);
  const outing = compile(w.outing);
  const lgbtIdentity = compile(w.lgbtIdentity);
  const kickedOut = compile(w.kickedOut);
  const plansPolice = compile(w.plansPolice);
  const policeInvolved = compile(w.policeInvolved);
  const asksDoctor = compile(w.asksDoctor);
  const othersSharedImage = compile(w.othersSharedImage);
  const pauses = compile(w.pauses);
  const livesInCare = compile(w.livesInCare);
  const wantsToCheck = compile(w.wantsToCheck);
  const toldGrownUp = compile(w.toldGrownUp);
  const doorQuestion = compile(w.doorQuestion);
  const wakeSomeone = compile(w.wakeSomeone);
  const notBelieved = compile(w.notBelieved);
  const imageSpreading = compile(w.imageSpreading);
  const acknowledges = compile(w.acknowledges);
  const exploitation = compile(w.exploitation);
  const exploitationTask = compile(w.exploitationTask);
  const exploitationLure = compile(w.exploitationLure);
  const goOutQuestion = compile(w.goOutQuestion);
  const gaveOthersDetails = compile(w.gaveOthersDetails);
  const ownImage = compile(w.ownImage);
  const othersDetails = compile(w.othersDetails);
  const gaveIt = compile(w.gaveIt);
  const notReadyToTell = compile(w.notReadyToTell);
  const howQuestion = compile(w.howQuestion);
  const appThings = compile(w.appThings);
  // "my tiktok account" is theirs: the someone words that are not also an app's things ("account").
  const personWords = compile(w.someone.filter((x) => !w.appThings.includes(x)));
  const parentActsAlone = compile(w.parentActsAlone);
  const parentCopiedImage = compile(w.parentCopiedImage);
  const mustLeave = compile(w.mustLeave);
  const watchedDevice = compile(w.watchedDevice);
  const cantPhone = compile(w.cantPhone);
  const blamesSelfFirst = compile(w.blamesSelfFirst);
  const sentUnasked = compile(w.sentUnasked);
  const asksIfHeKnows = compile(w.asksIfHeKnows);
  const asksTracking = compile(w.asksTracking);
  const asksEnglish = compile(w.asksEnglish);
  const asksChildlineFree = compile(w.asksChildlineFree);
  const asksSnapMap = compile(w.asksSnapMap);
  const asksPoliceNumber = compile(w.asksPoliceNumber);
  const otherApps = compile(w.otherApps);
  const smallTalk = compile(w.smallTalk);
  const asksWhatNude = compile(w.asksWhatNude);
  const asksWhatGrooming = compile(w.asksWhatGrooming);
  const asksIfGrooming = compile(w.asksIfGrooming);
  const asksIfOkay = compile(w.asksIfOkay);
  const deletedChat = compile(w.deletedChat);
  const toldFriend = compile(w.toldFriend);
  const asksMustTell = compile(w.asksMustTell);
  const asksCanBlock = compile(w.asksCanBlock);
  const asksHowLong = compile(w.asksHowLong);
  const bareHelp = compile(w.bareHelp);
  const homeDoesntKnow = compile(w.homeDoesntKnow);
  const asksIfMoved = compile(w.asksIfMoved);
  const sentToThem = compile(w.sentToThem);
  const sentThreatProof = compile(w.sentThreatProof);
  const asksSaved = compile(w.asksSaved);
  const asksForget = compile(w.asksForget);
  const comesBack = compile(w.comesBack);
  const happenedAgain = compile(w.happenedAgain);
  const asksWhatNext = compile(w.asksWhatNext);
  const notToldYet = compile(w.notToldYet);
  const grownUpTargeted = compile(w.grownUpTargeted);
  const adultIsVictim = compile(w.adultIsVictim);
  const wontListen = compile(w.wontListen);
  const claimedAge = compile(w.claimedAge);
  const fearsHarm = compile(w.fearsHarm);
  const lightTone = compile(w.lightTone);
  const notAGrownUp = compile(w.notAGrownUp);
  const backsOff = compile(w.backsOff);
  const justTesting = compile(w.justTesting);
  const itsReal = compile(w.itsReal);
  const backAfterPause = compile(w.backAfterPause);
  const asksWhatCounsellor = compile(w.asksWhatCounsellor);
  const asksWhatPrivate = compile(w.asksWhatPrivate);
  const asksIfDidWrong = compile(w.asksIfDidWrong);
  const hesitates = compile(w.hesitates);
  const imageReachedFamily = compile(w.imageReachedFamily);
  const thinksOver = compile(w.thinksOver);
  const minimises = compile(w.minimises);
  const lovePressure = compile(w.lovePressure);
  const abuserExcuse = compile(w.abuserExcuse);
  const asksIfThere = compile(w.asksIfThere);
  const comesInRoom = compile(w.comesInRoom);
  const metInPerson = compile(w.metInPerson);
  const asksAfterReport = compile(w.asksAfterReport);
  const asksPoliceVisit = compile(w.asksPoliceVisit);
  const asksHisFate = compile(w.asksHisFate);
  const asksDeleteAccount = compile(w.asksDeleteAccount);
  const fearsJudged = compile(w.fearsJudged);
  const aiFake = compile(w.aiFake);
  const lateHour = compile(w.lateHour);
  const notKnowing = compile(w.notKnowing);
  const lockedIn = compile(w.lockedIn);
  const policeWhen = compile(w.policeWhen);
  const isDsl = compile(w.isDsl);
  const fosterCarer = compile(w.fosterCarer);
  const carerRelative = compile(w.carerRelative);
  const olderSibling = compile(w.olderSibling);
  const toldDsl = compile(w.toldDsl);
  const parentsLanguage = compile(w.parentsLanguage);
  const grownUpAtWork = compile(w.grownUpAtWork);
  const additionalNeeds = compile(w.additionalNeeds);
  const cantSeeDanger = compile(w.cantSeeDanger);
  const asksExplain = compile(w.asksExplain);
  const parentPunishes = compile(w.parentPunishes);
  const doubtsChild = compile(w.doubtsChild);
  const parentSpies = compile(w.parentSpies);
  const parentHunts = compile(w.parentHunts);
  const parentTrap = compile(w.parentTrap);
  const peerImage = compile(w.peerImage);
  const asksAboutLaw = compile(w.asksAboutLaw);
  const asksDeleteImage = compile(w.asksDeleteImage);
  const asksDeleteGone = compile(w.asksDeleteGone);
  const goesLive = compile(w.goesLive);
  const familyReaction = compile(w.familyReaction);
  const grownUpAway = compile(w.grownUpAway);
  const liveAsks = compile(w.liveAsks);
  const asksStopGifts = compile(w.asksStopGifts);
  const unexplainedThings = compile(w.unexplainedThings);
  const outUnexplained = compile(w.outUnexplained);
  const runsAway = compile(w.runsAway);
  const wantsToLeave = compile(w.wantsToLeave);
  const threatensToRun = compile(w.threatensToRun);
  const fedUp = compile(w.fedUp);

  const vocabulary = new Vocabulary([
    ...[audiences, apps, feelings, trusted, durations, relations].flatMap((l) => l.map((x) => x.phrases)),
    yes, no, unsure, decline, goodbye, fillers, person, tips, ownDetails, home, noTrusted, stillHere, stays, imageWorry, friendSecret, shouldComply, generalQuestion, asksAge, inTrouble, asksPolice, reportedSecrecy, bullying, peersKnown, accountHacked, detailsGiven, sentSexual, asksInReturn, takesBack, othersAsleep, asksGender, asksAnonymous, deleteMessages, confused, asksBotSecret, hopeless, strangerOrOnline, greeting, privacy, thanks, ifBot, noPerson, justTalk, negators, someoneWords, cares, fearsReaction, keepsSecret, ownGrownUps, theirGrownUps, asksWait, asksToMeet, blamesSelf, asksWhatToSay, blockedThem, asksWhatElse, alreadyPaid, cantPay, wantsMore, spentGift, asksIfWrong, tookDevice, asksShouldTell, household, asksControls, childWithThem, nothingMore, inTheirCare, safeNowWords, calledHelpWords, habitualHarm, saysNow, parentSelf, familyRules, homeTrouble, grief, familySplit, reportedOffer, homeAlone, asksDelete, asksAboutCeop, asksKeepImage, asksForwardImage, asksTakeDown, frustrated, sortedNow, vagueWorry, asksLegit, gaveCard, asksCheckMessages, outing, lgbtIdentity, kickedOut, plansPolice, policeInvolved, asksDoctor, othersSharedImage, pauses, livesInCare, wantsToCheck, toldGrownUp, doorQuestion, wakeSomeone, notBelieved, imageSpreading, acknowledges, exploitation, exploitationTask, exploitationLure, goOutQuestion, sharedOtherImage, gaveOthersDetails, ownImage, othersDetails, gaveIt, notReadyToTell, howQuestion, appThings, personWords, fearsThreat, doorLocked, asksConfront, asksBotToTell, soundsFine, leadingNo, notFine, parentActsAlone, parentCopiedImage, mustLeave, watchedDevice, cantPhone, blamesSelfFirst, sentUnasked, asksIfHeKnows, asksTracking, asksEnglish, asksChildlineFree, asksSnapMap, asksSaved, asksForget, asksWhatNude, asksWhatGrooming, asksIfGrooming, asksIfOkay, deletedChat, toldFriend, asksMustTell, asksCanBlock, asksHowLong, bareHelp, homeDoesntKnow, asksIfMoved, sentToThem, sentThreatProof, comesBack, happenedAgain, asksWhatNext, notToldYet, grownUpTargeted, adultIsVictim, wontListen, claimedAge, fearsHarm, lightTone, notAGrownUp, backsOff, justTesting, itsReal, backAfterPause, asksWhatCounsellor, asksWhatPrivate, asksIfDidWrong, hesitates, imageReachedFamily, thinksOver, minimises, lovePressure, abuserExcuse, asksIfThere, comesInRoom, metInPerson, asksAfterReport, asksPoliceVisit, asksHisFate, asksDeleteAccount, fearsJudged, aiFake, lateHour, notKnowing, lockedIn, policeWhen, isDsl, fosterCarer, carerRelative, olderSibling, toldDsl, parentsLanguage, grownUpAtWork, additionalNeeds, cantSeeDanger, asksExplain, parentPunishes, doubtsChild, parentSpies, parentHunts, parentTrap, peerImage, asksAboutLaw, asksDeleteImage, asksDeleteGone, goesLive, familyReaction, grownUpAway, liveAsks, asksStopGifts, unexplainedThings, outUnexplained, runsAway, wantsToLeave, threatensToRun, fedUp, noPoint, asksPoliceNumber, otherApps, smallTalk, asksTakeDevice
  ], isEnglishWord);
  // Each short form's plain words, worked out once: a map look-up per word instead of a property
  // check on a record of several hundred keys.
  const respellings = new Map<string, readonly string[]>();
  for (const [short, plain] of Object.entries(deps.respellings ?? {})) respellings.set(short, tokens(plain));
  const welsh = deps.welsh;
  const otherLanguages = deps.otherLanguages;
  // What a word may be, for the first look at a message: a Welsh sign (a word only Welsh uses) and a short form to
  // respell. One look-up a word for both (the message's words were looked up in each set in turn).
  const wordKinds = new Map<string, number>();
  if (welsh !== undefined) for (const w of welsh.signals) wordKinds.set(w, WELSH_SIGN);
  for (const short of respellings.keys()) wordKinds.set(short, (wordKinds.get(short) ?? 0) | SHORT_FORM);
  // A message with no Welsh sign of its own is still read as Welsh in a Welsh chat (`welshChat`): "mae e'n 30" after
  // "mae dyn yn gofyn am luniau" is "he is 30", not "mum…" (session 29). `firstShort`: the index of the first short
  // form; `signed`: whether a word of the message is a Welsh sign (see `kindsOf`).
  const respell = (words: string[], welshChat: boolean, firstShort: number, signed: boolean): string[] => {
    if (firstShort < 0) return words;
    const out = words.slice(0, firstShort);
    const welshMessage = welshChat || signed;
    for (let i = firstShort; i < words.length; i++) {
      const w = words[i] ?? '';
      const plain = respellings.get(w);
      if (plain === undefined) out.push(w);
      else if (welsh?.keepAsTyped.has(w) === true && welshMessage) out.push(w);
      else out.push(...plain);
    }
    return out;
  };

  // A friend's grown-up targeted ("her mum is talking to a scammer", "my mates dad is being scammed"): the same words as
  // their own ("my mum is…") once the friend's "her", "his", "my mates" is read as "my", so the one list serves both.
  // Not when a red flag names the friend themselves as well ("her dad is talking to a man and he asked her for pics").
  const friendsGrownUpTargeted = (words: readonly string[], flagged: boolean): boolean => {
    let swapped: string[] | undefined;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] ?? '';
      if (THEIR_WORDS.has(w) && GROWN_UP_WORDS.has(words[i + 1] ?? '')) {
        const object = w === 'his' ? 'him' : w === 'their' || w === 'ther' ? 'them' : 'her';
        if (flagged && words.some((x, j) => x === object && j !== i)) return false;
        swapped ??= [...words];
        swapped[i] = 'my';
      } else if (w === 'my' && FRIEND_WORDS.has(words[i + 1] ?? '') && GROWN_UP_WORDS.has(words[i + 2] ?? '')) {
        swapped ??= [...words];
        swapped[i + 1] = '';
      }
    }
    if (swapped === undefined) return false;
    return vocabulary.found(vocabulary.read(swapped.filter((x) => x !== ''))).has(grownUpTargeted);
  };

  // Their own grown-up paying someone from outside ("my mum is sending a man money", "my dad sent money to a woman he met"):
  // the grown-up is the one targeted, in any word order the phrase list would need many lines for (session 28).
  const ownGrownUpPaysOutsider = (words: readonly string[]): boolean => {
    // (A loop, not findIndex: most messages name no grown-up of theirs, and end here with no closure made.)
    let who = 0;
    while (who < words.length && !(words[who] === 'my' && GROWN_UP_WORDS.has(words[who + 1] ?? ''))) who++;
    if (who === words.length) return false;
    const gives = words.findIndex((w, i) => i > who + 1 && GIVE_WORDS.has(w));
    if (gives < 0) return false;
    const after = words.slice(gives + 1);
    const money = after.some((w) => MONEY_WORDS.has(w) || w.includes('£'));
    const outsider = after.some((w, i) => OUTSIDER_WORDS.has(w) || (w === 'a' || w === 'some' || w === 'this') && OUTSIDER_NOUNS.has(after[i + 1] ?? ''));
    return money && outsider;
  };

  // The message's own language sign, if any (see `TurnAnalysis.language`).
  const languageOf = (words: readonly string[], signed: boolean): 'cy' | 'en' | undefined => {
    if (signed) return 'cy';
    // English: at least three English words, and three in four of its words. Words are looked up in the
    // word list (a Set of ~90,000) only while the answer is still open: none for a message of one or two
    // words, and the count stops once it is reached or can no longer be.
    const n = words.length;
    const needed = Math.max(3, Math.ceil((n * 3) / 4));
    let english = 0;
    for (let i = 0; i < n; i++) {
      if (english >= needed) return 'en';
      if (english + (n - i) < needed) return undefined;
      if (isEnglishWord(words[i]!)) english++;
    }
    return english >= needed ? 'en' : undefined;
  };

  return function analyse(text: string, detector: DetectorState, welshChat = false): { turn: TurnAnalysis; detector: DetectorState } {
    const result = deps.detect(text, detector);
    const words = tokens(text);
    // The message ends with a question mark ("is that ok?", "hello??").
    const endsAsked = /\?\s*$/.test(text);
    // Ages, amounts and phone numbers are all written with digits: most messages have none, and skip their readers.
    const digits = hasDigit(words);
    // One look at each word: a Welsh sign anywhere, and where the first short form is.
    let signed = false;
    let firstShort = -1;
    for (let i = 0; i < words.length; i++) {
      const kind = wordKinds.get(words[i]!);
      if (kind === undefined) continue;
      if ((kind & WELSH_SIGN) !== 0) signed = true;
      if ((kind & SHORT_FORM) !== 0 && firstShort < 0) firstShort = i;
    }
    const language = welsh === undefined ? undefined : languageOf(words, signed);
    const spelledWords = respell(words, welshChat && language !== 'en', firstShort, signed);
    const raw: Reading = vocabulary.read(words);
    const spelled: Reading = spelledWords === words ? raw : vocabulary.read(spelledWords);
    // Match the child's own spelling and the plain-words spelling, whichever fits; one pass each.
    const hits = vocabulary.found(raw);
    const spelledHits = spelled === raw ? hits : vocabulary.found(spelled);
    // The lists found in either spelling: what most of the readers below ask (one look-up each, not one a spelling).
    const inEither = hits.or(spelledHits);
    // The whole message in each spelling, for wholeIn (the plain-words one null when it is the same).
    const rawAll: WholeReading = { reading: raw, found: hits };
    const spelledAll: WholeReading | null = spelled === raw ? null : { reading: spelled, found: spelledHits };
    // What is left once filler words ("ok", "thanks") are taken off each end, once per spelling.
    // (Nothing to take off when no filler is anywhere in the message: the reading as it is, as withoutFillers gives it.)
    const rawRest: WholeReading = hits.has(fillers) ? { reading: withoutFillers(raw, fillers), found: hits } : rawAll;
    const spelledRest: WholeReading | null = spelledAll === null ? null : spelledHits.has(fillers) ? { reading: withoutFillers(spelled, fillers), found: spelledHits } : spelledAll;
    // Someone at home is the problem when they say so, or when being hurt or abuse is told of beside a
    // grown-up or sibling of their own household ("my dad hits me", "my mums boyfriend touches me").
    const hurtAtHome = hasRuleOf(result.findings, HURT_AT_HOME_RULES) && inEither.has(household);
    const homeProblem = inEither.has(home) || hurtAtHome;
    let urgency: Urgency | undefined;
    for (const f of result.findings) urgency = moreUrgent(urgency, f.urgency);
    if (homeProblem) urgency = moreUrgent(urgency, 'high');
    const categories = categoriesOf(result.findings);
    const declines = inEither.has(decline);
    const short = isShortAnswer(words);
    // "no one would care", "no1 knows it": "no" there is a word of the sentence, not an answer ("no one"
    // alone still answers "does anyone else know?").
    const noOne = words.length > 2 && words[0] === 'no' && NO_ONE_NEXT.has(words[1] ?? '');
    const isNo = !declines && short && !noOne && inEither.has(no);
    // "my uncle", "my coach": one of their own grown-ups named.
    const ownGrownUp = inEither.has(ownGrownUps);
    const inCare = inEither.has(inTheirCare);
    // "my brother touches me": a sibling names the friend path ("my brother is being messaged"), but the
    // harm told of is done to the writer (the finding's own words say "me"): a young person.
    const harmToWriter = hurtAtHome && !inCare && result.findings.some((f) => HURT_AT_HOME_RULES.has(f.rule) && f.evidence.some((e) => FIRST_PERSON_OBJECT.test(e.text)));
    // "mum says im grounded": a parent's word, but written in the first person with nothing a parent writes
    // of themselves ("im a mum", "dad here") and nobody in their care ("my son"): the child, of their mum.
    const firstFound = firstOf(audiences, hits, spelledHits);
    // "co mam robic": its "mam" names no parent chatting (see not_a_grown_up), unless they say so ("im a mam").
    const found = firstFound === 'parent_carer' && inEither.has(notAGrownUp) && !inEither.has(household) && !inEither.has(parentSelf) && !inEither.has(inTheirCare) ? undefined : firstFound;
    const speaksOfOwnParent = found === 'parent_carer' && words.length >= 3 && !inCare && !inEither.has(parentSelf) && words.some((x) => FIRST_PERSON_WORDS.has(x));
    const audience = harmToWriter ? 'young_person' : audienceOf(found, words.length, (ownGrownUp || speaksOfOwnParent) && !inCare, !inCare && inEither.has(friendWords));
    const turn: Writable<TurnAnalysis> = { findings: result.findings, categories };
    if (language !== undefined) turn.language = language;
    if (urgency !== undefined) turn.urgency = urgency;
    if (audience !== undefined) turn.audience = audience;
    const app = firstOf(apps, hits, spelledHits);
    if (app !== undefined) turn.app = app;
    // "im not ok" holds "ok", but is not a yes.
    const saysNotFine = inEither.has(notFine);
    if (saysNotFine) turn.notFine = true;
    // "oes rhywun yna" (is anyone there), "is that ok?": a greeting or a question, not a yes to the bot's question, though a
    // yes word is in it ("oes", "ok"). Session 29.
    const greets = wholeIn(rawRest, spelledRest, greeting);
    const asksBack = words.length >= 3 && endsAsked && questionStarts.has(words[0] ?? '');
    if (!isNo && short && !saysNotFine && !greets && !asksBack && inEither.has(yes)) turn.yes = true;
    // "ye", "yes ok": nothing but the yes (to "Can you tell me what happened?" it is not the story).
    if (turn.yes === true && words.length <= 2) turn.bareYes = true;
    if (isNo) turn.no = true;
    // "👍" or "👎" as the whole message (how young children often answer): the yes ("k"-like, a nod too) or the no.
    if (words.length === 0 && MARKS_ONLY.test(text)) {
      const up = YES_MARK.test(text);
      const down = NO_MARK.test(text);
      if (up && !down) {
        turn.yes = true;
        turn.bareYes = true;
        turn.onlyNods = true;
      } else if (down && !up) turn.no = true;
    }
    if (inEither.has(unsure)) turn.unsure = true;
    if (declines) turn.declines = true;
    if (wholeIn(rawRest, spelledRest, goodbye)) turn.goodbye = true;
    if (wholeIn(rawRest, spelledRest, frustrated)) turn.frustrated = true;
    if (inEither.has(sortedNow)) turn.sortedNow = true;
    if (inEither.has(vagueWorry)) turn.vagueWorry = true;
    if (inEither.has(asksLegit)) turn.asksLegit = true;
    if (inEither.has(gaveCard)) turn.gaveCard = true;
    if (inEither.has(asksCheckMessages)) turn.asksCheckMessages = true;
    if (inEither.has(asksTakeDevice)) turn.asksTakeDevice = true;
    if (inEither.has(outing)) turn.outing = true;
    if (inEither.has(plansPolice)) turn.plansPolice = true;
    // "shes called the police", not "she hasnt called the police" (session 31, H09).
    if (inEither.has(policeInvolved) && !inEither.has(negators)) turn.policeInvolved = true;
    if (inEither.has(asksDoctor)) turn.asksDoctor = true;
    if ((turn.outing === true || inEither.has(lgbtIdentity)) && inEither.has(kickedOut)) turn.outedHomeFear = true;
    // "hold on my mums coming", "brb": short, and nothing else in it.
    if (words.length <= 6 && inEither.has(pauses)) turn.pauses = true;
    // "im 13 and in foster care": who they are; a story ("a man…", an app) goes on as one.
    if (words.length <= 10 && inEither.has(livesInCare) && result.findings.length === 0 && !inEither.has(someoneWords) && !inEither.has(strangerOrOnline)) turn.livesInCareOnly = true;
    // "i think im gay", "im bi", "im trans": who they are, told first; not a story (no one else, no app, no threat or outing).
    const toldOnlyWho = words.length <= 8 && inEither.has(lgbtIdentity) && result.findings.length === 0 && app === undefined;
    if (toldOnlyWho && turn.outing !== true && !inEither.has(kickedOut) && !inEither.has(homeTrouble) && !inEither.has(homeDoesntKnow) && !inEither.has(someoneWords) && !inEither.has(strangerOrOnline)) turn.identityOnly = true;
    if (inEither.has(wantsToCheck)) turn.wantsToCheck = true;
    if (inEither.has(doorQuestion)) turn.asksAboutDoor = true;
    if (inEither.has(goOutQuestion)) turn.asksGoOut = true;
    if (inEither.has(wakeSomeone)) turn.wakesSomeone = true;
    if (inEither.has(notBelieved)) turn.fearsNotBelieved = true;
    if (inEither.has(imageSpreading) && !inEither.has(negators)) turn.imageSpreading = true;
    if (wholeIn(rawAll, spelledAll, acknowledges)) turn.onlyNods = true;
    // "county lines"; or an errand beside a lure or a hold ("theyll pay me 300 if i take a bag to another town").
    if (inEither.has(exploitation) || (inEither.has(exploitationTask) && inEither.has(exploitationLure))) turn.exploitation = true;
    if (endsAsked || questionStarts.has(words[0] ?? '')) turn.asksQuestion = true;
    if (wholeIn(rawRest, spelledRest, stillHere)) turn.stillHere = true;
    if (wholeIn(rawRest, spelledRest, stays)) turn.stays = true;
    // A threat to share pictures they have ("she'll send them to all my followers") is the same worry, however it is worded.
    if (inEither.has(imageWorry) || threatensToShareImages(result.findings)) turn.imageWorry = true;
    if (inEither.has(friendSecret)) turn.friendSecret = true;
    // "he said he would give me robux if i send a pic" tells of the offer; it does not ask whether to do it.
    if (inEither.has(shouldComply) && !inEither.has(reportedOffer)) turn.asksShouldComply = true;
    if (inEither.has(generalQuestion)) turn.generalQuestion = inEither.has(asksAge) ? 'age' : inEither.has(asksControls) ? 'controls' : 'other';
    if (inEither.has(inTrouble)) turn.asksIfInTrouble = true;
    if (inEither.has(asksPolice)) turn.asksPolice = true;
    if (inEither.has(asksWait)) turn.asksWait = true;
    if (inEither.has(asksToMeet)) turn.asksToMeet = true;
    if (inEither.has(blamesSelf)) turn.blamesSelf = true;
    if (inEither.has(asksWhatToSay)) turn.asksWhatToSay = true;
    if (inEither.has(blockedThem)) {
      turn.blockedThem = true;
      // "i reported him on insta": reported, and no word says they blocked him too (session 31, H12).
      if (!words.some((x) => BLOCK_WORDS.has(x))) turn.reportedNotBlocked = true;
    }
    if (inEither.has(asksWhatElse)) turn.asksWhatElse = true;
    if (inEither.has(alreadyPaid) || (digits && namesAmountPaid(words))) turn.alreadyPaid = true;
    // "i spent it all already", "i cant pay it back" (presents given): they owe nothing, not "you don't need to find any money".
    else if (inEither.has(spentGift)) turn.spentGift = true;
    else if (inEither.has(cantPay) || (digits && namesAmountLacked(words))) turn.cantPay = true;
    // "he wants more now": more demanded after paying (child.wants-more). Told with the payment itself ("i paid him 20 quid and
    // now he wants more"), the paid-already line answers both; with "i dont have any money", this one (not two lines alike).
    if (turn.alreadyPaid !== true && inEither.has(wantsMore)) {
      turn.wantsMore = true;
      delete turn.cantPay;
    }
    if (inEither.has(fearsThreat)) turn.fearsThreat = true;
    if (inEither.has(doorLocked)) turn.doorLocked = true;
    if (inEither.has(homeAlone)) turn.homeAlone = true;
    if (inEither.has(asksDelete)) turn.asksDelete = true;
    if (turn.asksDelete === true && inEither.has(deleteMessages)) turn.deletesMessages = true;
    if (inEither.has(asksAboutCeop)) turn.asksAboutCeop = true;
    if (inEither.has(asksKeepImage)) turn.asksKeepImage = true;
    // "can i send them to my mum to show her": the same question, answered for sending on (session 29).
    if (inEither.has(asksForwardImage)) {
      turn.asksKeepImage = true;
      turn.asksForwardImage = true;
    }
    if (inEither.has(asksTakeDown)) turn.asksTakeDown = true;
    if (inEither.has(sharedOtherImage) && !inEither.has(ownImage)) turn.sharedOtherImage = true;
    // "my mate shared a nude of a girl in our year": someone else did; not their own picture, nor one they shared.
    else if (inEither.has(othersSharedImage) && !inEither.has(ownImage)) turn.othersSharedImage = true;
    if (inEither.has(gaveOthersDetails) || (inEither.has(othersDetails) && inEither.has(gaveIt))) turn.gaveOthersDetails = true;
    if (inEither.has(notReadyToTell)) turn.notReadyToTell = true;
    if (inEither.has(asksConfront)) turn.asksConfront = true;
    if (inEither.has(asksBotToTell)) turn.asksBotToTell = true;
    // "no im not, hes still here": a no first, in a longer answer (read only where "are you safe" was asked).
    if (!isNo && !declines && !noOne && startsWithAny(raw, leadingNo)) turn.leadsWithNo = true;
    // "im good", "nah im ok": fine, unless a negator says otherwise ("im not ok").
    if (inEither.has(soundsFine) && !inEither.has(negators)) turn.soundsFine = true;
    // A question, not a story: "is it bad that he's 24" asks it; a long message that says "is this normal" somewhere tells more.
    // "is he grooming me" has its own answer (asks_if_grooming, the warning signs), not "what you have told me is not okay".
    if (words.length <= 12 && inEither.has(asksIfWrong) && !inEither.has(asksIfGrooming)) turn.asksIfWrong = true;
    if (inEither.has(tookDevice)) turn.tookDevice = true;
    if (inEither.has(asksShouldTell)) turn.asksShouldTell = true;
    const householdNamed = inEither.has(household);
    if (householdNamed) turn.householdNamed = true;
    if (inEither.has(childWithThem)) turn.childWithThem = true;
    if (inEither.has(nothingMore)) turn.nothingMore = true;
    // Their own grown-up ("my uncle"), or the child's told of by someone else ("her mums boyfriend").
    const knownAdult = ownGrownUp || inEither.has(theirGrownUps);
    const online = inEither.has(strangerOrOnline);
    if (online) turn.strangerOrOnline = true;
    if (inEither.has(bullying) && inEither.has(peersKnown)) turn.bullying = true;
    if (inEither.has(accountHacked)) turn.accountHacked = true;
    if (inEither.has(detailsGiven)) turn.detailsGiven = true;
    if (inEither.has(sentSexual)) turn.sentSexual = true;
    if (inEither.has(sentToThem)) turn.sentToThem = true;
    // "they sent me a pic of my followers list": a threat tactic (who they could send to), not a sexual picture sent to them.
    if (turn.sentSexual === true && inEither.has(sentThreatProof)) delete turn.sentSexual;
    if (turn.sentSexual === true && inEither.has(asksInReturn)) turn.asksInReturn = true;
    if (inEither.has(takesBack)) turn.takesBack = true;
    if (inEither.has(othersAsleep)) turn.othersAsleep = true;
    if (inEither.has(hopeless)) turn.hopeless = true;
    if (inEither.has(noPoint)) turn.noPoint = true;
    // "my mum told me to come here", "i told my dad": their grown-up knows; not a story about that grown-up
    // (unless trouble at home is told beside it: "i told my mum and she shouted").
    const toldTheirGrownUp = inEither.has(toldGrownUp) && !inEither.has(homeTrouble);
    if (toldTheirGrownUp) turn.toldGrownUp = true;
    // "im trans and my parents dont know", "my foster carer doesnt know about this": their grown-up does not know; not a
    // story about that grown-up (nor "home is hard"), when nothing else is in it.
    const grownUpDoesntKnow = inEither.has(homeDoesntKnow) && result.findings.length === 0 && app === undefined && !online && !inEither.has(homeTrouble);
    if (grownUpDoesntKnow) turn.homeDoesntKnowOnly = true;
    if (app === undefined && knownAdult && !online && !toldTheirGrownUp && !grownUpDoesntKnow) turn.knownAdultInPerson = true;
    // Not beside a stranger ("a man on snapchat wants to meet me and my mum doesnt know"): the mum is not the one in the story.
    // (The words are looked at only when a grown-up they know is named: most messages name none.)
    if (knownAdult && !toldTheirGrownUp && !grownUpDoesntKnow && !namesStranger(words)) turn.knownAdultNamed = true;
    if (greets) turn.greeting = true;
    // "r u there", "is anyone there", or a greeting asked ("hello??"): whether anyone is reading, short, nothing else in it.
    if (words.length <= 6 && result.findings.length === 0 && (inEither.has(asksIfThere) || (turn.greeting === true && endsAsked))) turn.asksIfThere = true;
    // "what now", "what next": asking what to do (the tips), not "what?" (what the bot meant).
    if (wholeIn(rawRest, spelledRest, confused) && !inEither.has(tips)) turn.confused = true;
    if (wholeIn(rawRest, spelledRest, asksBotSecret)) {
      turn.aboutThisChat = true;
      turn.asksPrivacy = true;
    } else if (wholeIn(rawRest, spelledRest, asksAnonymous)) turn.aboutThisChat = true;
    // Before and after fillers come off: "thank you so much" would lose its "thank you" to them.
    if (wholeIn(rawAll, spelledAll, thanks) || wholeIn(rawRest, spelledRest, thanks)) turn.thanks = true;
    // "Are you a real person?" is a question, and "I don't want a person" a no: neither asks for one.
    const asksIfBot = inEither.has(ifBot);
    const declinesPerson = inEither.has(noPerson);
    if (asksIfBot) turn.asksIfBot = true;
    if (declinesPerson) turn.declinesPerson = true;
    if (!asksIfBot && !declinesPerson && inEither.has(person)) turn.asksForPerson = true;
    if (!asksIfBot && inEither.has(asksGender)) {
      turn.asksGender = true;
      turn.asksForPerson = true;
    }
    // "he sed dont tell my mum" tells of what someone said (a red flag), not asking whether the chat is private.
    if ((inEither.has(privacy) || inEither.has(keepsSecret)) && !inEither.has(reportedSecrecy)) turn.asksPrivacy = true;
    if (inEither.has(asksAnonymous)) {
      turn.asksAnonymous = true;
      turn.asksPrivacy = true;
      // "will the counsellor know my name" asks about the counsellor; it does not ask for one.
      delete turn.asksForPerson;
    }
    // "nobody can help me": its "help me" is no request for tips.
    if (inEither.has(tips) && !inEither.has(noPoint)) turn.wantsTips = true;
    if (inEither.has(ownDetails) || (digits && looksLikePhoneNumber(text))) turn.sharesOwnDetails = true;
    if (homeProblem) turn.homeProblem = true;
    // "my mum took my phone and i hate her", "dad wont let me go out on a school night": a rule or row at
    // home, with nothing online, no red flag and no trouble at home ("shouts", "drinks") beside it.
    // A loss ("my nan died last week") or a family splitting up ("my parents are getting divorced"), with the
    // same nothing beside it, goes the same way, with its own words: no question about someone's behaviour,
    // and no "do you feel safe at home?" (a divorce is not danger).
    const calmAtHome = !inEither.has(homeTrouble) && result.findings.length === 0 && !homeProblem && !online && app === undefined;
    const family = householdNamed || inEither.has(parentWords);
    if (calmAtHome && inEither.has(grief)) {
      turn.familyRules = true;
      turn.familyChange = 'grief';
    } else if (calmAtHome && family && inEither.has(familySplit)) {
      turn.familyRules = true;
      turn.familyChange = 'split';
    } else if (calmAtHome && family && inEither.has(familyRules)) turn.familyRules = true;
    const someone = inEither.has(someoneWords);
    // "how do i delete my tiktok account", "how can i change my roblox password": about an app, nobody in
    // it, nothing flagged, not the tips ("how do i block someone"): not the start of a story about a person.
    if (
      startsWithAny(rawRest.reading, howQuestion) &&
      (app !== undefined || inEither.has(appThings)) &&
      !inEither.has(personWords) &&
      turn.wantsTips !== true &&
      result.findings.length === 0 &&
      !homeProblem
    )
      turn.appQuestion = true;
    // "i just need someone to talk to": that someone is who they want to talk to, not someone in a story.
    const someoneInStory = someone && (!inEither.has(justTalk) || containsAny(withoutSomeoneToTalkTo(raw), someoneWords));
    if (app === undefined && inEither.has(justTalk) && !someoneInStory) turn.justTalk = true;
    // Someone else in it, or a grown-up they know ("my uncle is being weird with me"): a story, not only a feeling.
    if ((someoneInStory || (knownAdult && !toldTheirGrownUp)) && words.length >= 4) turn.storyOfSomeone = true;
    if (inEither.has(cares)) turn.caresForThem = true;
    if (inEither.has(safeNowWords)) turn.safeNow = true;
    if (inEither.has(calledHelpWords)) turn.calledHelp = true;
    if (inEither.has(habitualHarm) && !inEither.has(saysNow)) turn.habitualHarm = true;
    if (hits.has(fillers) && isWhole(raw, fillers)) turn.onlyFiller = true;
    const feeling = firstOf(feelings, hits, spelledHits);
    // "not my dad", "i dont want my mum to find out": a grown-up named, but not as one they trust.
    // "no our mum doesnt listen": a grown-up named after a no, or with a negator, is not one they trust.
    const denies = (inEither.has(negators) || turn.leadsWithNo === true) && !inEither.has(unsure);
    // "co mam robic" (Polish "what do I do"): its "mam" is no mum; a grown-up of their own still counts ("my mam").
    const mamNotMum = inEither.has(notAGrownUp) && !householdNamed;
    const namedAdult = mamNotMum ? undefined : firstOf(trusted, hits, spelledHits);
    // A grown-up named ("cant tell my mum" too) and how they would react feared: not one they trust now.
    const fearsTelling = namedAdult !== undefined && inEither.has(fearsReaction);
    if (fearsTelling) turn.fearsTelling = true;
    // "my dad hits me": the grown-up named is the problem, not one they trust.
    const trustedAdult = denies || fearsTelling || homeProblem ? undefined : namedAdult;
    if (trustedAdult !== undefined) turn.trustedAdult = trustedAdult;
    if (feeling !== undefined && feelingOfOthers(words, feelingWords)) turn.feelingOfOthers = true;
    // In "my mum would go mad" the anger is the grown-up's, not theirs ("im scared she'll go mad" keeps scared).
    // "im home alone and bored" says where they are, not that they feel alone ("home alone and so lonely" does).
    const aloneAtHomeOnly = feeling === 'alone' && turn.homeAlone === true && !words.includes('lonely');
    if (feeling !== undefined && !(fearsTelling && feeling === 'angry') && !aloneAtHomeOnly) turn.feeling = feeling;
    if (inEither.has(noTrusted)) turn.noTrustedAdult = true;
    const duration = firstOf(durations, hits, spelledHits);
    if (duration !== undefined) turn.duration = duration;
    const relation = firstOf(relations, hits, spelledHits);
    if (relation !== undefined) turn.relation = relation;
    const ageBand = digits ? ageBandOf(words) : undefined;
    if (ageBand !== undefined) turn.ageBand = ageBand;
    if (digits && childUnder13(words)) turn.childUnder13 = true;
    if (words.length > 0) turn.hasWords = true;
    // Worries and questions with a standing answer, whatever the step (said by standingAnswerLines in harbour.setup.ts).
    if (inEither.has(parentActsAlone)) turn.parentActsAlone = true;
    // "should i screenshot them" asks first (keep-image); "ive screenshotted them all" has done it.
    if (inEither.has(parentCopiedImage) && turn.asksKeepImage !== true) turn.parentCopiedImage = true;
    if (words.length <= 8 && result.findings.length === 0 && inEither.has(mustLeave)) turn.mustLeave = true;
    if (inEither.has(watchedDevice)) turn.watchedDevice = true;
    if (inEither.has(cantPhone)) turn.cantPhone = true;
    if (inEither.has(blamesSelfFirst) || wholeIn(rawRest, spelledRest, sentUnasked)) {
      turn.blamesSelfFirst = true;
      // "i lied and said im 16": the age they claimed, not theirs.
      delete turn.ageBand;
    }
    if (inEither.has(asksIfHeKnows)) {
      turn.asksIfHeKnows = true;
      // "will he know i blocked him": blocking, not reporting, is asked about (session 31, H01).
      if (words.some((x) => BLOCK_WORDS.has(x)) && !words.some((x) => REPORT_WORDS.has(x))) turn.asksIfHeKnowsBlocked = true;
    }
    // "if i block him will he see", the whole message: a question about reporting, not a threat ("if … will he").
    if (wholeIn(rawRest, spelledRest, asksIfHeKnows)) turn.onlyAsksIfHeKnows = true;
    if (inEither.has(asksTracking)) turn.asksTracking = true;
    if (inEither.has(asksEnglish)) turn.asksEnglish = true;
    if (inEither.has(asksChildlineFree)) turn.asksChildlineFree = true;
    if (inEither.has(asksSnapMap)) turn.asksSnapMap = true;
    if (inEither.has(asksPoliceNumber)) turn.asksPoliceNumber = true;
    if (inEither.has(otherApps)) turn.otherApp = true;
    if (inEither.has(asksWhatNude)) turn.asksWhatNude = true;
    if (inEither.has(asksWhatGrooming)) turn.asksWhatGrooming = true;
    if (inEither.has(asksIfGrooming)) turn.asksIfGrooming = true;
    if (inEither.has(asksCanBlock)) turn.asksCanBlock = true;
    if (inEither.has(asksIfMoved)) turn.asksIfMoved = true;
    // "is that ok", "how long": only as the whole message ("is that ok if i meet him" is not asking whether telling was right).
    // Before fillers come off: "ok" is one, and "is that ok" would lose it.
    if (wholeIn(rawAll, spelledAll, asksIfOkay) || wholeIn(rawRest, spelledRest, asksIfOkay)) turn.asksIfOkay = true;
    if (inEither.has(deletedChat)) turn.deletedChat = true;
    if (inEither.has(toldFriend)) turn.toldFriend = true;
    if (wholeIn(rawAll, spelledAll, asksMustTell) || wholeIn(rawRest, spelledRest, asksMustTell)) turn.asksMustTell = true;
    if (wholeIn(rawRest, spelledRest, asksHowLong)) turn.asksWait = true;
    if (wholeIn(rawAll, spelledAll, bareHelp) || wholeIn(rawRest, spelledRest, bareHelp)) turn.bareHelp = true;
    // "can you see where i am", the whole message: a question about this chat, not a stranger who can see them.
    if (wholeIn(rawRest, spelledRest, asksTracking)) turn.aboutThisChat = true;
    if (inEither.has(asksSaved)) turn.asksSaved = true;
    // "how do i clear it from my history": this device, not the app's messages (no "not yet, they may be needed").
    if (turn.watchedDevice === true) delete turn.asksDelete;
    // "can u delete everything i said": this chat, not the app's messages.
    if (inEither.has(asksForget)) turn.asksForget = true;
    if (turn.asksForget === true) delete turn.asksDelete;
    // "i talked to u yesterday", "do u remember me": back after a chat this one cannot see.
    if (inEither.has(comesBack)) turn.comesBack = true;
    if (result.findings.length === 0 && inEither.has(happenedAgain)) turn.happenedAgain = true;
    if (result.findings.length === 0 && inEither.has(asksWhatNext)) turn.asksWhatNext = 'after';
    // "but i didnt" (tell my mum) beside coming back; a teacher's "i havent told anyone yet" (session 28).
    if (inEither.has(notToldYet)) turn.notToldYet = true;
    if (inEither.has(grownUpTargeted) || friendsGrownUpTargeted(spelledWords, result.findings.length > 0) || ownGrownUpPaysOutsider(spelledWords)) turn.grownUpTargeted = true;
    if (inEither.has(adultIsVictim)) turn.adultIsVictim = true;
    if (inEither.has(wontListen)) turn.wontListen = true;
    // Not someone they know in real life ("hes 15 too we go to the same school"): nothing to question, unless that too is
    // only what he said ("he says hes 14 and goes to my school").
    const knownInPerson = inEither.has(peersKnown) && !words.some((x) => REPORTED_SPEECH.has(x));
    if ((inEither.has(claimedAge) || (digits && claimsYoungAgeIn(words))) && !knownInPerson) turn.claimsYoungAge = true;
    if (digits && namesAdultPartner(words)) turn.adultPartner = true;
    if (inEither.has(fearsHarm)) turn.fearsHarm = true;
    if (inEither.has(lightTone)) turn.lightTone = true;
    // "forget it its stupid": short, nothing flagged and no picture worry in it ("its stupid i sent him one" is more).
    // Not a plain no that says more ("no its nothing like that" answers the question), nor more of the story ("nah dont worry hes nice").
    if (words.length <= 6 && result.findings.length === 0 && turn.imageWorry !== true && inEither.has(backsOff) && !PLAIN_NO_FIRST.has(words[0] ?? '') && !words.some((x) => THIRD_PERSON.has(x))) turn.backsOff = true;
    // "lol jk", "just testing": the whole message, nothing flagged. "ok its real actually" after it: real after all.
    if (result.findings.length === 0 && wholeIn(rawRest, spelledRest, justTesting)) turn.justTesting = true;
    if (inEither.has(itsReal)) turn.itsReal = true;
    if (inEither.has(ownImage) || ((result.findings.length > 0 || turn.imageWorry === true || turn.alreadyPaid === true || turn.cantPay === true) && words.some((x) => SELF_WORDS.has(x)))) turn.aboutSelf = true;
    // Beyond naming who they are ("I'm asking for a friend"), they have started their story.
    if (words.length >= (audience === undefined ? 4 : 7)) turn.tellsStory = true;
    // "im a teacher", "youth worker here": their own role, not someone in a story ("its a teacher" names who did it, "my coach
    // shouts at me" one of their own grown-ups).
    if (audience === 'someone_else' && turn.tellsStory !== true && result.findings.length === 0 && !ownGrownUp && (words.includes('im') || words.includes('i') || words.at(-1) === 'here')) turn.namesOwnRole = true;
    // "facet z internetu mowi ze przyjedzie": a language the answer lists cannot read (said by standingAnswerLines).
    const otherLanguage = otherLanguages === undefined ? undefined : otherLanguageOf(words, otherLanguages);
    if (otherLanguage !== undefined) turn.otherLanguage = otherLanguage;
    if (result.findings.length === 0 && wholeIn(rawRest, spelledRest, backAfterPause)) turn.backAfterPause = true;
    if (inEither.has(asksIfDidWrong)) turn.asksIfDidWrong = true;
    if (result.findings.length === 0 && wholeIn(rawRest, spelledRest, hesitates)) turn.hesitates = true;
    if (inEither.has(imageReachedFamily)) turn.imageReachedFamily = true;
    if (inEither.has(thinksOver)) turn.thinksOver = true;
    if (inEither.has(minimises)) turn.minimises = true;
    if (inEither.has(lovePressure)) turn.lovePressure = true;
    if (inEither.has(abuserExcuse)) turn.abuserExcuse = true;
    if (inEither.has(comesInRoom)) turn.comesInRoom = true;
    if (inEither.has(metInPerson) && metFaceToFace(words)) turn.metInPerson = true;
    if ((digits && adultAgeIn(words)) || namesGrownUp(words)) turn.adultTold = true;
    if (inEither.has(asksAfterReport)) turn.asksAfterReport = true;
    if (inEither.has(asksPoliceVisit)) turn.asksPoliceVisit = true;
    if (inEither.has(asksHisFate)) turn.asksHisFate = true;
    if (inEither.has(asksDeleteAccount)) turn.asksDeleteAccount = true;
    if (inEither.has(fearsJudged)) turn.fearsJudged = true;
    if (inEither.has(aiFake)) {
      turn.aiFake = true;
      // "made a fake nude of me and wants real ones": asked for, so "don't send" still fits.
      if (inEither.has(asksInReturn)) turn.asksInReturn = true;
    }
    if (inEither.has(lateHour)) turn.lateHour = true;
    if (inEither.has(notKnowing)) turn.notKnowing = true;
    if (inEither.has(lockedIn)) turn.lockedIn = true;
    if (inEither.has(policeWhen)) turn.policeWhen = true;
    if (inEither.has(isDsl)) turn.isDsl = true;
    if (inEither.has(fosterCarer)) turn.fosterCarer = true;
    // "im her nan she lives with me": who they are (a relative caring for the child), short, nothing flagged, no app and nothing
    // online; not the story (session 31, tester's #27, P12).
    if (words.length <= 10 && result.findings.length === 0 && turn.app === undefined && turn.strangerOrOnline !== true && inEither.has(carerRelative)) turn.namesCarerRole = true;
    if (inEither.has(olderSibling)) turn.olderSibling = true;
    if (inEither.has(toldDsl)) turn.toldDsl = true;
    if (inEither.has(parentsLanguage)) turn.parentsLanguage = true;
    if (inEither.has(grownUpAtWork)) turn.grownUpAtWork = true;
    if (inEither.has(additionalNeeds)) turn.additionalNeeds = true;
    if (inEither.has(cantSeeDanger)) turn.cantSeeDanger = true;
    if (inEither.has(asksExplain)) turn.asksExplain = true;
    // A parent or carer about to punish, spy, hunt the man or set a trap (read on the parent path only, by standingAnswerLines).
    if (inEither.has(parentPunishes)) turn.parentPunishes = true;
    if (inEither.has(doubtsChild)) turn.doubtsChild = true;
    // "can i read his messages without him knowing" names looking: parent.check-messages answers it (together, keep everything).
    if (inEither.has(parentSpies) && turn.asksCheckMessages !== true) turn.parentSpies = true;
    if (inEither.has(parentHunts)) turn.parentHunts = true;
    if (inEither.has(parentTrap)) turn.parentTrap = true;
    // A nude of a young person going round among young people (or one they shared); the law asked about; deleting a picture.
    if (inEither.has(peerImage) || turn.sharedOtherImage === true || turn.othersSharedImage === true) turn.peerImage = true;
    if (inEither.has(asksAboutLaw)) {
      turn.asksLaw = true;
      turn.asksIfInTrouble = true;
    }
    if (wholeIn(rawRest, spelledRest, asksAboutLaw)) turn.onlyAsksLaw = true;
    // "is it illegal what i did" asks about themselves, not whether a stranger's ask is legit.
    if (turn.asksIfInTrouble === true) delete turn.asksLegit;
    if (inEither.has(asksDeleteImage)) turn.asksDeleteImage = true;
    // Going live, dares or gifts on a live, and a carer's signs of exploitation: read against the chat in readMessage (session 30).
    if (inEither.has(goesLive)) turn.goesLive = true;
    if (result.findings.length === 0 && inEither.has(familyReaction)) turn.familyReaction = true;
    if (inEither.has(grownUpAway)) turn.grownUpAway = true;
    if (inEither.has(liveAsks)) turn.liveDares = true;
    if (inEither.has(asksStopGifts)) turn.asksStopGifts = true;
    const things = inEither.has(unexplainedThings);
    const out = inEither.has(outUnexplained);
    if (things || out) turn.signHalf = things && out ? 'both' : things ? 'things' : 'out';
    // "if i delete my account will the pics go away": what deleting does and does not do, not "should i delete" (session 30).
    if (inEither.has(asksDeleteGone)) {
      turn.asksDeleteGone = true;
      delete turn.asksDelete;
      delete turn.deletesMessages;
      delete turn.asksDeleteAccount;
      delete turn.asksDeleteImage;
    }
    // Running away (read with a red flag known, by standingAnswerLines); "i just want to leave" once it came up.
    if (inEither.has(runsAway)) turn.runsAway = true;
    if (inEither.has(threatensToRun)) {
      turn.threatensToRun = true;
      turn.runsAway = true;
    }
    if (inEither.has(wantsToLeave)) turn.wantsToLeave = true;
    if (wholeIn(rawRest, spelledRest, fedUp)) turn.fedUp = true;
    // "whats a counsellor": the word explained, not one asked for ("counsellor" alone asks for a person).
    if (inEither.has(asksWhatCounsellor)) {
      turn.asksWhatCounsellor = true;
      delete turn.asksForPerson;
    }
    // "wat dos privit mean": the word explained, not the answer to "do they know private things?" (a no, before).
    if (inEither.has(asksWhatPrivate)) turn.asksWhatPrivate = true;
    // Nothing happened told: a question to the bot or small talk, and nobody, no app, feeling, grown-up or red flag in it.
    const asksBot = /\?\s*$/.test(text) || QUESTION_OPENERS.has(words[0] ?? '');
    const storySignal =
      result.findings.length > 0 || app !== undefined || turn.otherApp === true || someone || knownAdult || householdNamed || online ||
      turn.feeling !== undefined || turn.imageWorry === true || turn.homeProblem === true || turn.wantsTips === true;
    const plainNoOrDontKnow = words.length <= 4 && (turn.no === true || turn.notKnowing === true);
    if (!storySignal && (inEither.has(smallTalk) || (asksBot && words.length <= 10) || plainNoOrDontKnow)) turn.toldNothing = true;
    return { turn, detector: result.state };
  };
}

/**
 * A threat to share pictures they have (the detector's share-images rule), unless its words are those
 * of a picture asked for in the same message ("he wants me to send a pic of me": the rule also reads
 * "send a pic of me" as the threat, but nothing was sent).
 */
function threatensToShareImages(findings: readonly Finding[]): boolean {
  // (Most messages have no such finding: nothing to weigh, so no list of requests made.)
  if (!hasRuleOf(findings, IMAGE_THREAT_RULES)) return false;
  // A combo's evidence (ctx:, such as threat-coerced-send's "got me to send pics") restates what was sent: no request.
  const requests = findings.filter((f) => f.category === 'sexual' && !f.rule.startsWith('ctx:')).flatMap((f) => f.evidence.filter((e) => e.turnsAgo === 0));
  return findings.some(
    (f) =>
      IMAGE_THREAT_RULES.has(f.rule) &&
      f.evidence.some((e) => e.turnsAgo === 0 && !requests.some((r) => r.start < e.end && e.start < r.end)),
  );
}

/** Whether a finding's rule is one of `rules` (a loop: most messages have no finding, and no closure is made for them). */
function hasRuleOf(findings: readonly Finding[], rules: ReadonlySet<string>): boolean {
  for (const f of findings) if (rules.has(f.rule)) return true;
  return false;
}

/** "dont have", "havent got", "only have": before an amount, they cannot pay it ("i dont have 500", "i only got 20"). */
const LACKS: readonly (readonly string[])[] = [
  ['dont', 'have'], ['dont', 'got'], ['dnt', 'have'], ['do', 'not', 'have'], ['havent', 'got'], ['aint', 'got'], ['only', 'have'], ['only', 'got'],
];
const AMOUNT = /^\d+(?:k|p|quid|pounds?|gbp|dollars?)?$/;

/** Paying words, in the past: "i already sent 50", "i paid her 100", "gave him 20 quid". */
const PAID = new Set(['sent', 'paid', 'gave', 'transferred', 'payed']);
const PAID_TO = new Set(['him', 'her', 'them', 'it', 'em']);

/** "i already sent 50", "i paid her £100": an amount named as paid (not "he sent me 50", money given to them). */
function namesAmountPaid(words: readonly string[]): boolean {
  for (let i = 1; i < words.length; i++) {
    if (!AMOUNT.test(words[i] ?? '')) continue;
    const before = words[i - 1] ?? '';
    if (PAID.has(before)) return true;
    if (PAID_TO.has(before) && PAID.has(words[i - 2] ?? '')) return true;
  }
  return false;
}

/** "i dont have 500", "i havent got £200", "i only have 20": an amount named as one they lack. */
function namesAmountLacked(words: readonly string[]): boolean {
  // Plain loops: a closure per word and phrase (`lack.every(...)`) made this a top allocator of a turn.
  for (let i = 0; i < words.length; i++) {
    for (const lack of LACKS) {
      let k = 0;
      while (k < lack.length && words[i + k] === lack[k]) k++;
      if (k < lack.length) continue;
      const next = words[i + lack.length];
      if (next !== undefined && AMOUNT.test(next)) return true;
    }
  }
  return false;
}

/** "hits me", "makes me do stuff": the writer is the one the harm is done to. */
const FIRST_PERSON_OBJECT = /\b(?:me|myself)\b/i;

/** The writer speaking of themselves: "me", "my", "im", "i". */
const FIRST_PERSON_WORDS = new Set(['i', 'im', 'me', 'my', 'myself', 'mine', 'ive', 'id']);
/** Words of blocking and of reporting or telling, for "will he know i blocked him" (see `TurnAnalysis.asksIfHeKnowsBlocked`). */
const BLOCK_WORDS = new Set(['block', 'blocked', 'blocking', 'blok', 'blokd', 'blocio', 'flocio']);
const REPORT_WORDS = new Set(['report', 'reported', 'reporting', 'told', 'tell', 'telling', 'riportio', 'adrodd', 'dweud']);

const THIRD_PERSON = new Set(['he', 'she', 'they', 'hes', 'shes', 'theyre', 'him']);
const LINKING = new Set(['is', 'was', 'got', 'gets', 'getting', 'seems', 'seemed', 'looked', 'looks', 'sounded', 'sounds', 'went', 'been', 'so', 'really', 'very', 'proper', 'super', 'well', 'dead', 'all', 'kinda', 'a', 'bit', 'rly', 'realy', 'being', 'be']);

/** A friend's grown-up, as a friend writes it: "her mum", "his dad", "my mates dad" (see friendsGrownUpTargeted). */
const THEIR_WORDS: ReadonlySet<string> = new Set(['her', 'his', 'their', 'ther']);
const FRIEND_WORDS: ReadonlySet<string> = new Set(['friends', 'friend', 'mates', 'mate', 'bestfriends', 'bestfriend', 'besties', 'bestie', 'bfs', 'pals', 'pal', 'm8s']);
/** Paying someone ("sending a man money"), for `ownGrownUpPaysOutsider`: the verb, the money, and who from outside. */
const GIVE_WORDS: ReadonlySet<string> = new Set(['send', 'sends', 'sending', 'sent', 'give', 'gives', 'giving', 'gave', 'pay', 'pays', 'paying', 'paid', 'transfer', 'transfers', 'transferring', 'transferred']);
const MONEY_WORDS: ReadonlySet<string> = new Set(['money', 'cash', 'pounds', 'quid', 'loads']);
const OUTSIDER_WORDS: ReadonlySet<string> = new Set(['someone', 'somebody', 'stranger', 'scammer', 'scammers']);
const OUTSIDER_NOUNS: ReadonlySet<string> = new Set(['man', 'woman', 'guy', 'lady', 'bloke', 'person', 'stranger', 'scammer']);
/** "a man", "this guy", "some girl": someone not named as one they know. */
const STRANGER_ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'this', 'that', 'some', 'the']);

/** "someone", "a scammer", "this guy", "some girl": a stranger named in the message (see `knownAdultNamed`). */
function namesStranger(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (OUTSIDER_WORDS.has(w)) return true;
    if ((OUTSIDER_NOUNS.has(w) || w === 'boy' || w === 'girl') && STRANGER_ARTICLES.has(words[i - 1] ?? '')) return true;
  }
  return false;
}
const GROWN_UP_WORDS: ReadonlySet<string> = new Set(['mum', 'mums', 'mom', 'moms', 'mam', 'mams', 'dad', 'dads', 'stepdad', 'stepdads', 'stepmum', 'stepmums', 'nan', 'nans', 'nana', 'nanas', 'gran', 'grans', 'grandad', 'grandads', 'grandma', 'grandmas', 'aunt', 'aunts', 'auntie', 'aunties', 'uncle', 'uncles', 'parent', 'parents']);
/** Yes marks ("👍", "👌", "✅") and no marks ("👎", "❌", "🙅"); a message of only these, with skin tones and spaces. */
const YES_MARK = /[\u{1F44D}\u{1F44C}\u2705\u2714]/u;
const NO_MARK = /[\u{1F44E}\u274C\u2716\u{1F645}]/u;
const MARKS_ONLY = /^[\s\uFE0F\u200D\u2640\u2642\u{1F3FB}-\u{1F3FF}\u{1F44D}\u{1F44C}\u2705\u2714\u{1F44E}\u274C\u2716\u{1F645}]+$/u;
/** After "no", words that make it "no one", "no body", "no way", "no idea": not an answer no. */
const NO_ONE_NEXT: ReadonlySet<string> = new Set(['one', '1', 'body', 'way', 'idea', 'matter', 'point', 'reason', 'clue', 'wonder', 'longer', 'more']);

/** The writer as the one who feels: "i", "im", "ive", "id" ("me" and "my" can be what the feeling is about). */
const FIRST_PERSON_SUBJECT = new Set(['i', 'im', 'ive', 'id']);

/**
 * "he got angry", "she was so upset", "she is really angry with me for taking her phone": a feeling word
 * right after he, she or they (a few linking words between), in a message where the writer is never the
 * one who feels (no I, im): someone else's feeling.
 */
function feelingOfOthers(words: readonly string[], feelingWords: ReadonlySet<string>): boolean {
  if (words.some((w) => FIRST_PERSON_SUBJECT.has(w))) return false;
  for (let i = 0; i < words.length; i++) {
    if (!THIRD_PERSON.has(words[i] ?? '')) continue;
    for (let j = i + 1; j < Math.min(words.length, i + 5); j++) {
      const w = words[j] ?? '';
      // "she is worrying me", "he is scaring me": the feeling is theirs.
      if (feelingWords.has(w)) return words[j + 1] !== 'me';
      if (!LINKING.has(w)) break;
    }
  }
  return false;
}

/** The first id whose phrases the child's own spelling has, else the first the plain-words spelling has. */
function firstOf<Id extends string>(lists: Lists<Id>, hits: FoundLists, spelledHits: FoundLists): Id | undefined {
  for (const list of lists) if (hits.has(list.phrases)) return list.id;
  if (spelledHits !== hits) for (const list of lists) if (spelledHits.has(list.phrases)) return list.id;
  return undefined;
}

/**
 * A message's reading (or it without fillers at its ends) with the lists found anywhere in the message in that spelling.
 * A phrase that is the whole of the reading is also somewhere in the message, so a list not found there cannot be whole,
 * and {@link wholeIn} asks `isWhole` only of the lists that were (about two dozen lists a message, most found nowhere).
 */
interface WholeReading {
  readonly reading: Reading;
  readonly found: FoundLists;
}

/** The whole message (fillers aside) is one of the phrases, in either spelling (`spelled` null when it is the child's own). */
function wholeIn(raw: WholeReading, spelled: WholeReading | null, phrases: PhraseList): boolean {
  return (raw.found.has(phrases) && isWhole(raw.reading, phrases)) || (spelled !== null && spelled.found.has(phrases) && isWhole(spelled.reading, phrases));
}

/** Each category once, in the order first found. */
function categoriesOf(findings: readonly Finding[]): Category[] {
  const out: Category[] = [];
  for (const f of findings) if (!out.includes(f.category)) out.push(f.category);
  return out;
}

/** Words that make a short message about pictures a request ("asked for nudes"), not what was sent to them ("like nudes"). */
const ASKING_WORDS: ReadonlySet<string> = new Set(['ask', 'asks', 'asked', 'asking', 'want', 'wants', 'wanted', 'wanting', 'send', 'sending', 'more', 'back', 'get', 'give']);

/** The words a young person uses for who they want to talk to ("someone to talk to"), in {@link withoutSomeoneToTalkTo}. */
const SOMEONE_TO_TALK: readonly string[] = ['someone', 'somebody', 'some1', 'sum1', 'one', 'body', 'no1'];

/** The reading without "someone" (or "no one", "nobody") where it is followed by "to talk to" or "to chat to". */
function withoutSomeoneToTalkTo(reading: Reading): Reading {
  return reading.filter((word, i) => !(SOMEONE_TO_TALK.some((w) => word.has(w)) && reading[i + 1]?.has('to') === true && (reading[i + 2]?.has('talk') === true || reading[i + 2]?.has('chat') === true)));
}

/** First words that make a short message a question to the bot ("wot is a cownsler", "r u chatgpt", "will u tell the school"). */
const QUESTION_OPENERS: ReadonlySet<string> = new Set(['what', 'wat', 'wot', 'whats', 'wats', 'wots', 'who', 'whos', 'why', 'how', 'hows', 'will', 'would', 'wud', 'can', 'could', 'cud', 'do', 'does', 'did', 'is', 'are', 'r', 'ru', 'am', 'should', 'shud', 'where', 'when']);

/** A finding the dialog makes itself from what it read, not the detector's. */
export function dialogFinding(category: Category, urgency: Urgency, rule: string): Finding {
  return { category, urgency, confidence: 1, rule, detectorVersion: 'dialog', evidence: [] };
}

type SignHalf = NonNullable<TurnAnalysis['signHalf']>;

/** The halves of a carer's signs of exploitation told so far, with this message's (see `HarbourContext.signHalf`): both, once both were told. */
function mergedSignHalf(before: SignHalf | undefined, now: SignHalf): SignHalf {
  return before === undefined || before === now ? now : 'both';
}

/** The turn with a finding of the dialog's own added, and its category and urgency with it. */
function withFinding(turn: TurnAnalysis, finding: Finding): TurnAnalysis {
  return { ...turn, findings: [...turn.findings, finding], categories: union(turn.categories, [finding.category]), urgency: moreUrgent(turn.urgency, finding.urgency) };
}

/** The turn without the findings `drop` picks (the same turn when there are none), its categories and urgency worked out again. */
function withoutFindings(turn: TurnAnalysis, drop: (f: Finding) => boolean): TurnAnalysis {
  if (!turn.findings.some(drop)) return turn;
  const findings = turn.findings.filter((f) => !drop(f));
  let urgency: Urgency | undefined = turn.homeProblem === true ? 'high' : undefined;
  for (const f of findings) urgency = moreUrgent(urgency, f.urgency);
  return { ...turn, findings, categories: categoriesOf(findings), urgency };
}

/** The detector's rules a question about this chat can set off: a stranger's secrecy, or knowing or asking their details. */
const ABOUT_CHAT_RULES: ReadonlySet<string> = new Set(['lex:meet_or_secrecy.secrecy', 'lex:meet_or_secrecy.secrecy-asked', 'lex:personal_info.knows-details', 'lex:personal_info.asks-details']);

/**
 * "me" or "I'm a kid" says who is chatting only in a short answer; in a longer message the child
 * is already telling their story ("he keeps messaging me"), which the dialog takes as theirs. So is
 * a longer message that names a grown-up of their own and nobody in their care ("its my stepdad he
 * comes in my room", "my coach keeps messaging me"): "stepdad" and "coach" there are not who is
 * chatting, as they are in "im a stepdad" or "im a coach, one of my players…".
 */
function audienceOf(found: Audience | undefined, wordCount: number, namesOwnGrownUp: boolean, namesFriend: boolean): Audience | undefined {
  // "my dad hits me": "dad" names a parent, but "my dad" is their own; a parent writes "my son".
  if (found === 'parent_carer' && namesOwnGrownUp && !namesFriend) return undefined;
  if (wordCount <= 5) return found;
  if (found === 'young_person') return undefined;
  // "my friends stepdad is weird with her when her mum is out": the mum and stepdad are the friend's.
  if (found === 'parent_carer' && namesFriend) return 'friend';
  if ((found === 'parent_carer' || found === 'someone_else') && namesOwnGrownUp) return undefined;
  return found;
}

/** Yes/no only count in short answers: "no one believes me" is not a "no". */
function isShortAnswer(words: readonly string[]): boolean {
  return words.length > 0 && words.length <= 6;
}

/**
 * Whether a word has a digit 0-9. Without one, no word is an age, an amount or part of a phone number: `Number` reads
 * no word of letters alone as a number (words are lower case: no "Infinity"), and the text's own digits are its words'.
 */
function hasDigit(words: readonly string[]): boolean {
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c >= 0x30 && c <= 0x39) return true;
    }
  }
  return false;
}

/** Eleven digits or more in a row (spaces allowed): a phone number. */
function looksLikePhoneNumber(text: string): boolean {
  return /(?:\+?\d[\s-]?){10,}\d/.test(text);
}

const AGE_CUES = new Set(['im', 'i', 'am', 'aged', 'age']);

/** First words that make a message a plain no, whatever follows ("no its nothing like that"); "nah dont worry" backs off. */
const PLAIN_NO_FIRST: ReadonlySet<string> = new Set(['no', 'nope', 'not']);

/** The writer as subject or object ("my" is left out: "my mum is talking to a man" is about mum). */
const SELF_WORDS: ReadonlySet<string> = new Set(['i', 'im', 'me', 'myself', 'ive', 'id']);

/** Words that make what follows someone's claim ("he says hes 14 and goes to my school"). */
const REPORTED_SPEECH = new Set(['said', 'says', 'sed', 'sez', 'saying', 'claims', 'claimed', 'told', 'tells', 'reckons']);
/** Someone else's words, then a child's age: "hes 12", "shes 11", "he is 10", "they are 13". */
const THIRD_PERSON_AGE = new Set(['hes', 'shes', 'theyre']);
const THIRD_PERSON_SUBJECT = new Set(['he', 'she', 'they']);
const IS_WORDS = new Set(['is', 'are', 'was', 'only', 'just']);

/** "hes 12 he said", "says shes 11", "he is only 10": someone else's age, 5 to 17, as claimed. */
function claimsYoungAgeIn(words: readonly string[]): boolean {
  const young = (w: string | undefined): boolean => {
    const age = Number(w);
    return w !== undefined && Number.isInteger(age) && age >= 5 && age <= 17;
  };
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i] ?? '';
    if (THIRD_PERSON_AGE.has(w) && (young(words[i + 1]) || (words[i + 1] === 'only' && young(words[i + 2])))) return true;
    if (THIRD_PERSON_SUBJECT.has(w) && IS_WORDS.has(words[i + 1] ?? '') && (young(words[i + 2]) || (words[i + 2] === 'only' && young(words[i + 3])))) return true;
  }
  return false;
}

const PARTNER_WORDS: ReadonlySet<string> = new Set(['bf', 'bfs', 'boyfriend', 'boyfriends', 'gf', 'gfs', 'girlfriend', 'girlfriends', 'bae']);
const ADULT_AGE_WORD = /^(1[89]|[2-6]\d)(yo|yrs?|years?)?$/;

/**
 * "run away to my bfs house hes 19", "my gf is 22", "my bf whos 20": a boyfriend or girlfriend and a grown-up's age told of
 * them (the detector's adult-and-romance rule does not always read it). "hes 19", "he is 19", "bf is 19", "a 19yo".
 */
function namesAdultPartner(words: readonly string[]): boolean {
  if (!words.some((w) => PARTNER_WORDS.has(w))) return false;
  const adult = (w: string | undefined): boolean => w !== undefined && ADULT_AGE_WORD.test(w);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if ((THIRD_PERSON_AGE.has(w) || w === 'whos') && adult(words[i + 1])) return true;
    if ((THIRD_PERSON_SUBJECT.has(w) || PARTNER_WORDS.has(w)) && IS_WORDS.has(words[i + 1] ?? '') && adult(words[i + 2])) return true;
    if (adult(w) && /\D/.test(w)) return true;
    if (adult(w) && /^(yo|year|years|yr|yrs)$/.test(words[i + 1] ?? '')) return true;
  }
  return false;
}

/** Words right after "met" that say where they first talked online ("i met him on roblox", "met her online"), not a meeting. */
const MET_ONLINE_WORDS = new Set(['on', 'online', 'playing', 'through', 'thru', 'via', 'in-game']);
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'sat', 'sun', 'mon', 'fri', 'weekend', 'the']);

/**
 * "i met a man from snapchat last week", "met up with a man he met online", "we kissed": a "met" or "went" (or a kiss) not followed within
 * four words by where they talked online ("i met him on roblox", "met her online"). "on saturday", "on the weekend" are times.
 */
function metFaceToFace(words: readonly string[]): boolean {
  return words.some((w, i) => {
    if (/^kiss/.test(w)) return true;
    if (w !== 'met' && w !== 'went') return false;
    const after = words.slice(i + 1, i + 5);
    const k = after.findIndex((x) => MET_ONLINE_WORDS.has(x));
    return k < 0 || (after[k] === 'on' && WEEKDAYS.has(words[i + 2 + k] ?? ''));
  });
}

/** "hes 22", "he was 25", "she is like 30", "a 25yo", "25 year old": someone else's grown-up age (18 to 69). Not "im 19". */
function adultAgeIn(words: readonly string[]): boolean {
  const adult = (w: string | undefined): boolean => w !== undefined && ADULT_AGE_WORD.test(w);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1] === 'like' || words[i + 1] === 'about' ? i + 2 : i + 1;
    if (THIRD_PERSON_AGE.has(w) && adult(words[next])) return true;
    if (THIRD_PERSON_SUBJECT.has(w) && IS_WORDS.has(words[i + 1] ?? '') && adult(words[words[i + 2] === 'like' ? i + 3 : i + 2])) return true;
    if (adult(w) && /\D/.test(w) && words[i - 1] !== 'im') return true;
    if (adult(w) && /^(year|years|yr|yrs)$/.test(words[i + 1] ?? '') && words[i - 1] !== 'im' && words[i - 1] !== 'am') return true;
  }
  return false;
}

/** "a man", "an older guy", "a grown man", "a woman": a grown-up named, in the dialog's own reading. */
function namesGrownUp(words: readonly string[]): boolean {
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if ((w === 'man' || w === 'woman' || w === 'adult') && GROWN_UP_BEFORE.has(words[i - 1] ?? '')) return true;
  }
  return false;
}
const GROWN_UP_BEFORE: ReadonlySet<string> = new Set(['a', 'an', 'this', 'older', 'grown', 'old']);

/** Before a child's age, told by a grown-up: "hes 11", "she is 9", "my son is 12", "aged 10", "just turned 11". */
const CHILD_AGE_CUES = new Set(['hes', 'shes', 'is', 'aged', 'age', 'turned', 'turning', 'theyre']);

/** A child's age told (see `CHILD_AGE_CUES`), and under 13: the apps' usual minimum age. Not "im 11". */
function childUnder13(words: readonly string[]): boolean {
  for (let i = 1; i < words.length; i++) {
    if (!CHILD_AGE_CUES.has(words[i - 1] ?? '')) continue;
    const age = Number((words[i] ?? '').replace(/(yo|yrs?)$/, ''));
    if (Number.isInteger(age) && age >= 3 && age < 13) return true;
  }
  return false;
}

/** "im 12", "i am 14", "aged 9": a band for the console, never the exact age. */
function ageBandOf(words: readonly string[]): string | undefined {
  for (let i = 1; i < words.length; i++) {
    const prev = words[i - 1];
    const word = words[i];
    if (prev === undefined || word === undefined || !AGE_CUES.has(prev)) continue;
    const age = Number(word);
    if (!Number.isInteger(age) || age < 5 || age > 25) continue;
    if (age <= 10) return 'under 11';
    if (age <= 13) return '11-13';
    if (age <= 15) return '14-15';
    if (age <= 17) return '16-17';
    return '18+';
  }
  return undefined;
}

export type Analyser = ReturnType<typeof createAnalyser>;

/** A young person (or nobody yet) who has told nothing of what happened: no app, red flag, feeling, home worry, bullying or grown-up known. */
function nothingToldYet(context: HarbourContext): boolean {
  const s = context.summary;
  return (
    (context.audience === undefined || context.audience === 'young_person') &&
    s.app === undefined &&
    (s.categories ?? []).length === 0 &&
    (s.feelings ?? []).length === 0 &&
    s.duration === undefined &&
    (s.asked ?? []).length === 0 &&
    s.homeIsUnsafe !== true &&
    s.knownAdult !== true &&
    context.bullying !== true
  );
}

/** Known before "im home alone", these make being alone at home danger now: someone knows where they live, or threatened them. */
const AT_RISK_ALONE: ReadonlySet<string> = new Set(['personal_info', 'threat_blackmail']);

/**
 * Reads one message against the context it arrives in: what taking it writes into the context. The
 * machine reads each message once, before its transitions are chosen (see `createHarbourMachine`),
 * so the guards that route it and the current step's answer see the same reading the context holds.
 */
export function createMessageReader(deps: DialogDeps) {
  const analyse = createAnalyser(deps);
  const appName = (id: string | undefined): string => deps.apps.find((a) => a.id === id)?.name ?? '';
  const onlineAsked = [ASKED.sexual, ASKED.financial, ASKED.personal_info];
  return function readMessage(context: HarbourContext, text: string): MessageReading {
    const read = analyse(text, context.detector, context.welshChat === true);
    const detector = read.detector;
    // "he got angry" is his feeling, not theirs: not said back to them. On the friend path the friend's
    // feelings are asked for ("How is your friend feeling?"), so there it stays.
    const s = context.summary;
    let turn: TurnAnalysis = read.turn.feelingOfOthers === true && context.audience !== 'friend' ? { ...read.turn, feeling: undefined } : read.turn;
    // "im home alone", after a stranger who knows where they live or made a threat: danger now, found by
    // the dialog (the detector reads one message with no such context). Beside whatever the detector
    // found ("shes home alone" is also someone checking she is alone). Not when danger now is already
    // known ("a man is at my door", then "im home alone"): the door steps go on as they are.
    const cats = s.categories ?? [];
    // "can u not tell anyone", "will the counsellor know my name", the whole message: a question about this
    // chat. The detector reads a stranger's secrecy or knowledge in it; the dialog answers the question.
    if (turn.aboutThisChat === true) turn = withoutFindings(turn, (f) => ABOUT_CHAT_RULES.has(f.rule));
    // "ok", "its fine", the whole message, right after "no pressure" (shared.backs-off): leaving it there.
    if (context.backOffAsk === 'asked' && turn.onlyNods === true && turn.findings.length === 0) turn = { ...turn, leavesIt: true };
    // "if i block him will he see": the detector hears "if … will he" as a threat; it is their question.
    if (turn.onlyAsksIfHeKnows === true) turn = withoutFindings(turn, (f) => f.rule === 'lex:threat_blackmail.conditional-threat' || f.rule === 'ctx:threat-renewed');
    // "can i send them to my mum to show her": the detector hears "send them to my mum" as a blackmailer's threat; it is
    // their own question about sending the pictures on (session 29).
    if (turn.asksForwardImage === true) turn = withoutFindings(turn, (f) => f.rule === 'lex:threat_blackmail.conditional-threat' || f.rule === 'ctx:threat-renewed');
    // "is he going to prison", the whole message, after a nude going round among young people and no threat known: the
    // detector hears "going to prison" as a blackmailer's threat; it is their question about the law.
    if (turn.onlyAsksLaw === true && context.peerImage === true && !cats.includes('threat_blackmail')) turn = withoutFindings(turn, (f) => f.rule === 'lex:threat_blackmail.conditional-threat');
    // "she says shell run away if i stop her seeing him": the detector hears "if i stop" as a threat; it is the child's own
    // threat to run, told by a parent or friend (no threat known before): running away, answered as such.
    if (turn.threatensToRun === true && !cats.includes('threat_blackmail')) turn = withoutFindings(turn, (f) => f.rule === 'lex:threat_blackmail.conditional-threat' || f.rule === 'ctx:threat-renewed');
    // The detector's own home-alone finding (`ctx:home-alone-at-risk`) once danger now is already known
    // adds nothing: the door steps go on, not 999 and the home-alone lines again.
    if (cats.includes('immediate_danger')) turn = withoutFindings(turn, (f) => f.rule === HOME_ALONE_RULE);
    if (turn.homeAlone === true && turn.urgency !== 'immediate' && !cats.includes('immediate_danger') && cats.some((c) => AT_RISK_ALONE.has(c))) {
      turn = withFinding(turn, dialogFinding('immediate_danger', 'immediate', HOME_ALONE_FINDING));
    }
    // Criminal exploitation ("carry a bag for 300 quid", "county lines"): found by the dialog, since the detector's
    // categories have none of its own. Grooming with gifts and a hold over them: meet_or_secrecy, high.
    if (turn.exploitation === true && !turn.findings.some((f) => f.rule === EXPLOITATION_FINDING)) {
      turn = withFinding(turn, dialogFinding('meet_or_secrecy', 'high', EXPLOITATION_FINDING));
    }
    // Harm by someone the child knows, in person ("my cousin makes me do stuff when we stay at nans", then "he said if i tell
    // nobody will believe me"): escalation() gives the in-person lines (not their fault, I believe you, keep away from being
    // alone with them), not the online stranger's "don't send or pay", "never go to meet them" (session 29, tester's pattern C).
    if (
      (context.knownAdult === true || turn.knownAdultInPerson === true) &&
      s.app === undefined &&
      turn.app === undefined &&
      turn.strangerOrOnline !== true &&
      !turn.categories.includes('financial') &&
      !(s.asked ?? []).some((a) => onlineAsked.includes(a))
    )
      turn = { ...turn, harmInPerson: true };
    // "my cousin came in my room again last nite", "my stepdad gets in my bed", with nothing the detector flags: someone they
    // know (or someone at home) coming in where they sleep or wash is a sign of abuse. Found by the dialog, so a counsellor is
    // asked for (and, off shift, the helplines given at once), without saying what happened (session 29, tester's #5).
    if (turn.comesInRoom === true && turn.findings.length === 0 && (context.knownAdult === true || turn.knownAdultInPerson === true || turn.householdNamed === true)) {
      turn = { ...withFinding(turn, dialogFinding('sexual', 'high', KNOWN_ADULT_IN_ROOM_FINDING)), harmInPerson: true };
    }
    // A grown-up who already met or kissed them ("i met a man from snapchat last week", or "i already met him" then "hes 22"):
    // contact abuse may have happened. Found by the dialog when the meeting and the grown-up are both known and this message
    // brings one of them, and the detector found no meeting of its own here (session 29, tester's #1).
    const met = turn.metInPerson === true || context.metInPerson === true;
    const grownUp = turn.adultTold === true || context.adultTold === true;
    if (met && grownUp && (turn.metInPerson === true || turn.adultTold === true) && context.said.metAdult !== true && !turn.findings.some((f) => f.category === 'meet_or_secrecy')) {
      turn = withFinding(turn, dialogFinding('meet_or_secrecy', 'high', MET_ADULT_FINDING));
    }
    // "if i report will the police come to my house", "wil he go to jail": their own questions, answered for themselves
    // (standingAnswerLines), not "you are not in trouble" alone. A nude among young people keeps the law's answer (session 29).
    if ((turn.asksPoliceVisit === true || turn.asksHisFate === true) && context.peerImage !== true && turn.peerImage !== true) turn = { ...turn, asksIfInTrouble: undefined, asksLaw: undefined };
    // "hes 24", after pictures were asked of a young person ("someone on snap keeps asking for pics"): the one asking is a
    // grown-up. Found by the dialog, so escalation() says plainly that a grown-up asking that of someone their age is not okay
    // (once), not only "how are you feeling" (session 29; session 27's leftover #1).
    if (
      turn.adultTold === true &&
      context.adultTold !== true &&
      turn.findings.length === 0 &&
      pathOf(context.audience) === 'child' &&
      context.said.adultAskedImages !== true &&
      (s.asked ?? []).includes(ASKED.sexual ?? '')
    ) {
      turn = withFinding(turn, dialogFinding('sexual', 'high', ADULT_ASKED_IMAGES_FINDING));
    }
    // A young person's grown-up targeted ("my mum is talking to a man online who wants money"), or an adult
    // targeted themselves ("im being blackmailed myself"): "she already sent him 2000" is not their own picture or
    // money, so no "you are not in trouble… Report Remove" or "don't pay any more" aimed at a child.
    if (grownUpTargetOf(context, turn) !== undefined) turn = { ...turn, imageWorry: undefined, alreadyPaid: undefined, cantPay: undefined };
    // "help me", the whole message, before anything was told (no app, red flag, feeling, home worry or bullying known) and not
    // yet answered so: a plea, answered "here to help, tell me when you're ready" (child.nothing-told-yet), not the tips about
    // blocking a "them" nobody mentioned. Asked again, the tips.
    if (turn.bareHelp === true && turn.findings.length === 0 && context.handoff === 'none' && context.said.nothingTold !== true && nothingToldYet(context)) {
      turn = { ...turn, wantsTips: undefined, toldNothing: true };
    }
    // "i already told my mum what now", "what happens now" after "i told my teacher": what comes next, now a grown-up knows; not
    // the tips before anything is told, nor the answer to the step's question. Only on a young person's path, before any
    // escalation (where "what now" asks for the tips); with nobody told, "what now" still asks for the tips (session 30).
    if (turn.asksWhatNext !== undefined) {
      const told = turn.toldGrownUp === true || context.grownUpTold === true;
      const young = (context.audience ?? turn.audience ?? 'young_person') === 'young_person';
      turn = told && young && context.handoff === 'none' && (s.categories ?? []).length === 0
        ? { ...turn, wantsTips: undefined, asksWhatNext: nothingToldYet(context) && turn.storyOfSomeone !== true ? 'before-story' : 'after' }
        : { ...turn, asksWhatNext: undefined };
    }
    // Dares or gifts told of while going live, now or before ("i go live on tiktok and people ask me to do dares"); otherwise the
    // dares words alone are nothing of their own (session 30, tester's #16).
    if (turn.liveDares === true && turn.goesLive !== true && context.goesLive !== true) turn = { ...turn, liveDares: undefined };
    // A parent or carer's signs of exploitation (tester's #20): things they cannot explain and being out late or secret about where
    // from, told in one message or across two ("new trainers and a phone i didnt buy him", then "he wont say where they came from").
    if (turn.signHalf !== undefined && pathOf(context.audience ?? turn.audience) === 'parent') {
      const both = mergedSignHalf(context.signHalf, turn.signHalf) === 'both';
      if (both) turn = { ...turn, exploitationSigns: true };
      // The first time both are known: a counsellor is asked for, as for a parent's signs of grooming (session 31, Z07).
      if (both && context.said.exploitationSigns !== true && !turn.findings.some((f) => f.category === 'meet_or_secrecy')) turn = withFinding(turn, dialogFinding('meet_or_secrecy', 'high', EXPLOITATION_SIGNS_FINDING));
    }
    // "like nudes", short, right after "he sent me some stuff": what was sent to them, not pictures asked of them.
    // Not when it asks for something ("and asked for nudes", "now he wants nudes").
    if (context.turn.sentToThem === true && turn.sentSexual !== true && turn.findings.some((f) => f.category === 'sexual')) {
      const shortWords = tokens(text);
      if (shortWords.length <= 4 && !shortWords.some((w) => ASKING_WORDS.has(w))) turn = { ...turn, sentSexual: true };
    }
    // "what if she does it anyway", once pictures were threatened (sexual and a threat known): the image worry.
    if (turn.fearsThreat === true && turn.imageWorry !== true && (s.categories ?? []).includes('sexual') && (s.categories ?? []).includes('threat_blackmail')) turn = { ...turn, imageWorry: true };
    // "do i have to", the whole message, right after "she begged me not to tell her parents" (friend_secret): whether they must
    // tell, not "yes" to the step's question (a teacher's was read as yes to the mental-health question). Session 28.
    if (context.turn.friendSecret === true && turn.asksMustTell === true) turn = { ...turn, asksShouldTell: true, yes: undefined, no: undefined };
    // "is that ok", the whole message, right after "i blocked him", "i deleted the chat", "i told my friend" or "i sent him a pic":
    // "that" is what they just did, answered for itself, not only "telling me was right" (session 29).
    if (turn.asksIfOkay === true) {
      const before = context.turn;
      const about = before.imageWorry === true ? 'sent-image' : before.deletedChat === true ? 'deleted' : before.blockedThem === true ? 'blocked' : before.toldFriend === true ? 'told-friend' : undefined;
      if (about !== undefined) turn = { ...turn, okayAbout: about };
    }
    const asked: string[] = [];
    // Abuse told of is not something asked for: the summary says so in its own words.
    // So is a sexual finding about someone they know, in person ("my uncle makes me sit on his lap"): nothing was asked for.
    const abuseOnly = turn.harmInPerson === true || turn.findings.every((f) => f.category !== 'sexual' || f.rule === ABUSE_DISCLOSED_RULE);
    // So is a threat to hurt ("theyll beat her up"), which is not blackmail.
    // (A threat said again in other words is blackmail only when the threat before it was.)
    const blackmailBefore = (s.asked ?? []).includes(ASKED.threat_blackmail ?? '');
    const violenceOnly = !threatIsBlackmail(turn.findings, blackmailBefore, s.categories);
    for (const c of turn.categories) {
      const what = c === 'sexual' && abuseOnly ? ABUSE_TOLD : c === 'threat_blackmail' && violenceOnly ? VIOLENCE_THREATENED : ASKED[c];
      if (what !== undefined) asked.push(what);
    }
    const adds =
      (turn.app !== undefined && s.app === undefined) ||
      turn.ageBand !== undefined ||
      turn.feeling !== undefined ||
      turn.categories.length > 0 || // every category asked about is a category too
      turn.homeProblem === true ||
      (turn.accountHacked === true && s.accountHacked !== true);
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
          ...(turn.accountHacked === true ? { accountHacked: true } : {}),
        };
    // "its my little sister shes 11", after "for a friend" was chosen and before anything was told: she is "your sister" from
    // here, not "your friend". Not later, nor "i could tell my big sister" (one they could tell, not who it is about).
    const storyBefore = (s.categories ?? []).length > 0 || s.app !== undefined || context.handoff !== 'none';
    const aboutFamily = context.audience === 'friend' && context.sayFacts === undefined && !storyBefore && !/\btell\b/.test(text.toLowerCase());
    const relation = aboutFamily ? turn.relation : undefined;
    // The chat is Welsh from a Welsh message until an English one (session 29).
    const welshChat = turn.language === undefined ? context.welshChat === true : turn.language === 'cy';
    // (Set one by one, not spread from objects made for the purpose: the same keys, in the same order.)
    const reading: Writable<MessageReading> = { turn, detector, summary, checkIns: 0 };
    if (welshChat !== (context.welshChat === true)) reading.welshChat = welshChat;
    if (turn.peerImage === true && context.peerImage !== true) reading.peerImage = true;
    if (context.pictureAsked !== true && turn.findings.some((f) => PICTURE_ASKED_RULES.has(f.rule))) reading.pictureAsked = true;
    if (turn.metInPerson === true && context.metInPerson !== true) reading.metInPerson = true;
    if (turn.adultTold === true && context.adultTold !== true) reading.adultTold = true;
    if (turn.toldGrownUp === true && context.grownUpTold !== true) reading.grownUpTold = true;
    if (turn.goesLive === true && context.goesLive !== true) reading.goesLive = true;
    if (turn.signHalf !== undefined) {
      const signHalf = mergedSignHalf(context.signHalf, turn.signHalf);
      if (signHalf !== context.signHalf) reading.signHalf = signHalf;
    }
    if (relation !== undefined) reading.sayFacts = { friend: { words: `placeholder.friend.${relation}` as const } };
    return reading;
  };
}

export type MessageReader = ReturnType<typeof createMessageReader>;

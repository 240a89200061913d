import type { TurnAnalysis } from './analyse.js';
import type { Category, Urgency } from './safety/finding.js';
import type { DetectorState } from './safety/types.js';
import type { Audience, ConversationSummary, DialogEmitted, DialogEvent, DialogInput } from './types.js';
import type { Relation } from './deps.js';

/** Where the request for a person stands, as far as the dialog knows. */
export type HandoffProgress = 'none' | 'requested' | 'queued' | 'unavailable' | 'accepted' | 'failed';

/**
 * The machine's context: small, JSON-serialisable facts only (never the transcript), since the
 * server saves a snapshot after every turn.
 */
export interface HarbourContext {
  readonly counsellorOnShift: boolean;
  readonly audience?: Audience;
  /**
   * Words the server fills into every message's placeholders for this chat (BotSay facts win): on
   * the friend path, `friend` is "your sister" when they said they are worried about their little
   * sister (`placeholder.friend.<relation>`). Unset, `{friend}` says "your friend".
   */
  readonly sayFacts?: { readonly friend: { readonly words: `placeholder.friend.${Relation}` } };
  readonly detector: DetectorState;
  /** The latest message, understood (flags and ids only). */
  readonly turn: TurnAnalysis;
  readonly handoff: HandoffProgress;
  readonly handoffReason?: 'red_flag' | 'asked_for_person';
  /** The most urgent request made so far. */
  readonly urgency?: Urgency;
  /** Categories already carried to the console by a `handoff.requested` (a new one is sent again). */
  readonly escalated?: readonly Category[];
  /** Replies in a row the dialog could not place. */
  readonly notUnderstood: number;
  /** Check-ins since the child last wrote. */
  readonly checkIns: number;
  /** Safety wording already given once (repeated only where the rules say every time). */
  readonly said: {
    readonly selfHarm: boolean;
    /**
     * Self-harm first heard while already in danger now from something else, and not itself danger now ("might
     * just kms" after a deadline read as danger): the 999 reminders are not the overdose ones, until a finding of
     * danger now or "not safe" comes. Absent in older snapshots.
     */
    readonly selfHarmBesideDanger?: boolean;
    readonly dontSend: boolean;
    readonly details: boolean;
    /**
     * The young person shared a nude picture of someone else ("i sent a nude of a girl in my class to
     * the group chat"): put it right, and no "you have done nothing wrong" after. Absent in older snapshots.
     */
    readonly sharedOtherImage?: boolean;
    /** A parent's or carer's card given away: tell them today so the bank can stop it. Once. Absent in older snapshots. */
    readonly cardGiven?: boolean;
    /** How many times "ur useless", "this is stupid" was answered (the second and later are shorter). Absent in older snapshots. */
    readonly frustrated?: number;
    /** A picture of them going round now: what to do in the next ten minutes. Once. Absent in older snapshots. */
    readonly imageSpreading?: boolean;
    /** Being outed held over them: who they tell is their choice. Once. Absent in older snapshots. */
    readonly outing?: boolean;
    /** They gave a stranger a friend's number or address: warn the friend today. Once. Absent in older snapshots. */
    readonly gaveOthersDetails?: boolean;
    /** The path's opening thanks ("not your fault"): once, not again when "tips" re-enters the path. Absent in older snapshots. */
    readonly thanks?: boolean;
    /**
     * `child.home-doesnt-know` said as the answer to the who-question ("im gay and my mum doesnt know", told first): it
     * asks what has been happening, so the first question is not asked again on top of it (session 29). Absent in older snapshots.
     */
    readonly homeDoesntKnow?: boolean;
    /** What to do about a password or code asked for (the detector's `financial.logins`): once. Absent in older snapshots. */
    readonly logins?: boolean;
    /** Don't tell them where you live, your school, or where you'll be (the detector's `personal_info.asks-details`): once. Absent in older snapshots. */
    readonly detailsAsked?: boolean;
    /** Their threat to hurt themselves if the child blocks or tells is a way to control them (`SUICIDE_PRESSURE_RULE`): once. Absent in older snapshots. */
    readonly theirThreat?: boolean;
    /** What to do if the person who menaced them turns up (`MAY_TURN_UP_RULES` in wording.ts): once. Absent in older snapshots. */
    readonly menace?: boolean;
    /** A young person told, after the menace line, that the stranger knows their school or home: tell a teacher and a grown-up at home (`child.knows-where`). Once. */
    readonly knowsWhere?: boolean;
    /** A young person's blackmail threat told again while escalated, with nothing new to say about sending: named for what it is (`child.threat-again`). Once. */
    readonly threatAgain?: boolean;
    /** Someone is outside or at the door now (the detector's someone-outside): the reminders say what to do about the door. Absent in older snapshots. */
    readonly outside?: boolean;
    /** No blame for caring about the person ("but i love him"): once. Absent in older snapshots. */
    readonly cares?: boolean;
    /** "age is just a number" after `<path>.cares` was said: not judging, wanting them safe (`child.cares-again`), once. Absent in older snapshots. */
    readonly caresAgain?: boolean;
    /** "if i loved him i would": pressure is not love, no is okay (`child.love-pressure`), once. Absent in older snapshots. */
    readonly lovePressure?: boolean;
    /**
     * After immediate danger, they said it has passed ("hes gone"): the reminders to call 999 stop.
     * Absent in older snapshots.
     */
    readonly safeNow?: boolean;
    /**
     * The danger-now finding was harm told as something that keeps happening ("my step dad hits me when hes drunk"): 999
     * once, then "are you safe right now?", not 999 every turn. Cleared by a no or by danger told as now. Absent in older snapshots.
     */
    readonly dangerNotNow?: boolean;
    /**
     * The feelings question asked again, once, after a reply that told more of the story instead
     * ("he asked how old i am"). Absent in older snapshots.
     */
    readonly feelingsAskedAgain?: boolean;
    /** They came to check something ("just wanted to check", "its sorted now"): a question next gets the tips. Absent in older snapshots. */
    readonly checking?: boolean;
    /** Most grown-ups want to help ("my mum would go mad"): once. Absent in older snapshots. */
    readonly fearsTelling?: boolean;
    /** They answered "are you safe right now?" with no or not sure. Absent in older snapshots. */
    readonly notSafe?: boolean;
    /** Telling a grown-up is still right when a friend asked for secrecy: once. Absent in older snapshots. */
    readonly friendSecret?: boolean;
    /** The apps' minimum age was said for a parent's general question (session 28): "hes 11" next is answered. Absent in older snapshots. */
    readonly generalAges?: boolean;
    /** Someone else who may work with children was told of their safeguarding lead on escalation. Absent in older snapshots. */
    readonly safeguardingLead?: boolean;
    /** Abuse told of ("he touches me"): nobody may do that, not their fault. Once. Absent in older snapshots. */
    readonly abuseTold?: boolean;
    /** A threat from someone they know, in person ("he said nobody will believe me"): said to scare them quiet, I believe you. Once (session 29). */
    readonly threatInPerson?: boolean;
    /** Someone they know wants them alone in person: don't be alone with them, tell a grown-up today. Once (session 29). */
    readonly notAlone?: boolean;
    /** "he says its normal in families": not normal, whatever they say; not their fault. Once (session 29). */
    readonly abuserExcuse?: boolean;
    /** Not in trouble, and Report Remove, after a picture sent or feared shared: once. Absent in older snapshots. */
    readonly imageWorry?: boolean;
    /**
     * A friend's nude going round among young people, read as sexual and nothing else: "go and get a teacher now", on the
     * message after the story, once (session 41; `friend.peer-image-now`). Absent in older snapshots.
     */
    readonly peerImageNow?: boolean;
    /** Asked, on a goodbye, whether they want to wait for the counsellor who is coming: once. Absent in older snapshots. */
    readonly leaveAsked?: boolean;
    /** Which "don't send, don't pay" line was said (with `dontSend`). Absent in older snapshots: the whole line. */
    readonly dontSendWhat?: 'dont-send' | 'dont-pay' | 'dont-send-or-pay';
    /** Don't go to meet them, after a meeting red flag (again each time they ask whether to go). Absent in older snapshots. */
    readonly dontMeet?: boolean;
    /** Don't meet, said again when the grown-up's age came after the meeting ("hes 30 sumthin"; the detector's adult-and-meet). Once. */
    readonly dontMeetAdult?: boolean;
    /** A grown-up met or kissed them: should never, not their fault, are you safe now, tell a grown-up today. Once (session 29). */
    readonly metAdult?: boolean;
    /** A grown-up asked a young person for pictures ("hes 24" after the ask): not okay, against the law, not their fault. Once (session 29). */
    readonly adultAskedImages?: boolean;
    /** A parent told how to support a child blackmailed over images (not in trouble, stay close, 999 if they might hurt themselves). Absent in older snapshots. */
    readonly supportChild?: boolean;
    /** Well done for blocking them: once. Absent in older snapshots. */
    readonly blocked?: boolean;
    /** Well done for reporting them, and block them too, after "i reported him" with no word of blocking: once (session 31). Absent in older snapshots. */
    readonly reported?: boolean;
    /** Don't pay any more, after they said they already paid: once. Absent in older snapshots. */
    readonly paidAlready?: boolean;
    /** They need not find any money, after they said they cannot pay: once. Absent in older snapshots. */
    readonly cantPay?: boolean;
    /** Don't pay any more, after more was demanded ("he wants more now"): once (session 30). Absent in older snapshots. */
    readonly wantsMore?: boolean;
    /** They owe nothing, after presents given were spent ("i spent it all already"): once (session 30). Absent in older snapshots. */
    readonly oweNothing?: boolean;
    /** Sorry it happened again, what happened this time ("it happened again"): once (session 30). Absent in older snapshots. */
    readonly happenedAgain?: boolean;
    /** "is anyone there" with nobody able to come: just the computer helper now, Childline (once; session 30). Absent in older snapshots. */
    readonly onlyComputer?: boolean;
    /** Dares or gifts on a live are a warning sign (once; session 30). Absent in older snapshots. */
    readonly liveDares?: boolean;
    /** How grown-ups can react, after the picture reached their family and they told of it ("shes not talking to me"): once, then a short line (session 30). Absent in older snapshots. */
    readonly familyUpset?: boolean;
    /** A carer's signs of exploitation said back (once; session 30). Absent in older snapshots. */
    readonly exploitationSigns?: boolean;
    /** What they told is not okay and not their fault, after they asked "is it bad": once. Absent in older snapshots. */
    readonly notOkay?: boolean;
    /** A grown-up should never be a boyfriend or girlfriend to a child (the detector's adult-and-romance rule): once. Absent in older snapshots. */
    readonly olderPartner?: boolean;
    /** Criminal exploitation heard: its line said once, and "should i do it" answered by it. Absent in older snapshots. */
    readonly exploitation?: boolean;
    /** A grown-up pretending to be a child is a warning sign (the detector's age-lie rule): once. Absent in older snapshots. */
    readonly ageLie?: boolean;
    /** Don't add them on another app (the detector's move-app rule): once. Absent in older snapshots. */
    readonly moveApp?: boolean;
    /** Never let anyone move money through your bank account (the detector's money-mule rule): once. Absent in older snapshots. */
    readonly moneyMule?: boolean;
    /** A parent who took the child's device: understandable, keep it as evidence, not a punishment. Once. Absent in older snapshots. */
    readonly tookDevice?: boolean;
    /** The trusted-adult question has been asked once already (a second asking uses other words). Absent in older snapshots. */
    readonly trustedAsked?: boolean;
    /** A feeling came in place of the trusted-adult answer: said back, and the question asked again (once). */
    readonly trustedAfterFeeling?: boolean;
    /** A fingerprint of the tips' message keys last said: asked again with nothing new, they are not said again. Absent in older snapshots. */
    readonly tips?: number;
    /** They need not keep it secret, after being asked to (the detector's secrecy rules): once. Absent in older snapshots. */
    readonly secret?: boolean;
    /** A teacher or worker asked by the child to keep it secret: told they cannot, and how to say so. */
    readonly workerSecret?: boolean;
    /** They owe nothing for presents or game money given (the detector's gifts rule): once. Absent in older snapshots. */
    readonly gifts?: boolean;
    /** "how long", "is anyone coming": the wait answered in full last time it was asked, so the next is the short line. Absent in older snapshots. */
    readonly waitAgain?: boolean;
    /** While they just talk, a story of home or school was said back with an open question: once. Absent in older snapshots. */
    readonly storyHeard?: boolean;
    /** In danger now, they said they called 999, the police or a grown-up who is coming: the reminders stop asking them to call. Absent in older snapshots. */
    readonly calledHelp?: boolean;
    /** Details a stranger asked for were given ("she already gave it"), escalated once. Absent in older snapshots. */
    readonly detailsGiven?: boolean;
    /** Sexual pictures sent to them: not their fault, don't send them on. Once. Absent in older snapshots. */
    readonly sentImages?: boolean;
    /** "my life is over" while escalated: it is not the end. Once. Absent in older snapshots. */
    readonly notTheEnd?: boolean;
    /** "nobody can help me", "theres no point": people can help, it can be stopped (`shared.no-point`), then the short line. Absent in older snapshots. */
    readonly noPoint?: boolean;
    /** Small talk or a question before anything happened was told: here to help, when they're ready (`child.nothing-told-yet`). Once. Absent in older snapshots. */
    readonly nothingTold?: boolean;
    /** "Are you safe right now?" asked again after a feeling in its place ("no one would care"). Once. Absent in older snapshots. */
    readonly safeAskedAgain?: boolean;
    /** "k" to "do they know where you live?" checked once in plainer words; a second nod is a yes. Absent in older snapshots. */
    readonly knowsPrivateChecked?: boolean;
    /** Shout's text line and Childline's online chat, after "nobodys awake", "can i text someone": once. Absent in older snapshots. */
    readonly cantPhone?: boolean;
    /** What Quick exit does and what stays on the device, after "my dad checks my phone": once, then a short reminder. Absent in older snapshots. */
    readonly deviceSafety?: boolean;
    /** "i talked to u yesterday": glad, and this chat cannot see that one; said once, then a short line. Absent in older snapshots. */
    readonly cameBack?: boolean;
    /**
     * Who is targeted, when it is not a child in their care or themselves: a young person's own grown-up
     * ("my mum is talking to a man online who wants money", `grown-up`), or the adult chatting (`self`). Said once. Absent in older snapshots.
     */
    readonly grownUpTarget?: 'grown-up' | 'self';
    /** "hes 12 he said", beside or after something asked of them: people online can say any age. Once. Absent in older snapshots. */
    readonly claimedAge?: boolean;
    /** "my family will kill me", frightened: asked gently whether they mean being hurt. Once. Absent in older snapshots. */
    readonly fearsHarm?: boolean;
    /** "nvm its nothing": no pressure, the door stays open; said once, then a short line. Absent in older snapshots. */
    readonly backsOff?: boolean;
    /** "lol jk", "just testing": that's okay, and they can tell me if something has happened. Once. Absent in older snapshots. */
    readonly testing?: boolean;
    /** "ok its real actually", after testing: I believe you, taking it seriously. Once. Absent in older snapshots. */
    readonly itsReal?: boolean;
    /** "im gonna tell the police": a good plan, and how. Once. Absent in older snapshots. */
    readonly policePlan?: boolean;
    /** "shes called the police": the police are there to help, not in trouble, what may happen. Once (session 31). Absent in older snapshots. */
    readonly policeInvolved?: boolean;
    /** Someone else shared a young person's nude: not okay, don't send it on, tell a teacher. Once. Absent in older snapshots. */
    readonly peerShared?: boolean;
    /** "I can only read English and Welsh", after a message in another language: once, then a short reminder. Absent in older snapshots. */
    readonly otherLanguage?: boolean;
    /** A counsellor had to leave (handoff failed): "did i do something wrong" is answered about that too. Absent in older snapshots. */
    readonly counsellorLeft?: boolean;
    /** The picture reached their family ("she sent it to my mum"): said once. Absent in older snapshots. */
    readonly imageFamily?: boolean;
    /** "she said she deleted them": they often come back, said once. Absent in older snapshots. */
    readonly notOver?: boolean;
    /** A nude made with AI: the long line once, then `shared.ai-fake-again`. Absent in older snapshots. */
    readonly aiFake?: boolean;
    /** The line for their role (the DSL's, the foster carer's, the grown-up sibling's), said once. */
    readonly roleAdvice?: boolean;
    /** A child who cannot see the danger (parent.cant-see-danger), said once. */
    readonly cantSeeDanger?: boolean;
    /** A parent about to act on their own (parent.acts-alone): the long line once, then the short one. Absent in older snapshots. */
    readonly actsAlone?: boolean;
    /** A parent punishing the child (parent.punish): once, then the short line. Absent in older snapshots. */
    readonly punish?: boolean;
    /** A parent doubting the child's disclosure (parent.believe-child): once, then the short line. Session 29; absent in older snapshots. */
    readonly believeChild?: boolean;
    /** A parent going through the child's account in secret (parent.dont-spy): once, then the short line. Absent in older snapshots. */
    readonly spies?: boolean;
    /** A parent going to a meeting set up with him (parent.trap-meeting): once, then the short line. Absent in older snapshots. */
    readonly trap?: boolean;
    /** Running away to him (<path>.run-away): once, then the short line. Absent in older snapshots. */
    readonly runAway?: boolean;
    /** "Before you go: please don't go to meet him", said on the first silence after a meeting or running away was told. Absent in older snapshots. */
    readonly beforeYouGo?: boolean;
  };
  /**
   * The trusted-adult question asked while the chat waits with nobody coming (escalated, off shift
   * or no counsellor free): `asked` until the next message answers it, then `answered`, so it is
   * asked once. Absent in snapshots from before it existed, which reads as not asked.
   */
  readonly trustedAsk?: 'asked' | 'answered';
  /**
   * After a red flag, how they feel is asked once when no feeling is known yet (young person or
   * friend): `asked` until the next message, then `answered`. Absent in older snapshots.
   */
  readonly feelingsAsk?: 'asked' | 'answered';
  /** "Are you safe right now?", asked once after self-harm is first heard. Absent in older snapshots. */
  readonly safeAsk?: 'asked' | 'answered';
  /** "Are you safe right now?", after harm told as something that keeps happening (`said.dangerNotNow`). Absent in older snapshots. */
  readonly safeHereAsk?: 'asked' | 'answered';
  /** "When you say they'd kill you, are you scared they would hurt you?": `asked` until the next message, then `answered`. Absent in older snapshots. */
  readonly harmAsk?: 'asked' | 'answered';
  /**
   * After a red flag, a parent or carer is asked once about the child's mental health (the path's
   * wellbeing question): `asked` until the next message, then `answered`; `answered` too once the
   * path asked it. Absent in older snapshots.
   */
  readonly wellbeingAsk?: 'asked' | 'answered';
  /**
   * "brb", "my mums coming": `asked` until the next message, so that "ok shes gone" right after is them being
   * back, not an answer to the step's question. Absent in older snapshots.
   */
  readonly pauseAsk?: 'asked' | 'answered';
  /**
   * "nah dont worry" was just met with "no pressure": `asked` until the next message, so that "ok" or "its fine"
   * right after is them leaving it there, not an answer to the step's question. Absent in older snapshots.
   */
  readonly backOffAsk?: 'asked' | 'answered';
  /**
   * A nude of a young person going round among young people was told of (`peer_image`, or one they shared): questions
   * about the law and deleting it are answered for that, not for a stranger. Set by the message reader; absent in older snapshots.
   */
  readonly peerImage?: true;
  /**
   * Someone asked the child or their friend for a picture (the detector's `sexual.image-request`, `nude-request` or
   * `send-request` found, this message or before): a nude going round is then not only among young people (session 41,
   * `peerImageSexualOnly`). Set by the message reader; absent in older snapshots.
   */
  readonly pictureAsked?: true;
  /**
   * The chat's last message with a language sign in it was Welsh ("Rwy'n berson ifanc", "mae dyn yn gofyn am luniau"):
   * a later Welsh message with no sign of its own ("mae e'n 30") keeps its Welsh words as typed, not read as English
   * text-speak ("mae" is "is", not Portuguese "mãe", mum). Session 29. Set by the message reader; absent in older snapshots.
   */
  readonly welshChat?: boolean;
  /** A meeting that already happened was told ("i already met him", "we kissed"). Session 29. Set by the message reader; absent in older snapshots. */
  readonly metInPerson?: true;
  /** The other person was told to be a grown-up ("hes 22", "a man"). Session 29. Set by the message reader; absent in older snapshots. */
  readonly adultTold?: true;
  /** A grown-up of theirs was told ("i told my teacher", "i already told my mum"). Session 30. Set by the message reader; absent in older snapshots. */
  readonly grownUpTold?: true;
  /** They go live on an app ("i go live on tiktok"). Session 30. Set by the message reader; absent in older snapshots. */
  readonly goesLive?: true;
  /** Which half of a carer's signs of exploitation was told (things unexplained, out late or secret where from, or both). Session 30. Set by the message reader; absent in older snapshots. */
  readonly signHalf?: 'things' | 'out' | 'both';
  /**
   * Their story named one of their own grown-ups ("my uncle", "my coach") and nothing online or a
   * stranger: the path skips which app, how long and private things, and asks about another grown-up.
   * Absent in older snapshots.
   */
  readonly knownAdult?: boolean;
  /** The story is bullying by children they know ("a boy in my class keeps calling me names"): bullying tips. Absent in older snapshots. */
  readonly bullying?: boolean;
  /**
   * A parent's or carer's worry with nothing that happened yet ("dunno shes just been off"): the questions
   * about changes, then general advice rather than an incident's. Absent in older snapshots.
   */
  readonly vagueWorry?: boolean;
  /** Plain messages heard while escalated, so the listening line varies instead of repeating. Absent in older snapshots. */
  readonly heard?: number;
  /** Plain messages heard while in danger now, so the 999 reminder gives its steps in turn instead of one line again and again. Absent in older snapshots. */
  readonly dangerHeard?: number;
  /** Nothing had happened, they wanted to talk: listening, until a story about someone starts the path's questions. Absent in older snapshots. */
  readonly justTalking?: boolean;
  /**
   * A grown-up whose part differs from a parent's (session 26): the safeguarding lead ("im the dsl"), a foster
   * carer, or a sibling of 18 or over. Absent in older snapshots, and for everyone else.
   */
  readonly adultRole?: 'dsl' | 'foster' | 'older-sibling';
  /** A carer said the child has learning difficulties or autism (session 26): "how do i explain it" gets simple, concrete words. Absent in older snapshots. */
  readonly additionalNeeds?: boolean;
  readonly summary: ConversationSummary;
}

/**
 * What taking a message writes into the context, before its transition is chosen (see
 * `createHarbourMachine`): the detector's findings and the answer read once, the detector's new
 * state, the summary with anything the message added.
 */
export interface MessageReading {
  readonly turn: TurnAnalysis;
  readonly detector: DetectorState;
  readonly summary: ConversationSummary;
  readonly checkIns: 0;
  /** Set when this message first tells of a nude going round among young people (see `HarbourContext.peerImage`). */
  readonly peerImage?: true;
  /** Set when this message first finds a picture asked for (see `HarbourContext.pictureAsked`). */
  readonly pictureAsked?: true;
  /** Whether the chat is in Welsh from here (see `HarbourContext.welshChat`), when this message says so either way. */
  readonly welshChat?: boolean;
  /** Set when this message first tells of a meeting that already happened (see `HarbourContext.metInPerson`). */
  readonly metInPerson?: true;
  /** Set when this message first tells the other person is a grown-up (see `HarbourContext.adultTold`). */
  readonly adultTold?: true;
  /** Set when this message first tells a grown-up of theirs was told (see `HarbourContext.grownUpTold`). */
  readonly grownUpTold?: true;
  /** Set when this message first tells they go live (see `HarbourContext.goesLive`). */
  readonly goesLive?: true;
  /** Set when this message tells a half of a carer's signs not known before (see `HarbourContext.signHalf`). */
  readonly signHalf?: 'things' | 'out' | 'both';
  /**
   * Set when, on the friend path, this message first names who it is about as family ("its my little sister shes 11"),
   * after "for a friend" was chosen: `{friend}` says "your sister" from then on, not "your friend" (session 28).
   */
  readonly sayFacts?: HarbourContext['sayFacts'];
}

/**
 * A child's message as the machine's transitions see it: read before any guard looks at it (see
 * `createHarbourMachine`), so that routing and the current step's answer are one transition.
 */
export interface ReadMessage {
  readonly type: 'user.message';
  readonly text: string;
  /** Filled in by the machine itself for every message it takes; never trusted from outside. */
  readonly reading?: MessageReading;
}

export type HarbourEvent = Exclude<DialogEvent, { readonly type: 'user.message' }> | ReadMessage;

export type { DialogEmitted, DialogInput };

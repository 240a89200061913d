import { URGENCY_RANK, type Category, type Finding, type Urgency } from './safety/finding.js';
import type { HarbourContext } from './harbour.types.js';
import type { Audience, BotSay, DialogEmitted } from './types.js';

/**
 * What the bot says in the moments that matter most (escalation, routes, closing), as pure
 * functions of the context: which keys, in which order. The words themselves are in content.
 */

/** Which set of wording a step uses: the child's own, a friend's, or an adult's. */
export type PathPrefix = 'child' | 'friend' | 'parent';

export function pathOf(audience: Audience | undefined): PathPrefix {
  if (audience === 'friend') return 'friend';
  if (audience === 'parent_carer' || audience === 'someone_else') return 'parent';
  return 'child';
}

/**
 * Who is targeted, when it is not the young person or a child in the adult's care: their own grown-up
 * (`grown-up`: "my mum is talking to a man online who wants money"), or, on the adult path, the adult
 * chatting (`self`: "im being blackmailed myself", "its me not my kid"). Known from this message or before.
 */
export function grownUpTargetOf(ctx: HarbourContext, turn: HarbourContext['turn'] = ctx.turn): 'grown-up' | 'self' | undefined {
  // (`turn`: the message being read, before it is in the context; no copy of the context to pass it.)
  const adult = pathOf(ctx.audience ?? turn.audience) === 'parent';
  if (adult) return ctx.said.grownUpTarget === 'self' || turn.adultIsVictim === true ? 'self' : undefined;
  if (turn.grownUpTargeted === true) return 'grown-up';
  // Known before, but this message is about them ("now hes asking me for pics"): their own lines apply.
  return ctx.said.grownUpTarget === 'grown-up' && turn.aboutSelf !== true ? 'grown-up' : undefined;
}

export function isAdult(ctx: HarbourContext): boolean {
  return pathOf(ctx.audience) === 'parent';
}

/**
 * The helplines for a grown-up (the NSPCC helpline; the child can call Childline): the parent path, and a brother or
 * sister of 18 or over on the friend path (`adultRole` 'older-sibling'), who is too old for Childline (session 29).
 */
export function hearsGrownUpHelplines(ctx: HarbourContext): boolean {
  return isAdult(ctx) || ctx.adultRole === 'older-sibling';
}

/** Whether a counsellor may still come: the bot never says one will when nobody can. */
export function isPersonComing(ctx: HarbourContext): boolean {
  return ctx.counsellorOnShift && ctx.handoff !== 'unavailable';
}

/** A counsellor has been asked for and can come, and has not joined yet. */
export function isWaitingForPerson(ctx: HarbourContext): boolean {
  return (ctx.handoff === 'requested' || ctx.handoff === 'queued') && isPersonComing(ctx);
}

/**
 * Their feelings for the person ("hes not like that", "i love him", "age is just a number"; `caresForThem`): the first
 * time, `<path>.cares`; defending them again, a young person, `child.cares-again` (not judging, wanting them safe);
 * each once (`mark` is what `said` records). `undefined` when the message says no such thing or both were said.
 */
export function caresLine(ctx: HarbourContext): { line: BotSay; mark: 'cares' | 'caresAgain' } | undefined {
  if (ctx.turn.caresForThem !== true) return undefined;
  if (ctx.said.cares !== true) return { line: say(`${pathOf(ctx.audience)}.cares`), mark: 'cares' };
  if (ctx.said.caresAgain !== true && pathOf(ctx.audience) === 'child') return { line: say('child.cares-again'), mark: 'caresAgain' };
  return undefined;
}

/** Which "don't send, don't pay" line fits: see {@link dontSendOrPay}. */
export type DontSendKind = 'dont-send' | 'dont-pay' | 'dont-send-or-pay';

/**
 * "Don't send anything, don't pay" in the words of who is chatting (a parent hears what the child
 * should do), fitted to what was asked: money alone is "don't pay", pictures alone "don't send". A
 * threat gets both (blackmail asks for more pictures or for money, whichever the detector heard),
 * and so does pressure with nothing more known. Said once; when only one half was said ("don't pay")
 * and the other comes up later (pictures asked for), the other half is said then; a threat later
 * adds no half by itself. `kind` is what has been said, with this line.
 */
export function dontSendOrPay(ctx: HarbourContext, categories: Iterable<string>): { line?: BotSay; kind: DontSendKind } {
  let money = false;
  let pictures = false;
  let threat = false;
  for (const c of categories) {
    if (c === 'financial') money = true;
    else if (c === 'sexual') pictures = true;
    else if (c === 'threat_blackmail') threat = true;
  }
  const wanted: DontSendKind = threat || money === pictures ? 'dont-send-or-pay' : money ? 'dont-pay' : 'dont-send';
  // Snapshots from before the halves were told apart said the whole line.
  const already = ctx.said.dontSend ? (ctx.said.dontSendWhat ?? 'dont-send-or-pay') : undefined;
  const lineOf = (kind: DontSendKind): BotSay => adviceFor(ctx, kind);
  if (already === undefined) return { line: lineOf(wanted), kind: wanted };
  if (already === 'dont-send-or-pay' || already === wanted) return { kind: already };
  // The other half only once what it is about has come up: a threat after pictures were asked for
  // ("he said hes gonna find me") is not a reason to say "don't pay" to a child nobody asked for money.
  const other: DontSendKind = already === 'dont-pay' ? 'dont-send' : 'dont-pay';
  if (!(other === 'dont-pay' ? money : pictures)) return { kind: already };
  return { line: lineOf(other), kind: 'dont-send-or-pay' };
}

/** An advice line in the words of who is chatting: `advice.<name>` for a young person, `friend.advice.<name>`, `parent.advice.<name>`. */
function adviceFor(ctx: HarbourContext, name: string): BotSay {
  const path = pathOf(ctx.audience);
  return say(path === 'child' ? `advice.${name}` : `${path}.advice.${name}`);
}

/** "what if i meet him somewhere public": don't go, not even somewhere busy; a planned meeting is told to a grown-up. */
export function dontMeet(ctx: HarbourContext): BotSay {
  // A teacher or worker: not "don't let the child go", a parent's part, but the DSL now and 999 if it is today.
  if (ctx.audience === 'someone_else') return say('parent.advice.dont-meet-staff');
  return adviceFor(ctx, 'dont-meet');
}

/**
 * Don't meet, said again: a young person who, after the first "don't go", still plans it ("im meeting him tmrw",
 * "idk whether to go") hears it plainly again, with why and what to do before then (`advice.dont-meet-again`),
 * not the same line word for word. Others hear their own line again.
 */
export function dontMeetNow(ctx: HarbourContext): BotSay {
  if (ctx.said.dontMeet === true && pathOf(ctx.audience) === 'child') return say('advice.dont-meet-again');
  return dontMeet(ctx);
}

/** The detector's rules for someone wanting to meet the child (red-flags.yaml; combos across turns). */
export const MEETING_RULES: ReadonlySet<string> = new Set([
  'lex:immediate_danger.meeting-soon',
  'lex:meet_or_secrecy.meet-request',
  'lex:meet_or_secrecy.meet-up',
  'ctx:meet-soon',
  'ctx:meet-soon-weak',
  'ctx:adult-and-meet',
  // session 27: "he sed come to park", "hes waiting for me outside school", "he said ill come get u"
  'lex:meet_or_secrecy.come-to-place',
  'lex:meet_or_secrecy.waits-for-child',
  'lex:meet_or_secrecy.fetch-child',
]);

/** The detector's rule for someone checking or wanting the child alone ("wants to see me alone after training"). */
export const ALONE_CHECK_RULE = 'lex:meet_or_secrecy.alone-check';

/** The detector's rule for a grown-up's age told beside a meeting ("wants to meet me" … "hes 30 sumthin"). */
export const ADULT_AND_MEET_RULE = 'ctx:adult-and-meet';

/** The detector's rules for a stranger who knows where the child lives or goes to school ("he knows my school"). */
export const KNOWS_WHERE_RULES: ReadonlySet<string> = new Set(['lex:personal_info.knows-details', 'lex:personal_info.stranger-says-knows']);

/** The detector's rules for being asked to keep it secret ("he sed dont tell my mum", "delete our chats"). */
export const SECRECY_RULES: ReadonlySet<string> = new Set(['lex:meet_or_secrecy.secrecy', 'lex:meet_or_secrecy.secrecy-asked', 'lex:meet_or_secrecy.never-know']);

/** The detector's rule for presents or game money given to the child ("he gave me robux"). */
export const GIFTS_RULE = 'lex:meet_or_secrecy.gifts-grooming';

/** The detector's rules for being hurt or abused: beside their own household ("my dad hits me"), someone at home is the problem. */
export const HURT_AT_HOME_RULES: ReadonlySet<string> = new Set(['lex:immediate_danger.being-hurt', 'lex:sexual.abuse-disclosed', 'lex:threat_blackmail.violence']);

/** The detector's rules for a grown-up as a child's boyfriend or girlfriend ("my boyfriend is 19 and im 13"), or asking to be ("a man keeps asking me to be his gf"). */
export const OLDER_PARTNER_RULES: ReadonlySet<string> = new Set(['ctx:adult-and-romance', 'ctx:man-asks-out']);

/** The detector's rule for a lie about age ("he said hes 10 but he sounds like a grown up"). */
export const AGE_LIE_RULE = 'lex:meet_or_secrecy.age-lie';

/** The detector's rule for a move to another, more private app ("he wants my snap"). */
export const MOVE_APP_RULE = 'lex:meet_or_secrecy.move-app';

/** "should i just pay her": no, it won't make them stop, they often ask for more; stop replying, keep the chat. */
export function dontComply(ctx: HarbourContext): BotSay {
  // Only their address, school or where they are asked for ("shud i giv him my adress"): no pictures, money or threat
  // known, so "paying or sending more won't make them stop" would not fit.
  const known = new Set([...(ctx.summary.categories ?? []), ...ctx.turn.categories]);
  const detailsOnly = known.has('personal_info') && !known.has('sexual') && !known.has('financial') && !known.has('threat_blackmail');
  // Only pictures asked for ("my boyfriend keeps asking for nudes" / "should i send one"): no money or threat known, so
  // "paying or sending more won't make them stop" would not fit either.
  const picturesOnly = known.has('sexual') && !known.has('financial') && !known.has('threat_blackmail');
  return adviceFor(ctx, detailsOnly ? 'dont-comply-details' : picturesOnly ? 'dont-comply-pictures' : 'dont-comply');
}

/** The detector's rule for sexual abuse told of ("he touches me"): no picture was asked for. */
export const ABUSE_DISCLOSED_RULE = 'lex:sexual.abuse-disclosed';

/**
 * The detector's rules for the person contacting them threatening to hurt themselves if the child blocks them, tells
 * or leaves ("if i block him hell kill himself"): pressure to control the child, not blackmail, not a threat to come,
 * and not the child's own self-harm. The conditional-threat rule fires on the same words ("if i block").
 */
export const SUICIDE_PRESSURE_RULE = 'lex:threat_blackmail.suicide-pressure';
const CONDITIONAL_THREAT_RULE = 'lex:threat_blackmail.conditional-threat';

/** The detector's rule for a threat to hurt someone ("theyll beat her up"), not blackmail. */
export const VIOLENCE_RULE = 'lex:threat_blackmail.violence';
/** The detector's rule for money muling ("hold money in my bank account and send it on"). */
export const MONEY_MULE_RULE = 'lex:financial.money-mule';

/** A threat said again in other words (the detector's combination rule): blackmail only when the threat before it was. */
export const THREAT_RENEWED_RULE = 'ctx:threat-renewed';

/** A threat finding that is blackmail (something to send or pay), not only a threat to hurt: see {@link VIOLENCE_RULE}. */
function isBlackmailFinding(f: Finding, blackmailBefore: boolean): boolean {
  return f.category === 'threat_blackmail' && f.rule !== VIOLENCE_RULE && (f.rule !== THREAT_RENEWED_RULE || blackmailBefore);
}

/**
 * Whether this message's threat findings are blackmail, as `isBlackmailFinding` says, with one more
 * case that is not: a threat only the classifier heard, with nothing asked for in this message or before
 * (no picture asked for, no money: "he sed he wil cum 2 my hous"). "Don't send them anything, and don't
 * pay them" would answer a question nobody asked. `known` is the summary's categories (with or without
 * this message's: its findings are counted either way).
 */
export function threatIsBlackmail(findings: readonly Finding[], blackmailBefore: boolean, known: readonly string[] | undefined): boolean {
  const asked =
    blackmailBefore ||
    (known ?? []).some((c) => c === 'sexual' || c === 'financial') ||
    findings.some((f) => f.category === 'financial' || (f.category === 'sexual' && f.rule !== ABUSE_DISCLOSED_RULE));
  return findings.some((f) => isBlackmailFinding(f, blackmailBefore) && (asked || !f.rule.startsWith('model:')));
}

/** What the counsellor's summary says was told when every threat finding was a threat to hurt. */
export const VIOLENCE_THREATENED = 'threats of violence';

/**
 * Blackmail or pressure has come up (not only a threat to hurt): the summary's `asked` says "threats
 * or blackmail". "Don't send, don't pay" and the image advice fit blackmail, not "theyll beat her up".
 */
export function blackmailKnown(ctx: HarbourContext): boolean {
  return (ctx.summary.asked ?? []).includes(ASKED.threat_blackmail ?? '');
}

/**
 * A parent's "what do i tell him": how to support the child. Threatened (blackmail known), with the
 * risk that a child threatened like this may hurt themselves; otherwise without talk of threats.
 */
export function supportChildLine(ctx: HarbourContext): BotSay {
  return say(blackmailKnown(ctx) ? 'parent.advice.support-child' : 'parent.advice.support-child-general');
}

/** What the counsellor's summary says was told when the only sexual finding was abuse told of. */
export const ABUSE_TOLD = 'sexual abuse told of';

/**
 * Abuse told of ("he touches me"), or a story about one of their own grown-ups ("my uncle…", see
 * `knownAdult`), with nothing online in it: no app named, and no pictures, money or details asked
 * for. Blocking in an app, keeping the chat and reporting to CEOP do not fit; the tips are about
 * telling someone safe, keeping away from that person, and the police.
 */
export function isHarmInPerson(ctx: HarbourContext): boolean {
  if ((ctx.said.abuseTold !== true && ctx.knownAdult !== true) || ctx.summary.app !== undefined) return false;
  const online = [ASKED.sexual, ASKED.financial, ASKED.personal_info];
  return !(ctx.summary.asked ?? []).some((a) => online.includes(a));
}

/** The tips for harm in person, by path: in place of the online tips, never beside them. */
export const IN_PERSON_TIPS: Record<PathPrefix, readonly string[]> = {
  child: ['child.advice.abuse-tell', 'child.advice.abuse-help', 'child.come-back'],
  friend: ['friend.advice.tell-adult', 'friend.advice.abuse-help', 'friend.come-back'],
  parent: [
    'parent.advice.stay-calm',
    'parent.advice.abuse-listen',
    'parent.advice.abuse-keep-away',
    'parent.advice.abuse-report',
    'parent.advice.child-can-talk',
    'parent.advice.watch',
  ],
};

/**
 * Someone else's in-person tips (a teacher, a coach): their safeguarding lead comes first (said
 * before these), and keeping the child away from that person is the parent's or carer's part.
 */
export const IN_PERSON_TIPS_AT_WORK: readonly string[] = IN_PERSON_TIPS.parent.map((key) =>
  key === 'parent.advice.abuse-keep-away' ? 'parent.advice.abuse-dont-ask' : key,
);

/**
 * Self-harm is the worry, and nothing online: no app named, no threat, nothing asked for (pictures,
 * money, details), and no secret but the one a friend asked them to keep ("she made me promise not to
 * tell"). Blocking in an app, keeping evidence and CEOP do not fit; the tips are about telling someone,
 * moments that feel too much, and (a parent) the GP and keeping things out of reach.
 */
export function isSelfHarmOnly(ctx: HarbourContext): boolean {
  const categories = ctx.summary.categories ?? [];
  if (!categories.includes('self_harm') || ctx.summary.app !== undefined) return false;
  const online: readonly string[] = ['sexual', 'financial', 'personal_info', 'threat_blackmail'];
  if (categories.some((c) => online.includes(c))) return false;
  return !categories.includes('meet_or_secrecy') || ctx.said.friendSecret === true;
}

/** The tips for self-harm alone, by path: in place of the online tips, never beside them. */
export const SELF_HARM_TIPS: Record<PathPrefix, readonly string[]> = {
  child: ['child.advice.self-harm-tell', 'child.advice.self-harm-moments', 'child.come-back'],
  friend: ['friend.advice.tell-adult', 'friend.advice.self-harm-care', 'friend.come-back'],
  parent: ['parent.advice.stay-calm', 'parent.advice.self-harm-listen', 'parent.advice.self-harm-safe', 'parent.advice.child-can-talk', 'parent.advice.watch'],
};

/** The detector's rule for a password, login or code asked for (red-flags.yaml, financial). */
export const LOGINS_RULE = 'lex:financial.logins';
/** The detector's rule for their address, school or whereabouts asked for ("wants my adress", "asked what school i go to"). */
export const ASKS_DETAILS_RULE = 'lex:personal_info.asks-details';

/** The word blackmail or sextortion ("blackmailing", "being sextorted"): a threat over what they have, not to turn up. */
const BLACKMAIL_WORD = /\b(?:blackmail|sextort)/i;

/** The detector's rule for a threat to share pictures (blackmail, not a threat to turn up). */
const SHARE_IMAGES_RULE = 'lex:threat_blackmail.share-images';

/**
 * The detector's rule for a threat to share pictures the person has ("she'll send them to all my
 * followers"): the child's image worry. Not `ctx:pics-then-threat`, which also fires on a picture
 * asked for beside a threat ("he wants a pic of me… he says i owe him"): nothing was sent.
 */
export const IMAGE_THREAT_RULES: ReadonlySet<string> = new Set([SHARE_IMAGES_RULE]);

/** The dialog's own finding: details a stranger asked for were given ("she already gave it"). */
export const DETAILS_GIVEN_RULE = 'dialog:details-given';

/**
 * The detector's rules for menace without a stated act ("he said hes gonna find me", "i know where
 * you live") and for a stranger who knows where they live or go to school (or was given it): they may turn up.
 */
export const MAY_TURN_UP_RULES: ReadonlySet<string> = new Set([
  'lex:threat_blackmail.conditional-threat',
  'lex:personal_info.knows-details',
  'lex:personal_info.stranger-says-knows',
  DETAILS_GIVEN_RULE,
]);

/** The detector's isolation rule, which also holds running away to them ("run away with him", "come live with him"). */
const ISOLATION_RULE = 'lex:meet_or_secrecy.isolation';
/** Running away to them or living with them, in an isolation finding's evidence (the child's own words). */
const RUN_AWAY_WORDS = /\b(run+ing|run|ran)\s+away\b|\blive\s+with\b/i;

/** Someone wants to meet them: a meeting rule, or an isolation finding that is running away to them. */
function isMeetingFinding(f: Finding): boolean {
  return MEETING_RULES.has(f.rule) || (f.rule === ISOLATION_RULE && f.evidence.some((e) => RUN_AWAY_WORDS.test(e.text)));
}

/** A password, login or code in a finding's evidence: the child's own spelling ("pasword", "passwrd"). */
const LOGIN_WORDS = /\bpas+w(?:or|r|o)?d|\blog ?ins?\b|\bsign ?in\b|\bverification code|\b2fa\b|\bsecurity code/i;

/** A password, login or code asked for: the detector's rule, or a money finding whose evidence names one. */
function asksForLogin(f: Finding): boolean {
  return f.rule === LOGINS_RULE || (f.category === 'financial' && f.evidence.some((e) => LOGIN_WORDS.test(e.text)));
}

/** The child said yes to "has this person asked you to say or do things that feel wrong or scary?". */
export const ASKED_WRONG_OR_SCARY = 'something that felt wrong or scary';

/** The sexual rules that say someone asked the child (or their friend) for a picture (see `HarbourContext.pictureAsked`). */
export const PICTURE_ASKED_RULES: ReadonlySet<string> = new Set(['lex:sexual.image-request', 'lex:sexual.nude-request', 'lex:sexual.send-request']);

/** What the stranger asked for, by category, for the counsellor's summary. */
export const ASKED: Partial<Record<Category, string>> = {
  sexual: 'images or sexual talk',
  meet_or_secrecy: 'to meet or keep secrets',
  financial: 'money or account details',
  personal_info: 'personal details',
  threat_blackmail: 'threats or blackmail',
};

export function union<T>(a: readonly T[] | undefined, b: readonly T[]): readonly T[] {
  return [...new Set([...(a ?? []), ...b])];
}

export function say(key: string, extra: Omit<BotSay, 'type' | 'key'> = {}): BotSay {
  return { type: 'bot.say', key, ...extra };
}

/**
 * A line that has a grown-up's version (`<key>-adult`, about the child) and a friend's (`<key>-friend`,
 * about their friend, who may be with them) beside the young person's (`<key>`): 999 now, self-harm
 * support, "are you safe right now?" and the follow-ups after immediate danger.
 */
export function sayToReader(ctx: HarbourContext, key: string, extra: Omit<BotSay, 'type' | 'key'> = {}): BotSay {
  const path = pathOf(ctx.audience);
  return say(path === 'parent' ? `${key}-adult` : path === 'friend' ? `${key}-friend` : key, extra);
}

/**
 * 999 again while they are in danger now: the self-harm wording speaks of something taken; "not
 * safe" after self-harm, of not being alone and moving away from what could hurt them; other danger
 * gets the plain one.
 */
export function stillInDanger(ctx: HarbourContext): BotSay {
  // They said they called 999 or the police: not "please call 999 now" again, but stay safe, and 999 again if anything changes.
  if (ctx.said.calledHelp === true) {
    // Someone at the door, and a young person alone with it: still, don't open it.
    if (ctx.said.outside === true && pathOf(ctx.audience) === 'child') return say('escalation.help-coming-door');
    return sayToReader(ctx, 'escalation.help-coming');
  }
  const selfHarm = selfHarmIsTheDanger(ctx);
  if (selfHarm && ctx.said.notSafe === true) return sayToReader(ctx, 'escalation.still-not-safe');
  return sayToReader(ctx, selfHarm ? 'escalation.still-in-danger-self-harm' : 'escalation.still-in-danger');
}

/**
 * Self-harm came up and is what puts them in danger now (an overdose taken, "not safe"), so the 999 reminders speak
 * of it ("some things you take can hurt you hours later"). Not when it was first heard, not itself danger now, while
 * they were already in danger now from something else ("hes given me 1 hour", then "might just kms"): see
 * {@link selfHarmFirstBesideDanger} and `said.selfHarmBesideDanger`.
 */
export function selfHarmIsTheDanger(ctx: HarbourContext): boolean {
  if (ctx.summary.categories?.includes('self_harm') !== true) return false;
  return ctx.said.selfHarmBesideDanger !== true && !selfHarmFirstBesideDanger(ctx);
}

/** This message is the first to raise self-harm, not as danger now, while the chat is already in danger now. */
export function selfHarmFirstBesideDanger(ctx: HarbourContext): boolean {
  return (
    ctx.said.selfHarm !== true &&
    ctx.urgency === 'immediate' &&
    ctx.said.safeNow !== true &&
    ctx.said.dangerNotNow !== true &&
    ctx.turn.urgency !== 'immediate' &&
    ctx.turn.findings.some((f) => f.category === 'self_harm')
  );
}

/** The dialog's finding for being home alone after someone who knows where they live or a threat (analyse.ts). */
export const HOME_ALONE_FINDING = 'dialog:home-alone-at-risk';

/** The detector's rule for the same (home alone, with personal details or a threat in its window). */
export const HOME_ALONE_RULE = 'ctx:home-alone-at-risk';

/** Home alone after someone who knows where they live or a threat, found by the detector or the dialog. */
export function isHomeAloneFinding(f: { readonly rule: string }): boolean {
  return f.rule === HOME_ALONE_FINDING || f.rule === HOME_ALONE_RULE;
}

/** The dialog's finding for criminal exploitation ("take a bag to another town for 300"; analyse.ts). */
export const EXPLOITATION_FINDING = 'dialog:criminal-exploitation';

/**
 * A parent or carer's signs of exploitation, both halves told (things they cannot explain, and out late or secret about where
 * from), found by the dialog so a counsellor is asked for, as for a parent's signs of grooming (session 31, tester's #20, Z07).
 */
export const EXPLOITATION_SIGNS_FINDING = 'dialog:exploitation-signs';

/** Found by the dialog: someone they know coming in where they sleep or wash ("my cousin came in my room"). Nothing told yet of what happened. */
export const KNOWN_ADULT_IN_ROOM_FINDING = 'dialog:known-adult-in-room';

/** A grown-up ("hes 22", "a man") who already met or kissed the child ("i met a man from snapchat last week"), found by the dialog (session 29). */
export const MET_ADULT_FINDING = 'dialog:met-adult';

/** A grown-up's age told ("hes 24") after pictures were asked of a young person, found by the dialog (session 29; session 27's leftover #1). */
export const ADULT_ASKED_IMAGES_FINDING = 'dialog:adult-asked-images';

/** The detector's rule for someone outside or at the door now. */
export const SOMEONE_OUTSIDE_RULE = 'lex:immediate_danger.someone-outside';

/**
 * The n-th plain message while in danger now: a young person with someone there (not self-harm)
 * hears the steps in turn (the door, when someone is outside; the call; the reminder), so a frightened
 * child writing "im in my room", "he is knocking" is not answered with one line again and again.
 * Everyone else hears the reminder ({@link stillInDanger}). Every step says 999.
 */
export function dangerStep(ctx: HarbourContext, n: number): BotSay {
  const selfHarm = selfHarmIsTheDanger(ctx);
  // "its 1am tho", "everyones asleep", after "tell a grown-up near you": okay to wake one for this, not the reminder again.
  if (pathOf(ctx.audience) === 'friend' && ctx.said.calledHelp !== true && (ctx.turn.lateHour === true || ctx.turn.othersAsleep === true)) return say('escalation.wake-ok-friend');
  if (pathOf(ctx.audience) === 'friend' && !selfHarm && ctx.said.calledHelp !== true) return say(DANGER_STEPS_FRIEND[n % DANGER_STEPS_FRIEND.length] ?? 'escalation.still-in-danger-friend');
  // A young person who has hurt themselves or taken something: the reminder, then tell someone near
  // them (wake someone), then doctors want to help and they won't be in trouble; 999 in every one.
  if (pathOf(ctx.audience) === 'child' && selfHarm && ctx.said.calledHelp !== true) {
    // "everyones asleep": wake them now, not "ask someone near you", whichever step was next.
    if (ctx.turn.othersAsleep === true || ctx.turn.lateHour === true) return say(WAKE_THEM);
    const step = n % DANGER_STEPS_SELF_HARM.length;
    return step === 0 ? stillInDanger(ctx) : say(DANGER_STEPS_SELF_HARM[step] ?? 'escalation.still-in-danger-self-harm');
  }
  if (pathOf(ctx.audience) !== 'child' || selfHarm || ctx.said.calledHelp === true) return stillInDanger(ctx);
  const steps = ctx.said.outside === true ? DANGER_STEPS_OUTSIDE : DANGER_STEPS;
  // "the door is locked": said back, keep it locked and call, whichever step was next.
  if (ctx.said.outside === true && ctx.turn.doorLocked === true) return say('escalation.danger-door-locked');
  return say(steps[n % steps.length] ?? 'escalation.still-in-danger');
}

const DANGER_STEPS = ['escalation.danger-call', 'escalation.still-in-danger'] as const;
/** A young person in danger from self-harm: the reminder (its own words after "not safe"), then two other ways of saying call now. */
const DANGER_STEPS_SELF_HARM = ['escalation.still-in-danger-self-harm', 'escalation.self-harm-wake-someone', 'escalation.self-harm-doctors'] as const;
/** "Please wake them up now": for "everyones asleep", in place of the next self-harm danger step. */
export const WAKE_THEM = 'escalation.self-harm-wake-them';
/** Whether the n-th self-harm danger step would be "wake someone up". */
export function wakeSomeoneNext(n: number): boolean {
  return DANGER_STEPS_SELF_HARM[n % DANGER_STEPS_SELF_HARM.length] === 'escalation.self-harm-wake-someone';
}
/** Someone asking for a friend in danger now ("she's meeting him tonight", "she wont listen"): tell a grown-up now, then the reminder. */
const DANGER_STEPS_FRIEND = ['escalation.danger-tell-friend', 'escalation.still-in-danger-friend'] as const;
const DANGER_STEPS_OUTSIDE = ['escalation.danger-door', 'escalation.danger-call', 'escalation.still-in-danger'] as const;

/** The words that close every chat: helplines for who is chatting. */
export function closingHelplines(ctx: HarbourContext): BotSay {
  return say(hearsGrownUpHelplines(ctx) ? 'close.helplines.adult' : 'close.helplines.child');
}

/** Routes that fit the urgency: 999 first when immediate, then 24/7 helplines and CEOP. */
export function routesFor(ctx: HarbourContext): BotSay[] {
  const out: BotSay[] = [];
  if (ctx.urgency === 'immediate') out.push(sayToReader(ctx, 'safety.immediate'));
  if (ctx.summary.categories?.includes('self_harm')) out.push(sayToReader(ctx, 'safety.self-harm'));
  out.push(say(hearsGrownUpHelplines(ctx) ? 'helplines.now.adult' : 'helplines.now.child'));
  out.push(say('report.ceop'));
  return out;
}

/** Escalation wording and the `handoff.requested` event, shared by detector and dialog findings. */
export function escalation(ctx: HarbourContext, urgency: Urgency, findings: readonly Finding[]) {
  const categories = new Set(findings.map((f) => f.category));
  const isFirst = ctx.handoff === 'none' || ctx.urgency === undefined;
  const raises = ctx.urgency === undefined || URGENCY_RANK[urgency] > URGENCY_RANK[ctx.urgency];
  const withPerson = ctx.handoff === 'accepted';
  // A category no request has carried yet is news for the console, even at the same urgency.
  const already = new Set(ctx.escalated ?? []);
  const fresh = [...categories].filter((c) => !already.has(c));
  const out: DialogEmitted[] = [];
  if (raises || ctx.handoff === 'none' || fresh.length > 0) {
    // A new category at a lower urgency never lowers what the wire says: the most urgent so far.
    const asked = raises || ctx.urgency === undefined ? urgency : ctx.urgency;
    out.push({ type: 'handoff.requested', urgency: asked, findings, reason: 'red_flag' });
  }
  // 999 first, every time: the child may be in danger now, whoever is on shift.
  // A parent's "hes locked himself in his room and wont talk": not the silent-999 steps for someone who cannot
  // speak, but stay close, knock, not angry, not his fault, and 999 if he may hurt himself (the request still immediate).
  // A friend telling us their friend may end their life ("he says he's gonna kill himself"): the friend can talk, so 999 or a
  // grown-up near them now, not the silent-999 steps for someone who cannot speak (session 28).
  const friendSelfHarmNow = pathOf(ctx.audience) === 'friend' && findings.filter((f) => f.urgency === 'immediate').every((f) => f.category === 'self_harm');
  if (urgency === 'immediate') out.push(pathOf(ctx.audience) === 'parent' && ctx.turn.lockedIn === true ? say('parent.locked-in') : friendSelfHarmNow ? say('safety.immediate-friend-self-harm') : sayToReader(ctx, 'safety.immediate'));
  // Home alone, after someone who knows where they live or a threat: what to do about the door, now.
  const homeAlone = pathOf(ctx.audience) !== 'friend' && findings.some(isHomeAloneFinding);
  if (homeAlone) out.push(say(`${pathOf(ctx.audience)}.home-alone-safety`));
  // "hes not like that he loves me", "hes the only one who gets me", where the detector hears the romance or isolation
  // again: their feelings heard (see `caresLine`), in place of "a counsellor will be able to read this".
  const cares = withPerson ? undefined : caresLine(ctx);
  if (!withPerson) {
    if (isFirst) out.push(say('escalation.serious'));
    // More serious than before, and nobody can come: not the first lines again word for word.
    else if (raises && !isPersonComing(ctx)) out.push(say('escalation.raised-off-shift'));
    else if (raises) out.push(say('escalation.raised'));
    // Still in danger now, and this message is less urgent ("i have some of my mums pills" after "not
    // safe"): 999 again, as for any message then, not only "thank you for telling me".
    else if (urgency !== 'immediate' && ctx.urgency === 'immediate' && ctx.said.safeNow !== true && ctx.said.dangerNotNow !== true) out.push(stillInDanger(ctx));
    else if (cares !== undefined) out.push(cares.line);
    else if (isPersonComing(ctx)) out.push(say('escalation.noted'));
    else out.push(sayToReader(ctx, 'escalation.noted-no-counsellor'));
  }
  const selfHarmLine = categories.has('self_harm') && (!ctx.said.selfHarm || urgency === 'immediate');
  if (selfHarmLine) out.push(sayToReader(ctx, 'safety.self-harm'));
  // Abuse told of ("he touches me") is sexual, but nothing was asked for: "don't send pictures"
  // would not fit; they hear, once, that nobody may do that and that it is not their fault.
  // Nor when pictures were sent to them and nothing asked back ("he sent me a dick pic"): the request
  // rule reads "sent me a … pic" too; "and wants one back" is asking.
  // Nor when they shared someone else's picture ("i sent a nude of a girl in my class"): nothing was asked of them.
  // Nor for a fake made of them ("someone made a fake nude of me with ai"): nothing was asked of them either, and
  // the fake's own line follows; a threat or money asked for with it still gets "don't send, don't pay".
  // Someone they know, in person ("my uncle makes me sit on his lap"): nothing was asked for by message either; the abuse
  // line, never "don't send them any pictures" (session 29, tester's pattern C; `harmInPerson` in readMessage).
  const inPerson = ctx.turn.harmInPerson === true;
  const nothingAsked = ctx.turn.asksInReturn !== true;
  // A nude going round among young people, told of with nothing asked of them (session 33: since v99 the detector reads
  // "my mate shared a nude of a girl in our year" as sexual): the peer lines answer it, never "don't send them any pictures".
  const peerImageOnly = (ctx.turn.othersSharedImage === true || ctx.turn.peerImage === true) && nothingAsked;
  const sentOnly = ((ctx.turn.sentSexual === true || ctx.turn.aiFake === true) && nothingAsked) || ctx.turn.sharedOtherImage === true || peerImageOnly;
  const asksSexual = !sentOnly && !inPerson && findings.some((f) => f.category === 'sexual' && f.rule !== ABUSE_DISCLOSED_RULE);
  const abuseTold = ctx.said.abuseTold !== true && !asksSexual && findings.some((f) => f.rule === ABUSE_DISCLOSED_RULE || (inPerson && f.category === 'sexual' && f.rule !== KNOWN_ADULT_IN_ROOM_FINDING));
  if (abuseTold) out.push(say(`${pathOf(ctx.audience)}.abuse-told`));
  // Their threat to hurt themselves if the child blocks or tells: said for what it is (once), and neither it nor the
  // "if i block" it is read in (nor that read as a threat renewed) is blackmail or a threat to come.
  const suicidePressure = findings.some((f) => f.rule === SUICIDE_PRESSURE_RULE);
  const threatFindings = suicidePressure ? findings.filter((f) => f.rule !== SUICIDE_PRESSURE_RULE && f.rule !== CONDITIONAL_THREAT_RULE && f.rule !== THREAT_RENEWED_RULE) : findings;
  // A threat to hurt ("theyll beat her up") is not blackmail: nothing to send or pay.
  // Nor is a threat from someone they know, in person ("he said if i tell nobody will believe me"): nothing to send or pay.
  const blackmail = !inPerson && threatIsBlackmail(threatFindings, blackmailKnown(ctx), ctx.summary.categories);
  const pressure = blackmail || categories.has('financial') || asksSexual;
  // Which half fits is decided by this message's asks; what was said before is in `said.dontSendWhat`.
  const asked = [...(ctx.summary.categories ?? []), ...categories].filter(
    (c) => (c !== 'sexual' || asksSexual) && (c !== 'threat_blackmail' || blackmail || blackmailKnown(ctx)),
  );
  // Criminal exploitation: its own line (don't do it, it is not your fault, a debt is a trick), not "don't send or pay".
  const exploitation = !withPerson && ctx.said.exploitation !== true && findings.some((f) => f.rule === EXPLOITATION_FINDING);
  const exploited = exploitation || ctx.said.exploitation === true;
  // Pictures asked for later still get "don't send".
  // Their grown-up, or the adult chatting, is the one targeted: no "don't send or pay" about a child, and none
  // recorded as said (asked of the child later, it is said then).
  // "he said he will find me": a threat to come, with no picture or money in it or before: the if-they-come line answers it,
  // not "don't send them anything, and don't pay them" about things nobody asked for (tester's #21, session 28).
  const threatToComeOnly =
    !asksSexual &&
    !categories.has('financial') &&
    !(ctx.summary.categories ?? []).some((c) => c === 'sexual' || c === 'financial') &&
    !findings.some((f) => f.rule === SHARE_IMAGES_RULE) &&
    threatFindings.some((f) => MAY_TURN_UP_RULES.has(f.rule) && !(f.evidence.length > 0 && f.evidence.every((e) => BLACKMAIL_WORD.test(e.text)))) &&
    // The detector heard a threat to come or hurt, too ("will find me"), not only "if … unless" ("post her pics unless she sends more").
    threatFindings.some((f) => f.rule === VIOLENCE_RULE) &&
    threatFindings.every((f) => f.category !== 'threat_blackmail' || MAY_TURN_UP_RULES.has(f.rule) || f.rule === VIOLENCE_RULE || f.rule === THREAT_RENEWED_RULE);
  const dontSend = pressure && !threatToComeOnly && !(exploited && !asksSexual) && grownUpTargetOf(ctx) === undefined ? dontSendOrPay(ctx, asked) : undefined;
  // A young person's blackmail told again while escalated ("he sed if i dont he wil post my face evrywhere"), after "don't send"
  // was said and with nothing new to say about it: the threat named for what it is, not their fault, it can be stopped (once).
  const threatAgain =
    !withPerson && !isFirst && !raises && pathOf(ctx.audience) === 'child' && ctx.said.threatAgain !== true && ctx.said.dontSend === true && blackmail && !suicidePressure && !exploited && ctx.turn.asksShouldComply !== true;
  // "should i just pay her": the answer, which says the whole of "don't send, don't pay", and why.
  if (exploitation) out.push(say(`${pathOf(ctx.audience)}.exploitation`));
  else if (ctx.turn.asksShouldComply === true) out.push(exploited ? say(`${pathOf(ctx.audience)}.exploitation`) : dontComply(ctx));
  else if (dontSend?.line !== undefined) out.push(dontSend.line);
  else if (threatAgain) out.push(say('child.threat-again'));
  // A child blackmailed over images, told of by a parent: how to support them, and the risk they may hurt themselves. Once.
  const imagesBlackmail = blackmail && (asksSexual || (ctx.summary.categories ?? []).includes('sexual') || ctx.said.imageWorry === true);
  const supportChild = !withPerson && pathOf(ctx.audience) === 'parent' && ctx.said.supportChild !== true && imagesBlackmail && grownUpTargetOf(ctx) === undefined;
  if (supportChild) out.push(say('parent.advice.support-child'));
  // Someone wants to meet them: don't go, once; again each time they ask whether to go. Not a parent's own
  // "im going to his house to sort him out" (the detector reads a meeting): that is parent.acts-alone.
  // Nor a parent's own trap ("ive said yes so i can catch him"): parent.trap-meeting says not to go. Nor "she says shell run
  // away if i stop her seeing him": parent.run-away says not to let them see him.
  const parentGoing = pathOf(ctx.audience) === 'parent' && (ctx.turn.parentActsAlone === true || ctx.turn.parentHunts === true || ctx.turn.parentTrap === true || ctx.turn.runsAway === true);
  // "hes 30 sumthin", after "don't go" was said: the grown-up's age makes the meeting more dangerous, so "don't go" again, with why (once).
  // Not when the age makes them a boyfriend or girlfriend ("hes 25" after "he loves me and wants to meet"): the older-partner
  // line answers that, and "don't go" comes again when they say they are going.
  const partnerNow = ctx.turn.adultPartner === true || findings.some((f) => OLDER_PARTNER_RULES.has(f.rule));
  const adultMeet = ctx.said.dontMeet === true && ctx.said.dontMeetAdult !== true && !partnerNow && findings.some((f) => f.rule === ADULT_AND_MEET_RULE);
  // Someone they know wants them alone in person ("my coach wants to see me alone after training", "my cousin wants me to
  // come to his room"): not "people you meet online are not who they say", but don't be alone with them, leave with a
  // friend or a parent, and tell a grown-up today (once; again each time they ask whether to go). Session 29.
  const knownPerson = inPerson || ctx.turn.knownAdultNamed === true || ctx.knownAdult === true;
  const notAlone =
    !withPerson &&
    !parentGoing &&
    pathOf(ctx.audience) !== 'parent' &&
    knownPerson &&
    (ctx.turn.asksToMeet === true || (ctx.said.notAlone !== true && findings.some((f) => isMeetingFinding(f) || f.rule === ALONE_CHECK_RULE)));
  const meeting = !withPerson && !parentGoing && !notAlone && (ctx.turn.asksToMeet === true || adultMeet || (ctx.said.dontMeet !== true && findings.some(isMeetingFinding)));
  // A grown-up already met or kissed a young person ("i met a man from snapchat last week", "i already met him" … "hes 22"):
  // a grown-up should never, it is not their fault, are they safe now, a trusted grown-up today (once), in place of
  // "don't go to meet them", which it says too. Whether the dialog or the detector found the meeting (session 29, tester's #1).
  const metAdult =
    !withPerson &&
    pathOf(ctx.audience) === 'child' &&
    ctx.said.metAdult !== true &&
    (ctx.turn.metInPerson === true || ctx.metInPerson === true) &&
    (ctx.turn.adultTold === true || ctx.adultTold === true || findings.some((f) => f.rule === ADULT_AND_MEET_RULE)) &&
    findings.some((f) => f.category === 'meet_or_secrecy' || f.category === 'sexual');
  if (metAdult) out.push(say('child.met-adult'));
  // "hes 24" after pictures were asked of them: a grown-up asking that of someone their age is not okay (once; the dialog's finding).
  const adultAskedImages = !withPerson && !metAdult && pathOf(ctx.audience) === 'child' && ctx.said.adultAskedImages !== true && findings.some((f) => f.rule === ADULT_ASKED_IMAGES_FINDING);
  if (adultAskedImages) out.push(say('child.adult-asked-images'));
  if (notAlone) out.push(say(`${pathOf(ctx.audience)}.advice.not-alone`));
  if (meeting && !metAdult) out.push(dontMeetNow(ctx));
  // A password or a code asked for: what to do about it, once.
  const logins = ctx.said.logins !== true && findings.some(asksForLogin);
  if (logins) out.push(say(isAdult(ctx) ? 'parent.advice.logins' : 'advice.logins'));
  // Their address, school or whereabouts asked for ("a man on roblox wants my adress"): don't tell, once. Not when they
  // say they already did (the details-given line answers that), nor when their grown-up is the one targeted.
  const detailsAsked =
    !withPerson && ctx.said.detailsAsked !== true && ctx.turn.detailsGiven !== true && grownUpTargetOf(ctx) === undefined && findings.some((f) => f.rule === ASKS_DETAILS_RULE);
  if (detailsAsked) out.push(adviceFor(ctx, 'details-asked'));
  // Menace ("he said hes gonna find me"), or they know where the child lives: what to do if they turn
  // up, once. Not for blackmail over pictures or money ("send my pics to everyone unless i pay"),
  // where the conditional-threat rule also fires on "unless": the threat there is to share.
  const menace =
    !withPerson &&
    ctx.said.menace !== true &&
    // "someone is blackmailing me": blackmail, not a threat to come; "don't send or pay" answers it.
    threatFindings.some((f) => MAY_TURN_UP_RULES.has(f.rule) && !(f.evidence.length > 0 && f.evidence.every((e) => BLACKMAIL_WORD.test(e.text)))) &&
    !asksSexual &&
    // The errand's own words ("drop something off") read as a threat: not a threat to come. A later one still is.
    !exploitation &&
    // "everyones gonna see" after the pictures: the threat is to share them, now happening.
    ctx.turn.imageSpreading !== true &&
    !categories.has('financial') &&
    !findings.some((f) => f.rule === SHARE_IMAGES_RULE);
  // A threat from someone they know, in person ("he said if i tell nobody will believe me"), a young person or a friend: said
  // to scare them quiet; I believe you; they can still tell (once). Not "never go to meet them" about someone they see each week.
  const threatInPerson = !withPerson && inPerson && pathOf(ctx.audience) !== 'parent' && ctx.said.threatInPerson !== true && threatFindings.some((f) => f.category === 'threat_blackmail');
  if (threatInPerson) out.push(say(`${pathOf(ctx.audience)}.threat-in-person`));
  else if (menace && !(inPerson && pathOf(ctx.audience) !== 'parent')) out.push(say(`${pathOf(ctx.audience)}.advice.if-they-come`));
  // A young person, told what to do if the stranger turns up, then that he knows their school or home ("he knows my
  // school"): who to tell there, so they can keep them safe (once), not only "a counsellor will be able to read this".
  const knowsWhere =
    !withPerson && pathOf(ctx.audience) === 'child' && ctx.said.menace === true && ctx.said.knowsWhere !== true && findings.some((f) => KNOWS_WHERE_RULES.has(f.rule));
  if (knowsWhere) out.push(say('child.knows-where'));
  const theirThreat = !withPerson && suicidePressure && ctx.said.theirThreat !== true;
  if (theirThreat) out.push(say(`${pathOf(ctx.audience)}.their-threat`));
  // Sexual pictures sent to them: not their fault, don't reply or send them on, tell someone. Once.
  const sentImages = !withPerson && ctx.said.sentImages !== true && ctx.turn.sentSexual === true && categories.has('sexual');
  if (sentImages) out.push(say(`${pathOf(ctx.audience)}.sent-images`));
  // Asked to keep it secret: they need not, and telling is okay. Once. Not when it is their friend who asked them
  // ("she made me promise not to tell", after "she wants to kill herself"): "Safe grown-ups don't ask children to
  // keep secrets" is about someone else; the friend-secret line answers it.
  // Nor when a pupil asked their teacher or youth worker ("she asked me not to tell anyone"): the worker's
  // line (tell your safeguarding lead, don't promise to keep it secret) answers it; groomers are not the point.
  const friendAsked = (ctx.audience === 'friend' || ctx.audience === 'someone_else') && ctx.turn.friendSecret === true;
  const secret = !withPerson && !friendAsked && ctx.said.secret !== true && findings.some((f) => SECRECY_RULES.has(f.rule));
  if (secret) out.push(say(`${pathOf(ctx.audience)}.secret-not-yours`));
  // A teacher or worker the child asked to keep it secret: they cannot, and how to tell the child so. Once.
  const workerSecret = !withPerson && ctx.audience === 'someone_else' && ctx.turn.friendSecret === true && ctx.said.workerSecret !== true;
  if (workerSecret) out.push(say('parent.worker-secret'));
  // An adult as a boyfriend or girlfriend (the adult-and-romance rule): never okay, not their fault. Once.
  // Or, a young person or friend, a boyfriend or girlfriend with a grown-up's age beside a red flag ("run away to my bfs house
  // hes 19", read as running away only), unless the young person is a grown-up themselves.
  const adultPartner = ctx.turn.adultPartner === true && pathOf(ctx.audience) !== 'parent' && (ctx.summary.ageBand ?? ctx.turn.ageBand) !== '18+';
  const olderPartner = !withPerson && ctx.said.olderPartner !== true && (adultPartner || findings.some((f) => OLDER_PARTNER_RULES.has(f.rule)));
  // At 16 or 17 it is no crime: what matters is that it is equal, and nude pictures are still against the law.
  const sixteen = pathOf(ctx.audience) === 'child' && (ctx.summary.ageBand ?? ctx.turn.ageBand) === '16-17';
  if (olderPartner) out.push(say(sixteen ? 'child.older-partner-16' : `${pathOf(ctx.audience)}.older-partner`));
  // A grown-up pretending to be a child (the age-lie rule): a warning sign, and they were right to notice. Once.
  const ageLie = !withPerson && ctx.said.ageLie !== true && findings.some((f) => f.rule === AGE_LIE_RULE);
  if (ageLie) out.push(say(`${pathOf(ctx.audience)}.age-lie`));
  // Asked to chat on another app (the move-app rule): don't add them; moving hides what they say. Once.
  const moveApp = !withPerson && ctx.said.moveApp !== true && findings.some((f) => f.rule === MOVE_APP_RULE);
  if (moveApp) out.push(say(`${pathOf(ctx.audience)}.move-app`));
  // Asked to take money into their bank account and send it on (the money-mule rule): against the law, never do it. Once.
  const moneyMule = !withPerson && ctx.said.moneyMule !== true && findings.some((f) => f.rule === MONEY_MULE_RULE);
  if (moneyMule) out.push(say(`${pathOf(ctx.audience)}.money-mule`));
  // Presents, game money or flattery given (the gifts-grooming rule): a way to win trust; they owe nothing. Once;
  // not beside the older-partner line, which says the same of "he loves me" more plainly.
  // Not when their grown-up is the one targeted ("my dad is sending a woman online money"): nobody is giving the child anything.
  // Nor beside their feelings for the person ("age is just a number"): the cares lines answer that.
  const gifts = !withPerson && !olderPartner && !exploitation && ctx.turn.caresForThem !== true && ctx.said.gifts !== true && grownUpTargetOf(ctx) === undefined && findings.some((f) => f.rule === GIFTS_RULE);
  if (gifts) out.push(say(`${pathOf(ctx.audience)}.gifts`));
  // A carer's signs of exploitation, both halves told (session 31, tester's #20, Z07): what they can mean, once, in place of
  // grooming's warning below (the standing answers leave it to this turn's escalation).
  const exploitationSigns = !withPerson && ctx.said.exploitationSigns !== true && findings.some((f) => f.rule === EXPLOITATION_SIGNS_FINDING);
  if (exploitationSigns) out.push(say('parent.exploitation-signs'));
  // A parent or carer's first red flag that no line above speaks to ("a man keeps telling my 9 year old he loves her on
  // roblox"): what it may be and what to do now (don't contact them, keep the messages, CEOP or 101), before the counsellor
  // or the helplines (session 29, second round). Not in danger now: 999 comes first there.
  const parentWarning =
    !withPerson && isFirst && ctx.audience === 'parent_carer' && urgency !== 'immediate' && out.every((e) => e.type !== 'bot.say' || e.key === 'escalation.serious');
  if (parentWarning) out.push(say('parent.escalated-warning'));
  if (!withPerson && (isFirst || raises)) {
    if (isPersonComing(ctx)) out.push(say('escalation.asking'));
    else {
      // Samaritans were just named with the self-harm line: one list of numbers, not two (Childline and 999 added).
      if (selfHarmLine && !isAdult(ctx)) out.push(say(isFirst ? 'escalation.off-shift-self-harm' : 'helplines.now.child-self-harm'));
      else {
        if (isFirst) out.push(say('escalation.off-shift'));
        out.push(say(hearsGrownUpHelplines(ctx) ? 'helplines.now.adult' : 'helplines.now.child'));
      }
    }
  }
  // What was said once here, for the caller to record in `said` (so it is not said again).
  const said: Partial<HarbourContext['said']> = {
    ...(dontSend !== undefined ? { dontSend: true, dontSendWhat: dontSend.kind } : {}),
    ...(logins ? { logins: true } : {}),
    ...(cares !== undefined && !isFirst && !raises ? { [cares.mark]: true } : {}),
    ...(detailsAsked ? { detailsAsked: true } : {}),
    ...(theirThreat ? { theirThreat: true } : {}),
    ...(menace && !threatInPerson && !(inPerson && pathOf(ctx.audience) !== 'parent') ? { menace: true } : {}),
    ...(threatInPerson ? { threatInPerson: true } : {}),
    ...(notAlone ? { notAlone: true } : {}),
    ...(secret ? { secret: true } : {}),
    ...(workerSecret ? { workerSecret: true } : {}),
    ...(gifts ? { gifts: true } : {}),
    ...(olderPartner ? { olderPartner: true } : {}),
    ...(exploitation ? { exploitation: true } : {}),
    ...(exploitationSigns ? { exploitationSigns: true } : {}),
    ...(ageLie ? { ageLie: true } : {}),
    ...(moveApp ? { moveApp: true } : {}),
    ...(moneyMule ? { moneyMule: true } : {}),
    ...(sentImages ? { sentImages: true } : {}),
    ...(meeting ? { dontMeet: true } : {}),
    ...(meeting && adultMeet ? { dontMeetAdult: true } : {}),
    ...(metAdult ? { metAdult: true, dontMeet: true } : {}),
    ...(adultAskedImages ? { adultAskedImages: true } : {}),
    ...(knowsWhere ? { knowsWhere: true } : {}),
    ...(threatAgain && dontSend?.line === undefined ? { threatAgain: true } : {}),
    ...(supportChild ? { supportChild: true } : {}),
    ...(abuseTold ? { abuseTold: true } : {}),
  };
  return { out, raises, categories: [...categories], escalated: [...already, ...fresh], said };
}


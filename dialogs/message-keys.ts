/**
 * Every content key a dialog may emit. Content must define each one in every locale (checked at
 * boot and by tests). Keys are stable: renaming one is a code change, in this file and in content.
 */

/** Quick replies offered under messages (content/<locale>/quick-replies.yaml). */
export const QR = {
  who: ['qr.who.young-person', 'qr.who.parent', 'qr.who.friend', 'qr.who.someone-else'],
  yesNo: ['qr.yes', 'qr.no', 'qr.rather-not-say'],
  skip: ['qr.rather-not-say'],
  feelings: ['qr.feel.scared', 'qr.feel.worried', 'qr.feel.sad', 'qr.feel.okay'],
  anythingElse: ['qr.tips', 'qr.talk-to-person', 'qr.no-thats-all'],
  space: ['qr.carry-on', 'qr.tips', 'qr.no-thats-all'],
  offerHelp: ['qr.talk-to-person', 'qr.carry-on'],
  checkIn: ['qr.still-here'],
  keepTalking: ['qr.tips', 'qr.carry-on'],
} as const;

export const QUICK_REPLY_KEYS: readonly string[] = [...new Set(Object.values(QR).flat())];

/** Messages whose words ask the child something. None may come before `opening.privacy`. */
export const QUESTION_KEYS: readonly string[] = [
  'opening.who',
  ...['child', 'friend'].flatMap((p) =>
    ['what-happened', 'app', 'how-long', 'asked-to-do', 'what-asked', 'knows-private', 'feelings', 'trusted-adult', 'anything-else'].map(
      (q) => `${p}.ask.${q}`,
    ),
  ),
  ...['what-happened', 'app', 'behaviour', 'wellbeing', 'anything-else'].map((q) => `parent.ask.${q}`),
];

const PER_PATH = [
  'thanks',
  'ack.what-happened',
  'ack.asked-to-do',
  'trusted.named',
  'trusted.none',
  'trusted.not-home',
  'advice.intro',
  'come-back',
  'space',
  'privacy',
  'welcome',
];

/** Every message key the machine can emit, apart from per-app advice (see {@link messageKeysFor}). */
export const MESSAGE_KEYS: readonly string[] = [
  'opening.welcome',
  'opening.computer-helper',
  'opening.counsellor-on-shift',
  'opening.counsellor-off-shift',
  'opening.privacy',
  'opening.who',
  'opening.who-again',
  'opening.who-hello',
  ...QUESTION_KEYS.filter((k) => k !== 'opening.who'),
  ...['child', 'friend'].flatMap((p) => PER_PATH.map((k) => `${p}.${k}`)),
  'parent.thanks',
  'parent.ack.what-happened',
  'parent.ack.behaviour',
  'parent.ack.wellbeing-yes',
  'parent.ack.wellbeing-no',
  'parent.ack.wellbeing-other',
  'parent.advice.intro',
  'parent.advice.stay-calm',
  'parent.advice.keep-internet',
  'parent.advice.dont-confront',
  'parent.advice.dont-send-or-pay',
  'parent.advice.report',
  'parent.advice.child-can-talk',
  'parent.advice.watch',
  'parent.listening',
  'parent.space',
  'parent.privacy',
  'parent.welcome',
  'shared.thats-okay',
  'shared.go-ahead',
  'shared.listening',
  'shared.tell-me-more',
  'feeling.scared',
  'feeling.worried',
  'feeling.sad',
  'feeling.angry',
  'feeling.confused',
  'feeling.embarrassed',
  'feeling.alone',
  'feeling.okay',
  'feeling.unknown',
  'advice.app-intro',
  'advice.any-app',
  'advice.keep-evidence',
  'advice.images',
  'advice.dont-send-or-pay',
  'advice.report',
  'details.not-needed.child',
  'details.not-needed.adult',
  'fallback.reflect',
  'fallback.no-words',
  'fallback.offer-help',
  'escalation.serious',
  'escalation.raised',
  'escalation.noted',
  'escalation.noted-no-counsellor',
  'escalation.asking',
  'escalation.off-shift',
  'escalation.listening',
  'safety.immediate',
  'safety.self-harm',
  'helplines.now.child',
  'helplines.now.adult',
  'report.ceop',
  'handoff.asking',
  'handoff.asking-off-shift',
  'handoff.already-asked',
  'handoff.nobody-now',
  'handoff.queued',
  'handoff.unavailable.none-available',
  'handoff.unavailable.closed',
  'handoff.unavailable.wait-too-long',
  'handoff.keep-talking',
  'handoff.accepted',
  'handoff.failed',
  'checkin.gentle',
  'checkin.thanks',
  'bot.not-a-person',
  'bot.not-a-person-asked',
  'bot.not-a-person-none',
  'handoff.declined',
  'handoff.declined-requested',
  'checkin.waiting',
  'checkin.no-counsellor',
  'close.goodbye.child',
  'close.goodbye.adult',
  'close.silence',
  'close.counsellor-ended',
  'close.helplines.child',
  'close.helplines.adult',
];

/** All message keys for a machine built with these apps, including `apps.<id>.advice`. */
export function messageKeysFor(appIds: readonly string[]): readonly string[] {
  return [...MESSAGE_KEYS, ...appIds.map((id) => `apps.${id}.advice`)];
}

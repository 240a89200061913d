/**
 * Session 36: the word lists the rules' code reads by name, from the `words:` section of red-flags.yaml.
 *
 * A list is compared with a token's exact normalised word (`CLAUSE_HEADS.has(tokens[k].word)`) or a span's
 * exact text (three lists of stems with a word's stem: hyperbole_stems, contact_stems, unstoppable), never
 * with typo corrections or `{set}` phrase matching, and it is no classifier feature
 * (the `sets:` are). Safeguarding staff edit them in the yaml, where content:check checks them; the code
 * names each list it reads in WORD_LIST_NAMES, so a name the yaml lacks stops the content check and the
 * server's start, and a list in the yaml that no code reads is reported too.
 *
 * How the code reads them: `const CLAUSE_HEADS = wordList('clause_heads')` at the top of detect.ts or
 * scope.ts is one Set for the life of the process, so a look-up stays one `Set.has`. Each entry point that
 * is given the model (detect, tokenise, scopedTokens, standsDown, analyseScope, isNegated) first calls
 * `bindWordLists(model.wordLists)`, which fills those Sets from the model's lists when the model is not
 * the one they already hold (once per process for the server; again only when a caller switches models).
 */

/** Every list the code reads, by file. A name here the yaml lacks is a content problem, and so is the reverse. */
export const WORD_LIST_NAMES = [
  // scope.ts
  'outcome', 'wished', 'exposure_words', 'reopened', 'condition_openers', 'child_acts', 'unstoppable', 'knowing_or_telling',
  'telling_words', 'untold_listeners', 'untold_clause_subjects', 'anyone', 'clause_heads', 'clause_pronouns',
  'clause_aux', 'main_clause_verbs', 'as_if_verbs', 'as_if_subjects', 'main_clause_subjects', 'told_subjects',
  'threat_modals', 'marker_ends', 'can_not', 'subject_negators', 'clause_subjects', 'first_person', 'condition_you',
  'refusals', 'condition_owners', 'wishes', 'asking_openers', 'someone_real', 'pronouns_real', 'fact_subjects',
  'ongoing', 'keep_subjects', 'who_facts', 'the_one', 'age_after', 'own_age_before',
  // detect.ts
  'new_peers', 'possessives', 'object_fillers', 'buddy', 'class_peers', 'affiliation', 'sending', 'thing_sent',
  'other_person', 'he', 'she', 'child_subjects', 'female', 'male', 'online_place', 'met', 'list_words',
  'either_gender', 'subject_he', 'subject_she', 'trusted_plural', 'linking', 'pictured_person', 'threatening',
  'partners', 'given_from', 'kin', 'voucher_words', 'second_person', 'conditions', 'film_verb_before', 'stopping',
  'owners', 'seeming', 'reporting_verb', 'report_forms', 'report_verb_before', 'cutoff_openers', 'feeling_fillers', 'cutoff_modals', 'round_openers', 'not_revealed', 'own', 'advice_others', 'acts',
  'reveal_verbs', 'reveal_fillers', 'reveal_places', 'claiming', 'delivered', 'bringers', 'unknown_one',
  'bringer_words', 'touch', 'unease', 'belongings', 'repeated', 'errands', 'errand_veto_words', 'online', 'same',
  'offline_game_words', 'be', 'schooling', 'not_a_name', 'well', 'say_words', 'started_other', 'past_thought',
  'clause_openers', 'not_now', 'help_had', 'self_or_they', 'stopped_when', 'past_spans', 'common_over',
  'hyperbole_stems', 'not_at_hand', 'hair', 'task_days', 'forgetting', 'left_at', 'left_preps', 'school_year', 'refusal_openers', 'soft_wish',
  'earnest_words', 'self_words', 'hurt_feelings', 'snags', 'mishaps', 'coming_off', 'animal_hurts', 'song_words',
  'owns_the_line', 'witnessed', 'cause_words', 'sent_forms', 'sent_to_child', 'sent_veto', 'family_card_owners',
  'card_used', 'card_asked', 'card_trick', 'common_distress', 'point_of_helper', 'point_of_this',
  'love_pressure_subjects', 'care_veto_words', 'future_markers', 'own_need', 'grab_things', 'lock_mishap',
  'lock_veto', 'little_veto', 'get_in_idiom', 'fond_kiss', 'kiss_veto', 'ordinary_stuff', 'stuff_veto',
  'spread_verbs', 'school_places', 'peer_group', 'spread_veto', 'having', 'asking', 'asked_to_send', 'house_rule',
  'until', 'outing_prep', 'permission_fear', 'dose_reason', 'dose_veto', 'dose_containers', 'hiding', 'because',
  'nuisance', 'hiding_fear', 'mild_acts', 'denial_fillers', 'life_words', 'not_denied', 'laughing', 'breathe_veto',
  'own_child', 'harmless_secret', 'parent_words', 'taken', 'tattle_verbs', 'tattle_to', 'tattle_veto', 'crush_words', 'crush_likes', 'crush_veto', 'school_row_outcome', 'school_row_veto', 'work_about',
  // session 42faS
  'story_works', 'story_verbs', 'story_veto',
  'thing_determiners', 'login_thing_askers', 'phish_words', 'thing_askers', 'at_work', 'every_time', 'at_work_veto',
  'ended', 'opened_again', 'back_then', 'now_who', 'coming_back', 'never', 'pretend', 'saying', 'speaker_owns',
  'ideal', 'ideal_roles', 'whose_claimed', 'claimed_kind', 'claimer', 'location_words', 'friend_groups', 'kin_groups', 'sale_words', 'purchase_verbs', 'sale_veto', 'number_kinds', 'tracked_things', 'lesson_givers', 'lesson_says', 'lesson_donts', 'lesson_giving',
  'pictured_determiners', 'intimate_things', 'pictured_child', 'picture_asker', 'met_pronouns', 'being',
  'meet_fillers', 'habit', 'told_contact', 'contact_stems', 'contacted', 'contact_wanted', 'occasion_before',
  'picking', 'call_words', 'family_chat', 'wider_audience', 'kin_he', 'kin_she', 'pressure_speech', 'pretexters',
  'laugh_words', 'laugh_veto_words', 'givers', 'giving', 'recipients_out', 'not_giver', 'condition_payers',
  'offer_words', 'given_words', 'child_givers', 'gift_codes', 'childs_own', 'ai_tools', 'someone_pictured',
  'show_words', 'sulk_words', 'sulk_talk', 'anger_words', 'anger_veto', 'near_words', 'vow_you', 'vow_speakers',
  'vow_will', 'train_senses', 'kitchen', 'preparing', 'weather', 'weather_veto', 'thing_outside', 'drawing',
  'home_outside', 'retold_speech', 'lift_modals', 'playmates', 'play_words', 'play_veto', 'beside', 'present_veto',
  'lazy_days', 'sleep_words', 'outing_kin', 'outing_sights', 'place_veto', 'limbs', 'drama_words', 'drama_veto', 'limb_veto',
  'addressed', 'asker_place', 'on_camera_before', 'question_asked', 'place_only_veto', 'not_relative_head',
  'relative_fillers', 'relative_verbs', 'friend_kind', 'having_friends', 'card_giving', 'card_veto', 'card_pronouns',
  'went_forms', 'day_gone', 'still_there', 'shops', 'contact_verbs', 'contact_fillers', 'outfit_occasions',
  'outfit_fillers', 'outfit_veto_words', 'wear', 'weak_soon', 'passive_helpers', 'next_in_line',
  'pressed_on', 'never_again', 'follow_words', 'eject_acts', 'eject_from', 'deniers', 'own_publishers', 'kin_receivers', 'quiz_veto', 'unanswered_not', 'unanswered_acts', 'paid_work', 'paid_to', 'kin_givers', 'pocket_money', 'fandom', 'secret_things',
  // detect.ts, session 42faR (sexual and self-harm false alarms)
  'laughed_hard', 'complained_of', 'unwell_in_bed',
  // detect.ts, session 42faT (meet_or_secrecy, personal_info, financial)
  'story_frames', 'story_own', 'story_real', 'story_met', 'warning_givers', 'warning_anyone', 'talk_words', 'talk_about',
  'alone_feelings', 'alone_veto',
  // detect.ts, session 45faX (false alarms)
  'embarrassed_words', 'turned_out_fine', 'online_businesses',
  // detect.ts, session 43msV (misses)
  'outside_venues',
  // detect.ts, session 44msW (misses)
  'mocking_laughs', 'aside_works', 'aside_kit', 'command_speech', 'deed_links', 'owning_turns',
  // clause.ts (session 38); authoring and peer_heads are detect.ts's stand-downs that read the clauses
  'work_frames', 'game_agents', 'frame_preps', 'lesson_verbs', 'lesson_words', 'over_words', 'now_words', 'authoring', 'report_objects', 'reported_subjects', 'peer_heads',
] as const;

export type WordListName = (typeof WORD_LIST_NAMES)[number];

/** The model's lists, by name. */
export type WordLists = { readonly [K in WordListName]: ReadonlySet<string> };

/** A list's words: lower-case letters and digits; several words (one space apart) only for a list read against a span's text. */
const ENTRY = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** Plain-English problems with red-flags.yaml's `words:` section (empty when all is well). */
export function validateWordLists(words: unknown): string[] {
  if (typeof words !== 'object' || words === null || Array.isArray(words)) return ['red-flags.yaml: "words" must be a map of list name → list of words.'];
  const problems: string[] = [];
  const lists = words as Record<string, unknown>;
  const known = new Set<string>(WORD_LIST_NAMES);
  for (const [name, list] of Object.entries(lists)) {
    if (!known.has(name)) problems.push(`red-flags.yaml: words.${name} is read by no code; delete it, or check its name against the code's (dialogs/safety/lists.ts).`);
    if (!Array.isArray(list) || list.length === 0) problems.push(`red-flags.yaml: words.${name} must be a non-empty list of words.`);
    else
      for (const w of list as unknown[])
        if (typeof w !== 'string' || !ENTRY.test(w)) problems.push(`red-flags.yaml: words.${name}: "${String(w)}" must be a lower-case word (letters and digits only; put numbers in quotes, like "20").`);
  }
  for (const name of WORD_LIST_NAMES) if (!(name in lists)) problems.push(`red-flags.yaml: words.${name} is missing; the detector's code reads it.`);
  return problems;
}

/** The model's lists from a validated `words:` section. */
export function buildWordLists(words: Readonly<Record<string, readonly string[]>>): WordLists {
  const lists: Partial<Record<WordListName, ReadonlySet<string>>> = {};
  for (const name of WORD_LIST_NAMES) lists[name] = new Set(words[name]);
  return Object.freeze(lists as WordLists);
}

/** The Sets the code holds, by name, and the lists they were last filled from. */
const live = new Map<WordListName, Set<string>>();
/** Sets worked out from other lists, refilled after them. */
const derived: { readonly set: Set<string>; readonly make: () => Iterable<string> }[] = [];
let bound: WordLists | undefined;

/** The code's Set for a list: empty until an entry point binds a model's lists (see the module comment). */
export function wordList(name: WordListName): ReadonlySet<string> {
  let set = live.get(name);
  if (set === undefined) {
    set = new Set();
    live.set(name, set);
  }
  return set;
}

/** A Set made from other lists (`[...FEMALE, ...MALE, 'parents']`), remade whenever the lists are bound. */
export function derivedWordList(make: () => Iterable<string>): ReadonlySet<string> {
  const set = new Set<string>();
  derived.push({ set, make });
  return set;
}

/** Fills the code's Sets from a model's lists, unless they already hold them. */
export function bindWordLists(lists: WordLists): void {
  if (lists === bound) return;
  // Nothing is emptied for a stand-in with no lists (testsFor's probes pass one): the Sets keep the lists they hold.
  if (typeof lists !== 'object' || lists === null) throw new TypeError('The red-flag detector was given a model without word lists.');
  bound = undefined;
  for (const [name, set] of live) {
    set.clear();
    for (const w of lists[name]) set.add(w);
  }
  for (const { set, make } of derived) {
    set.clear();
    for (const w of make()) set.add(w);
  }
  bound = lists;
}

/** The names the loaded code has asked for (for the test that WORD_LIST_NAMES holds no name nothing reads). */
export function namesRead(): ReadonlySet<string> {
  return new Set(live.keys());
}

/**
 * The red-flag detector's public surface.
 *
 * FOR THE CONTENT LOADER (server/content/load.ts), per locale (en-GB today):
 *   1. Parse content/<locale>/red-flags.yaml and content/<locale>/text-speak.yaml with `yaml`,
 *      and content/<locale>/safety-model.json with JSON.parse.
 *   2. `const problems = validateSafetySource({ redFlags, textSpeak, model })`: plain-English
 *      problems for `npm run content:check` (empty array = fine).
 *   3. `const safety = buildSafetyModel({ redFlags, textSpeak, model })` once at boot; it throws
 *      SafetyModelError (with `.problems`) on bad content or a STALE model (lexicon edited since
 *      training): the fix is `npm run train:flags`, then commit safety-model.json.
 *   4. Pass `safety` to the dialogs as input; the machine calls
 *      `detect(text, context.detector, safety)` on every user message and keeps `result.state`
 *      (start from EMPTY_DETECTOR_STATE).
 * See docs/red-flags.md for categories, urgencies and rule ids.
 */
export { detect, tokenise, scopedTokens, classifierWords } from './detect.js';
export { buildSafetyModel, sourceFingerprint, SafetyModelError, type SafetyModel } from './model.js';
export { validateSafetySource, welshTextSpeak, type SafetySource, type RedFlagsSource, type TextSpeakSource, type ModelFileSource } from './source.js';
export { featureBuckets, featureSpec, FIRST_FEATURES, type ClassifierWord, type FeatureSpec } from './classifier.js';
export { canonicalJson, fingerprint } from './hash.js';
export { validateWelshSource, mutationsOf, foldWelsh, WelshReader, type WelshSource, type WelshProblem } from './welsh.js';
export { EMPTY_DETECTOR_STATE, type DetectorState, type DetectorSignal, type DetectResult } from './types.js';
export { CATEGORIES, URGENCIES, URGENCY_RANK, moreUrgent, type Category, type Urgency, type Finding, type EvidenceSpan, type PublicFinding } from './finding.js';

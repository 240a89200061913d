import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

/**
 * The chat's own words never raise a red flag: a child who taps a quick reply ("I'd rather not
 * say") or gives one of the everyday answers the dialogs understand ("goodbye", "idk", "talk to a
 * real person") would otherwise be escalated for nothing. Session 4's retrained classifier read
 * "I'd rather not say" and "goodbye" as self-harm until tests/fixtures/flags/chat-answers.txt
 * taught it these words. Answers that are themselves a concern (answer-words.yaml's
 * `home_problem`: "not safe at home") are left out on purpose.
 */
const content = new URL('../../content/en-GB/', import.meta.url);
const quickReplies = parse(readFileSync(new URL('quick-replies.yaml', content), 'utf8')) as Record<string, { text: string }>;
const answerWords = parse(readFileSync(new URL('answer-words.yaml', content), 'utf8')) as Record<string, unknown>;
const EVERYDAY_ANSWERS = ['yes', 'no', 'unsure', 'decline', 'goodbye', 'fillers', 'ask_for_person', 'wants_tips', 'greeting', 'still_here', 'asks_privacy', 'thanks', 'asks_if_bot', 'declines_person', 'just_talk'];

const model = loadSafetyModel();
const findingsOf = (text: string): string[] => detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => `${f.category} (${f.rule})`);

describe('the chat’s own words raise no red flag', () => {
  it.each(Object.entries(quickReplies).map(([key, value]) => [key, value.text]))('quick reply %s: "%s"', (_key, text) => {
    expect(findingsOf(text)).toEqual([]);
  });

  it.each(EVERYDAY_ANSWERS)('every %s answer in answer-words.yaml', (list) => {
    const words = answerWords[list];
    expect(Array.isArray(words) && words.length > 0).toBe(true);
    const flagged = (words as string[]).map((text) => ({ text, findings: findingsOf(text) })).filter((r) => r.findings.length > 0);
    expect(flagged).toEqual([]);
  });
});

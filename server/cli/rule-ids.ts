/**
 * `npm run docs:rules`: writes the list of every rule id (lexicon rules, combinations across turns, the classifier) into
 * docs/red-flags.md, between its `rule-ids` markers, from content/en-GB/red-flags.yaml. Counsellors' false-alarm and miss
 * marks name these ids, so the guide lists all of them; tests/content/rule-ids.test.ts fails when the list and the
 * lexicon differ. `-- --check` only compares: exit 1 when the list is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CATEGORIES } from '../../dialogs/safety/finding.js';
import type { RedFlagsSource } from '../../dialogs/safety/source.js';
import { readSafetySource } from '../../tests/fixtures/flags/source.js';
import { runAsCommand } from './run-as-command.js';

export const GUIDE_PATH = new URL('../../docs/red-flags.md', import.meta.url).pathname;

/** The committed lexicon (content/en-GB/red-flags.yaml), as the train and eval tools read it. */
export function committedLexicon(): RedFlagsSource {
  return readSafetySource().redFlags as RedFlagsSource;
}

export const RULE_IDS_BEGIN = '<!-- rule-ids: begin (npm run docs:rules writes this list) -->';
export const RULE_IDS_END = '<!-- rule-ids: end -->';

/** A table cell: no line breaks, and a `|` cannot end the cell early. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}

/** The markdown list of every rule id in the lexicon, by category, then the combinations and the classifier. */
export function ruleIdList(lexicon: RedFlagsSource): string {
  const lines: string[] = [
    `Lexicon version ${lexicon.version}. "Example" is the rule's first example sentence in the lexicon, or else its first phrase.`,
    '',
    '| rule | urgency | phrases | example |',
    '|---|---|---|---|',
  ];
  for (const category of CATEGORIES) {
    const source = lexicon.categories[category];
    for (const rule of source.rules) {
      const example = rule.examples?.[0] !== undefined ? `"${rule.examples[0]}"` : `\`${rule.phrases[0] ?? ''}\``;
      lines.push(`| \`lex:${category}.${rule.id}\` | ${rule.urgency ?? source.urgency} | ${rule.phrases.length} | ${cell(example)} |`);
    }
  }
  lines.push('', 'A combination may have several rows: each is one way its id is reached.', '', '| combination | urgency (category) | needs | within |', '|---|---|---|---|');
  for (const combo of lexicon.combos) {
    // The compiled model's default is 6 turns (dialogs/safety/model.ts); 1 is the same message.
    const turns = combo.within ?? 6;
    const within = turns === 1 ? 'the same message' : `${turns} turns`;
    lines.push(`| \`ctx:${combo.id}\` | ${combo.urgency} (${combo.category}) | ${cell(combo.needs.join(' + '))} | ${within} |`);
  }
  lines.push('', '| classifier | urgency |', '|---|---|');
  for (const category of CATEGORIES) lines.push(`| \`model:${category}\` | ${lexicon.categories[category].urgency} |`);
  return lines.join('\n');
}

/** The guide with its list replaced; undefined when the markers are missing. */
export function withRuleIds(guide: string, list: string): string | undefined {
  const begin = guide.indexOf(RULE_IDS_BEGIN);
  const end = guide.indexOf(RULE_IDS_END);
  if (begin < 0 || end < begin) return undefined;
  return `${guide.slice(0, begin + RULE_IDS_BEGIN.length)}\n${list}\n${guide.slice(end)}`;
}

function main(): number {
  const guide = readFileSync(GUIDE_PATH, 'utf8');
  const next = withRuleIds(guide, ruleIdList(committedLexicon()));
  if (next === undefined) {
    process.stderr.write(`docs:rules: ${GUIDE_PATH} has no "${RULE_IDS_BEGIN}" … "${RULE_IDS_END}" markers.\n`);
    return 2;
  }
  if (next === guide) {
    process.stdout.write('The rule list in docs/red-flags.md is up to date.\n');
    return 0;
  }
  if (process.argv.includes('--check')) {
    process.stdout.write('The rule list in docs/red-flags.md is out of date: run `npm run docs:rules`.\n');
    return 1;
  }
  writeFileSync(GUIDE_PATH, next);
  process.stdout.write('Wrote the rule list in docs/red-flags.md.\n');
  return 0;
}

// Run only as a command (`npm run docs:rules`), not when a test imports the functions above.
if (runAsCommand(import.meta.url)) process.exit(main());

/**
 * The list of every rule id (lexicon rules, combinations across turns, the classifier) that docs/red-flags.md keeps
 * between its `rule-ids` markers, made from content/en-GB/red-flags.yaml. Counsellors' false-alarm and miss marks name
 * these ids, so the guide lists all of them: `npm run docs:rules` writes the list, and tests/content/rule-ids.test.ts
 * fails when it and the lexicon differ.
 */
import { CATEGORIES } from '../../dialogs/safety/finding.js';
import type { RedFlagsSource } from '../../dialogs/safety/source.js';

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


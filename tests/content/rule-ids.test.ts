import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RedFlagsSource } from '../../dialogs/safety/source.js';
import { committedLexicon, GUIDE_PATH, RULE_IDS_BEGIN, RULE_IDS_END, ruleIdList, withRuleIds } from '../../server/cli/rule-ids.js';

const guide = readFileSync(GUIDE_PATH, 'utf8');
const lexicon = committedLexicon();

describe('the rule ids in docs/red-flags.md', () => {
  it('are every id the lexicon gives, as `npm run docs:rules` writes them', () => {
    expect(withRuleIds(guide, ruleIdList(lexicon)), 'the list is out of date: run `npm run docs:rules`').toBe(guide);
  });

  it('name each lexicon rule and combination once per row, with its urgency', () => {
    const list = guide.slice(guide.indexOf(RULE_IDS_BEGIN), guide.indexOf(RULE_IDS_END));
    for (const [category, source] of Object.entries(lexicon.categories)) {
      for (const rule of source.rules) expect(list).toContain(`| \`lex:${category}.${rule.id}\` | ${rule.urgency ?? source.urgency} | ${rule.phrases.length} |`);
    }
    for (const combo of lexicon.combos) expect(list).toContain(`| \`ctx:${combo.id}\` | ${combo.urgency} (${combo.category}) |`);
  });

  it('are refreshed from a changed lexicon: a new rule appears, the guide around the list stays', () => {
    const grown: RedFlagsSource = {
      ...lexicon,
      categories: {
        ...lexicon.categories,
        financial: { ...lexicon.categories.financial, rules: [...lexicon.categories.financial.rules, { id: 'test-only', phrases: ['a | b'], examples: ['he wanted my dinner money'] }] },
      },
    };
    const next = withRuleIds(guide, ruleIdList(grown));
    expect(next).toContain('| `lex:financial.test-only` | normal | 1 | "he wanted my dinner money" |');
    expect(next?.slice(0, guide.indexOf(RULE_IDS_BEGIN))).toBe(guide.slice(0, guide.indexOf(RULE_IDS_BEGIN)));
    expect(next?.slice(next.indexOf(RULE_IDS_END))).toBe(guide.slice(guide.indexOf(RULE_IDS_END)));
    expect(withRuleIds('# a guide with no markers', ruleIdList(lexicon))).toBeUndefined();
  });
});

/**
 * `npm run docs:rules`: writes the list of every rule id into docs/red-flags.md, between its `rule-ids` markers, from
 * content/en-GB/red-flags.yaml (see server/content/rule-ids.ts). `-- --check` only compares: exit 1 when it is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { RedFlagsSource } from '../../dialogs/safety/source.js';
import { RULE_IDS_BEGIN, RULE_IDS_END, ruleIdList, withRuleIds } from '../content/rule-ids.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const GUIDE_PATH = `${ROOT}docs/red-flags.md`;
const LEXICON_PATH = `${ROOT}content/en-GB/red-flags.yaml`;

function main(): number {
  const lexicon = parse(readFileSync(LEXICON_PATH, 'utf8')) as RedFlagsSource;
  const guide = readFileSync(GUIDE_PATH, 'utf8');
  const next = withRuleIds(guide, ruleIdList(lexicon));
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

process.exit(main());

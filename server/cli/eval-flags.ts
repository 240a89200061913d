/**
 * `npm run eval:flags`: per-category precision / recall / F1 of the red-flag detector on the
 * REPORTING half of the dev set (tests/fixtures/flags), the benign false-alarm rate, and every miss.
 *   --split tuning     score the tuning half instead (for lexicon work; never tune on reporting)
 *   --split holdout    score the held-out probe batch (*.holdout.txt: scored before and after a
 *                      round of changes, never trained or tuned on)
 *   --files NAME       only the items of files whose name contains NAME (a fresh probe batch, say)
 *   --socket           run the same set through a real server over /chat, counting handoff.initiate
 *   --quiet            only the table
 */
import { loadDataset } from '../../tests/fixtures/flags/dataset.js';
import { evaluate, formatReport, functionRunner, type Runner } from '../../tests/fixtures/flags/evaluate.js';
import { loadSafetyModel } from '../../tests/fixtures/flags/source.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'reporting';
  if (split !== 'tuning' && split !== 'reporting' && split !== 'holdout' && split !== 'all') {
    throw new Error('--split must be tuning, reporting, holdout or all');
  }
  const only = args.includes('--files') ? args[args.indexOf('--files') + 1] : undefined;
  if (args.includes('--files') && !only) throw new Error('--files needs part of a file name, like probes20');
  const items = loadDataset().filter((i) => (split === 'all' || i.split === split) && (only === undefined || i.file.includes(only)));
  let run: Runner;
  let close = async (): Promise<void> => {};
  let title: string;
  if (args.includes('--socket')) {
    const { startSocketRunner } = await import('../../tests/fixtures/flags/socket-runner.js');
    const s = await startSocketRunner();
    run = s.run;
    close = s.close;
    title = `red-flag eval over /chat (real server, ${split} half)`;
  } else {
    run = functionRunner(loadSafetyModel());
    title = `red-flag eval, detect() (${split} half)`;
  }
  try {
    const report = await evaluate(items, run);
    let text = formatReport(report, title);
    if (args.includes('--quiet')) text = text.split('\nmisses')[0] ?? text;
    console.log(text);
  } finally {
    await close();
  }
}

await main();

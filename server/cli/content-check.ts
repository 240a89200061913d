/**
 * `npm run content:check [-- dir]`: validates content/ the way the server does at start-up and
 * explains every problem in plain English with file and line. Exit code 0 when all is well,
 * 1 when there are problems (CI runs it).
 */
import { messageKeysFor } from '../../dialogs/index.js';
import { readContent } from '../content/load.js';
import { formatProblem } from '../content/problems.js';

async function main(): Promise<number> {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? 'content';
  const { source, problems } = await readContent(dir);
  if (problems.length > 0 || !source) {
    process.stdout.write(`Content check found ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n\n`);
    for (const p of problems) process.stdout.write(`  ${formatProblem(p)}\n`);
    process.stdout.write('\nFix these, then run `npm run content:check` again. The server will not start until they are fixed.\n');
    return 1;
  }
  const base = source.locales.get(source.settings.defaultLocale);
  const keys = messageKeysFor(base?.apps.map((a) => a.id) ?? []);
  process.stdout.write(
    `Content is fine: ${source.locales.size} language(s) (${[...source.locales.keys()].join(', ')}), ` +
      `${keys.length} messages the chat can say, ${base?.services.length ?? 0} services, ${base?.apps.length ?? 0} apps. ` +
      `Version ${source.version}.\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`content:check could not run: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);

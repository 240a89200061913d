import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The repository root: the folder holding `widget/console/index.ts`. */
function root(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'widget', 'console', 'index.ts'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('widget/console sources not found');
}

let cached: Promise<string> | null = null;

/** The console app bundle (Lit, ES2022, minified), built once per process from widget/console/. */
export function consoleBundle(): Promise<string> {
  cached ??= build({
    entryPoints: [join(root(), 'widget', 'console', 'index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  }).then((r) => {
    const file = r.outputFiles[0];
    if (!file) throw new Error('console bundle produced no output');
    return file.text;
  });
  cached.catch(() => (cached = null));
  return cached;
}

/** The console's HTML shell: one script from this origin, nothing else. */
export function consolePage(helplineName: string): string {
  const name = helplineName.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${name} counsellor console</title>
<script type="module" src="/console/app.js"></script>
<style>html,body{margin:0;font-family:system-ui,sans-serif;background:Canvas;color:CanvasText}</style>
</head>
<body>
<hb-console helpline="${name}"><noscript>The counsellor console needs JavaScript.</noscript></hb-console>
</body>
</html>
`;
}

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import boundaries of STYLE.md live in eslint.config.js. These cases lint small snippets as
 * if they sat at a path in the tree, and check the linter names the broken boundary. Type
 * information is switched off here: the boundary rules do not need it, and it keeps this fast.
 */
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: [
      {
        files: ['**/*.ts'],
        ...tseslint.configs.disableTypeChecked,
        languageOptions: { parserOptions: { projectService: false, project: null } },
      },
    ],
  });
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('import boundaries', () => {
  it('lets the widget import lit, server/protocol and widget/generated', async () => {
    const out = await problems(
      'widget/zz-boundary.ts',
      "import { html } from 'lit';\nimport { EVENT } from '../server/protocol/index.js';\nimport { help } from './generated/help-now.js';\nexport const all = [html, EVENT, help];\n",
    );
    expect(out).toEqual([]);
  });

  it('refuses dialogs/, the rest of server/, content/ and node: modules in the widget', async () => {
    const out = await problems(
      'widget/zz-boundary.ts',
      "import { a } from '../dialogs/index.js';\nimport { b } from '../server/app.js';\nimport c from '../content/en-GB/messages.yaml';\nimport fs from 'node:fs';\nexport const all = [a, b, c, fs];\n",
    );
    expect(out.join('\n')).toContain('widget/ must not import dialogs/');
    expect(out.join('\n')).toContain('widget/ may import only server/protocol');
    expect(out.join('\n')).toContain('widget/ must not import content/');
    expect(out.join('\n')).toContain('no Node modules');
  });

  it('bans unsafeHTML and innerHTML in the widget', async () => {
    const out = await problems(
      'widget/zz-boundary.ts',
      "import { unsafeHTML } from 'lit/directives/unsafe-html.js';\nexport const f = unsafeHTML;\nexport function wipe(el: HTMLElement): void { el.innerHTML = ''; }\nexport function wipe2(el: HTMLElement): void { el['innerHTML'] = ''; }\n",
    );
    const text = out.join('\n');
    expect(text).toContain('Never render text as HTML');
    expect(text).toContain('unsafeHTML is banned');
    expect(out.filter((m) => m.includes('innerHTML')).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps dialogs/ pure: xstate, natural and its own files only', async () => {
    const ok = await problems(
      'dialogs/safety/zz-boundary.ts',
      "import { setup } from 'xstate';\nimport stemmers from 'natural/lib/natural/stemmers/index.js';\nimport * as util from 'natural/lib/natural/util/index.js';\nimport type { Finding } from './finding.js';\nimport type { DialogInput } from '../types.js';\nexport type T = Finding | DialogInput;\nexport const all = [setup, stemmers, util];\n",
    );
    expect(ok).toEqual([]);
    const bad = await problems(
      'dialogs/safety/zz-boundary.ts',
      "import { EVENT } from '../../server/protocol/index.js';\nimport { readFile } from 'node:fs/promises';\nimport { format } from 'util';\nimport YAML from 'yaml';\nexport const all = [EVENT, readFile, format, YAML];\n",
    );
    const text = bad.join('\n');
    expect(text).toContain('dialogs/ is pure: it must not import server/');
    expect(bad.filter((m) => m.includes('no Node APIs')).length).toBe(2); // node:fs/promises and util
    expect(text).toContain('dialogs/ may import only xstate, natural');
  });

  it('lets server/protocol import dialogs/safety/finding.js for types only', async () => {
    const ok = await problems(
      'server/protocol/zz-boundary.ts',
      "import type { Finding } from '../../dialogs/safety/finding.js';\nimport { Type } from '@sinclair/typebox';\nimport type { Activity } from 'botframework-schema';\nimport { CLOSE } from './activities.js';\nexport type { Urgency } from '../../dialogs/safety/finding.js';\nexport type T = Finding | Activity;\nexport const all = [Type, CLOSE];\n",
    );
    expect(ok).toEqual([]);
    const bad = await problems(
      'server/protocol/zz-boundary.ts',
      "import { URGENCIES } from '../../dialogs/safety/finding.js';\nimport { buildApp } from '../app.js';\nimport YAML from 'yaml';\nexport const all = [URGENCIES, buildApp, YAML];\n",
    );
    const text = bad.join('\n');
    expect(text).toContain('for TYPES only');
    expect(bad.filter((m) => m.includes('server/protocol may import only')).length).toBe(2);
  });

  it('keeps the widget out of the server, except server/build which bundles it', async () => {
    const bad = await problems('server/routes/zz-boundary.ts', "import { x } from '../../widget/index.js';\nexport const all = [x];\n");
    expect(bad.join('\n')).toContain('server/ must not import widget/');
    const ok = await problems('server/build/zz-boundary.ts', "import { x } from '../../widget/index.js';\nexport const all = [x];\n");
    expect(ok).toEqual([]);
  });

  it('allows no code in content/', async () => {
    const out = await problems('content/en-GB/zz-boundary.js', 'export const words = 1;\n');
    expect(out.join('\n')).toContain('content/ holds YAML data only');
  });
});

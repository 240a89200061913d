import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * Docker cannot run here, so this test re-enacts the Dockerfile's runtime stage without it: it
 * reads the stage's ENV / WORKDIR / COPY / RUN / USER / HEALTHCHECK / CMD lines and performs them
 * in a temporary folder standing in for /app: a production-only `npm ci --omit=dev`, the files
 * copied from the build stage (this checkout, after scripts/build.mjs), then the CMD started with a
 * temporary DATA_DIR, and the HEALTHCHECK command run against it.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

interface Instruction {
  readonly op: string;
  readonly args: string;
  readonly line: number;
}

/** The Dockerfile as instructions (continuations joined, comments dropped). */
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i] ?? '';
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + (lines[++i] ?? '').trim();
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = /^(\w+)\s+(.*)$/.exec(trimmed);
    if (match) out.push({ op: match[1]!.toUpperCase(), args: match[2]!.trim(), line: start + 1 });
  }
  return out;
}

/** `KEY=VALUE KEY2=VALUE2` (no quotes needed in our Dockerfile). */
function parseEnv(args: string): Record<string, string> {
  return Object.fromEntries(args.split(/\s+/).map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
}

/** The exec-form JSON array after CMD / HEALTHCHECK … CMD. */
function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`not an exec-form array: ${args}`);
  return parsed;
}

const dockerfile = parseDockerfile(await readFile(join(ROOT, 'Dockerfile'), 'utf8'));
const froms = dockerfile.filter((i) => i.op === 'FROM');
const runtimeStart = dockerfile.lastIndexOf(froms.at(-1)!);
const runtime = dockerfile.slice(runtimeStart + 1);

describe('Dockerfile', () => {
  it('is multi-stage: a build stage, then a runtime on the same Node major as engines', async () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const engines = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const major = /(\d+)/.exec(engines)?.[1];
    for (const from of froms) expect(from.args).toMatch(new RegExp(`^node:${major}[-.\\s]`));
    expect(froms[0]!.args).toMatch(/\bAS build\b/i);
  });

  it('runs as a non-root user, installs production dependencies only, and checks /healthz', () => {
    const user = runtime.filter((i) => i.op === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(user?.args).not.toMatch(/^(root|0)(:|$)/);
    const installs = runtime.filter((i) => i.op === 'RUN' && /\bnpm (ci|install)\b/.test(i.args));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install.args).toMatch(/--omit=dev\b/);
    const health = runtime.find((i) => i.op === 'HEALTHCHECK');
    expect(health?.args).toContain('/healthz');
  });
});

describe('Dockerfile runtime stage, re-enacted without Docker', () => {
  let app: string;
  let env: Record<string, string> = {};
  let cmd: string[] = [];
  let healthcheck: string[] = [];
  let server: ServerProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    await ensureBuilt(); // the build stage: dev dependencies + scripts/build.mjs
    const scratch = await mkdtemp(join(tmpdir(), 'harbour-docker-'));
    app = join(scratch, 'app');
    dataDir = join(scratch, 'data');
    let workdir: string | null = null;
    for (const step of runtime) {
      switch (step.op) {
        case 'ENV':
          env = { ...env, ...parseEnv(step.args) };
          break;
        case 'WORKDIR':
          expect(step.args, `Dockerfile:${step.line}`).toBe('/app');
          workdir = app;
          await mkdir(app, { recursive: true });
          break;
        case 'COPY': {
          if (workdir === null) throw new Error(`Dockerfile:${step.line}: COPY before WORKDIR`);
          const parts = step.args.split(/\s+/);
          const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
          const paths = parts.filter((p) => !p.startsWith('--'));
          const destination = paths.pop()!;
          for (const source of paths) {
            // The build stage's /app is this checkout (after the build); the context is too.
            const relative = from === 'build' ? source.replace(/^\/app\//, '') : source;
            const target = destination.endsWith('/') ? join(workdir, destination, relative.split('/').at(-1)!) : join(workdir, destination);
            await cp(join(ROOT, relative), target, {
              recursive: true,
              // what .dockerignore keeps out of the context (and the build stage never has)
              filter: (path) => !/\/(node_modules|\.git)(\/|$)/.test(path.slice(ROOT.length)),
            });
          }
          break;
        }
        case 'RUN': {
          if (/^npm ci\b/.test(step.args)) {
            const args = step.args.split(/\s+/).slice(1);
            await run('npm', args, { cwd: workdir ?? app, env: { ...process.env, NODE_ENV: 'production' }, timeout: 240_000 });
          } else if (/^mkdir -p (\S+) && chown \S+ \1$/.test(step.args) && step.args.includes(env['DATA_DIR'] ?? '/data')) {
            // Creating the data volume's folder for the non-root user: here, a temporary folder.
            await mkdir(dataDir, { recursive: true });
          } else {
            throw new Error(`Dockerfile:${step.line}: the re-enactment does not know "RUN ${step.args}"; teach this test`);
          }
          break;
        }
        case 'CMD':
          cmd = execForm(step.args);
          break;
        case 'HEALTHCHECK':
          healthcheck = execForm(step.args.slice(step.args.indexOf('CMD') + 3));
          break;
        default:
          break; // USER, VOLUME, EXPOSE: checked above or nothing to do outside Docker
      }
    }
    expect(cmd[0]).toBe('node');
    server = await startServerProcess({
      cwd: app,
      entry: join(app, cmd[1]!),
      dataDir,
      skipBuild: true,
      env: { ...env, LOG_LEVEL: 'warn' },
    });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    if (app) await rm(join(app, '..'), { recursive: true, force: true });
  });

  it('installs no development dependency', () => {
    for (const dev of ['vitest', 'typescript', 'eslint', 'tsx', 'playwright-core', 'botbuilder']) {
      expect(existsSync(join(app, 'node_modules', dev)), `${dev} must not be in the runtime image`).toBe(false);
    }
    expect(existsSync(join(app, 'node_modules', 'fastify'))).toBe(true);
  });

  it('starts the built server, and /healthz answers 200', async () => {
    const response = await fetch(`${server!.origin}/healthz`);
    expect(response.status).toBe(200);
  });

  it('serves the widget bundle it built at start-up from the copied sources', async () => {
    const response = await fetch(`${server!.origin}/widget.js`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('harbour-chat');
  });

  it('passes its own HEALTHCHECK command', async () => {
    const [file, ...args] = healthcheck;
    const result = await run(file!, args, { cwd: app, env: { ...process.env, PORT: String(server!.port) }, timeout: 10_000 });
    expect(result.stderr).toBe('');
  });
});

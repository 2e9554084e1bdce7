// CI replays the Dockerfile without a container runtime (none exists on these machines): each stage gets a folder of
// its own standing for its filesystem, WORKDIR maps into it, COPY copies from the repository or from an earlier
// stage's folder, RUN runs in a shell with the stage's ENV, using the Node on the PATH (CI puts Node 24 there, the
// image's). Then the last stage is checked and started as the image would start: not root, no development
// dependency, its CMD serving /livez, its HEALTHCHECK command answering 0, a clean stop on SIGTERM.
// Not checked here: the base image itself, file ownership, running as the `node` user (see docs/OPERATIONS.md).
//   node --import tsx scripts/dockerfile-dry-run.ts [--keep]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planDockerfile, type Stage } from './dockerfile-plan.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const say = (line: string) => process.stdout.write(`dockerfile: ${line}\n`);
/** Packages that may only be in a build: finding one in the final image's node_modules fails the run. */
const DEV_ONLY = ['typescript', 'tsx', 'vitest', 'eslint', 'prettier', 'playwright-core', 'fast-check'];

interface StageState {
  dir: string;
  workdir: string;
  env: Record<string, string>;
}

const inStage = (s: StageState, path: string) => join(s.dir, path.startsWith('/') ? path : join(s.workdir, path));

function replay(stage: Stage, states: Map<string, StageState>, base: string): StageState {
  const state: StageState = { dir: join(base, stage.name), workdir: '/', env: {} };
  mkdirSync(state.dir, { recursive: true });
  const major = /^node:(\d+)/.exec(stage.image)?.[1];
  if (major && process.versions.node.split('.')[0] !== major)
    throw new Error(
      `stage ${stage.name} is FROM ${stage.image} but this runs Node ${process.version}: put Node ${major} on the PATH`,
    );
  for (const step of stage.steps) {
    switch (step.kind) {
      case 'workdir':
        state.workdir = resolve(state.workdir, step.path);
        mkdirSync(inStage(state, '.'), { recursive: true });
        break;
      case 'env':
        state.env[step.name] = step.value;
        break;
      case 'copy': {
        const from = step.from ? states.get(step.from) : undefined;
        if (step.from && !from) throw new Error(`COPY --from=${step.from}: no such earlier stage`);
        for (const source of step.sources) {
          const src = from ? join(from.dir, source) : join(root, source);
          if (!existsSync(src))
            throw new Error(`COPY ${source}: not found in ${step.from ? `stage ${step.from}` : 'the repository'}`);
          const intoDir = step.dest.endsWith('/') || step.sources.length > 1 || statSync(src).isDirectory();
          const dest = inStage(state, step.dest);
          const target =
            intoDir && !statSync(src).isDirectory() ? join(dest, source.split('/').filter(Boolean).at(-1)!) : dest;
          mkdirSync(dirname(target), { recursive: true });
          cpSync(src, target, { recursive: true });
        }
        break;
      }
      case 'run': {
        say(`[${stage.name}] RUN ${step.command}`);
        const r = spawnSync('sh', ['-c', step.command], {
          cwd: inStage(state, '.'),
          env: { ...process.env, ...state.env },
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        if (r.status !== 0) throw new Error(`[${stage.name}] RUN ${step.command}: exit ${r.status}`);
        break;
      }
    }
  }
  return state;
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

async function checkRuntime(stage: Stage, state: StageState): Promise<void> {
  if (!stage.user || stage.user === 'root' || stage.user === '0')
    throw new Error('the final stage must set a USER other than root');
  if (!stage.cmd) throw new Error('the final stage has no CMD');
  if (!stage.healthcheck?.some((a) => a.includes('/livez'))) throw new Error('the HEALTHCHECK must call /livez');
  const modules = inStage(state, 'node_modules');
  const dev = DEV_ONLY.filter((p) => existsSync(join(modules, p)));
  if (dev.length) throw new Error(`development dependencies in the image: ${dev.join(', ')}`);
  const pkg = JSON.parse(readFileSync(inStage(state, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const missing = Object.keys(pkg.dependencies).filter((p) => !existsSync(join(modules, p)));
  if (missing.length) throw new Error(`production dependencies missing from the image: ${missing.join(', ')}`);
  say(
    `final stage: USER ${stage.user}, production dependencies only (${Object.keys(pkg.dependencies).length}), no ${DEV_ONLY.join('/')}`,
  );

  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', ...state.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const [cmd, ...args] = stage.cmd;
  const bot = spawn(cmd!, args, { cwd: inStage(state, '.'), env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<number | null>((done) => bot.once('exit', (code) => done(code)));
  try {
    let healthy = false;
    for (let i = 0; i < 100 && !healthy; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const [hc, ...hcArgs] = stage.healthcheck!;
      healthy = spawnSync(hc!, hcArgs, { cwd: inStage(state, '.'), env, timeout: 5000 }).status === 0;
    }
    if (!healthy) throw new Error('the HEALTHCHECK command never answered 0 against the started CMD');
    say(`CMD ${stage.cmd.join(' ')} serves; HEALTHCHECK answers 0`);
  } finally {
    bot.kill('SIGTERM');
  }
  const code = await exited;
  if (code !== 0) throw new Error(`the CMD exited ${code} on SIGTERM`);
  say('stopped cleanly on SIGTERM');
}

async function main(): Promise<number> {
  const stages = planDockerfile(join(root, 'Dockerfile'));
  const base = mkdtempSync(join(tmpdir(), 'numbot-dockerfile-'));
  say(
    `${stages.length} stages (${stages.map((s) => s.name).join(', ')}) replayed in ${base} with Node ${process.version}`,
  );
  try {
    const states = new Map<string, StageState>();
    for (const stage of stages) states.set(stage.name, replay(stage, states, base));
    const last = stages.at(-1)!;
    await checkRuntime(last, states.get(last.name)!);
    say('ok');
    return 0;
  } catch (err) {
    say(`FAILED: ${(err as Error).message}`);
    return 1;
  } finally {
    if (!process.argv.includes('--keep')) rmSync(base, { recursive: true, force: true });
  }
}

process.exitCode = await main();

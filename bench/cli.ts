// CLI start-up: wall time of `numbot --help` run as a new process, as a person runs it, N times (default 15), with
// the median and the best. Three lines: `node -e 0` (what any Node process costs on this machine, for scale), the
// compiled CLI (bin/numbot.js with dist/cli.js, after `npm run build`) and the TypeScript sources through tsx (the
// same bin on a fresh clone). The compiled line is skipped, saying so, when there is no build.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/numbot.js', import.meta.url));
const dist = fileURLToPath(new URL('../dist', import.meta.url));

function timeRuns(args: string[], runs: number): { medianMs: number; bestMs: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr)}`);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { medianMs: round(times[Math.floor(times.length / 2)]!), bestMs: round(times[0]!) };
}

export async function main(args: string[]): Promise<void> {
  const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
  const line = (what: string, extra: Record<string, unknown>) =>
    console.log(JSON.stringify({ bench: 'cli-startup', what, runs, node: process.version, ...extra }));
  line('node -e 0', timeRuns(['-e', '0'], runs));
  if (existsSync(`${dist}/cli.js`)) {
    const t = timeRuns([bin, '--help'], runs);
    line('numbot --help (compiled: dist/cli.js)', { ...t, targetMs: 300, withinTarget: t.medianMs <= 300 });
    // The same bin without the build, as on a fresh clone: dist/ moved aside for these runs only.
    const aside = `${dist}.bench-aside`;
    renameSync(dist, aside);
    try {
      line('numbot --help (sources through tsx, no build)', timeRuns([bin, '--help'], Math.min(runs, 5)));
    } finally {
      renameSync(aside, dist);
    }
  } else {
    line('numbot --help (compiled: dist/cli.js)', { skipped: 'no build: run `npm run build` first' });
    line('numbot --help (sources through tsx, no build)', timeRuns([bin, '--help'], Math.min(runs, 5)));
  }
}

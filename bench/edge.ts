// Memory the HTTP edge adds under unauthenticated bulk bodies: the bot runs in a child process (tsx src/main.ts,
// embedded store); this process sends N concurrent 10 MiB POSTs to /api/devices/report without a token (and, as a
// second case, with a valid token but over the route's limit) and reads the child's peak RSS (VmHWM) before and after.
// Prints one JSON line per case. `npm run bench -- edge [--concurrency 40] [--mib 10]`
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { issueDeviceToken } from '../src/device-reports/device-token.ts';

const SECRET = 'bench-device-secret-0123456789';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

async function kib(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

/** One POST streaming `bytes` (a shared 1 MiB chunk, so this process stays small); resolves with the status. */
function post(port: number, bytes: number, headers: Record<string, string>): Promise<number | string> {
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/devices/report',
        headers: { 'content-type': 'application/json', 'content-length': bytes, ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`the bot did not answer ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function main(args: string[]): Promise<void> {
  const concurrency = arg(args, 'concurrency', 40);
  const mib = arg(args, 'mib', 10);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const root = fileURLToPath(new URL('../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PLAYGROUND: 'off',
      DEVICE_TOKEN_SECRET: SECRET,
      REDIS_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/livez`, 30_000);
    const pid = child.pid!;
    const cases: [string, Record<string, string>][] = [
      ['unauthenticated', {}],
      ['token, over the route limit', { authorization: `Bearer ${issueDeviceToken('bench', SECRET)}` }],
    ];
    for (const [name, headers] of cases) {
      // A little warm-up so the first case does not pay for lazy loading.
      await post(port, 1024, headers);
      const before = await kib(pid, 'VmRSS');
      const hwmBefore = await kib(pid, 'VmHWM');
      const started = performance.now();
      const statuses = await Promise.all(
        Array.from({ length: concurrency }, () => post(port, mib * 1024 * 1024, headers)),
      );
      const ms = Math.round(performance.now() - started);
      const peak = await kib(pid, 'VmHWM');
      const counts: Record<string, number> = {};
      for (const s of statuses) counts[String(s)] = (counts[String(s)] ?? 0) + 1;
      console.log(
        JSON.stringify({
          bench: 'edge',
          case: name,
          concurrency,
          bodyMiB: mib,
          rssBeforeMiB: Math.round(before / 1024),
          peakRssMiB: Math.round(Math.max(peak, hwmBefore) / 1024),
          addedMiB: Math.round((Math.max(peak, before) - before) / 1024),
          statuses: counts,
          ms,
        }),
      );
    }
  } finally {
    child.kill('SIGTERM');
  }
}

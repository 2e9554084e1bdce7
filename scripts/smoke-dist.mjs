// CI's check of the compiled build: starts `node dist/main.js` with the Node running this script (CI runs it with
// Node 20 and Node 24), waits until GET /livez and GET /readyz answer 200, runs `bin/numbot.js --help`, then stops the
// bot with SIGTERM and expects a clean exit. Everything stays on 127.0.0.1. Exit code 0 when all of that held.
// REDIS_URL (optional) is handed to the bot, so /readyz answers for a real Redis.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const say = (line) => process.stdout.write(`smoke-dist (node ${process.version}): ${line}\n`);

const port = await new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const p = srv.address().port;
    srv.close(() => resolve(p));
  });
});
const env = {
  PATH: process.env.PATH,
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
};
if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
const bot = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], { cwd: root, env, stdio: 'inherit' });
const exited = new Promise((resolve) => bot.once('exit', (code, signal) => resolve({ code, signal })));

async function answers(path) {
  for (let i = 0; i < 150; i++) {
    try {
      const res = await globalThis.fetch(`http://127.0.0.1:${port}${path}`);
      if (res.status === 200) return res.json();
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${path} did not answer 200 within 15 s`);
}

let failed = false;
try {
  const live = await answers('/livez');
  const ready = await answers('/readyz');
  say(`/livez ${JSON.stringify(live)}, /readyz ${JSON.stringify(ready)}`);
  const help = spawnSync(process.execPath, ['bin/numbot.js', '--help'], { cwd: root, encoding: 'utf8' });
  if (help.status !== 0 || !help.stdout.includes('Usage: numbot <command>')) throw new Error('numbot --help failed');
  say('numbot --help (dist/cli.js) ok');
} catch (err) {
  failed = true;
  say(`FAILED: ${err.message}`);
}
bot.kill('SIGTERM');
const { code, signal } = await exited;
if (code !== 0) {
  failed = true;
  say(`FAILED: the bot exited with ${code ?? signal} after SIGTERM`);
} else say('stopped cleanly on SIGTERM');
process.exitCode = failed ? 1 : 0;

// `npm start` as an orchestrator runs it: a SIGTERM at any moment of the start-up (here, right after /livez first
// answers, while the playground's first poll still runs) drains and exits 0, never dying on the default signal action.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function livez(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/livez`, { signal: AbortSignal.timeout(500) })).status === 200;
  } catch {
    return false;
  }
}

describe('the bot process', () => {
  it('exits 0 on a SIGTERM sent the moment it first answers /livez', async () => {
    const port = await freePort();
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1' };
    env.LOG_LEVEL = 'warn';
    const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    bot.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
      bot.once('exit', (code, signal) => done({ code, signal })),
    );
    const deadline = Date.now() + 30_000;
    while (!(await livez(port))) {
      if (Date.now() > deadline) throw new Error(`the bot never answered /livez: ${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    bot.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});

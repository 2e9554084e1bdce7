// Makes a real Redis available to tests that need one: REDIS_URL when set, otherwise a redis-server started
// here on a free port. In CI (CI=true) a missing Redis fails the run instead of skipping tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

let child: ChildProcess | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForRedis(port: number): Promise<void> {
  const { Socket } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('error', () => resolve(false));
      s.connect(port, '127.0.0.1', () => {
        s.write('PING\r\n');
        s.once('data', (d) => {
          s.destroy();
          resolve(d.toString().startsWith('+PONG'));
        });
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let url = process.env.REDIS_URL;
  if (!url) {
    const port = await freePort();
    try {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      await new Promise<void>((resolve, reject) => {
        child!.once('error', reject);
        child!.once('spawn', () => resolve());
      });
      await waitForRedis(port);
      url = `redis://127.0.0.1:${port}`;
    } catch (err) {
      child = undefined;
      if (process.env.CI === 'true')
        throw new Error(`CI needs Redis: set REDIS_URL or put redis-server on the PATH (${String(err)})`);
      url = '';
    }
  }
  project.provide('redisUrl', url ?? '');
  return async () => {
    child?.kill('SIGTERM');
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

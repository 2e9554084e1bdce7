// The whole app on 127.0.0.1, port 0, for endpoint tests over real HTTP.
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';

export interface Running {
  app: App;
  url: string;
  post(
    path: string,
    body: string | Buffer,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
}

export async function startApp(env: Record<string, string>, now = Date.UTC(2026, 11, 1, 9)): Promise<Running> {
  const config = loadConfig({ HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const app = await buildApp(config, createLogger('silent'), { clock: { now: () => now } });
  const port = await app.start(0);
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    async post(path, body, headers = {}) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        body: typeof body === 'string' ? body : new Uint8Array(body),
        headers,
      });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
  };
}

// The settings of the hardened edge: HTTP limits with safe defaults, and an unauthenticated Teams endpoint only where
// NODE_ENV explicitly says development or test.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('HTTP limits', () => {
  it('default to headers 10 s, keep-alive 5 s, a connection cap and a 1 MiB body', () => {
    const c = loadConfig({});
    expect(c.http.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(c.http.keepAliveTimeoutMs).toBeLessThanOrEqual(5_000);
    expect(c.http.maxConnections).toBeGreaterThan(0);
    expect(c.http.defaultMaxBodyBytes).toBe(1024 * 1024);
  });
  it('are read from the environment and refused when nonsense', () => {
    const c = loadConfig({
      HTTP_HEADERS_TIMEOUT_MS: '2000',
      HTTP_KEEPALIVE_TIMEOUT_MS: '1000',
      HTTP_MAX_CONNECTIONS: '50',
    });
    expect(c.http).toMatchObject({ headersTimeoutMs: 2000, keepAliveTimeoutMs: 1000, maxConnections: 50 });
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: '0' })).toThrow(/HTTP_MAX_CONNECTIONS/);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: 'soon' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });
});

describe('TEAMS_LOCAL_NO_AUTH', () => {
  it.each(['development', 'test', 'Development', 'TEST'])('is accepted with NODE_ENV=%s', (NODE_ENV) => {
    expect(loadConfig({ NODE_ENV, TEAMS_LOCAL_NO_AUTH: 'true' }).TEAMS_LOCAL_NO_AUTH).toBe(true);
  });
  it.each([['production'], ['Production'], ['prod'], ['staging'], [undefined]])(
    'is refused with a clear start-up error with NODE_ENV=%s',
    (NODE_ENV) => {
      const env: Record<string, string> = { TEAMS_LOCAL_NO_AUTH: 'true' };
      if (NODE_ENV) env.NODE_ENV = NODE_ENV;
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/TEAMS_LOCAL_NO_AUTH: .*only with NODE_ENV=development or test/);
    },
  );
});

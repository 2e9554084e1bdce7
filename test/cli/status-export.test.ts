import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { newPerson } from '../../src/domain/person.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { captureIo } from '../helpers/cli.ts';
import { hasRedis, redisUrl, testRedis, uniqueMigrationId } from '../helpers/redis.ts';

describe('numbot CLI', () => {
  it('prints help and refuses unknown commands with exit code 2', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/status/);
    const bad = captureIo();
    expect(await main(['frobnicate'], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/unknown command "frobnicate"/);
  });

  it('reports a bad configuration instead of crashing', async () => {
    const io = captureIo({ REDIS_URL: 'not a url' });
    expect(await main(['status'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/REDIS_URL/);
  });
});

describe.runIf(hasRedis())('numbot status and export on Redis', () => {
  const redis = testRedis();
  afterAll(() => redis.quit());

  it('shows the counters and exports every person', async () => {
    const migrationId = uniqueMigrationId('cli');
    const store = createRedisStore({ redis, migrationId });
    const T = Date.UTC(2026, 10, 2);
    await store.writePeople(
      [1, 2, 3].map((n) => ({
        expectedVersion: -1,
        after: newPerson(
          { email: `p${n}@x.org`, firstName: 'P', lastName: `${n}`, products: ['AutoCAD'], department: 'BIM' },
          T,
        ),
        action: 'import',
      })),
      { id: 't', source: 'cli' },
      T,
    );
    const env = { REDIS_URL: redisUrl(), MIGRATION_ID: migrationId };
    const io = captureIo(env);
    expect(await main(['status'], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/3 people/);
    expect(out).toMatch(/not_invited 3/);
    expect(out).toMatch(/AutoCAD\s+3\s+0\s+0/);
    const json = captureIo(env);
    await main(['status', '--json'], json);
    expect(JSON.parse(json.stdout[0]!).steps.step1.not_invited).toBe(3);

    const file = join(mkdtempSync(join(tmpdir(), 'numbot-')), 'report.csv');
    expect(await main(['export', file], captureIo(env))).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['p1@x.org', 'p2@x.org', 'p3@x.org']);
  });
});

import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { captureIo } from '../helpers/cli.ts';
import { hasRedis, redisUrl, testRedis, uniqueMigrationId } from '../helpers/redis.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/roster/${name}`, import.meta.url));

describe('numbot import without Redis', () => {
  it('prints usage and exits 2 without a file', async () => {
    const io = captureIo();
    expect(await main(['import'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/^Usage: numbot import <file.csv\|->/);
  });

  it('warns that an import into the embedded memory store is lost at exit', async () => {
    const io = captureIo();
    expect(await main(['import', fixture('de-export.csv')], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/3 rows accepted, 0 rejected \(utf-8, delimiter ;\)/);
    expect(io.stderr.join('\n')).toMatch(
      /in-memory store and is lost now that the command ends\. Set REDIS_URL \(or REDIS_CLUSTER_NODES, REDIS_SENTINELS\)/,
    );
  });

  it('refuses a file without the required columns, as one JSON object with line 1', async () => {
    const io = captureIo();
    expect(await main(['import', fixture('missing-columns.csv'), '--json'], io)).toBe(1);
    expect(io.stdout).toHaveLength(1);
    const out = JSON.parse(io.stdout[0]!);
    expect(Object.keys(out)).toEqual(['accepted', 'rejected']);
    expect(out.accepted).toBe(0);
    expect(out.rejected).toEqual([{ line: 1, reason: expect.stringMatching(/^missing required columns: first name/) }]);
  });

  it('reads standard input for "-"', async () => {
    const io = captureIo({}, { '-': 'Voornaam;Achternaam;E-mail\nJan;Smit;jan@x.nl\nPiet;Admin;piet@x.nl\n' });
    expect(await main(['import', '-', '--json', '--dry-run'], io)).toBe(3);
    expect(JSON.parse(io.stdout[0]!)).toEqual({
      accepted: 1,
      rejected: [{ line: 3, reason: 'last name contains "admin", which Autodesk Account rejects' }],
    });
    expect(io.stderr.join('\n')).not.toMatch(/lost now that the command ends/);
  });
});

describe.runIf(hasRedis())('numbot import on Redis', () => {
  const redis = testRedis();
  afterAll(() => redis.quit());

  it('imports good rows, prints exactly {accepted, rejected} with --json and exits 3 when rows were rejected', async () => {
    const migrationId = uniqueMigrationId('import');
    const env = { REDIS_URL: redisUrl(), MIGRATION_ID: migrationId };
    const io = captureIo(env);
    expect(await main(['import', fixture('bad-quotes.csv'), '--json'], io)).toBe(3);
    expect(io.stdout).toHaveLength(1);
    const out = JSON.parse(io.stdout[0]!);
    expect(Object.keys(out)).toEqual(['accepted', 'rejected']);
    expect(out.accepted).toBe(6);
    expect(out.rejected.map((r: { line: number }) => r.line)).toEqual([3, 6, 7, 9, 10, 11, 13]);
    expect(io.stderr).toEqual([]);
    const store = createRedisStore({ redis, migrationId });
    expect((await store.counters()).total).toBe(6);
    expect((await store.getPerson('gil.obrien@example.org'))?.lastName).toBe('O"Brien');
  });

  it('writes nothing on --dry-run, then imports, then finds nothing to change on a second run', async () => {
    const migrationId = uniqueMigrationId('import');
    const env = { REDIS_URL: redisUrl(), MIGRATION_ID: migrationId };
    const store = createRedisStore({ redis, migrationId });

    const dry = captureIo(env);
    expect(await main(['import', fixture('en-hr-export.csv'), '--dry-run'], dry)).toBe(0);
    expect(dry.stdout.slice(0, 2)).toEqual([
      `${fixture('en-hr-export.csv')}: 5 rows accepted, 0 rejected (utf-8, delimiter ,)`,
      'would create 5, would update 0, unchanged 0 — dry run, nothing written',
    ]);
    expect(dry.stdout).toContain('columns not recognised (ignored): Employee ID');
    expect(await store.counters()).toEqual({});

    expect(await main(['import', fixture('en-hr-export.csv')], captureIo(env))).toBe(0);
    expect((await store.counters()).total).toBe(5);
    expect((await store.getPerson('alice.martin@example.org'))?.roles).toEqual(['user', 'admin', 'manager']);

    const again = captureIo(env);
    expect(await main(['import', fixture('en-hr-export.csv')], again)).toBe(0);
    expect(again.stdout[1]).toBe('created 0, updated 0, unchanged 5');
  });

  it('prints the rejected rows as a table by line', async () => {
    const env = { REDIS_URL: redisUrl(), MIGRATION_ID: uniqueMigrationId('import') };
    const io = captureIo(env);
    expect(await main(['import', fixture('bad-delimiter.csv')], io)).toBe(3);
    expect(io.stdout).toEqual([
      `${fixture('bad-delimiter.csv')}: 2 rows accepted, 2 rejected (utf-8, delimiter ;)`,
      'created 2, updated 0, unchanged 0',
      '',
      'line  reason',
      '   3  1 field where the header has 3: does this row use "," instead of ";"?',
      '   5  1 field where the header has 3: does this row use tabs instead of ";"?',
    ]);
  });
});

// The key flows on a real Redis: the same answers and the same state as on the memory store.
import { describe, expect, it } from 'vitest';
import { createSimulatorProvider } from '../../src/autodesk/simulator-provider.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { hasRedis, redisUrl, uniqueMigrationId } from '../helpers/redis.ts';
import { ADMIN, ASSIGNED, bench, INFORMED, T0, textOf } from '../commands/harness.ts';
import { helpRequested, raceTakes } from '../actions/help-race.ts';

if (!hasRedis() && process.env.CI === 'true') throw new Error('CI must run the Redis command flows');

describe.runIf(hasRedis())('commands and card actions on Redis', () => {
  const withRedis = async () => {
    const store = createRedisStore({ redis: redisUrl(), migrationId: uniqueMigrationId('cmd') });
    return bench({ store, provisioning: createSimulatorProvider({ now: () => T0 }) });
  };

  it('import, invite, assign, notify twice, who, sign in, need help, refusals', async () => {
    const b = await withRedis();
    try {
      const roster = [
        'email,first name,last name,products',
        'anne@example.org,Anne,Martin,AutoCAD',
        'bart@example.org,Bart,Peeters,AutoCAD',
      ].join('\n');
      expect(textOf(await b.say(ADMIN, `import\n${roster}`))).toContain('Created: 2');
      expect(textOf(await b.say(ADMIN, 'invite pending'))).toContain('Done: 2');
      expect(textOf(await b.say(ADMIN, 'assign AutoCAD pending'))).toContain('Done: 2');
      await b.say(ADMIN, 'notify pending');
      await b.say(ADMIN, 'notify pending');
      expect(b.delivery.jobs.map((j) => j.job.key).sort()).toEqual([
        'step4:anne@example.org:1',
        'step4:bart@example.org:1',
      ]);
      expect(textOf(await b.say(ADMIN, 'who step2 all'))).toContain('anne@example.org');

      const refused = await b.say('anne@example.org', 'notify pending');
      expect(refused.refused).toBe(true);
      expect((await b.store.readAudit(1))[0]).toMatchObject({ action: 'refused:notify', actor: 'anne@example.org' });
    } finally {
      await b.store.close();
    }
  });

  it('card actions: right person, wrong person, second click', async () => {
    const b = await withRedis();
    try {
      await b.add({ email: 'anne@example.org', firstName: 'Anne' }, INFORMED);
      await b.add({ email: 'bart@example.org' }, ASSIGNED);
      const wrong = await b.click('bart@example.org', 'signed_in', { personId: 'anne@example.org' });
      expect(wrong.refused).toBe(true);
      expect((await b.store.getPerson('anne@example.org'))?.inform.status).toBe('informed');
      const ok = await b.click('anne@example.org', 'signed_in', { personId: 'anne@example.org' });
      expect(ok.replaceCard?.data).toMatchObject({ outcome: 'signed_in' });
      const version = (await b.store.getPerson('anne@example.org'))?.version;
      const again = await b.click('anne@example.org', 'signed_in', { personId: 'anne@example.org' });
      expect(again.replaceCard).toEqual(ok.replaceCard);
      expect((await b.store.getPerson('anne@example.org'))?.version).toBe(version);
      expect(await b.store.countIndex('step4:acknowledged')).toBe(1);
      const status = await b.say(ADMIN, 'status');
      expect((status.cards[0]!.data as { totals: { done: number } }).totals.done).toBe(1);
    } finally {
      await b.store.close();
    }
  });

  it('help tickets: admins taking one request at the same moment, exactly one wins', async () => {
    const b = await withRedis();
    try {
      await raceTakes(b, await helpRequested(b));
    } finally {
      await b.store.close();
    }
  });
});

// Redis lost halfway through a request, with a redis-server this test starts and kills: the request passed the store
// check, then Redis went away under its read or its write. The person still hears within 2 s, in their language, that
// the state store is unavailable (not after the store client's ~8 s of retries, sized for a Sentinel failover), and
// how the interrupted work ended is reported in the log under one ref: its write landed or failed, never half-done.
import { afterEach, describe, expect, it } from 'vitest';
import { createInteractionHandler } from '../../src/app/handle-interaction.ts';
import { createLogger } from '../../src/log.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { assertRenders, bench, textOf } from '../commands/harness.ts';
import { captureLogs, type LogLine } from '../helpers/log-capture.ts';
import type { RedisProcess } from '../helpers/redis-topology.ts';
import { redisUrlOf, standaloneRedis, waitFor } from '../helpers/redis-topology.ts';
import { uniqueMigrationId } from '../helpers/redis.ts';

const redises: RedisProcess[] = [];
const stores: MigrationStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const r of redises.splice(0)) await r.kill();
});

const TEXT: Record<string, string> = {
  en: "The bot's state store cannot be reached right now. Please try again in a minute; if it lasts, tell IT.",
  fr: "Le stockage de l'état du bot est injoignable pour le moment. Réessayez dans une minute ; si cela dure, prévenez l'informatique.",
  nl: 'De statusopslag van de bot is op dit moment niet bereikbaar. Probeer het over een minuut opnieuw; duurt het langer, meld het dan aan IT.',
  de: 'Der Zustandsspeicher des Bots ist gerade nicht erreichbar. Versuchen Sie es in einer Minute erneut; hält es an, melden Sie es der IT.',
};
const TAGS = { en: 'en-US', fr: 'fr-FR', nl: 'nl-BE', de: 'de-DE' } as const;

async function startRedis(): Promise<{ process: RedisProcess; url: string }> {
  const process = await standaloneRedis('redis-midway');
  await process.start();
  return { process, url: redisUrlOf(process) };
}

/** The store, with Redis killed just before the first call of `method` (after the request's store check passed). */
function losingRedisAt(inner: MigrationStore, method: keyof MigrationStore, kill: () => Promise<void>): MigrationStore {
  let armed = true;
  return new Proxy(inner, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => Promise<unknown>;
      if (prop !== method) return fn.bind(target);
      return async (...args: unknown[]) => {
        if (armed) {
          armed = false;
          await kill();
        }
        return fn.apply(target, args);
      };
    },
  });
}

describe('Redis lost halfway through a request', () => {
  it.each([
    ['a read', 'getPerson'],
    ['a write', 'appendAudit'],
  ] as const)(
    'lost under %s (%s): the person hears within 2 s, the work’s end is reported',
    async (_what, method) => {
      const reported: (() => LogLine[])[] = [];
      for (const [locale, tag] of Object.entries(TAGS)) {
        const started = await startRedis();
        redises.push(started.process);
        const store = createRedisStore({ redis: started.url, migrationId: uniqueMigrationId('redis-midway') });
        stores.push(store);
        await store.ping();
        const logs = captureLogs();
        reported.push(() => logs.parsed());
        const b = bench({ store: losingRedisAt(store, method, () => started.process.kill()) });
        const handle = createInteractionHandler({ ...b.ctx, logger: createLogger('info', logs.sink) });
        const sent = Date.now();
        // Someone outside the migration: the bot reads who they are, then writes the refusal to the audit trail.
        const reply = await handle({
          kind: 'command',
          actor: { platform: 'slack', userId: 'U0X', personId: `anne-${locale}@example.org`, locale: tag },
          text: 'status',
        });
        expect(Date.now() - sent).toBeLessThan(2000);
        assertRenders(reply);
        expect(reply.cards[0]?.locale).toBe(locale);
        expect(textOf(reply)).toContain(TEXT[locale]);
      }

      // The work goes on behind each answer; once the client gives up it is reported as failed, under the same ref.
      const ended = (lines: LogLine[]) => lines.find((l) => l.msg.startsWith('interaction ended after'));
      await waitFor(
        'the interrupted work reported',
        async () => reported.every((r) => ended(r()) !== undefined),
        30_000,
      );
      for (const lines of reported.map((r) => r())) {
        const answered = lines.find((l) => l.msg.startsWith('interaction answered: the state store was lost'));
        expect(answered?.ref).toMatch(/^[0-9a-f]{8}$/);
        expect([ended(lines)?.ref, ended(lines)?.outcome]).toEqual([answered?.ref, 'failed']);
      }
    },
    60_000,
  );
});

// The restore drill: a migration run on one Redis server (the playground's sample, a step-4 campaign sent) is
// exported with `numbot export --state`, restored with `numbot import --state` into a Redis Cluster, and the bot
// carries on there: the same status, the same cards, a click on a card sent before the move. Bad files write nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { main } from '../../src/cli.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { parseState, StateFileError } from '../../src/store/state-dump.ts';
import { captureIo } from '../helpers/cli.ts';
import { hasRedis, redisUrl, testRedis, uniqueMigrationId } from '../helpers/redis.ts';
import { REDIS_PASSWORD, startCluster, type Topology } from '../helpers/redis-topology.ts';

const ADMIN = 'marc.peeters@acme.example';
const TOM = 'tom.janssens@acme.example';
const HEADERS = { 'x-numbot-playground': '1', 'content-type': 'application/json' };

interface Shown {
  id: string;
  card: { name: string; teams: { actions?: { verb?: string; data?: Record<string, unknown> }[] } };
}

function playground(base: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/playground/api${path}`, {
      method,
      headers: HEADERS,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    call,
    command: (as: string, text: string) => call('POST', '/command', { as, text }),
    conversation: async (id: string) =>
      (await call('GET', `/conversations/${encodeURIComponent(id)}`)).body.messages as Shown[],
  };
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A state file's keys, whole (chunks merged, hash fields and set members in order): what two exports must share. */
function contentOf(text: string): Record<string, unknown> {
  const out: Record<string, { type: string; parts: unknown[]; expires: boolean }> = {};
  for (const line of parseState(text).lines) {
    const { key, type, ttlMs, ...value } = line;
    const entry = (out[key] ??= { type, parts: [], expires: ttlMs > 0 });
    entry.parts.push(...(Object.values(value)[0] as unknown[]));
  }
  for (const entry of Object.values(out))
    if (entry.type !== 'list' && entry.type !== 'stream')
      entry.parts.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return out;
}

/** The status answer's cards; the card names itself by the instant it was drawn: the rest must be the same. */
const withoutCardIds = (body: Record<string, unknown>) =>
  JSON.parse(
    JSON.stringify((body.messages as { card: unknown }[]).map((m) => m.card)).replace(
      /admin-status:\d+/g,
      'admin-status:*',
    ),
  ) as unknown;

const run = async (args: string[], env: Record<string, string>) => {
  const io = captureIo(env);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
};

describe.runIf(hasRedis())('numbot export --state / import --state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'numbot-state-'));
  const migrationId = uniqueMigrationId('drill');
  const source = { REDIS_URL: redisUrl(), MIGRATION_ID: migrationId, LOG_LEVEL: 'silent' };
  let cluster: Topology;
  let target: Record<string, string>;
  beforeAll(async () => {
    cluster = await startCluster();
    const nodes = cluster.settings.topology.kind === 'cluster' ? cluster.settings.topology.nodes : [];
    target = {
      REDIS_CLUSTER_NODES: nodes.map((n) => `${n.host}:${n.port}`).join(','),
      REDIS_PASSWORD,
      MIGRATION_ID: migrationId,
      LOG_LEVEL: 'silent',
    };
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves a running migration from one Redis server to a Cluster, and the bot carries on there', async () => {
    // On the first Redis: the playground's sample migration, and a step-4 campaign sent to everyone pending.
    const appA: App = await buildApp(loadConfig({ ...source, PLAYGROUND: 'auto' }), createLogger('silent'), {
      playgroundSample: true,
    });
    const a = playground(`http://127.0.0.1:${await appA.start(0)}`);
    let statusBefore: unknown;
    try {
      expect((await a.command(ADMIN, 'notify pending')).body.refused).toBe(false);
      await eventually('Tom’s step-4 card', async () =>
        (await a.conversation(TOM)).find((m) => m.card.name === 'step4'),
      );
      await eventually('the campaign to end', async () => {
        const id = await appA.services.store.getDoc<string>('campaign-latest', 'latest');
        const p = id ? await appA.services.delivery.progress(id) : undefined;
        return p && p.queued + p.retrying === 0 ? p : undefined;
      });
      statusBefore = withoutCardIds((await a.command(ADMIN, 'status')).body);
    } finally {
      await appA.stop();
    }

    const file = join(dir, 'state.jsonl');
    const exported = await run(['export', '--state', file], source);
    expect(exported.code).toBe(0);
    expect(exported.err).toMatch(new RegExp(`wrote migration "${migrationId}" \\(\\d+ keys, \\d+ lines\\) to `));
    const text = readFileSync(file, 'utf8');
    // Everything but the BullMQ queues, which the engine rebuilds from the status book at start.
    expect(text).not.toContain('"key":"q:');

    const restored = await run(['import', '--state', file], target);
    expect(restored.code).toBe(0);
    expect(restored.err).toContain(`restored migration "${migrationId}"`);
    // A second restore into the same place is refused and changes nothing.
    const again = await run(['import', '--state', file], target);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`this Redis already holds migration "${migrationId}"`);
    // The Cluster now holds what the server held, key by key.
    const back = await run(['export', '--state', join(dir, 'back.jsonl')], target);
    expect(back.code).toBe(0);
    expect(contentOf(readFileSync(join(dir, 'back.jsonl'), 'utf8'))).toEqual(contentOf(text));

    // The bot on the Cluster: the same status, Tom's card from before the move still answers his click.
    const appB: App = await buildApp(loadConfig({ ...target, PLAYGROUND: 'auto' }), createLogger('silent'), {
      playgroundSample: true,
    });
    const b = playground(`http://127.0.0.1:${await appB.start(0)}`);
    try {
      expect(appB.services.store.kind).toBe('redis');
      expect(withoutCardIds((await b.command(ADMIN, 'status')).body)).toEqual(statusBefore);
      const card = (await b.conversation(TOM)).find((m) => m.card.name === 'step4')!;
      const button = card.card.teams.actions?.find((x) => x.verb === 'step4.signed_in');
      const clicked = await b.call('POST', '/action', {
        as: TOM,
        action: button?.verb,
        data: button?.data,
        messageId: card.id,
      });
      expect(clicked.status).toBe(200);
      expect((await appB.services.store.getPerson(TOM))?.inform.status).toBe('acknowledged');
    } finally {
      await appB.stop();
    }
  }, 120_000);

  it('refuses a cut, damaged or foreign file and writes nothing', async () => {
    const id = uniqueMigrationId('bad');
    const env = { REDIS_URL: redisUrl(), MIGRATION_ID: id, LOG_LEVEL: 'silent' };
    const good = join(dir, 'state.jsonl');
    const lines = readFileSync(good, 'utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const cases: [string, string, RegExp][] = [
      ['cut.jsonl', lines.slice(0, -3).join('\n'), /cut short/],
      ['foreign.jsonl', lines.join('\n'), new RegExp(`holds migration "${migrationId}", and MIGRATION_ID is "${id}"`)],
      ['garbage.jsonl', 'PK\u0003\u0004 not a state file', /line 1: not JSON/],
      [
        'bad-line.jsonl',
        [
          JSON.stringify({ ...header, migrationId: id }),
          '{"key":"people","ttlMs":-1,"type":"hash","fields":[["a"]]}',
        ].join('\n'),
        /line 2: /,
      ],
    ];
    const redis = testRedis();
    try {
      for (const [name, content, message] of cases) {
        writeFileSync(join(dir, name), content);
        const r = await run(['import', '--state', join(dir, name)], env);
        expect(r.code).toBe(1);
        expect(r.err).toMatch(message);
        expect(r.err).toMatch(/[Nn]othing was written/);
        expect(await redis.keys(`num:{${id}}:*`)).toEqual([]);
      }
    } finally {
      await redis.quit();
    }
  });

  it('reads any text as a state file or a StateFileError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.json(), { maxLength: 4 }).map((xs) => xs.join('\n')),
        ),
        (text) => {
          try {
            parseState(text);
          } catch (err) {
            expect(err).toBeInstanceOf(StateFileError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('needs Redis, and says so', async () => {
    const r = await run(['export', '--state', '-'], { LOG_LEVEL: 'silent' });
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'numbot export --state: needs Redis: set REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS',
    );
  });
});

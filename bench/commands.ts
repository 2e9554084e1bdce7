// Chat commands at roster scale: how long `status`, `who`, `notify pending` and `export` take for N people
// (default 10,000) on the memory store and, when REDIS_URL is set, on Redis. JSON lines, one per command.
import { createDirectory } from '../src/services/directory.ts';
import type { ChatChannel } from '../src/ports/chat-channel.ts';
import { countingDelivery, withRedisStore } from './helpers.ts';
import { reminderPolicyFrom } from '../src/app/policy.ts';
import { createInteractionHandler } from '../src/app/handle-interaction.ts';
import type { InteractionDeps } from '../src/ports/deps.ts';
import { createProvisioning } from '../src/autodesk/create-provisioning.ts';
import { loadConfig } from '../src/config.ts';
import { newPerson } from '../src/domain/person.ts';
import { applyEvents } from '../src/domain/transitions.ts';
import { createLogger } from '../src/log.ts';
import { createMemoryStore } from '../src/store/memory-store.ts';
import type { MigrationStore, PersonWrite } from '../src/store/store.ts';

const ADMIN = 'admin@example.org';
const NOW = Date.UTC(2026, 10, 3, 10, 0);

async function seed(store: MigrationStore, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1000) {
    const writes: PersonWrite[] = [];
    for (let j = i; j < Math.min(n, i + 1000); j++) {
      const p = newPerson(
        {
          email: `user${j}@example.org`,
          firstName: `First${j}`,
          lastName: `Last${j}`,
          products: ['AutoCAD', 'Revit'],
          manager: `boss${j % 100}@example.org`,
          department: `Dept ${j % 20}`,
        },
        NOW,
      );
      const events =
        j % 3 === 0
          ? []
          : j % 3 === 1
            ? [{ type: 'invite.sent' as const }, { type: 'product.assigned' as const, product: 'AutoCAD' }]
            : [
                { type: 'invite.sent' as const },
                { type: 'product.assigned' as const, product: 'AutoCAD' },
                { type: 'inform.sent' as const },
              ];
      const r = applyEvents(p, events, NOW);
      if (!r.ok) throw r.error;
      writes.push({ expectedVersion: -1, after: { ...r.value, version: 0 }, action: 'bench.seed' });
    }
    await store.writePeople(writes, { id: 'bench', source: 'system' }, NOW);
  }
}

const reachEveryone: ChatChannel = {
  platform: 'playground',
  canReach: () => true,
  sendCard: async () => ({ kind: 'invalid', reason: 'bench' }),
  updateCard: async () => ({ kind: 'invalid', reason: 'bench' }),
  postToAdmins: async () => ({ kind: 'invalid', reason: 'bench' }),
  syncDirectory: async () => ({ linked: 0, unmatched: [], apiCalls: 0 }),
};

async function run(kind: 'memory' | 'redis', store: MigrationStore, n: number): Promise<void> {
  const config = loadConfig({ ADMIN_EMAILS: ADMIN, LOG_LEVEL: 'silent' });
  await seed(store, n);
  const delivery = countingDelivery();
  const ctx: InteractionDeps = {
    config,
    policy: reminderPolicyFrom(config),
    store,
    logger: createLogger('silent'),
    clock: { now: () => NOW },
    delivery,
    // The playground reaches everyone: no platform directory to read, so the sync before `notify` costs one roster scan.
    directory: createDirectory({
      store,
      logger: createLogger('silent'),
      clock: { now: () => NOW },
      channels: { playground: reachEveryone },
      delivery,
    }),
    provisioning: createProvisioning(config),
    postToAdmins: async () => 0,
  };
  const handle = createInteractionHandler(ctx);
  for (const text of [
    'status',
    'status department',
    'who step2 partial 100',
    'notify pending',
    'notify pending',
    'export',
  ]) {
    const t = performance.now();
    const reply = await handle({ kind: 'command', actor: { platform: 'slack', userId: 'U1', personId: ADMIN }, text });
    const ms = performance.now() - t;
    console.log(
      JSON.stringify({
        bench: 'commands',
        store: kind,
        people: n,
        command: text,
        ms: Math.round(ms * 10) / 10,
        cards: reply.cards.length,
        fileBytes: reply.files?.[0]?.content.length ?? 0,
        jobsSoFar: delivery.jobs,
      }),
    );
  }
}

export async function main(args: string[]): Promise<void> {
  const n = Number(args[0] ?? 10_000);
  await run('memory', createMemoryStore(`bench-${Date.now()}`), n);
  const url = process.env.REDIS_URL;
  if (url) {
    await withRedisStore(url, 'bench-cmd', (store) => run('redis', store, n));
  }
}

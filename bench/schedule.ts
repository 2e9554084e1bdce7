// Scheduler benchmark: one reminder tick over N people all due (memory store, and Redis when REDIS_URL is set), one
// manager-summary tick over their managers, the reminder decision alone over people spread across zones and a year
// (working-day arithmetic), and device-token checks. `npm run bench -- schedule [people]`. JSON lines; `cpuMs` is this
// process's CPU time (user + system), steadier than `ms` on a busy machine.
import { createDirectory } from '../src/services/directory.ts';
import { countingDelivery, withRedisStore } from './helpers.ts';
import { reminderPolicyFrom } from '../src/app/policy.ts';
import type { SchedulerDeps } from '../src/schedule/deps.ts';
import { loadConfig } from '../src/config.ts';
import { newPerson } from '../src/domain/person.ts';
import { decideReminder, dueAtFor } from '../src/domain/reminder-policy.ts';
import { applyEvents } from '../src/domain/transitions.ts';
import { createLogger } from '../src/log.ts';
import { remindersTick } from '../src/schedule/reminders.ts';
import { summariesTick } from '../src/schedule/summaries.ts';
import { issueDeviceToken, verifyDeviceToken } from '../src/device-reports/device-token.ts';
import { trackDue } from '../src/services/due-tracking-store.ts';
import { createMemoryStore } from '../src/store/memory-store.ts';
import type { MigrationStore, PersonWrite } from '../src/store/store.ts';

const INFORMED_AT = Date.UTC(2026, 10, 26, 10);
const TICK_AT = Date.UTC(2026, 11, 1, 10);
const TEAM = 25;

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const ZONES = ['Europe/Brussels', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];

/** `decideReminder` alone: informed people in five zones, first cards spread over a year, some reminders already sent. */
function benchDecide(n: number): void {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DEFAULT_TIMEZONE: 'Europe/Brussels',
    HOLIDAYS: '2026-12-25,2027-01-01,2027-04-05',
  });
  const policy = reminderPolicyFrom(config);
  const people = Array.from({ length: n }, (_, i) => {
    const at = INFORMED_AT - 180 * 86_400_000 + ((i * 7_919_000_003) % (365 * 86_400_000));
    const p = newPerson(
      {
        email: `d${i}@bench.example`,
        firstName: 'D',
        lastName: String(i),
        products: ['AutoCAD'],
        manager: 'boss@bench.example',
        timeZone: ZONES[i % ZONES.length],
      },
      at,
    );
    const r = applyEvents(
      p,
      [
        { type: 'product.assigned', product: 'AutoCAD' },
        { type: 'inform.sent' },
        ...(i % 3 ? [{ type: 'reminder.sent' as const }] : []),
      ],
      at + (i % 97) * 3_600_000,
    );
    if (!r.ok) throw r.error;
    return r.value;
  });
  // The first pass starts cold; the second is what a tick a minute later pays.
  for (const pass of [1, 2]) {
    let remind = 0;
    const t = performance.now();
    const cpu = process.cpuUsage();
    for (const p of people) if (decideReminder(p, TICK_AT, policy).kind === 'remind') remind++;
    const ms = performance.now() - t;
    const cpuMs = cpuSince(cpu);
    console.log(
      JSON.stringify({
        bench: 'schedule',
        metric: 'decide',
        pass,
        people: n,
        zones: ZONES.length,
        remind,
        ms: Math.round(ms),
        cpuMs: Math.round(cpuMs),
        usPerPerson: Number(((cpuMs * 1000) / n).toFixed(2)),
      }),
    );
  }
}

async function seed(store: MigrationStore, n: number): Promise<void> {
  const actor = { id: 'bench', source: 'import' as const };
  for (let i = 0; i < n; i += 500) {
    const writes: PersonWrite[] = [];
    for (let j = i; j < Math.min(n, i + 500); j++) {
      const manager = `boss${Math.floor(j / TEAM)}@bench.example`;
      const p = newPerson(
        { email: `user${j}@bench.example`, firstName: `U${j}`, lastName: 'B', products: ['AutoCAD'], manager },
        INFORMED_AT,
      );
      const r = applyEvents(
        p,
        [{ type: 'product.assigned', product: 'AutoCAD' }, { type: 'inform.sent' }],
        INFORMED_AT,
      );
      if (!r.ok) throw r.error;
      writes.push({ expectedVersion: -1, after: r.value, action: 'bench' });
      if (j % TEAM === 0)
        writes.push({
          expectedVersion: -1,
          after: newPerson({ email: manager, firstName: 'Boss', lastName: String(j) }, INFORMED_AT),
          action: 'bench',
        });
    }
    await store.writePeople(writes, actor, INFORMED_AT);
  }
}

async function benchStore(kind: string, raw: MigrationStore, n: number): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent', DEFAULT_TIMEZONE: 'Europe/Brussels' });
  const policy = reminderPolicyFrom(config);
  const store = trackDue(raw, (p, now) => dueAtFor(p, now, policy));
  await seed(store, n);
  const delivery = countingDelivery();
  const ctx: SchedulerDeps = {
    config,
    policy,
    store,
    logger: createLogger('silent'),
    clock: { now: () => TICK_AT },
    channels: {},
    delivery,
    postToAdmins: async () => 0,
    directory: createDirectory({
      store,
      logger: createLogger('silent'),
      clock: { now: () => TICK_AT },
      channels: {},
      delivery,
    }),
  };
  let t = performance.now();
  const cpu = process.cpuUsage();
  const r = await remindersTick(ctx, TICK_AT);
  const ms = performance.now() - t;
  const cpuMs = cpuSince(cpu);
  console.log(
    JSON.stringify({
      bench: 'schedule',
      metric: 'reminder-tick',
      store: kind,
      due: r.considered,
      enqueued: delivery.jobs,
      ms: Math.round(ms),
      cpuMs: Math.round(cpuMs),
      peoplePerSec: Math.round(r.considered / (ms / 1000)),
    }),
  );
  t = performance.now();
  const s = await summariesTick(ctx, TICK_AT);
  const ms2 = performance.now() - t;
  console.log(
    JSON.stringify({
      bench: 'schedule',
      metric: 'summary-tick',
      store: kind,
      managers: s.managers,
      sent: s.sent.length,
      ms: Math.round(ms2),
    }),
  );
}

export async function main(args: string[]): Promise<void> {
  const n = Number(args[0] ?? 10_000);
  benchDecide(n);
  await benchStore('memory', createMemoryStore(`bench-${Date.now()}`), n);
  const url = process.env.REDIS_URL;
  if (url) {
    await withRedisStore(url, 'bench-sched', (store) => benchStore('redis', store, n));
  }
  const secret = 'bench-device-secret-0123456789';
  const token = issueDeviceToken('jean.dubois@acme.example', secret);
  const rounds = 100_000;
  const t = performance.now();
  for (let i = 0; i < rounds; i++) verifyDeviceToken(token, secret);
  const ms = performance.now() - t;
  console.log(
    JSON.stringify({
      bench: 'schedule',
      metric: 'device-token-verify',
      rounds,
      usPerVerify: Number(((ms * 1000) / rounds).toFixed(2)),
    }),
  );
}

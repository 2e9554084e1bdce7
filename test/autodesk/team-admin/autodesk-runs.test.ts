// The runner of long Autodesk runs, as two replicas on one store: runs go one after another (never two at once, in
// the order they were started), a replica that stops working mid-run (its lease lapses) is taken over by the other,
// and a cancel stops a run before its next person.
import { afterEach, describe, expect, it } from 'vitest';
import { createAutodeskRunner, type AutodeskRunner } from '../../../src/autodesk/team-admin/autodesk-runs.ts';
import type { AutodeskProviderDeps } from '../../../src/autodesk/team-admin/autodesk-provider.ts';
import type { AutodeskRun } from '../../../src/ports/autodesk-runs.ts';
import type { ProvisioningProvider, ProvisioningResult } from '../../../src/ports/provisioning.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import { eventually } from '../../helpers/eventually.ts';

const STEPS = 6;
const STEP_MS = 40;
const empty = (): ProvisioningResult => ({
  done: [],
  alreadyDone: [],
  rejected: [],
  failed: [],
  files: [],
  applied: true,
});

interface Log {
  running: number;
  maxRunning: number;
  steps: string[];
  finished: { run: AutodeskRun; result: ProvisioningResult }[];
}

/** A provider that takes STEPS paced "calls", each logged as `<replica>:<product>:<i>`, and honours the cancel. */
function replica(name: string, store: MigrationStore, log: Log, leaseMs = 300): AutodeskRunner {
  const providerFor = (extra: Pick<AutodeskProviderDeps, 'onProgress' | 'cancelled'>): ProvisioningProvider => ({
    name: 'autodesk',
    invite: () => Promise.resolve(empty()),
    async assign(product) {
      const r = empty();
      log.running++;
      log.maxRunning = Math.max(log.maxRunning, log.running);
      try {
        for (let i = 0; i < STEPS; i++) {
          if (extra.cancelled?.()) {
            r.stopped = 'cancelled';
            break;
          }
          await new Promise((res) => setTimeout(res, STEP_MS));
          log.steps.push(`${name}:${product}:${i}`);
          r.done.push(`${product}-${i}`);
          extra.onProgress?.(i + 1, STEPS);
        }
      } finally {
        log.running--;
      }
      return r;
    },
  });
  return createAutodeskRunner({
    store,
    providerFor,
    now: () => Date.now(),
    leaseMs,
    pollMs: 50,
    onFinished: async (run, result) => void log.finished.push({ run, result }),
  });
}

const by = { id: 'admin@example.org', source: 'slack' as const };

describe('Autodesk runner', () => {
  const runners: AutodeskRunner[] = [];
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.halt();
  });

  it('works runs one after another across two replicas, in the order they were started', async () => {
    const store = createMemoryStore('runs-order');
    const log: Log = { running: 0, maxRunning: 0, steps: [], finished: [] };
    const a = replica('a', store, log);
    const b = replica('b', store, log);
    runners.push(a, b);
    await Promise.all([a.begin(), b.begin()]);
    const first = await a.start({ kind: 'assign', product: 'P1', personIds: ['x'], by, locale: 'en' });
    const second = await b.start({ kind: 'assign', product: 'P2', personIds: ['y'], by, locale: 'en' });
    expect([first.ahead, second.ahead]).toEqual([0, 1]);
    await eventually(() => log.finished.length === 2 || undefined, 10_000);
    expect(log.maxRunning).toBe(1);
    expect(log.finished.map((f) => f.run.product)).toEqual(['P1', 'P2']);
    expect(log.finished.every((f) => f.run.status === 'done' && f.result.done.length === STEPS)).toBe(true);
    const products = log.steps.map((s) => s.split(':')[1]);
    expect(products).toEqual([...Array(STEPS).fill('P1'), ...Array(STEPS).fill('P2')]);
    expect(await a.open()).toEqual([]);
  });

  it('takes over a run whose replica stopped renewing its claim, and cancels before the next person', async () => {
    const store = createMemoryStore('runs-takeover');
    const log: Log = { running: 0, maxRunning: 0, steps: [], finished: [] };
    const a = replica('a', store, log);
    await a.begin();
    await a.start({ kind: 'assign', product: 'P1', personIds: ['x'], by, locale: 'en' });
    await eventually(() => log.steps.length >= 2 || undefined, 5_000);
    expect((await a.open())[0]!.owner).toBeDefined();
    // Replica a dies: its loop ends and its claim stays in the doc (a dead replica lets go of nothing); b takes the
    // run over once that lease lapses, not before.
    await a.halt();
    const b = replica('b', store, log);
    runners.push(b);
    const open = (await b.open())[0]!;
    await store.putDoc('autodesk-run', open.id, {
      ...open,
      status: 'running',
      owner: 'dead',
      leaseUntil: Date.now() + 200,
    });
    const t0 = Date.now();
    await b.begin();
    await eventually(() => log.steps.some((s) => s.startsWith('b:')) || undefined, 5_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    const cancelled = await b.cancel(by);
    expect(cancelled?.status).toBe('cancelled');
    await eventually(() => log.finished.length === 1 || undefined, 5_000);
    expect(log.finished[0]!.run.status).toBe('cancelled');
    expect(log.finished[0]!.result.done.length).toBeLessThan(STEPS);
    expect(await b.cancel(by)).toBeUndefined();
  });
});

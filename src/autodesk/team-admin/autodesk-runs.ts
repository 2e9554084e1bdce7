// The runner of long Autodesk runs. A run (who, which product, who started it, progress) is a doc in the store and
// its id sits in one ordered list of open runs, so it outlives the process: every replica's runner works only the
// oldest open run, claimed with a lease (compare-and-set, renewed while it works), so runs go one after another —
// a second admin's run waits its turn — and a run whose replica died is taken over once its lease lapses, at start
// or on the next poll. A resumed run reads Autodesk back first (the provider does), so confirmed people are skipped
// and nobody is called twice; the people's records change only when a run finishes (onFinished).
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../log.ts';
import type { AutodeskRun, AutodeskRuns } from '../../ports/autodesk-runs.ts';
import type { ProvisioningProvider, ProvisioningResult } from '../../ports/provisioning.ts';
import type { MigrationStore } from '../../store/store.ts';
import type { Person } from '../../domain/types.ts';
import type { AutodeskProviderDeps } from './autodesk-provider.ts';

export const RUN_DOC = 'autodesk-run';
const OPEN_DOC = 'autodesk-runs';
const OPEN_ID = 'open';

export interface RunnerDeps {
  store: MigrationStore;
  providerFor: (extra: Pick<AutodeskProviderDeps, 'onProgress' | 'cancelled'>) => ProvisioningProvider;
  now: () => number;
  logger?: Logger;
  /** The run ended (done or cancelled): apply the result to people and tell the admins. */
  onFinished: (run: AutodeskRun, result: ProvisioningResult) => Promise<void>;
  /** A replica's claim lasts this long without renewal; renewed (and a cancel noticed) every second. */
  leaseMs?: number;
  /** How often an idle runner looks for a run to take over. */
  pollMs?: number;
  /** Progress of the run this replica works: at its start, then every `progressEveryMs` while it moves. */
  progress?: (run: AutodeskRun, done: number, total: number) => Promise<void>;
  progressEveryMs?: number;
}

export interface AutodeskRunner extends AutodeskRuns {
  start(run: Parameters<AutodeskRuns['start']>[0]): ReturnType<AutodeskRuns['start']>;
  /** Begins working (resumes unfinished runs) and polls until stopped. */
  begin(): Promise<void>;
  /** Stops polling and lets the current run stop at its next person, without finishing it (a later start resumes). */
  halt(): Promise<void>;
}

export function createAutodeskRunner(d: RunnerDeps): AutodeskRunner {
  const leaseMs = d.leaseMs ?? 15_000;
  const pollMs = d.pollMs ?? 5_000;
  const progressEvery = d.progressEveryMs ?? 10_000;
  const me = randomBytes(6).toString('hex');
  const log = d.logger?.child({ edge: 'autodesk-runs' });
  let working: Promise<void> | undefined;
  let halted = true;
  let poll: NodeJS.Timeout | undefined;

  async function change<T>(kind: string, id: string, f: (cur: T | undefined) => T | undefined): Promise<T | undefined> {
    for (;;) {
      const cur = await d.store.getDoc<T>(kind, id);
      const next = f(cur);
      if (next === undefined) return undefined;
      const ok = cur
        ? await d.store.compareAndSetDoc(kind, id, cur, next)
        : await d.store.putDocIfAbsent(kind, id, next);
      if (ok) return next;
    }
  }

  const openIds = async () => (await d.store.getDoc<string[]>(OPEN_DOC, OPEN_ID)) ?? [];
  const getRun = (id: string) => d.store.getDoc<AutodeskRun>(RUN_DOC, id);
  const closeRun = (id: string) =>
    change<string[]>(OPEN_DOC, OPEN_ID, (ids) => (ids?.includes(id) ? ids.filter((x) => x !== id) : undefined));

  /** Claims the run for this replica when nobody holds a live lease on it. */
  const claim = (id: string) =>
    change<AutodeskRun>(RUN_DOC, id, (r) => {
      if (!r || r.status === 'done' || r.status === 'cancelled') return undefined;
      if (r.owner && r.owner !== me && (r.leaseUntil ?? 0) > d.now()) return undefined;
      return { ...r, status: 'running', owner: me, leaseUntil: d.now() + leaseMs, done: 0 };
    });

  async function loadPeople(ids: string[]): Promise<Person[]> {
    return (await d.store.getPeople(ids)).filter((p): p is Person => !!p);
  }

  async function work(run: AutodeskRun): Promise<void> {
    let done = 0;
    let total = run.personIds.length;
    let cancelled = false;
    let lost = false;
    let told = { at: d.now(), done: 0 };
    const tell = (n: number) =>
      void d.progress?.(run, n, total).catch((err: unknown) => log?.warn({ err: (err as Error).name }, 'run card'));
    tell(0);
    const renew = setInterval(
      () => {
        if (done !== told.done && d.now() - told.at >= progressEvery) {
          told = { at: d.now(), done };
          tell(done);
        }
        void change<AutodeskRun>(RUN_DOC, run.id, (r) => {
          if (!r || r.owner !== me) return void (lost = true);
          if (r.status === 'cancelled') return void (cancelled = true);
          return { ...r, done, leaseUntil: d.now() + leaseMs };
        }).catch(() => undefined);
      },
      Math.min(1000, leaseMs / 3),
    );
    renew.unref();
    try {
      const provider = d.providerFor({
        onProgress: (n, of) => {
          done = n;
          total = of;
        },
        cancelled: () => cancelled || lost || halted,
      });
      const people = await loadPeople(run.personIds);
      const result =
        run.kind === 'invite' ? await provider.invite(people) : await provider.assign(run.product ?? '', people);
      // Halted (the app stops) or taken over: the run stays open for whoever resumes it; nothing is applied twice.
      // A clean stop lets go of the claim, so another replica (or the next start) resumes it at once.
      if (halted && !lost)
        await change<AutodeskRun>(RUN_DOC, run.id, (r) => {
          if (!r || r.owner !== me || r.status !== 'running') return undefined;
          const { owner: _owner, leaseUntil: _lease, ...rest } = r;
          return { ...rest, status: 'queued', done };
        });
      if (halted || lost) return;
      const latest = await getRun(run.id);
      const status = latest?.status === 'cancelled' || cancelled ? 'cancelled' : 'done';
      const ended = await change<AutodeskRun>(RUN_DOC, run.id, (r) =>
        r && r.owner === me ? { ...r, status, done, finishedAt: d.now() } : undefined,
      );
      if (!ended) return;
      await closeRun(run.id);
      log?.info({ run: run.id, kind: run.kind, status, done: result.done.length }, 'autodesk run finished');
      await d.onFinished(ended, result);
    } finally {
      clearInterval(renew);
    }
  }

  /** Works the oldest open run while there is one this replica may take. */
  async function loop(): Promise<void> {
    while (!halted) {
      const ids = await openIds();
      const head = ids[0];
      if (!head) return;
      const current = await getRun(head);
      if (!current || current.status === 'done' || current.status === 'cancelled') {
        await closeRun(head);
        continue;
      }
      const run = await claim(head);
      if (!run) return; // another replica works it
      await work(run);
    }
  }

  function kick(): void {
    if (halted || working) return;
    working = loop()
      .catch((err: unknown) => log?.error({ err: (err as Error).name }, 'autodesk runner failed'))
      .finally(() => (working = undefined));
  }

  return {
    async start(r) {
      const now = d.now();
      const id = `r${now.toString(36)}${randomBytes(3).toString('hex')}`;
      const run: AutodeskRun = {
        id,
        kind: r.kind,
        ...(r.product ? { product: r.product } : {}),
        personIds: r.personIds,
        by: r.by,
        locale: r.locale,
        createdAt: now,
        status: 'queued',
        done: 0,
      };
      await d.store.putDoc(RUN_DOC, id, run);
      let ahead = 0;
      await change<string[]>(OPEN_DOC, OPEN_ID, (ids) => {
        ahead = ids?.length ?? 0;
        return [...(ids ?? []), id];
      });
      kick();
      return { run, ahead };
    },
    async open() {
      const runs = await Promise.all((await openIds()).map(getRun));
      return runs.filter((r): r is AutodeskRun => !!r && r.status !== 'done' && r.status !== 'cancelled');
    },
    async cancel() {
      const target = (await this.open())[0];
      if (!target) return undefined;
      const cancelled = await change<AutodeskRun>(RUN_DOC, target.id, (r) =>
        r && (r.status === 'queued' || r.status === 'running') ? { ...r, status: 'cancelled' } : undefined,
      );
      if (!cancelled) return undefined;
      // A queued run (or one whose worker is gone) ends here; a running one stops at its next person.
      if (target.status === 'queued' || (target.leaseUntil ?? 0) <= d.now()) await closeRun(target.id);
      kick();
      return cancelled;
    },
    async begin() {
      halted = false;
      kick();
      poll = setInterval(kick, pollMs);
      poll.unref();
    },
    async halt() {
      halted = true;
      if (poll) clearInterval(poll);
      await working;
    },
  };
}

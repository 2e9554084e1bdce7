// The scheduler: named jobs that decide and enqueue, each tick run by exactly one replica (a store lease per job and
// minute), driven by cron in production and by explicit `tick(now)` calls from the playground and tests.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { SchedulerDeps } from './deps.ts';
import { pollServers } from '../server-watch/poll-servers.ts';
import { invitationsTick } from './invitations.ts';
import { autodeskReadbackTick } from './autodesk-readback.ts';
import { TICK_LEASE_TTL_MS, tickLeaseName } from './lease.ts';
import { adminSummaryTick } from './org-status.ts';
import { remindersTick } from './reminders.ts';
import { scheduleInForce } from './schedule-settings.ts';
import { summariesTick } from './summaries.ts';
import { CLOCK_JOBS, type JobName, type Scheduler, type TickOutcome } from '../ports/scheduler.ts';

/** Summaries are due at a local time in each manager's zone: a quarter-hourly look catches every zone. */
const SUMMARIES_CRON = '*/15 * * * *';
const INVITATIONS_CRON = '7 * * * *';
/** Hourly, acted on once a day (after SUMMARY_TIME): the Team Admin API read-back. */
const AUTODESK_CRON = '23 * * * *';
/** How often a running scheduler re-reads the reminder cron an admin may have changed from chat. */
const SETTINGS_CRON = '* * * * *';

export interface SchedulerOptions {
  /** Identifies this replica in leases; unique per process by default. */
  replicaId?: string;
  leaseTtlMs?: number;
}

type JobRun = (ctx: SchedulerDeps, now: number) => Promise<unknown>;

const RUNS: Record<JobName, JobRun> = {
  reminders: remindersTick,
  summaries: async (ctx, now) => ({
    managers: await summariesTick(ctx, now),
    admins: await adminSummaryTick(ctx, now),
  }),
  invitations: invitationsTick,
  polls: pollServers,
  directory: (ctx) => ctx.directory.sync('schedule'),
  autodesk: autodeskReadbackTick,
};

export function createScheduler(ctx: SchedulerDeps, options: SchedulerOptions = {}): Scheduler {
  const replicaId = options.replicaId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const ttl = options.leaseTtlMs ?? TICK_LEASE_TTL_MS;
  const log = ctx.logger.child({ module: 'scheduler', replicaId });
  const tasks = new Map<string, ScheduledTask>();
  const inFlight = new Set<Promise<unknown>>();
  let reminderCron = '';
  let running = false;

  async function tick(job: JobName, now = ctx.clock.now()): Promise<TickOutcome> {
    if (!(await ctx.store.acquireLease(tickLeaseName(job, now), replicaId, ttl)))
      return { job, at: now, ran: false, reason: 'lease_taken' };
    const result = await RUNS[job](ctx, now);
    return { job, at: now, ran: true, result };
  }

  /** A cron firing: the tick at the clock's now, errors logged (a failed tick is retried by the next one). */
  function fire(job: JobName): void {
    const p = tick(job)
      .catch((err: unknown) =>
        log.error(
          { job, err: { message: (err as Error).message, code: (err as { code?: string }).code } },
          'tick failed',
        ),
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  function schedule(name: string, expr: string, fn: () => void): void {
    tasks.get(name)?.destroy();
    tasks.set(
      name,
      cron.schedule(expr, fn, { name: `numbot:${name}`, timezone: ctx.config.DEFAULT_TIMEZONE, noOverlap: true }),
    );
  }

  async function followReminderCron(): Promise<void> {
    const { reminderCron: stored } = await scheduleInForce(ctx.store, ctx.config);
    // A stored expression that does not parse falls back to the configuration rather than stopping reminders.
    const wanted = cron.validate(stored) ? stored : ctx.config.REMINDER_CRON;
    if (wanted === reminderCron) return;
    if (wanted !== stored) log.warn('stored reminder schedule is not a cron expression: using REMINDER_CRON');
    reminderCron = wanted;
    schedule('reminders', reminderCron, () => fire('reminders'));
    log.info({ cron: reminderCron }, 'reminder schedule');
  }

  return {
    replicaId,
    tick,
    async runDueJobs(now = ctx.clock.now(), jobs = CLOCK_JOBS) {
      const out: TickOutcome[] = [];
      for (const job of jobs) out.push(await tick(job, now));
      return out;
    },
    async nextReminderAt() {
      return (await ctx.store.due(Number.MAX_SAFE_INTEGER, 1))[0]?.at;
    },
    async start() {
      if (running) return;
      for (const [name, expr] of [
        ['REMINDER_CRON', ctx.config.REMINDER_CRON],
        ['LICENSE_POLL_CRON', ctx.config.LICENSE_POLL_CRON],
        ['DIRECTORY_SYNC_CRON', ctx.config.DIRECTORY_SYNC_CRON],
      ])
        if (!cron.validate(expr!)) throw new Error(`${name} "${expr}" is not a cron expression, e.g. "*/10 * * * *"`);
      running = true;
      await followReminderCron();
      schedule('summaries', SUMMARIES_CRON, () => fire('summaries'));
      schedule('invitations', INVITATIONS_CRON, () => fire('invitations'));
      if (ctx.autodesk) schedule('autodesk', AUTODESK_CRON, () => fire('autodesk'));
      if (ctx.config.LICENSE_SERVERS.length) schedule('polls', ctx.config.LICENSE_POLL_CRON, () => fire('polls'));
      if (ctx.channels.teams || ctx.channels.slack)
        schedule('directory', ctx.config.DIRECTORY_SYNC_CRON, () => fire('directory'));
      schedule('settings', SETTINGS_CRON, () => {
        followReminderCron().catch((err: unknown) =>
          log.warn({ err: (err as Error).message }, 'could not read the schedule'),
        );
      });
    },
    async stop() {
      running = false;
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
      reminderCron = '';
      await Promise.allSettled([...inFlight]);
    },
    get running() {
      return running;
    },
  };
}

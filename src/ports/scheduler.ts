// The scheduler as the rest of the bot sees it: named jobs run at chosen instants, one replica per tick.

export const JOB_NAMES = ['reminders', 'summaries', 'invitations', 'polls', 'directory', 'autodesk'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/**
 * Jobs whose work depends only on the clock: what "skip to the next reminder" runs. Polls read real servers, the
 * directory sync the platforms' directories.
 */
export const CLOCK_JOBS: readonly JobName[] = ['reminders', 'summaries', 'invitations'];

export type TickOutcome = { job: JobName; at: number } & (
  { ran: true; result: unknown } | { ran: false; reason: 'lease_taken' }
);

export interface Scheduler {
  readonly replicaId: string;
  /** Runs one job at `now` (default: the context's clock) if this replica takes the tick's lease. */
  tick(job: JobName, now?: number): Promise<TickOutcome>;
  /** Runs the clock-driven jobs (or the ones named) at `now`, in order. */
  runDueJobs(now?: number, jobs?: readonly JobName[]): Promise<TickOutcome[]>;
  /** The earliest instant someone is due for a reminder look, if anyone is (for "skip to next reminder"). */
  nextReminderAt(): Promise<number | undefined>;
  /** Starts the cron tasks (production; tests ask for it explicitly). */
  start(): Promise<void>;
  /** Stops the cron tasks and waits for running ticks. */
  stop(): Promise<void>;
  readonly running: boolean;
}

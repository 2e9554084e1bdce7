// The playground's clock: moves the app's ManualClock forward and runs whatever the scheduler has due at the new
// instant, so a campaign of several weeks plays through in minutes.
import { DateTime } from 'luxon';
import { ManualClock, type Clock } from '../ports/clock.ts';
import type { Config } from '../config.ts';
import { isWorkingDay, parseCalendar } from '../domain/working-time.ts';
import type { Scheduler } from '../ports/scheduler.ts';
import type { MigrationStore } from '../store/store.ts';

export type Jump = { kind: 'next-reminder' } | { kind: 'next-summary' } | { kind: 'by'; ms: number };

export interface ClockView {
  now: number;
  /** False when the app runs on a clock the playground cannot move (a test's own clock, or production). */
  movable: boolean;
  nextReminderAt?: number;
  nextSummaryAt?: number;
  scheduler: boolean;
  /** The organisation's time zone (DEFAULT_TIMEZONE): the page shows bot time in it, named, as the cards do. */
  timeZone: string;
}

/** Longest single move: a whole migration is a few months. */
export const MAX_JUMP_MS = 366 * 24 * 3600 * 1000;

/** The next instant a manager summary is due: SUMMARY_TIME on the next working day, in the organisation's zone. */
export function nextSummaryAt(
  now: number,
  config: Pick<Config, 'SUMMARY_TIME' | 'DEFAULT_TIMEZONE' | 'WORKING_HOURS' | 'WORKING_DAYS' | 'HOLIDAYS'>,
): number {
  const cal = parseCalendar(config.WORKING_HOURS, config.WORKING_DAYS, config.HOLIDAYS);
  const [h, m] = config.SUMMARY_TIME.split(':').map(Number);
  let day = DateTime.fromMillis(now, { zone: config.DEFAULT_TIMEZONE }).startOf('day');
  for (let i = 0; i < 400; i++) {
    const at = day.set({ hour: h ?? 0, minute: m ?? 0 }).toMillis();
    if (at > now && isWorkingDay(at, config.DEFAULT_TIMEZONE, cal)) return at;
    day = day.plus({ days: 1 });
  }
  throw new Error('no working day within 400 days: check WORKING_DAYS and HOLIDAYS');
}

/** The soonest instant someone is due for the scheduler, if anyone is. */
export async function nextReminderAt(store: MigrationStore): Promise<number | undefined> {
  const [first] = await store.due(Number.MAX_SAFE_INTEGER, 1);
  return first?.at;
}

/** What the ticks did, as `job.field: count` for every count above zero (arrays count their items). */
export function countsOf(
  prefix: string,
  value: unknown,
  depth = 2,
  out: Record<string, number> = {},
): Record<string, number> {
  if (typeof value === 'number') {
    if (value > 0) out[prefix] = value;
  } else if (Array.isArray(value)) {
    if (value.length > 0) out[prefix] = value.length;
  } else if (value !== null && typeof value === 'object' && depth > 0) {
    for (const [k, v] of Object.entries(value)) countsOf(`${prefix}.${k}`, v, depth - 1, out);
  }
  return out;
}

const MINUTE = 60_000;

export class TimeControl {
  /** The last instant this control ran the ticks at. */
  private lastRunAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly store: MigrationStore,
    private readonly config: Config,
    private readonly scheduler: Scheduler,
  ) {}

  get movable(): boolean {
    return this.clock instanceof ManualClock;
  }

  async view(): Promise<ClockView> {
    const now = this.clock.now();
    const reminder = await nextReminderAt(this.store);
    return {
      now,
      movable: this.movable,
      ...(reminder !== undefined ? { nextReminderAt: Math.max(reminder, now) } : {}),
      nextSummaryAt: nextSummaryAt(now, this.config),
      scheduler: true,
      timeZone: this.config.DEFAULT_TIMEZONE,
    };
  }

  /** Moves time to the jump's target (never backwards) and runs the due ticks there. */
  async jump(jump: Jump): Promise<{ movedMs: number; ran: Record<string, number> }> {
    if (!(this.clock instanceof ManualClock)) throw new Error('this app runs on a clock the playground cannot move');
    const now = this.clock.now();
    let target: number;
    if (jump.kind === 'by') target = now + jump.ms;
    else if (jump.kind === 'next-summary') target = nextSummaryAt(now, this.config);
    else target = (await nextReminderAt(this.store)) ?? now;
    // One tick per job and minute (the scheduler's lease): a second jump within the minute moves to the next one.
    if (Math.floor(target / MINUTE) <= Math.floor(this.lastRunAt / MINUTE))
      target = (Math.floor(this.lastRunAt / MINUTE) + 1) * MINUTE;
    const movedMs = Math.min(Math.max(0, target - now), MAX_JUMP_MS);
    this.clock.advance(movedMs);
    this.lastRunAt = this.clock.now();
    const outcomes = await this.scheduler.runDueJobs(this.lastRunAt);
    const ran: Record<string, number> = {};
    for (const o of outcomes) if (o.ran) countsOf(o.job, o.result, 2, ran);
    return { movedMs, ran };
  }
}

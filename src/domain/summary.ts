// A manager's daily summary: who of their people is done, still to do, or waiting for help, and the change since
// the previous summary. Pure: the scheduler reads the people and the previous snapshot, then decides and sends.
import { DateTime } from 'luxon';
import { fullName } from './person.ts';
import { overallStatus } from './status.ts';
import type { Person } from './types.ts';
import { isWorkingDay, localDate, type WorkingCalendar } from './working-time.ts';

export interface TeamFigures {
  done: number;
  pending: number;
  needsHelp: number;
}

/** What one summary showed, kept to compute the next one's trend. `date` is the manager's local date (YYYY-MM-DD). */
export interface TeamSnapshot extends TeamFigures {
  date: string;
}

export interface ManagerSummary {
  /** Display names per state, sorted. */
  team: { done: string[]; pending: string[]; needsHelp: string[] };
  figures: TeamFigures;
  /** The previous summary's figures, when it was sent on an earlier day. */
  previous?: TeamFigures;
  /** Today minus the previous summary, per state, when there is a previous one. */
  trend?: TeamFigures;
  /** Everyone done (and at least one person). */
  allDone: boolean;
}

const byName = (a: string, b: string) => a.localeCompare(b);

/**
 * Summarises a manager's people. `previous` is the snapshot stored with the last summary sent; it only gives a
 * trend when it is from a day before `today`.
 */
export function summariseTeam(people: readonly Person[], today: string, previous?: TeamSnapshot): ManagerSummary {
  const team = { done: [] as string[], pending: [] as string[], needsHelp: [] as string[] };
  for (const p of people) {
    const s = overallStatus(p);
    (s === 'done' ? team.done : s === 'needs_help' ? team.needsHelp : team.pending).push(fullName(p));
  }
  team.done.sort(byName);
  team.pending.sort(byName);
  team.needsHelp.sort(byName);
  const figures = { done: team.done.length, pending: team.pending.length, needsHelp: team.needsHelp.length };
  const summary: ManagerSummary = { team, figures, allDone: people.length > 0 && figures.done === people.length };
  if (previous && previous.date < today) {
    summary.previous = { done: previous.done, pending: previous.pending, needsHelp: previous.needsHelp };
    summary.trend = {
      done: figures.done - previous.done,
      pending: figures.pending - previous.pending,
      needsHelp: figures.needsHelp - previous.needsHelp,
    };
  }
  return summary;
}

export type SummaryDecision =
  { kind: 'send'; final: boolean } | { kind: 'skip'; reason: 'no_people' | 'all_done_told' };

/**
 * Whether to send today's summary (the caller sends it at most once a day): nothing for a team with nobody in it,
 * and for a team where everyone is done only one final "all done" summary, ever.
 */
export function summaryDecision(s: ManagerSummary, allDoneTold: boolean): SummaryDecision {
  if (s.figures.done + s.figures.pending + s.figures.needsHelp === 0) return { kind: 'skip', reason: 'no_people' };
  if (s.allDone) return allDoneTold ? { kind: 'skip', reason: 'all_done_told' } : { kind: 'send', final: true };
  return { kind: 'send', final: false };
}

/** The snapshot to store once a summary is sent. */
export function snapshotOf(s: ManagerSummary, today: string): TeamSnapshot {
  return { date: today, ...s.figures };
}

/**
 * True once the local time in `timeZone` has reached `summaryTime` (HH:MM) on a working day: a daily message is due
 * from then until midnight, so a missed tick still sends it later that day.
 */
export function isDailyTimeReached(
  now: number,
  timeZone: string,
  summaryTime: string,
  calendar: WorkingCalendar,
): boolean {
  const m = /^(\d\d):(\d\d)$/.exec(summaryTime);
  if (!m) throw new Error(`summary time "${summaryTime}" is not HH:MM`);
  if (!isWorkingDay(now, timeZone, calendar)) return false;
  const local = DateTime.fromMillis(now, { zone: timeZone });
  const t = local.isValid ? local : DateTime.fromMillis(now, { zone: 'UTC' });
  return t.hour * 60 + t.minute >= Number(m[1]) * 60 + Number(m[2]);
}

/** The local date a daily message belongs to. */
export const dailyDate = (now: number, timeZone: string): string => localDate(now, timeZone);

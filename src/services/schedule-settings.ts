// The schedule an admin may change from chat (`schedule ...`), kept in the store so every replica's scheduler reads it.
import type { Config } from '../config.ts';
import type { MigrationStore } from '../store/store.ts';

export const SETTINGS_DOC = 'settings';
export const SCHEDULE_ID = 'schedule';

/** What is stored: only what an admin changed; the configuration gives the rest. */
export interface StoredSchedule {
  reminderCron?: string;
  summaryTime?: string;
  updatedAt?: number;
  updatedBy?: string;
}

export interface Schedule {
  reminderCron: string;
  summaryTime: string;
  /** Where each value comes from. */
  source: { reminderCron: 'store' | 'config'; summaryTime: 'store' | 'config' };
}

/** The schedule in force: stored values over the configuration's REMINDER_CRON and SUMMARY_TIME. */
export async function readSchedule(store: MigrationStore, config: Pick<Config, 'REMINDER_CRON' | 'SUMMARY_TIME'>): Promise<Schedule> {
  const s = (await store.getDoc<StoredSchedule>(SETTINGS_DOC, SCHEDULE_ID)) ?? {};
  return {
    reminderCron: s.reminderCron ?? config.REMINDER_CRON,
    summaryTime: s.summaryTime ?? config.SUMMARY_TIME,
    source: { reminderCron: s.reminderCron ? 'store' : 'config', summaryTime: s.summaryTime ? 'store' : 'config' },
  };
}

/** Stores one change, keeping the other stored value. */
export async function writeSchedule(store: MigrationStore, change: Pick<StoredSchedule, 'reminderCron' | 'summaryTime'>, by: string, now: number): Promise<void> {
  const cur = (await store.getDoc<StoredSchedule>(SETTINGS_DOC, SCHEDULE_ID)) ?? {};
  await store.putDoc<StoredSchedule>(SETTINGS_DOC, SCHEDULE_ID, { ...cur, ...change, updatedAt: now, updatedBy: by });
}

// The schedule in force: what an admin stored from chat (`schedule reminders|summary ...`) over the configuration.
import type { Config } from '../config.ts';
import type { MigrationStore } from '../store/store.ts';

/** Where the admin's changes live (written by the `schedule` command). */
export const SETTINGS_DOC = 'settings';
export const SCHEDULE_ID = 'schedule';

export interface ScheduleInForce {
  reminderCron: string;
  summaryTime: string;
}

export async function scheduleInForce(
  store: MigrationStore,
  config: Pick<Config, 'REMINDER_CRON' | 'SUMMARY_TIME'>,
): Promise<ScheduleInForce> {
  const s = (await store.getDoc<{ reminderCron?: unknown; summaryTime?: unknown }>(SETTINGS_DOC, SCHEDULE_ID)) ?? {};
  const summaryTime =
    typeof s.summaryTime === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(s.summaryTime)
      ? s.summaryTime
      : config.SUMMARY_TIME;
  const reminderCron =
    typeof s.reminderCron === 'string' && s.reminderCron.trim() ? s.reminderCron : config.REMINDER_CRON;
  return { reminderCron, summaryTime };
}

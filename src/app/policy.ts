import type { Config } from '../config.ts';
import type { ReminderPolicy } from '../domain/reminder-policy.ts';
import { parseCalendar } from '../domain/working-time.ts';

/** The reminder policy the configuration describes. */
export function reminderPolicyFrom(config: Config): ReminderPolicy {
  return {
    firstAfterWorkingDays: config.FIRST_REMINDER_WORKING_DAYS,
    intervalWorkingDays: config.REMINDER_INTERVAL_WORKING_DAYS,
    maxReminders: config.MAX_REMINDERS,
    calendar: parseCalendar(config.WORKING_HOURS, config.WORKING_DAYS, config.HOLIDAYS),
    defaultTimeZone: config.DEFAULT_TIMEZONE,
  };
}

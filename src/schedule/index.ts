export { createScheduler, JOB_NAMES, CLOCK_JOBS } from './scheduler.ts';
export type { Scheduler, SchedulerOptions, JobName, TickOutcome } from './scheduler.ts';
export { remindersTick } from './reminders.ts';
export { summariesTick } from './summaries.ts';
export { invitationsTick } from './invitations.ts';

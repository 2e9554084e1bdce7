// `schedule [show | reminders <cron> | summary <HH:MM>]`: when reminders go out and when the daily summary is sent.
// The scheduler reads the same doc (src/schedule/schedule-settings.ts) at each tick.
import cron from 'node-cron';
import { z } from 'zod';
import { SCHEDULE_ID, SETTINGS_DOC, scheduleInForce } from '../../schedule/schedule-settings.ts';
import { keyword } from '../args.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

type ScheduleArgs = { op: 'show' } | { op: 'reminders'; cron: string } | { op: 'summary'; time: string };

/** What an admin stored; the configuration gives the rest. */
interface StoredSchedule {
  reminderCron?: string;
  summaryTime?: string;
  updatedAt?: number;
  updatedBy?: string;
}

// Quoted ("0 9 * * 1-5") or not, the expression is re-split into its fields.
const cronExpr = z
  .array(z.string())
  .transform((w) => w.join(' ').trim().split(/\s+/))
  .pipe(z.array(z.string()).min(5).max(6))
  .transform((w) => w.join(' '))
  .refine((expr) => cron.validate(expr), { error: 'not a cron expression, e.g. "*/10 * * * *"' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'use HH:MM, 24-hour clock' });

async function show({ ctx, caller }: CommandEnv, changed?: string) {
  const { locale } = caller;
  const s = await scheduleInForce(ctx.store, ctx.config);
  const stored = (await ctx.store.getDoc<StoredSchedule>(SETTINGS_DOC, SCHEDULE_ID)) ?? {};
  const from = (set: boolean) => say(locale, set ? 'schedule_from_store' : 'schedule_from_config');
  const facts = [
    {
      title: say(locale, 'schedule_reminders'),
      value: `${s.reminderCron} (${from(s.reminderCron === stored.reminderCron)})`,
    },
    {
      title: say(locale, 'schedule_summary'),
      value: `${s.summaryTime} (${from(s.summaryTime === stored.summaryTime)})`,
    },
  ];
  return answer(
    messageCard(locale, say(locale, 'schedule_title'), changed ?? '', { facts, style: changed ? 'good' : 'default' }),
  );
}

export const schedule = defineCommand({
  name: 'schedule',
  access: 'admin',
  usage: 'schedule [show | reminders <cron> | summary <HH:MM>]',
  summaryKey: 'cmd_schedule',
  args: z.union([
    z.tuple([]).transform((): ScheduleArgs => ({ op: 'show' })),
    z.tuple([keyword('show')]).transform((): ScheduleArgs => ({ op: 'show' })),
    z.tuple([keyword('summary'), hhmm]).transform(([, time]): ScheduleArgs => ({ op: 'summary', time })),
    z
      .tuple([keyword('reminders')], z.string())
      .transform(([, ...rest]) => rest)
      .pipe(cronExpr)
      .transform((expr): ScheduleArgs => ({ op: 'reminders', cron: expr })),
  ]),
  async run(env, args) {
    if (args.op === 'show') return show(env);
    const { ctx, caller, now } = env;
    const change = args.op === 'reminders' ? { reminderCron: args.cron } : { summaryTime: args.time };
    const cur = (await ctx.store.getDoc<StoredSchedule>(SETTINGS_DOC, SCHEDULE_ID)) ?? {};
    await ctx.store.putDoc<StoredSchedule>(SETTINGS_DOC, SCHEDULE_ID, {
      ...cur,
      ...change,
      updatedAt: now,
      updatedBy: caller.audit.id,
    });
    await ctx.store.appendAudit({
      at: now,
      actor: caller.audit.id,
      source: caller.audit.source,
      action: `schedule.${args.op}`,
      detail: args.op === 'reminders' ? args.cron : args.time,
    });
    return show(env, say(caller.locale, 'schedule_changed'));
  },
});

// `servers plan <server> <YYYY-MM-DD | none>`: when the admins plan to switch a licence server off. The date is read
// in the caller's time zone and stands for the end of working hours that day (domain/planned-off.ts); reminders to
// the people the server serves then show the days left. Every refusal is answered, audited and changes nothing.
import type { InteractionReply } from '../ports/interaction.ts';
import { formatDateTime } from '../cards/format.ts';
import { MAX_PLAN_YEARS, plannedOffAt, type PlannedOffProblem } from '../domain/planned-off.ts';
import { readServerRecord } from '../server-watch/server-record.ts';
import type { CommandEnv } from './command.ts';
import { setPlannedOff } from '../server-watch/plan-switch-off.ts';
import { answer, messageCard } from '../replies/cards.ts';
import { plannedText, serverFacts } from './server-facts.ts';
import { serverOverviews, type ServerOverview } from './server-overview.ts';
import { say } from '../replies/say.ts';

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

type Refusal = PlannedOffProblem | 'unknown_server' | 'decommissioned';

// Spelled out so a search for a key finds where it is used.
const PROBLEM_KEYS: Record<PlannedOffProblem, string> = {
  invalid_date: 'plan_invalid_date',
  past: 'plan_past',
  too_far: 'plan_too_far',
};

export async function planServer(env: CommandEnv, id: string, when: string): Promise<InteractionReply> {
  const { ctx, caller, now } = env;
  const { locale, timeZone } = caller;
  const refuse = async (problem: Refusal, server: string, text: string) => {
    await ctx.store.appendAudit({
      at: now,
      actor: caller.audit.id,
      source: caller.audit.source,
      action: 'refused:servers.plan',
      detail: `${server} ${problem}`,
    });
    return answer(messageCard(locale, say(locale, 'plan_title', { server }), text, { style: 'warning' }));
  };

  const config = ctx.config.LICENSE_SERVERS.find((s) => s.id.toLowerCase() === id.toLowerCase());
  if (!config)
    return refuse(
      'unknown_server',
      id,
      say(locale, 'decommission_unknown', {
        server: id,
        known: ctx.config.LICENSE_SERVERS.map((s) => s.id).join(', ') || '-',
      }),
    );
  const server = config.id;
  const offText = (at: number) =>
    say(locale, 'plan_off_already', { server, when: formatDateTime(at, locale, timeZone) });
  const off = (await readServerRecord(ctx.store, server))?.decommissionedAt;
  if (off !== undefined) return refuse('decommissioned', server, offText(off));

  const clear = when.toLowerCase() === 'none';
  let at: number | undefined;
  if (!clear) {
    const { calendar } = ctx.policy;
    const p = plannedOffAt(when, timeZone, calendar, now);
    if (!p.ok) {
      const vars = { server, date: when, time: hhmm(calendar.endMinute), zone: timeZone, years: MAX_PLAN_YEARS };
      return refuse(p.problem, server, say(locale, PROBLEM_KEYS[p.problem], vars));
    }
    at = p.at;
  }

  const r = await setPlannedOff(ctx, config, at, caller.audit, now, at === undefined ? '' : ` ${when}`);
  if (!r.ok) return refuse('decommissioned', server, offText(r.decommissionedAt));
  let text: string;
  if (at === undefined) text = say(locale, r.changed ? 'plan_cleared' : 'plan_nothing', { server });
  else {
    text = say(locale, 'plan_set', { server, planned: plannedText(at, now, locale, timeZone) });
    if (r.before !== undefined && r.before !== at)
      text += ` ${say(locale, 'plan_was', { when: formatDateTime(r.before, locale, timeZone) })}`;
  }
  const [s] = (await serverOverviews(ctx, now, [config])) as [ServerOverview];
  return answer(
    messageCard(locale, say(locale, 'plan_title', { server }), text, {
      facts: serverFacts(s, locale, timeZone, now),
      style: r.changed ? 'good' : 'default',
    }),
  );
}

// The `status` answer, also the admins' "Refresh" button: the organisation's overview for admins (the same card the
// scheduler posts daily), the same figures for a manager's own people, and a breakdown when asked.
import type { AdminStatusData } from '../cards/index.ts';
import type { OutboundCard } from '../ports/chat-channel.ts';
import type { InteractionReply } from '../ports/interaction.ts';
import { countersOf, progressFromCounters, type DimensionProgress, type Progress } from '../domain/progress.ts';
import { orgStatusCard } from '../reports/org-status-card.ts';
import { indexIds, loadPeople } from '../services/people-query.ts';
import { scopeOf } from './access.ts';
import { card, messageCard } from './cards.ts';
import type { ReplyEnv } from './reply-env.ts';
import { say } from './say.ts';

export type Breakdown = 'product' | 'department' | 'manager';

/** A manager's card: their people's steps and products, no servers or next actions (those are the admins'). */
function teamCard(env: ReplyEnv, p: Progress): OutboundCard {
  const { ctx, caller, now } = env;
  const s = p.steps;
  const data: AdminStatusData = {
    cardId: `status:${now}`,
    orgName: ctx.config.ORGANISATION_NAME,
    generatedAt: now,
    timeZone: caller.timeZone,
    totals: { people: p.total, done: s.overall.done, pending: s.overall.pending, needsHelp: s.overall.needs_help },
    steps: [
      { step: 1, done: s.step1.invited + s.step1.active, total: p.total },
      { step: 2, done: s.step2.all, total: p.total },
      { step: 3, done: s.step3.switched, total: p.total },
      { step: 4, done: s.step4.acknowledged, total: p.total },
    ],
    products: Object.entries(p.products)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, x]) => ({ name, ...x })),
  };
  return card('admin-status', data, caller.locale, caller.timeZone);
}

function breakdownCard(
  env: ReplyEnv,
  by: 'department' | 'manager',
  dims: Record<string, DimensionProgress>,
): OutboundCard {
  const { locale } = env.caller;
  const facts = Object.entries(dims)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, d]) => ({
      title: name,
      value: say(locale, 'status_dimension', { done: d.done, total: d.total, pending: d.pending, help: d.needsHelp }),
    }));
  const title = say(locale, by === 'department' ? 'status_by_department' : 'status_by_manager');
  return messageCard(locale, title, facts.length ? '' : say(locale, 'status_no_breakdown'), { facts });
}

/** The status cards for the caller: the overview first, then the breakdown asked for. */
export async function statusReply(env: ReplyEnv, by: Breakdown): Promise<InteractionReply> {
  const { ctx, caller, now } = env;
  const scope = scopeOf(caller);
  let cards: OutboundCard[];
  let progress: Progress;
  if (scope.kind === 'all') {
    const org = await orgStatusCard(ctx, now);
    cards = [
      { ...org, data: { ...org.data, timeZone: caller.timeZone }, locale: caller.locale, timeZone: caller.timeZone },
    ];
    progress = progressFromCounters(await ctx.store.counters());
  } else {
    progress = progressFromCounters(
      countersOf(await loadPeople(ctx.store, await indexIds(ctx.store, `manager:${scope.managerId}`))),
    );
    cards = [teamCard(env, progress)];
  }
  if (by !== 'product')
    cards.push(breakdownCard(env, by, by === 'department' ? progress.departments : progress.managers));
  return { cards };
}

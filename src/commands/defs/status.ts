// `status [product|department|manager]`: the admins' overview (the same card the scheduler posts daily, from the
// counters and licence-server records); managers get the same figures for their own people only.
import { z } from 'zod';
import type { AdminStatusData } from '../../cards/index.ts';
import type { OutboundCard } from '../../ports/chat-channel.ts';
import { countersOf, progressFromCounters, type DimensionProgress, type Progress } from '../../domain/progress.ts';
import { orgStatusCard } from '../../schedule/org-status.ts';
import { indexIds, loadPeople } from '../../services/people-query.ts';
import { scopeOf } from '../access.ts';
import { keyword } from '../args.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { card, messageCard } from '../reply.ts';
import { say } from '../text.ts';

type Breakdown = 'product' | 'department' | 'manager';

/** A manager's card: their people's steps and products, no servers or next actions (those are the admins'). */
function teamCard(env: CommandEnv, p: Progress): OutboundCard {
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
  env: CommandEnv,
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

export const status = defineCommand({
  name: 'status',
  access: 'manager',
  usage: 'status [product|department|manager]',
  summaryKey: 'cmd_status',
  args: z.union([
    z.tuple([]).transform((): Breakdown => 'product'),
    z.tuple([keyword('product', 'department', 'manager')]).transform(([b]): Breakdown => b),
  ]),
  async run(env, by) {
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
  },
});

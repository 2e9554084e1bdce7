// `status [product|department|manager]`: the admins' overview from the counters; managers get their own people's.
import { z } from 'zod';
import type { AdminStatusData } from '../../cards/index.ts';
import { countersOf, progressFromCounters, type DimensionProgress, type Progress } from '../../domain/progress.ts';
import { allPeople, indexIds, loadPeople } from '../../services/people-query.ts';
import { scopeOf } from '../access.ts';
import { keyword } from '../args.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { card, messageCard } from '../reply.ts';
import { serverOverviews, type ServerOverview } from '../server-overview.ts';
import { say } from '../text.ts';

type Breakdown = 'product' | 'department' | 'manager';

function steps(p: Progress, servers: readonly ServerOverview[]): AdminStatusData['steps'] {
  const s = p.steps;
  const list: AdminStatusData['steps'] = [
    { step: 1, done: s.step1.invited + s.step1.active, total: p.total },
    { step: 2, done: s.step2.all, total: p.total },
    { step: 3, done: s.step3.switched, total: p.total },
    { step: 4, done: s.step4.acknowledged, total: p.total },
  ];
  if (servers.length) list.push({ step: 5, done: servers.filter((x) => x.state === 'off').length, total: servers.length });
  return list;
}

function nextActions(p: Progress, servers: readonly ServerOverview[]): NonNullable<AdminStatusData['nextActions']> {
  const s = p.steps;
  const firstUnassigned = Object.entries(p.products).find(([, x]) => x.assigned < x.total)?.[0];
  const actions: NonNullable<AdminStatusData['nextActions']> = [
    { kind: 'invite', count: s.step1.not_invited + s.step1.failed, command: 'invite pending' },
    { kind: 'assign', count: s.step2.none + s.step2.partial, command: firstUnassigned ? `assign "${firstUnassigned}" pending` : '' },
    // People with nothing assigned cannot have been informed; the rest of "not informed" is due.
    { kind: 'notify', count: Math.max(0, s.step4.not_informed - s.step2.none), command: 'notify pending' },
    { kind: 'help', count: s.step4.needs_help, command: 'who step4 needs_help' },
    { kind: 'switch', count: p.total - s.step3.switched, command: 'script windows' },
  ];
  for (const server of servers.filter((x) => x.state === 'ready'))
    actions.push({ kind: 'switch_off', count: 0, target: server.address, command: `decommission ${server.id}` });
  return actions.filter((a) => a.kind === 'switch_off' || (a.count ?? 0) > 0);
}

function serverRows(servers: readonly ServerOverview[]): NonNullable<AdminStatusData['servers']> {
  return servers.map((s) => ({
    host: s.address,
    status: s.state,
    users: s.stillOn,
    ...(s.state === 'quiet' && s.quietSince !== undefined ? { quietSince: s.quietSince } : {}),
  }));
}

function breakdownFacts(env: CommandEnv, dims: Record<string, DimensionProgress>) {
  const { locale } = env.caller;
  return Object.entries(dims)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, d]) => ({ title: name, value: say(locale, 'status_dimension', { done: d.done, total: d.total, pending: d.pending, help: d.needsHelp }) }));
}

export const status = defineCommand({
  name: 'status',
  access: 'manager',
  usage: 'status [product|department|manager]',
  summaryKey: 'cmd_status',
  args: z.union([z.tuple([]).transform((): Breakdown => 'product'), z.tuple([keyword('product', 'department', 'manager')]).transform(([b]): Breakdown => b)]),
  async run(env, by) {
    const { ctx, caller, now } = env;
    const { locale } = caller;
    const scope = scopeOf(caller);
    let progress: Progress;
    let servers: ServerOverview[] = [];
    if (scope.kind === 'all') {
      progress = progressFromCounters(await ctx.store.counters());
      if (ctx.config.LICENSE_SERVERS.length) servers = await serverOverviews(ctx, await allPeople(ctx.store), now);
    } else {
      progress = progressFromCounters(countersOf(await loadPeople(ctx.store, await indexIds(ctx.store, `manager:${scope.managerId}`))));
    }
    const o = progress.steps.overall;
    const data: AdminStatusData = {
      cardId: `status-${now}`,
      orgName: ctx.config.ORGANISATION_NAME,
      generatedAt: now,
      timeZone: caller.timeZone,
      totals: { people: progress.total, done: o.done, pending: o.pending, needsHelp: o.needs_help },
      steps: steps(progress, servers),
      products: Object.entries(progress.products)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, x]) => ({ name, ...x })),
      servers: serverRows(servers),
      nextActions: scope.kind === 'all' ? nextActions(progress, servers) : [],
    };
    const cards = [card('admin-status', data, locale, caller.timeZone)];
    if (by !== 'product') {
      const dims = by === 'department' ? progress.departments : progress.managers;
      const facts = breakdownFacts(env, dims);
      cards.push(messageCard(locale, say(locale, by === 'department' ? 'status_by_department' : 'status_by_manager'), facts.length ? '' : say(locale, 'status_no_breakdown'), { facts }));
    }
    return { cards };
  },
});

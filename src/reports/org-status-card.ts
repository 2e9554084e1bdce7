// The organisation's overview (admin-status card) from the counters the store keeps and the licence-server records:
// posted to the admins daily by the scheduler, and the `status` answer. A server's state comes from the one rule in
// src/domain/server-state.ts, as in the `servers` command.
import type { CoreDeps } from '../ports/deps.ts';
import type { OutboundCard } from '../ports/chat-channel.ts';
import { DIRECTORY_DOC, type DirectoryReport } from '../ports/directory.ts';
import type { AdminStatusData } from '../cards/types.ts';
import { fullName } from '../domain/person.ts';
import { progressFromCounters, type Progress } from '../domain/progress.ts';
import { serverStanding } from '../domain/server-state.ts';
import { configuredServerRecords } from '../server-watch/migration-state.ts';
import type { ServerRecordDoc } from '../server-watch/server-record.ts';
import { hostOf } from '../server-watch/server-ready-card.ts';
import { stateFactsFromRecord } from '../server-watch/server-state-facts.ts';

type ServerRow = NonNullable<AdminStatusData['servers']>[number];
type NextAction = NonNullable<AdminStatusData['nextActions']>[number];
/** Names shown per server; the card truncates longer lists anyway. */
const MAX_NAMES = 10;

async function serverRows(
  ctx: Pick<CoreDeps, 'config' | 'store'>,
  records: readonly (ServerRecordDoc | undefined)[],
): Promise<ServerRow[]> {
  const rows: ServerRow[] = [];
  for (const [i, server] of ctx.config.LICENSE_SERVERS.entries()) {
    const r = records[i];
    const ids = [...new Set(r?.users?.matched.map((m) => m.personId) ?? [])].slice(0, MAX_NAMES);
    const people = await ctx.store.getPeople(ids);
    const names = [
      ...people.map((p, n) => (p ? fullName(p) : ids[n]!)),
      ...(r?.users?.unmatched.map((u) => u.user) ?? []).slice(0, Math.max(0, MAX_NAMES - ids.length)),
    ];
    const { state, plannedOffAt } = serverStanding(stateFactsFromRecord(r));
    const row: ServerRow = { host: hostOf(server.address), status: state, users: names };
    if (plannedOffAt !== undefined) row.plannedOffAt = plannedOffAt;
    if (state === 'quiet' && r?.quietSince !== undefined) row.quietSince = r.quietSince;
    if (r?.borrowed?.count) {
      const holders = r.borrowed.holders.slice(0, MAX_NAMES);
      const byId = await ctx.store.getPeople(holders.flatMap((h) => (h.type === 'person' ? [h.personId] : [])));
      let n = 0;
      const users = holders.map((h) => {
        if (h.type === 'login') return h.login;
        const p = byId[n++];
        return p ? fullName(p) : h.personId;
      });
      row.borrowed = { count: r.borrowed.count, lastReturnAt: r.borrowed.lastReturnAt, users };
    }
    rows.push(row);
  }
  return rows;
}

function nextActions(p: Progress, servers: readonly ServerRow[], unreachable: number): NextAction[] {
  const s = p.steps;
  const actions: NextAction[] = [
    { kind: 'invite', count: s.step1.not_invited + s.step1.failed, command: 'invite pending' },
    { kind: 'assign', count: s.step2.none + s.step2.partial },
    { kind: 'notify', count: Math.max(0, s.step4.not_informed - s.step2.none), command: 'notify pending' },
    { kind: 'unreachable', count: unreachable, command: 'who step4 unreachable' },
    { kind: 'help', count: s.step4.needs_help },
  ];
  for (const server of servers)
    if (server.status === 'ready') actions.push({ kind: 'switch_off', count: 0, target: server.host });
  return actions.filter((a) => a.kind === 'switch_off' || (a.count ?? 0) > 0);
}

/** The admin-status card of the whole organisation at `now`. */
export async function orgStatusCard(ctx: Pick<CoreDeps, 'config' | 'store'>, now: number): Promise<OutboundCard> {
  const { config } = ctx;
  const progress = progressFromCounters(await ctx.store.counters());
  const servers = await serverRows(ctx, await configuredServerRecords(ctx));
  const s = progress.steps;
  const steps: AdminStatusData['steps'] = [
    { step: 1, done: s.step1.invited + s.step1.active, total: progress.total },
    { step: 2, done: s.step2.all, total: progress.total },
    { step: 3, done: s.step3.switched, total: progress.total },
    { step: 4, done: s.step4.acknowledged, total: progress.total },
  ];
  if (servers.length)
    steps.push({ step: 5, done: servers.filter((x) => x.status === 'off').length, total: servers.length });
  const data: AdminStatusData = {
    cardId: `admin-status:${now}`,
    orgName: config.ORGANISATION_NAME,
    generatedAt: now,
    timeZone: config.DEFAULT_TIMEZONE,
    totals: {
      people: progress.total,
      done: s.overall.done,
      pending: s.overall.pending,
      needsHelp: s.overall.needs_help,
    },
    steps,
    products: Object.entries(progress.products)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, x]) => ({ name, ...x })),
    servers,
    nextActions: nextActions(
      progress,
      servers,
      (await ctx.store.getDoc<DirectoryReport>(DIRECTORY_DOC, 'latest'))?.unreachable.length ?? 0,
    ),
  };
  return { name: 'admin-status', data, locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIMEZONE };
}

// Step 5 after every reading of a licence server: may it be switched off now? The admins hear it once.
import type { ServerWatchDeps } from './deps.ts';
import { decommissionReadiness, type DecommissionReadiness, type StillOn } from '../domain/decommission.ts';
import {
  borrowedCheckouts,
  checkoutsSince,
  type LicenseCheckout,
  type LicenseServerPoll,
} from '../domain/license-server.ts';
import { daysBefore } from '../domain/poll-days.ts';
import { readPollDays } from './poll-days-store.ts';
import { matchLicenseUsers } from '../domain/license-user-match.ts';
import { productSwitched } from '../domain/status.ts';
import type { Person } from '../domain/types.ts';
import type { MigrationStore } from '../store/store.ts';
import type { RosterEntry } from './roster.ts';
import { MAX_POLLS, POLL_HISTORY, READY_TOLD_DOC, updateServerRecord } from './server-record.ts';
import { serverReadyCard } from './server-ready-card.ts';
import { newestPoll, quietSinceOf } from './server-state-facts.ts';

const DAY_MS = 86_400_000;
/** Enough names to say why a server is not ready; the figure that matters is that the list is not empty. */
export const NOT_SWITCHED_LIMIT = 50;

export interface WatchedServer {
  id: string;
  address: string;
  command?: string[] | undefined;
  /** Products served; empty or absent = every product. */
  products?: string[] | undefined;
}

function unswitchedInScope(p: Person, products: readonly string[]): boolean {
  const wanted = new Set(products.map((x) => x.toLowerCase()));
  return p.products.some((x) => (wanted.size === 0 || wanted.has(x.toLowerCase())) && !productSwitched(p, x));
}

/** People with a product of this server not switched yet, at most `limit`, from the step-3 indexes. */
export async function notSwitchedInScope(
  store: MigrationStore,
  products: readonly string[],
  limit = NOT_SWITCHED_LIMIT,
): Promise<string[]> {
  const out: string[] = [];
  for (const index of ['step3:not_started', 'step3:partial']) {
    let cursor: string | undefined;
    do {
      const page = await store.listIndex(index, cursor, 200);
      const people = await store.getPeople(page.ids);
      for (const p of people) if (p && unswitchedInScope(p, products)) out.push(p.id);
      if (out.length >= limit) return out.slice(0, limit);
      cursor = page.next;
    } while (cursor);
  }
  return out;
}

/**
 * The decommission rule on a server's stored polls: who is seen on it (matched to the roster), who has not switched,
 * and the quiet window. Reads only; `checkReadiness` and the `servers` command both start here.
 */
export async function assessServer(
  ctx: Pick<ServerWatchDeps, 'store' | 'config'>,
  server: Pick<WatchedServer, 'id' | 'products'>,
  now: number,
  roster: () => Promise<RosterEntry[]>,
): Promise<{ polls: LicenseServerPoll[]; readiness: DecommissionReadiness }> {
  const { store, config } = ctx;
  const polls = await store.readHistory<LicenseServerPoll>(POLL_HISTORY, server.id, MAX_POLLS);
  const days = await readPollDays(store, server.id);
  const quietWindowMs = config.QUIET_WINDOW_DAYS * DAY_MS;
  // Who was seen in the window: in the kept polls, and on the summarised days before them.
  const olderSeen = daysBefore(days, polls)
    .filter((d) => d.lastBusyAt !== undefined && d.lastBusyAt >= now - quietWindowMs)
    .flatMap((d) => d.checkouts);
  const checkouts = uniqueCheckouts([...checkoutsSince(polls, now - quietWindowMs), ...olderSeen]);
  const seen = checkouts.length ? matchLicenseUsers(checkouts, await roster()) : { personIds: [], unmatched: [] };
  const borrowed = await borrowedAtLastPoll(polls, roster);
  const readiness = decommissionReadiness({
    ...(borrowed && { borrowed }),
    days,
    serverId: server.id,
    polls,
    notSwitched: await notSwitchedInScope(store, server.products ?? []),
    seen: { personIds: seen.personIds, logins: [...new Set(seen.unmatched.map((u) => u.user))] },
    quietWindowMs,
    minPolls: config.MIN_QUIET_POLLS,
    now,
  });
  return { polls, readiness };
}

function uniqueCheckouts(list: readonly LicenseCheckout[]): LicenseCheckout[] {
  const seen = new Map<string, LicenseCheckout>();
  for (const c of list) {
    const k = `${c.user.toLowerCase()}@${c.host.toLowerCase()}`;
    if (!seen.has(k)) seen.set(k, { user: c.user, host: c.host });
  }
  return [...seen.values()];
}

/** The borrowed licences at the newest up poll, each holder matched to the roster where possible. */
async function borrowedAtLastPoll(
  polls: readonly LicenseServerPoll[],
  roster: () => Promise<RosterEntry[]>,
): Promise<{ holders: StillOn[]; count: number; lastReturnAt: number } | undefined> {
  const last = newestPoll(polls.filter((p) => p.status === 'up'));
  const borrowed = last ? borrowedCheckouts(last) : [];
  if (!borrowed.length) return undefined;
  const m = matchLicenseUsers(borrowed, await roster());
  const holders: StillOn[] = [
    ...m.personIds.map((personId): StillOn => ({ type: 'person', personId })),
    ...[...new Set(m.unmatched.map((u) => u.user))].map((login): StillOn => ({ type: 'login', login })),
  ];
  return { holders, count: borrowed.length, lastReturnAt: borrowed[0]!.borrowedUntil };
}

/**
 * Runs the decommission rule on the server's history and stores the answer on its record. The first time a server
 * not yet switched off is ready, the admins get the server-ready card (once: a failed post is retried next time).
 */
export async function checkReadiness(
  ctx: ServerWatchDeps,
  server: WatchedServer,
  now: number,
  roster: () => Promise<RosterEntry[]>,
): Promise<DecommissionReadiness> {
  const { store } = ctx;
  const { polls, readiness } = await assessServer(ctx, server, now, roster);
  const borrowed = readiness.reasons.find((r) => r.code === 'BORROWED');
  const record = await updateServerRecord(store, server.id, server.address, {
    ready: readiness.ready,
    borrowed: borrowed && { count: borrowed.count, lastReturnAt: borrowed.lastReturnAt, holders: borrowed.holders },
    quietSince: quietSinceOf(polls, readiness),
    reasons: readiness.reasons.map((r) => r.code),
    checkedAt: now,
  });
  if (readiness.ready && record.decommissionedAt === undefined)
    await tellReadyOnce(ctx, server, readiness, now, record.plannedOffAt);
  return readiness;
}

async function tellReadyOnce(
  ctx: ServerWatchDeps,
  server: WatchedServer,
  readiness: DecommissionReadiness,
  now: number,
  plannedOffAt?: number,
): Promise<void> {
  if (!(await ctx.store.putDocIfAbsent(READY_TOLD_DOC, server.id, { at: now }))) return;
  const sent = await ctx.postToAdmins(serverReadyCard(server, readiness, ctx.config, plannedOffAt));
  if (sent > 0) {
    ctx.logger.info({ serverId: server.id }, 'licence server ready to switch off: admins told');
    return;
  }
  // Nobody heard it: forget the mark so the next check tells them.
  await ctx.store.deleteDoc(READY_TOLD_DOC, server.id);
}

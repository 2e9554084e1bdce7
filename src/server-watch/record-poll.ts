// One reading of a licence server, however it arrived (the scheduler's poll or an agent's push), stored the same way:
// the poll in the history, the record updated, people seen marked on the network, then the step-5 check.
import type { ServerWatchDeps } from './deps.ts';
import type { DecommissionReadiness } from '../domain/decommission.ts';
import { checkoutsSince, type LicenseServerPoll } from '../domain/license-server.ts';
import { matchLicenseUsers, type LicenseUserMatch, type LicenseUserMatches } from '../domain/license-user-match.ts';
import type { Actor } from '../domain/types.ts';
import { updatePerson } from '../services/update-person.ts';
import { formatDate } from '../cards/format.ts';
import { t } from '../cards/i18n.ts';
import { productForFeature } from '../licensing/feature-codes.ts';
import type { DeliveryJob } from '../ports/delivery.ts';
import { checkReadiness, type WatchedServer } from './check-readiness.ts';
import { recordPollDay } from './poll-days-store.ts';
import { networkEventsFor, networkUses } from './network-use.ts';
import type { RosterEntry } from './roster.ts';
import { MAX_POLLS, MAX_USERS_KEPT, POLL_HISTORY, updateServerRecord, type ServerUsers } from './server-record.ts';

export interface RecordedPoll {
  poll: LicenseServerPoll;
  users: ServerUsers;
  readiness: DecommissionReadiness;
}

export interface RecordOptions {
  source: 'poll' | 'agent';
  /** Why the server could not be read (the poll is then a down poll). */
  error?: string;
  roster: () => Promise<RosterEntry[]>;
}

const NO_MATCHES: LicenseUserMatches = { matched: [], unmatched: [], personIds: [] };

/** A down poll: the server could not be read, which says nothing about who uses it. */
export const downPoll = (at: number): LicenseServerPoll => ({ at, status: 'down', inUse: 0, features: [] });

export async function recordPoll(
  ctx: ServerWatchDeps,
  server: WatchedServer,
  poll: LicenseServerPoll,
  options: RecordOptions,
): Promise<RecordedPoll> {
  const { store } = ctx;
  await store.pushHistory(POLL_HISTORY, server.id, poll, MAX_POLLS);
  await recordPollDay(store, server.id, poll);
  const checkouts = checkoutsSince([poll], poll.at);
  const matches = checkouts.length ? matchLicenseUsers(checkouts, await options.roster()) : NO_MATCHES;
  const users: ServerUsers = {
    matched: matches.matched.slice(0, MAX_USERS_KEPT).map(({ user, host, personId }) => ({ user, host, personId })),
    unmatched: matches.unmatched.slice(0, MAX_USERS_KEPT).map(({ user, host }) => ({ user, host })),
  };
  await updateServerRecord(store, server.id, server.address, {
    lastPollAt: poll.at,
    status: poll.status,
    inUse: poll.inUse,
    source: options.source,
    lastError: options.error,
    users,
  });
  await markNetworkUse(ctx, poll, matches.matched, options.source === 'agent' ? 'api' : 'system');
  await tellBorrowers(ctx, poll, matches.matched);
  const readiness = await checkReadiness(ctx, server, poll.at, options.roster);
  return { poll, users, readiness };
}

/**
 * A person seen holding a borrowed licence is told, once per borrow, how to return it before the switch (only the
 * application that borrowed it can), in their language; otherwise it stays out until the date lmstat implies.
 */
async function tellBorrowers(
  ctx: ServerWatchDeps,
  poll: LicenseServerPoll,
  matched: readonly LicenseUserMatch[],
): Promise<void> {
  if (!ctx.delivery || !matched.length) return;
  const personOf = new Map(matched.map((m) => [`${m.user.toLowerCase()}@${m.host.toLowerCase()}`, m.personId]));
  const borrows = new Map<string, { until: number; products: Set<string> }>();
  for (const f of poll.features)
    for (const u of f.users) {
      const personId = u.borrowedUntil !== undefined && personOf.get(`${u.user.toLowerCase()}@${u.host.toLowerCase()}`);
      if (!personId) continue;
      const b = borrows.get(personId) ?? { until: 0, products: new Set<string>() };
      b.until = Math.max(b.until, u.borrowedUntil!);
      b.products.add(productForFeature(f.name) ?? f.name);
      borrows.set(personId, b);
    }
  if (!borrows.size) return;
  const jobs: DeliveryJob[] = [];
  for (const [personId, b] of borrows) {
    const person = await ctx.store.getPerson(personId);
    if (!person) continue;
    const locale = person.locale ?? ctx.config.DEFAULT_LOCALE;
    const timeZone = person.timeZone ?? ctx.config.DEFAULT_TIMEZONE;
    const vars = {
      firstName: person.firstName,
      products: [...b.products].sort().join(', '),
      date: formatDate(b.until, locale, timeZone),
    };
    jobs.push({
      key: `borrow:${personId}:${Math.floor(b.until / 60_000)}`,
      personId,
      card: {
        name: 'message',
        data: { title: t(locale, 'borrow_title'), text: t(locale, 'borrow_text', vars), style: 'warning' },
      },
      onSent: [{ type: 'borrow.told', until: b.until }],
    });
  }
  if (jobs.length) await ctx.delivery.enqueue('borrowed-licences', jobs);
}

/** Step 3 as the licence server sees it: a person holding a network licence has not switched that product there. */
async function markNetworkUse(
  ctx: ServerWatchDeps,
  poll: LicenseServerPoll,
  matched: readonly LicenseUserMatch[],
  source: Actor['source'],
): Promise<void> {
  if (!matched.length) return;
  const actor: Actor = { id: 'licence-watch', source };
  for (const [personId, uses] of networkUses(poll, matched)) {
    const person = await ctx.store.getPerson(personId);
    if (!person) continue;
    const events = networkEventsFor(person, uses);
    if (!events.length) continue;
    const r = await updatePerson(ctx.store, personId, events, actor, poll.at, { detail: 'seen on licence server' });
    if (!r.ok) ctx.logger.warn({ personId, code: r.error.code }, 'network use not recorded');
  }
}

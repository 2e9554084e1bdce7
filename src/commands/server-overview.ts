// Where each configured licence server stands (step 5): its polls, who is still on it, and the readiness rule.
import type { AppContext } from '../app/context.ts';
import { decommissionReadiness, type DecommissionReadiness } from '../domain/decommission.ts';
import { checkoutsSince, type LicenceServerPoll, type LicenceServerRecord } from '../domain/licence-server.ts';
import { matchLicenceUsers } from '../domain/licence-user-match.ts';
import { fullName } from '../domain/person.ts';
import { productSwitched } from '../domain/status.ts';
import type { Person } from '../domain/types.ts';

/** History kind of the licence-server polls (one list per server id, newest first). */
export const POLL_HISTORY = 'lmstat-poll';
/** Doc kind of a licence server's record (decommissioned or not). */
export const SERVER_DOC = 'licence-server';
/** Enough polls to cover a week at one poll every 15 minutes, with room. */
const MAX_POLLS = 2000;
const DAY_MS = 24 * 3600 * 1000;

export type ServerState = 'in_use' | 'quiet' | 'ready' | 'off' | 'down';

export interface ServerOverview {
  id: string;
  address: string;
  products: string[];
  state: ServerState;
  lastPoll?: LicenceServerPoll;
  /** Licences in use at the last up poll. */
  inUse: number;
  readiness: DecommissionReadiness;
  /** Names of the people (or bare logins) seen on the server in the quiet window. */
  stillOn: string[];
  /** Since when nobody held a licence, when known. */
  quietSince?: number;
  decommissionedAt?: number;
}

function inScope(p: Person, products: readonly string[]): string[] {
  if (products.length === 0) return p.products;
  const wanted = new Set(products.map((x) => x.toLowerCase()));
  return p.products.filter((x) => wanted.has(x.toLowerCase()));
}

function stateOf(record: LicenceServerRecord | undefined, last: LicenceServerPoll | undefined, r: DecommissionReadiness): ServerState {
  if (record?.decommissionedAt !== undefined) return 'off';
  if (last?.status === 'down') return 'down';
  if (r.ready) return 'ready';
  if ((last?.inUse ?? 0) > 0 || r.stillOn.length > 0) return 'in_use';
  return 'quiet';
}

/** Every licence server of the configuration with its readiness, in configuration order. `people` is the roster. */
export async function serverOverviews(ctx: AppContext, people: readonly Person[], now: number): Promise<ServerOverview[]> {
  const byId = new Map(people.map((p) => [p.id, p]));
  const out: ServerOverview[] = [];
  for (const server of ctx.config.LICENSE_SERVERS) {
    const products = server.products ?? [];
    const polls = await ctx.store.readHistory<LicenceServerPoll>(POLL_HISTORY, server.id, MAX_POLLS);
    const record = await ctx.store.getDoc<LicenceServerRecord>(SERVER_DOC, server.id);
    const quietWindowMs = ctx.config.QUIET_WINDOW_DAYS * DAY_MS;
    const seen = matchLicenceUsers(checkoutsSince(polls, now - quietWindowMs), people);
    const notSwitched = people.filter((p) => inScope(p, products).some((x) => !productSwitched(p, x))).map((p) => p.id);
    const readiness = decommissionReadiness({
      serverId: server.id,
      polls,
      notSwitched,
      seen: { personIds: seen.personIds, logins: seen.unmatched.map((u) => u.user) },
      quietWindowMs,
      minPolls: ctx.config.MIN_QUIET_POLLS,
      now,
    });
    const lastPoll = polls.reduce<LicenceServerPoll | undefined>((a, p) => (!a || p.at > a.at ? p : a), undefined);
    const lastUp = polls.filter((p) => p.status === 'up').reduce<LicenceServerPoll | undefined>((a, p) => (!a || p.at > a.at ? p : a), undefined);
    const firstAt = polls.reduce<number | undefined>((a, p) => (a === undefined || p.at < a ? p.at : a), undefined);
    const stillOn = readiness.stillOn.map((s) => (s.type === 'person' ? (byId.get(s.personId) ? fullName(byId.get(s.personId)!) : s.personId) : s.login));
    const quietSince = lastUp && lastUp.inUse === 0 ? (readiness.lastUsedAt ?? firstAt) : undefined;
    out.push({
      id: server.id,
      address: server.address,
      products,
      state: stateOf(record, lastPoll, readiness),
      ...(lastPoll ? { lastPoll } : {}),
      inUse: lastUp?.inUse ?? 0,
      readiness,
      stillOn,
      ...(quietSince !== undefined ? { quietSince } : {}),
      ...(record?.decommissionedAt !== undefined ? { decommissionedAt: record.decommissionedAt } : {}),
    });
  }
  return out;
}

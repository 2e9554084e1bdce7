// Where each configured licence server stands (step 5), computed fresh for a command: its polls and record, who is
// still on it, and the readiness rule. Read-only: the scheduler's check (server-watch) stores and tells.
// The state comes from the one rule in src/domain/server-state.ts, as on the admin status card.
import type { InteractionDeps } from '../ports/deps.ts';
import type { DecommissionReadiness, StillOn } from '../domain/decommission.ts';
import type { LicenseServerPoll } from '../domain/license-server.ts';
import { fullName } from '../domain/person.ts';
import { serverStanding, type ServerState } from '../domain/server-state.ts';
import { assessServer } from '../server-watch/check-readiness.ts';
import { lazyRoster } from '../server-watch/roster.ts';
import { readServerRecord, type ServerRecordDoc } from '../server-watch/server-record.ts';
import { newestPoll, quietSinceOf, stateFactsFromPolls } from '../server-watch/server-state-facts.ts';

export { POLL_HISTORY, SERVER_DOC } from '../server-watch/server-record.ts';
export type { ServerState } from '../domain/server-state.ts';

/** Names shown per server. */
const MAX_NAMES = 30;

export interface ConfiguredServer {
  id: string;
  address: string;
  products?: string[] | undefined;
}

export interface ServerOverview {
  id: string;
  address: string;
  state: ServerState;
  record?: ServerRecordDoc;
  lastPoll?: LicenseServerPoll;
  /** Licenses in use at the last up poll. */
  inUse: number;
  readiness: DecommissionReadiness;
  /** Names of the people (or bare logins) seen on the server in the quiet window. */
  stillOn: string[];
  /** A person's full name (or their id), a login as it is: for the reasons that list people. */
  nameOf: (s: StillOn) => string;
  /** Since when nobody held a licence, when known. */
  quietSince?: number;
  decommissionedAt?: number;
  /** When the admins plan to switch it off (`servers plan`), if they said and it is not switched off yet. */
  plannedOffAt?: number;
}

/** The servers (default: every configured one), in configuration order. The roster is read only if someone is seen. */
export async function serverOverviews(
  ctx: Pick<InteractionDeps, 'config' | 'store'>,
  now: number,
  servers: readonly ConfiguredServer[] = ctx.config.LICENSE_SERVERS,
): Promise<ServerOverview[]> {
  const { store } = ctx;
  const roster = lazyRoster(store);
  const out: ServerOverview[] = [];
  for (const server of servers) {
    const { polls, readiness } = await assessServer(ctx, server, now, roster);
    const record = await readServerRecord(store, server.id);
    const lastPoll = newestPoll(polls);
    const lastUp = newestPoll(polls.filter((p) => p.status === 'up'));
    const borrowedBy = readiness.reasons.flatMap((r) => (r.code === 'BORROWED' ? r.holders : []));
    const ids = [...readiness.stillOn, ...borrowedBy]
      .flatMap((s) => (s.type === 'person' ? [s.personId] : []))
      .slice(0, MAX_NAMES * 2);
    const people = await store.getPeople(ids);
    const names = new Map(ids.map((id, i) => [id, people[i] ? fullName(people[i]) : id]));
    const nameOf = (s: StillOn) => (s.type === 'person' ? (names.get(s.personId) ?? s.personId) : s.login);
    const stillOn = [
      ...readiness.stillOn.flatMap((s) => (s.type === 'person' ? [nameOf(s)] : [])),
      ...readiness.stillOn.flatMap((s) => (s.type === 'login' ? [s.login] : [])),
    ].slice(0, MAX_NAMES);
    const quietSince = quietSinceOf(polls, readiness);
    const { state, plannedOffAt } = serverStanding(stateFactsFromPolls(polls, readiness, record));
    out.push({
      id: server.id,
      address: server.address,
      state,
      ...(record ? { record } : {}),
      ...(lastPoll ? { lastPoll } : {}),
      inUse: lastUp?.inUse ?? 0,
      readiness,
      stillOn,
      nameOf,
      ...(quietSince !== undefined ? { quietSince } : {}),
      ...(record?.decommissionedAt !== undefined ? { decommissionedAt: record.decommissionedAt } : {}),
      ...(plannedOffAt !== undefined ? { plannedOffAt } : {}),
    });
  }
  return out;
}

// The facts the server-state rule (src/domain/server-state.ts) needs, from what each view has: the poll history
// (`servers`, `decommission`) or the server's record (admin status card). A poll's reading lands on the record as it
// is (record-poll.ts), so both give the same facts for the same server.
import type { DecommissionReadiness } from '../domain/decommission.ts';
import { checkoutsSince, type LicenseServerPoll } from '../domain/license-server.ts';
import type { ServerReading, ServerStateFacts } from '../domain/server-state.ts';
import type { ServerRecordDoc } from './server-record.ts';

/** The newest poll of a history in any order. */
export const newestPoll = (polls: readonly LicenseServerPoll[]) =>
  polls.reduce<LicenseServerPoll | undefined>((a, p) => (!a || p.at > a.at ? p : a), undefined);

function readingOfPoll(p: LicenseServerPoll): ServerReading {
  return { status: p.status, inUse: p.inUse, holders: checkoutsSince([p], p.at).length };
}

/**
 * Since when nobody has been on the server: its last use (or, never used, its first poll), while the newest up poll
 * shows nobody on it; undefined while someone is on it or it was never read up.
 */
export function quietSinceOf(
  polls: readonly LicenseServerPoll[],
  readiness: Pick<DecommissionReadiness, 'lastUsedAt'>,
): number | undefined {
  const lastUp = newestPoll(polls.filter((p) => p.status === 'up'));
  if (!lastUp || lastUp.inUse !== 0) return undefined;
  return (
    readiness.lastUsedAt ??
    polls.reduce<number | undefined>((a, p) => (a === undefined || p.at < a ? p.at : a), undefined)
  );
}

/** From the poll history and the readiness computed on it; the record adds only what admins set. */
export function stateFactsFromPolls(
  polls: readonly LicenseServerPoll[],
  readiness: Pick<DecommissionReadiness, 'ready'>,
  record: Pick<ServerRecordDoc, 'decommissionedAt' | 'plannedOffAt'> | undefined,
): ServerStateFacts {
  const last = newestPoll(polls);
  return {
    decommissionedAt: record?.decommissionedAt,
    last: last ? readingOfPoll(last) : undefined,
    ready: readiness.ready,
    plannedOffAt: record?.plannedOffAt,
  };
}

/** From the record alone: its last reading and the readiness stored at the last check. */
export function stateFactsFromRecord(r: ServerRecordDoc | undefined): ServerStateFacts {
  const holders = (r?.users?.matched.length ?? 0) + (r?.users?.unmatched.length ?? 0);
  return {
    decommissionedAt: r?.decommissionedAt,
    last: r?.lastPollAt !== undefined ? { status: r.status ?? 'up', inUse: r.inUse ?? 0, holders } : undefined,
    ready: r?.ready === true,
    plannedOffAt: r?.plannedOffAt,
  };
}

// Is the migration over, as far as reminders are concerned? Every configured licence server switched off, or each
// one at least ready to be (nobody left on it): reminders would only nag people who no longer need them.
import type { ServerWatchDeps } from './deps.ts';
import { isMigrationComplete } from '../domain/decommission.ts';
import { readServerRecord, type ServerRecordDoc } from './server-record.ts';

/** The records of the configured servers, in configuration order (undefined for a server never polled). */
export async function configuredServerRecords(
  ctx: Pick<ServerWatchDeps, 'store' | 'config'>,
): Promise<(ServerRecordDoc | undefined)[]> {
  return Promise.all(ctx.config.LICENSE_SERVERS.map((s) => readServerRecord(ctx.store, s.id)));
}

/** True when every configured server is switched off or ready to be; false when none is configured. */
export async function isMigrationOver(ctx: Pick<ServerWatchDeps, 'store' | 'config'>): Promise<boolean> {
  const records = await configuredServerRecords(ctx);
  if (records.length === 0) return false;
  if (isMigrationComplete(records.map((r) => r ?? {}))) return true;
  return records.every((r) => r !== undefined && (r.decommissionedAt !== undefined || r.ready === true));
}

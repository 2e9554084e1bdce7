// Turns one lmstat report into the poll the decommission rule reads (src/domain/license-server.ts).
import type { LicenseServerPoll } from '../domain/license-server.ts';
import type { LmstatReport } from './lmstat-types.ts';

/**
 * One poll from one `lmstat -a -c <address>` run. The poll is up only when lmstat showed at least one server
 * and every server in the output was up: a partial answer cannot prove that nobody uses the licences.
 */
export function pollFromLmstat(report: LmstatReport, at: number): LicenseServerPoll {
  const servers = report.servers;
  const up = servers.length > 0 && servers.every((s) => s.status === 'up');
  const features = servers.flatMap((s) =>
    s.features.map((f) => ({
      name: f.name,
      inUse: f.inUse,
      users: f.users.map((u) => ({ user: u.user, host: u.host })),
    })),
  );
  if (!up) return { at, status: 'down', inUse: 0, features: [] };
  return { at, status: 'up', inUse: features.reduce((n, f) => n + f.inUse, 0), features };
}

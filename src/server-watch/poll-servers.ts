// The scheduler's licence-server poll: run lmstat for each configured server and record what it says.
import type { ServerWatchDeps } from './deps.ts';
import { pollFromLmstat } from '../licensing/lmstat-poll.ts';
import { parseLmstat } from '../licensing/parse-lmstat.ts';
import type { WatchedServer } from './check-readiness.ts';
import { downPoll, recordPoll, type RecordedPoll } from './record-poll.ts';
import { lazyRoster, type RosterEntry } from './roster.ts';
import { lmstatCommand, runLmstat, type RunOptions } from './run-lmstat.ts';

export interface ServerPollResult {
  serverId: string;
  status: 'up' | 'down';
  error?: string;
  ready: boolean;
}

/** Polls one server: its command's output parsed into a poll, or a down poll with the reason it failed. */
export async function pollServer(
  ctx: ServerWatchDeps,
  server: WatchedServer,
  now: number,
  roster: () => Promise<RosterEntry[]>,
  run: RunOptions = { timeoutMs: ctx.config.LMSTAT_TIMEOUT_MS },
): Promise<RecordedPoll & { error?: string }> {
  const out = await runLmstat(lmstatCommand(server), run);
  if (!out.ok) {
    ctx.logger.warn({ serverId: server.id, reason: out.reason }, 'licence server poll failed');
    const error = `${out.reason}: ${out.detail}`;
    return { ...(await recordPoll(ctx, server, downPoll(now), { source: 'poll', error, roster })), error };
  }
  const poll = pollFromLmstat(parseLmstat(out.output), now);
  return recordPoll(ctx, server, poll, { source: 'poll', roster });
}

/** Polls every configured server in turn (one roster read shared by all). */
export async function pollServers(ctx: ServerWatchDeps, now: number): Promise<ServerPollResult[]> {
  const roster = lazyRoster(ctx.store);
  const results: ServerPollResult[] = [];
  for (const server of ctx.config.LICENSE_SERVERS) {
    const r = await pollServer(ctx, server, now, roster);
    results.push({
      serverId: server.id,
      status: r.poll.status,
      ready: r.readiness.ready,
      ...(r.error ? { error: r.error } : {}),
    });
  }
  return results;
}

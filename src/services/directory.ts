// The roster linked to every configured chat platform before anyone needs it: each platform's directory read once
// the bot is ready, on schedule, before a campaign is queued and on `sync`. The report (doc `directory/latest`) says
// who no platform can reach and why; recipients a campaign waits for are queued as soon as they can be reached.
import type { Person } from '../domain/types.ts';
import type { Platform, UnreachableCode } from '../ports/chat-channel.ts';
import type { Channels, CoreDeps } from '../ports/deps.ts';
import type { Delivery } from '../ports/delivery.ts';
import { DIRECTORY_DOC } from '../ports/directory.ts';
import type { Directory, DirectoryReport, PlatformSync, SyncTrigger, UnreachableWhy } from '../ports/directory.ts';
import { indexIds, loadPeople } from './people-query.ts';
import { channelFor } from './reach.ts';
import { serveWaiting } from './waiting-recipients.ts';

const CHAT_PLATFORMS: Platform[] = ['teams', 'slack'];
/** Every person is in exactly one of these. */
const ROSTER_INDEXES = ['overall:pending', 'overall:needs_help', 'overall:done'];

export interface DirectoryDeps extends Pick<CoreDeps, 'store' | 'logger' | 'clock'> {
  channels: Channels;
  delivery: Delivery;
}

export function createDirectory(deps: DirectoryDeps): Directory {
  const log = deps.logger.child({ module: 'directory' });
  const reachable = (p: Person) => channelFor(p, deps.channels) !== undefined;
  let current: Promise<DirectoryReport> | undefined;
  let next: Promise<DirectoryReport> | undefined;

  async function run(trigger: SyncTrigger): Promise<DirectoryReport> {
    const platforms: PlatformSync[] = [];
    const reasons = new Map<Platform, { fallback: UnreachableCode; byPerson: Record<string, UnreachableCode> }>();
    for (const platform of CHAT_PLATFORMS) {
      const channel = deps.channels[platform];
      if (!channel) continue;
      try {
        const r = await channel.syncDirectory({ slowWork: trigger !== 'campaign' });
        const ambiguous = r.ambiguous ?? [];
        platforms.push({
          platform,
          ok: true,
          linked: r.linked,
          unmatched: r.unmatched.length,
          ambiguous,
          apiCalls: r.apiCalls,
        });
        const byPerson: Record<string, UnreachableCode> = { ...r.reasons };
        for (const id of ambiguous) byPerson[id] = 'ambiguous';
        reasons.set(platform, { fallback: platform === 'teams' ? 'not_in_team' : 'no_user', byPerson });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        const code = (err as { code?: string }).code === 'NOT_CONFIGURED' ? 'no_roster_team' : 'sync_failed';
        platforms.push({ platform, ok: false, error });
        reasons.set(platform, { fallback: code, byPerson: {} });
        log.warn({ platform, trigger, err: error }, 'directory sync failed');
      }
    }
    const unreachable: DirectoryReport['unreachable'] = [];
    const ids = new Set<string>();
    for (const index of ROSTER_INDEXES) for (const id of await indexIds(deps.store, index)) ids.add(id);
    for (const person of await loadPeople(deps.store, [...ids].sort())) {
      if (reachable(person)) continue;
      const why: UnreachableWhy[] = [...reasons].map(([platform, r]) => ({
        platform,
        code: r.byPerson[person.id] ?? r.fallback,
      }));
      unreachable.push({ id: person.id, why });
    }
    const now = deps.clock.now();
    const served = await serveWaiting({ ...deps, logger: log }, reachable, now);
    const report: DirectoryReport = { at: now, trigger, platforms, unreachable, served };
    await deps.store.putDoc(DIRECTORY_DOC, 'latest', report);
    log.info(
      {
        trigger,
        platforms: platforms.map((p) => (p.ok ? `${p.platform}:${p.linked}` : `${p.platform}:failed`)),
        unreachable: unreachable.length,
        served,
      },
      'directory synced',
    );
    return report;
  }

  function sync(trigger: SyncTrigger): Promise<DirectoryReport> {
    if (!current) {
      current = run(trigger).finally(() => (current = undefined));
      return current;
    }
    // One sync at a time; a request during one waits for it and is answered by the next, which sees what changed.
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return sync(trigger);
      });
    return next;
  }

  return {
    sync,
    latest: () => deps.store.getDoc<DirectoryReport>(DIRECTORY_DOC, 'latest'),
    reachable,
    async lookup(person) {
      for (const platform of CHAT_PLATFORMS) {
        const channel = deps.channels[platform];
        if (!channel?.lookup) continue;
        if ((await channel.lookup(person)) !== 'linked') continue;
        const now = await deps.store.getPerson(person.id);
        if (now && reachable(now)) return now;
      }
      return undefined;
    },
    async idle() {
      while (current || next) await (next ?? current)!.catch(() => undefined);
    },
  };
}

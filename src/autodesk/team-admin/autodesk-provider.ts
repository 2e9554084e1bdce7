// PROVISIONING=autodesk: steps 1–2 through Autodesk's Team Admin API. Invite = Add Team User, assign = Assign Product
// from the matching pool; Autodesk answers at once (`applied: true`), so there is no confirm step. Each run reads back
// first (List Team Users, List Assignments) and calls only for people Autodesk does not show yet, so a re-run or a
// resumed job never calls twice for a confirmed person. A refusal that concerns the whole team (403, sign-in refused)
// or the pool (422) stops the run cleanly: the rest are listed as failed with the reason, nothing half-done.
import type { Logger } from '../../log.ts';
import type { Person } from '../../domain/types.ts';
import type { ProvisioningProvider, ProvisioningResult, ReasonKey } from '../../ports/provisioning.ts';
import { screenAssignments, screenInvites, type Screened } from '../screen-people.ts';
import { choosePool } from './pools.ts';
import { AutodeskError, problemKind } from './problem.ts';
import type { TeamAdminClient } from './team-admin-client.ts';

export interface AutodeskProviderDeps {
  client: TeamAdminClient;
  /** The team to work on (AUTODESK_TEAM_ID, else the one chosen after `connect autodesk`), or undefined. */
  team: () => Promise<string | undefined>;
  now: () => number;
  logger?: Logger;
  /** Called after each person (progress for long runs). */
  onProgress?: (done: number, total: number) => void;
  /** Checked before each call: true stops the run cleanly (`cancel autodesk`), the rest listed as cancelled. */
  cancelled?: () => boolean;
}

/** Why a run or a person failed: a key of locales/commands/ (adsk_why_*), its values, and the English sentence. */
export interface Refusal {
  reason: string;
  why: ReasonKey;
}

const ENGLISH: Record<string, string> = {
  adsk_why_not_connected: 'Autodesk is not connected: an admin runs "connect autodesk"',
  adsk_why_reconnect: 'Autodesk refused the sign-in: an admin runs "connect autodesk" again',
  adsk_why_forbidden:
    'Autodesk refused: the admin who connected is not an administrator of this team, or the team is not eligible',
  adsk_why_unreachable: 'Autodesk could not be reached',
  adsk_why_quota: "Autodesk's reassignment quota for this pool is used up{until}",
  adsk_why_unsupported_pool: 'Autodesk does not support this product pool through its API',
  adsk_why_refused: 'Autodesk refused: {title}',
  adsk_why_no_team: 'no Autodesk team chosen: an admin runs "connect autodesk" and picks the team',
  adsk_why_no_pool: 'no {product} pool on the Autodesk team',
  adsk_why_pool_future: 'the {product} pool on the Autodesk team is not usable yet (future-dated)',
  adsk_why_no_seat: 'no free {product} seat left on the Autodesk team',
  adsk_why_not_on_team: 'not on the Autodesk team yet: invite first',
  adsk_why_cancelled: 'cancelled by an admin',
};

export function refusal(key: string, vars: Record<string, string | number> = {}): Refusal {
  const reason = (ENGLISH[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  return { reason, why: Object.keys(vars).length ? { key, vars } : { key } };
}

/** What a person can act on for an error thrown by the client, never a stack. */
export function refusalOf(e: unknown): Refusal {
  if (!(e instanceof AutodeskError)) return refusal('adsk_why_unreachable');
  switch (e.code) {
    case 'AUTODESK_NOT_CONNECTED':
      return refusal('adsk_why_not_connected');
    case 'AUTODESK_RECONNECT':
      return refusal('adsk_why_reconnect');
    case 'AUTODESK_FORBIDDEN':
      return refusal('adsk_why_forbidden');
    case 'AUTODESK_UNREACHABLE':
      return refusal('adsk_why_unreachable');
    case 'AUTODESK_REFUSED': {
      const kind = problemKind(e.problem);
      if (kind === 'reassignment-quota-exhausted')
        return refusal('adsk_why_quota', {
          until: e.problem?.nextQuotaResetDate ? ` until ${e.problem.nextQuotaResetDate}` : '',
        });
      if (kind === 'unsupported-product-pool') return refusal('adsk_why_unsupported_pool');
      return refusal('adsk_why_refused', { title: e.problem?.title ?? 'unknown answer' });
    }
  }
}

/** Stops the whole run: the team, the sign-in, the connection or the pool (422) — not one person's data. */
const stopsRun = (e: unknown, kind: 'invite' | 'assign') =>
  !(e instanceof AutodeskError) ||
  e.code !== 'AUTODESK_REFUSED' ||
  (kind === 'assign' && e.problem?.status === 422) ||
  (e.problem?.status ?? 0) >= 500;

function start(s: Screened): ProvisioningResult {
  const r: ProvisioningResult = {
    done: [],
    alreadyDone: [...s.alreadyDone],
    rejected: [...s.rejected],
    failed: [],
    files: [],
    applied: true,
  };
  if (s.resendDue.length) r.resendDue = s.resendDue;
  return r;
}

export function createAutodeskProvider(d: AutodeskProviderDeps): ProvisioningProvider {
  const log = d.logger?.child({ provider: 'autodesk' });

  async function teamOr(result: ProvisioningResult, todo: Person[]): Promise<string | undefined> {
    try {
      const team = await d.team();
      if (team) return team;
      stopWith(result, todo, refusal('adsk_why_no_team'));
    } catch (e) {
      stopWith(result, todo, refusalOf(e));
    }
    return undefined;
  }

  function stopWith(result: ProvisioningResult, rest: Person[], r: Refusal) {
    result.stopped = r.reason;
    result.stoppedWhy = r.why;
    result.failed.push(...rest.map((p) => ({ personId: p.id, reason: r.reason, why: r.why })));
  }

  function stop(result: ProvisioningResult, rest: Person[], e: unknown) {
    stopWith(result, rest, refusalOf(e));
    if (e instanceof AutodeskError) log?.warn({ code: e.code, problem: e.problem }, 'autodesk run stopped');
    else log?.error({ err: e instanceof Error ? e.name : 'unknown' }, 'autodesk run stopped');
  }

  return {
    name: 'autodesk',
    async invite(people) {
      const s = screenInvites(people, d.now());
      const result = start(s);
      if (!s.todo.length) return result;
      const teamId = await teamOr(result, s.todo);
      if (!teamId) return result;
      let onTeam: Set<string>;
      try {
        onTeam = new Set((await d.client.listUsers(teamId)).map((u) => u.email));
      } catch (e) {
        stop(result, s.todo, e);
        return result;
      }
      for (const [i, p] of s.todo.entries()) {
        if (d.cancelled?.()) {
          stopWith(result, s.todo.slice(i), refusal('adsk_why_cancelled'));
          break;
        }
        if (onTeam.has(p.email.toLowerCase())) {
          result.alreadyDone.push(p.id);
          continue;
        }
        try {
          const r = await d.client.addUser(teamId, p, p.id);
          (r.created ? result.done : result.alreadyDone).push(p.id);
        } catch (e) {
          if (stopsRun(e, 'invite')) {
            stop(result, s.todo.slice(i), e);
            break;
          }
          result.failed.push({ personId: p.id, ...refusalOf(e) });
        }
        d.onProgress?.(i + 1, s.todo.length);
      }
      log?.info(
        {
          action: 'invite',
          teamId,
          done: result.done.length,
          already: result.alreadyDone.length,
          failed: result.failed.length,
        },
        'autodesk invite',
      );
      return result;
    },

    async assign(product, people) {
      const s = screenAssignments(product, people);
      const result = start(s);
      if (!s.todo.length) return result;
      const teamId = await teamOr(result, s.todo);
      if (!teamId) return result;
      const queue: { p: Person; userId: string }[] = [];
      let productId: string;
      let free: number | null;
      try {
        const { chosen, future } = choosePool(await d.client.listPools(teamId), product, d.now());
        if (!chosen) {
          stopWith(result, s.todo, refusal(future ? 'adsk_why_pool_future' : 'adsk_why_no_pool', { product }));
          return result;
        }
        productId = chosen.pool.productId;
        free = chosen.free;
        const users = new Map((await d.client.listUsers(teamId)).map((u) => [u.email, u.id]));
        const assigned = new Set((await d.client.listAssignments(teamId, { productId })).map((a) => a.userId));
        for (const p of s.todo) {
          const userId = users.get(p.email.toLowerCase());
          if (!userId) result.failed.push({ personId: p.id, ...refusal('adsk_why_not_on_team') });
          else if (assigned.has(userId)) result.alreadyDone.push(p.id);
          else queue.push({ p, userId });
        }
      } catch (e) {
        stop(result, s.todo, e);
        return result;
      }
      result.seats = { product, free, toAssign: queue.length };
      for (const [i, { p, userId }] of queue.entries()) {
        if (d.cancelled?.()) {
          stopWith(
            result,
            queue.slice(i).map((q) => q.p),
            refusal('adsk_why_cancelled'),
          );
          break;
        }
        if (free !== null && free <= 0) {
          stopWith(
            result,
            queue.slice(i).map((q) => q.p),
            refusal('adsk_why_no_seat', { product }),
          );
          break;
        }
        try {
          const r = await d.client.assign(teamId, userId, productId, p.id);
          (r.created ? result.done : result.alreadyDone).push(p.id);
          if (r.created && free !== null) free--;
        } catch (e) {
          if (stopsRun(e, 'assign')) {
            stop(
              result,
              queue.slice(i).map((q) => q.p),
              e,
            );
            break;
          }
          result.failed.push({ personId: p.id, ...refusalOf(e) });
        }
        d.onProgress?.(i + 1, queue.length);
      }
      log?.info(
        {
          action: 'assign',
          teamId,
          productId,
          done: result.done.length,
          already: result.alreadyDone.length,
          failed: result.failed.length,
        },
        'autodesk assign',
      );
      return result;
    },
  };
}

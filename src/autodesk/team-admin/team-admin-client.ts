// The Team Admin API (https://developer.api.autodesk.com/team-admin/v1/) as typed calls: every team call waits for
// the team's pace, reads the rate headers, waits out 429/503 (Retry-After) and tries again, refreshes the token once
// on a 401, and reports each call (operation, status, admin) for the audit. A refusal becomes an AutodeskError with
// the Problem Details' type and title. This file and oauth-client.ts are the only places that call Autodesk.
import type { Logger } from '../../log.ts';
import { AutodeskError, readProblem, type Problem } from './problem.ts';
import { MAX_WAIT_MS, readRateSignal } from './rate-headers.ts';
import type { TeamPacer } from './team-pacer.ts';

export interface Team {
  id: string;
  name: string;
}

export interface TeamUser {
  id: string;
  email: string;
  /** As Autodesk returns it (e.g. PENDING / ACTIVE); the field name is unconfirmed, both `status` and `state` read. */
  status?: string;
}

export interface ProductPool {
  productId: string;
  productName: string;
  totalQuantity: number | null;
  assignedQuantity: number | null;
  unlimited: boolean;
  startDate?: string;
  endDate?: string;
}

export interface Assignment {
  userId: string;
  email?: string;
  productId: string;
  assignmentType?: string;
}

export interface CallRecord {
  op: string;
  teamId?: string;
  status: number;
  adminId: string;
  /** The person concerned (a roster id), when the call was about one. */
  personId?: string;
}

export interface TeamAdminClientDeps {
  apiUrl: string;
  /** A usable token and the admin it acts for; `stale` asks for a refresh after a 401. */
  token: (stale?: string) => Promise<{ token: string; adminId: string }>;
  pacer: TeamPacer;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onCall?: (c: CallRecord) => void | Promise<void>;
  logger?: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Tries of one call through 429/503 and network errors before giving up. */
  maxTries?: number;
}

export interface TeamAdminClient {
  listTeams(): Promise<Team[]>;
  listUsers(teamId: string): Promise<TeamUser[]>;
  /** Add Team User: `created` false when the person was already on the team (it converges). */
  addUser(
    teamId: string,
    who: { email: string; firstName: string; lastName: string },
    personId?: string,
  ): Promise<{ user: TeamUser; created: boolean }>;
  listPools(teamId: string): Promise<ProductPool[]>;
  listAssignments(teamId: string, filter?: { userId?: string; productId?: string }): Promise<Assignment[]>;
  assign(teamId: string, userId: string, productId: string, personId?: string): Promise<{ created: boolean }>;
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const numOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function toUser(v: unknown): TeamUser | undefined {
  const o = v as Record<string, unknown> | null;
  const id = text(o?.id) ?? text(o?.userId);
  const email = text(o?.email) ?? text(o?.emailAddress);
  if (!id || !email) return undefined;
  const status = text(o?.status) ?? text(o?.state);
  return { id, email: email.toLowerCase(), ...(status ? { status } : {}) };
}

function toPool(v: unknown): ProductPool | undefined {
  const o = v as Record<string, unknown> | null;
  const productId = text(o?.productId);
  if (!productId) return undefined;
  const startDate = text(o?.startDate);
  const endDate = text(o?.endDate);
  return {
    productId,
    productName: text(o?.productName) ?? productId,
    totalQuantity: numOrNull(o?.totalQuantity),
    assignedQuantity: numOrNull(o?.assignedQuantity),
    unlimited: o?.unlimited === true,
    ...(startDate ? { startDate } : {}),
    ...(endDate ? { endDate } : {}),
  };
}

function toAssignment(v: unknown): Assignment | undefined {
  const o = v as Record<string, unknown> | null;
  const userId = text(o?.userId);
  const productId = text(o?.productId);
  if (!userId || !productId) return undefined;
  const email = text(o?.email);
  const assignmentType = text(o?.assignmentType);
  return {
    userId,
    productId,
    ...(email ? { email: email.toLowerCase() } : {}),
    ...(assignmentType ? { assignmentType } : {}),
  };
}

export function createTeamAdminClient(d: TeamAdminClientDeps): TeamAdminClient {
  const base = new URL('team-admin/v1/', d.apiUrl);
  const doFetch = d.fetch ?? fetch;
  const maxTries = d.maxTries ?? 8;
  const log = d.logger?.child({ edge: 'autodesk' });

  async function call(
    op: string,
    method: 'GET' | 'POST',
    path: string,
    opts: { teamId?: string; query?: Record<string, string>; body?: unknown; personId?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    let stale: string | undefined;
    for (let attempt = 1; ; attempt++) {
      const { token, adminId } = await d.token(stale);
      if (opts.teamId) await d.pacer.take(opts.teamId);
      let res: Response;
      try {
        res = await doFetch(url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
          signal: AbortSignal.timeout(d.timeoutMs ?? 30_000),
        });
      } catch (e) {
        if (attempt >= maxTries)
          throw new AutodeskError('AUTODESK_UNREACHABLE', 'Autodesk could not be reached', undefined, { cause: e });
        await d.sleep(Math.min(MAX_WAIT_MS, 1000 * 2 ** attempt));
        continue;
      }
      const raw = await res.text();
      await d.onCall?.({
        op,
        status: res.status,
        adminId,
        ...(opts.teamId ? { teamId: opts.teamId } : {}),
        ...(opts.personId ? { personId: opts.personId } : {}),
      });
      const signal = readRateSignal(res.headers, d.now());
      if (opts.teamId && signal.remaining === 0 && signal.resetAt) await d.pacer.pause(opts.teamId, signal.resetAt);
      if (res.ok) {
        let body: unknown = undefined;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          throw new AutodeskError('AUTODESK_REFUSED', `Autodesk answered ${op} with unreadable JSON`);
        }
        return { status: res.status, body };
      }
      const problem: Problem = readProblem(res.status, res.headers.get('content-type'), raw);
      if ((res.status === 429 || res.status === 503) && attempt < maxTries) {
        const wait = signal.retryAfterMs ?? Math.min(MAX_WAIT_MS, 1000 * 2 ** attempt);
        if (opts.teamId) await d.pacer.pause(opts.teamId, d.now() + wait);
        else await d.sleep(wait);
        log?.warn({ op, teamId: opts.teamId, status: res.status, waitMs: wait }, 'autodesk asked to slow down');
        continue;
      }
      if (res.status === 401 && !stale) {
        stale = token;
        continue;
      }
      log?.warn({ op, teamId: opts.teamId, problem }, 'autodesk refused');
      const code =
        res.status === 401 ? 'AUTODESK_RECONNECT' : res.status === 403 ? 'AUTODESK_FORBIDDEN' : 'AUTODESK_REFUSED';
      throw new AutodeskError(code, `Autodesk refused ${op}: ${problem.title}`, problem);
    }
  }

  async function pages<T>(
    op: string,
    path: string,
    teamId: string | undefined,
    read: (v: unknown) => T | undefined,
    query: Record<string, string> = {},
  ): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10_000; i++) {
      const { body } = await call(op, 'GET', path, {
        ...(teamId ? { teamId } : {}),
        query: { ...query, limit: '100', ...(cursor ? { cursor } : {}) },
      });
      const b = body as { data?: unknown[]; pagination?: { cursor?: unknown; hasMore?: unknown } } | undefined;
      for (const item of b?.data ?? []) {
        const v = read(item);
        if (v !== undefined) out.push(v);
      }
      const next = text(b?.pagination?.cursor);
      if (b?.pagination?.hasMore !== true || !next) return out;
      cursor = next;
    }
    return out;
  }

  const team = (teamId: string) => `teams/${encodeURIComponent(teamId)}/`;

  return {
    listTeams: () =>
      pages('listTeams', 'teams', undefined, (v) => {
        const o = v as Record<string, unknown> | null;
        const id = text(o?.id);
        return id ? { id, name: text(o?.name) ?? id } : undefined;
      }),
    listUsers: (teamId) => pages('listTeamUsers', `${team(teamId)}users`, teamId, toUser),
    async addUser(teamId, who, personId) {
      // Field names unconfirmed (the reference page was not captured): the first/last-name pair and a full `name`.
      const { status, body } = await call('addTeamUser', 'POST', `${team(teamId)}users`, {
        teamId,
        body: {
          email: who.email,
          firstName: who.firstName,
          lastName: who.lastName,
          name: `${who.firstName} ${who.lastName}`,
        },
        ...(personId ? { personId } : {}),
      });
      const user = toUser(body) ?? toUser((body as { data?: unknown } | undefined)?.data);
      if (!user) throw new AutodeskError('AUTODESK_REFUSED', 'Autodesk answered Add Team User without a user id');
      return { user, created: status === 201 };
    },
    listPools: (teamId) => pages('listProductPools', `${team(teamId)}product-pools`, teamId, toPool),
    async listAssignments(teamId, filter = {}) {
      const query: Record<string, string> = {};
      if (filter.userId) query.userId = filter.userId;
      if (filter.productId) query.productId = filter.productId;
      const { body } = await call('listAssignments', 'GET', `${team(teamId)}assignments`, { teamId, query });
      return ((body as { data?: unknown[] } | undefined)?.data ?? []).flatMap((v) => toAssignment(v) ?? []);
    },
    async assign(teamId, userId, productId, personId) {
      const { status } = await call('assignProduct', 'POST', `${team(teamId)}assignments`, {
        teamId,
        body: { userId, productId, assignmentType: 'DIRECT' },
        ...(personId ? { personId } : {}),
      });
      return { created: status === 201 };
    },
  };
}

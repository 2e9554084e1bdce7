// Roster sync: page through the roster team's members (500 a call) and link each roster person to their Teams user
// by e-mail, so the bot can open a 1:1 chat with people who never wrote to it.
import { TeamsInfo, type CloudAdapter, type TeamsChannelAccount } from 'botbuilder';
import type { TeamsDeps } from './deps.ts';
import { normaliseEmail } from '../../domain/email.ts';
import { STEP_STATUSES, type Person, type TeamsIdentity } from '../../domain/types.ts';
import { rememberChatUser } from '../../services/chat-identity.ts';
import { updatePerson } from '../../services/update-person.ts';
import type { MigrationStore } from '../../store/store.ts';
import type { DirectorySyncResult, UnreachableCode } from '../../ports/chat-channel.ts';
import type { GraphInstaller, InstallOutcome } from './graph-install.ts';
import { rememberConversation } from './conversations.ts';
import { mapTeamsError } from './map-error.ts';
import { NumbotError } from '../../errors.ts';

/** The largest page Teams serves. */
export const PAGE_SIZE = 500;
const READ_BATCH = 500;
const WRITE_CONCURRENCY = 16;
const INSTALL_CONCURRENCY = 4;

export class TeamsSyncError extends NumbotError<'NOT_CONFIGURED' | 'PLATFORM_ERROR'> {}

export async function syncTeamsDirectory(deps: {
  ctx: TeamsDeps;
  adapter: CloudAdapter;
  appId: string;
  installer?: GraphInstaller | undefined;
  /** False: people to install for are only reported (`install_pending`), for a sync in the background to install. */
  installNow?: boolean;
}): Promise<DirectorySyncResult> {
  const { ctx } = deps;
  const teamId = ctx.config.TEAMS_ROSTER_TEAM_ID;
  if (!teamId && !deps.installer)
    throw new TeamsSyncError(
      'NOT_CONFIGURED',
      'TEAMS_ROSTER_TEAM_ID is not set: set it to the id of a team every migrating person belongs to (19:...@thread.tacv2)',
    );
  const { members, apiCalls } = teamId ? await fetchMembers(deps, teamId) : { members: [], apiCalls: 0 };
  const byEmail = new Map<string, TeamsChannelAccount>();
  // Two accounts answering to one e-mail (a guest and a member, a UPN reused): neither is guessed.
  const ambiguous = new Set<string>();
  for (const m of members) {
    const email = m.email || m.userPrincipalName;
    if (!email || !m.id) continue;
    const key = normaliseEmail(email);
    const seen = byEmail.get(key);
    if (seen && seen.id !== m.id) ambiguous.add(key);
    else byEmail.set(key, m);
  }
  for (const key of ambiguous) byEmail.delete(key);

  const ids = await allPersonIds(ctx.store);
  const unmatched: string[] = [];
  const changes: { person: Person; identity: TeamsIdentity }[] = [];
  let linked = 0;
  for (let i = 0; i < ids.length; i += READ_BATCH) {
    const people = await ctx.store.getPeople(ids.slice(i, i + READ_BATCH));
    for (const person of people) {
      if (!person) continue;
      const member = byEmail.get(person.id);
      if (!member) {
        // Installed for them through Graph by an earlier sync (or they wrote to the bot): their chat is known.
        if (deps.installer && person.chat.teams?.conversationId) linked++;
        else unmatched.push(person.id);
        continue;
      }
      linked++;
      const identity = identityOf(member, ctx.config.MICROSOFT_APP_TENANT_ID);
      const current = person.chat.teams;
      if (
        current?.userId !== identity.userId ||
        current.aadObjectId !== identity.aadObjectId ||
        current.tenantId !== identity.tenantId
      ) {
        changes.push({ person, identity });
      }
    }
  }
  await inParallel(changes, WRITE_CONCURRENCY, async ({ person, identity }) => {
    const r = await updatePerson(
      ctx.store,
      person.id,
      [{ type: 'chat.linked', chat: { teams: identity } }],
      { id: 'teams-directory', source: 'system' },
      ctx.clock.now(),
      {
        detail: 'teams roster sync',
      },
    );
    if (!r.ok && r.error.code !== 'ALREADY_DONE') {
      ctx.logger.warn({ platform: 'teams', person: person.id, code: r.error.code }, 'could not link teams identity');
      return;
    }
    await rememberChatUser(ctx.store, 'teams', identity.userId, person.id);
  });
  const installed = deps.installer
    ? await installForOthers(ctx, deps.installer, unmatched, deps.installNow ?? true)
    : { linked: [], reasons: {}, calls: 0 };
  const stillUnmatched = unmatched.filter((id) => !installed.linked.includes(id));
  ctx.logger.info(
    {
      platform: 'teams',
      members: members.length,
      linked: linked + installed.linked.length,
      installed: installed.linked.length,
      unmatched: stillUnmatched.length,
      apiCalls,
    },
    'teams roster synced',
  );
  const reasons = { ...installed.reasons };
  for (const id of stillUnmatched) if (ambiguous.has(id)) reasons[id] = 'ambiguous';
  return {
    linked: linked + installed.linked.length,
    unmatched: stillUnmatched,
    ambiguous: stillUnmatched.filter((id) => ambiguous.has(id)),
    reasons,
    apiCalls: apiCalls + installed.calls,
  };
}

/**
 * Installs numbot for roster people outside the roster team (at most TEAMS_INSTALLS_PER_SYNC a sync, at
 * TEAMS_INSTALL_RATE_PER_SEC) and links each to the chat Graph gives; the others say why.
 */
async function installForOthers(
  ctx: TeamsDeps,
  installer: GraphInstaller,
  ids: readonly string[],
  now: boolean,
): Promise<{ linked: string[]; reasons: Record<string, UnreachableCode>; calls: number }> {
  const reasons: Record<string, UnreachableCode> = {};
  const linked: string[] = [];
  const batch = now ? ids.slice(0, ctx.config.TEAMS_INSTALLS_PER_SYNC) : [];
  for (const id of ids.slice(batch.length)) reasons[id] = now ? 'install_pending' : 'installing';
  const spacingMs = 1000 / ctx.config.TEAMS_INSTALL_RATE_PER_SEC;
  let nextSlot = Date.now();
  await inParallel([...batch], INSTALL_CONCURRENCY, async (id) => {
    const wait = nextSlot - Date.now();
    nextSlot = Math.max(nextSlot, Date.now()) + spacingMs;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    let outcome: InstallOutcome;
    try {
      outcome = await installer.install(id);
    } catch (err) {
      outcome = { ok: false, code: 'install_failed', reason: err instanceof Error ? err.message : 'error' };
    }
    if (!outcome.ok) {
      reasons[id] = outcome.code;
      ctx.logger.warn({ platform: 'teams', person: id, reason: outcome.reason }, 'could not install numbot for a user');
      return;
    }
    const tenantId = ctx.config.MICROSOFT_APP_TENANT_ID;
    const identity: TeamsIdentity = {
      // The Bot Framework id is learnt when they first write; until then the chat id is all a send needs.
      userId: outcome.aadObjectId,
      aadObjectId: outcome.aadObjectId,
      ...(tenantId ? { tenantId } : {}),
      conversationId: outcome.chatId,
      serviceUrl: ctx.config.TEAMS_SERVICE_URL,
    };
    const r = await updatePerson(
      ctx.store,
      id,
      [{ type: 'chat.linked', chat: { teams: identity } }],
      { id: 'teams-directory', source: 'system' },
      ctx.clock.now(),
      { detail: 'teams app installed' },
    );
    if (!r.ok && r.error.code !== 'ALREADY_DONE') {
      reasons[id] = 'install_failed';
      return;
    }
    await rememberConversation(ctx.store, outcome.chatId, {
      serviceUrl: ctx.config.TEAMS_SERVICE_URL,
      ...(tenantId ? { tenantId } : {}),
    });
    linked.push(id);
  });
  return { linked, reasons, calls: batch.length };
}

async function fetchMembers(
  deps: { ctx: TeamsDeps; adapter: CloudAdapter; appId: string },
  teamId: string,
): Promise<{ members: TeamsChannelAccount[]; apiCalls: number }> {
  const members: TeamsChannelAccount[] = [];
  let apiCalls = 0;
  let failure: unknown;
  const reference = {
    channelId: 'msteams',
    serviceUrl: deps.ctx.config.TEAMS_SERVICE_URL,
    conversation: { id: teamId, isGroup: true, conversationType: 'channel', name: '' },
  };
  try {
    await deps.adapter.continueConversationAsync(deps.appId, reference, async (turn) => {
      try {
        let token: string | undefined;
        do {
          apiCalls++;
          const page = await TeamsInfo.getPagedTeamMembers(turn, teamId, PAGE_SIZE, token);
          members.push(...page.members);
          token = page.continuationToken || undefined;
        } while (token);
      } catch (err) {
        failure = err;
      }
    });
  } catch (err) {
    failure = err;
  }
  if (failure) {
    const outcome = mapTeamsError(failure);
    const detail = outcome.kind === 'rate_limited' ? `retry after ${outcome.retryAfterMs} ms` : outcome.reason;
    throw new TeamsSyncError(
      'PLATFORM_ERROR',
      `reading the Teams roster failed after ${apiCalls} calls: ${outcome.kind} (${detail})`,
    );
  }
  return { members, apiCalls };
}

function identityOf(m: TeamsChannelAccount, fallbackTenant: string | undefined): TeamsIdentity {
  const aad = m.aadObjectId ?? (m as { objectId?: string }).objectId;
  const tenantId = m.tenantId ?? fallbackTenant;
  return { userId: m.id, ...(aad ? { aadObjectId: aad } : {}), ...(tenantId ? { tenantId } : {}) };
}

/** Every person id: each person is in exactly one step-1 index. */
async function allPersonIds(store: MigrationStore): Promise<string[]> {
  const ids: string[] = [];
  for (const status of STEP_STATUSES.step1) {
    let cursor: string | undefined;
    do {
      const page = await store.listIndex(`step1:${status}`, cursor, 1000);
      ids.push(...page.ids);
      cursor = page.next;
    } while (cursor);
  }
  return ids;
}

async function inParallel<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

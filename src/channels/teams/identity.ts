// Who is talking to the bot: the Teams user on an activity, linked to a roster person by e-mail, with the
// conversation reference stored so the bot can write to them later.
import { TeamsInfo, type Activity, type TurnContext } from 'botbuilder';
import type { TeamsDeps } from './deps.ts';
import type { InteractionActor } from '../../ports/interaction.ts';
import { normaliseEmail } from '../../domain/email.ts';
import type { PersonEvent } from '../../domain/events.ts';
import { localeFromTag } from '../../domain/person-preferences.ts';
import type { Locale, TeamsIdentity } from '../../domain/types.ts';
import { personForChatUser, rememberChatUser } from '../../services/chat-identity.ts';
import { inMigration } from '../../services/resolve-caller.ts';
import { updatePerson } from '../../services/update-person.ts';
import { rememberConversation } from './conversations.ts';

/** The identity an activity proves; conversationId only when it is the user's 1:1 chat with the bot. */
export function teamsIdentityOf(activity: Partial<Activity>): TeamsIdentity {
  const from = activity.from;
  const conversation = activity.conversation;
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = conversation?.tenantId ?? (typeof channelTenant === 'string' ? channelTenant : undefined);
  const personal = isPersonalChat(activity);
  const id: TeamsIdentity = { userId: from?.id ?? '' };
  if (from?.aadObjectId) id.aadObjectId = from.aadObjectId;
  if (tenantId) id.tenantId = tenantId;
  if (activity.serviceUrl) id.serviceUrl = activity.serviceUrl;
  if (personal && conversation?.id) id.conversationId = conversation.id;
  return id;
}

/** True in a user's 1:1 chat with the bot (not a group chat or a channel). */
export function isPersonalChat(activity: Partial<Activity>): boolean {
  const conversation = activity.conversation;
  return conversation?.conversationType ? conversation.conversationType === 'personal' : !conversation?.isGroup;
}

/**
 * The person id of the user on this turn: from the stored chat link, else by their Teams e-mail (roster people and
 * configured admins only: the core's `inMigration` rule). Stores the identity and 1:1 conversation for roster people.
 * Undefined for anyone else, about whom nothing is stored; the core answers them.
 */
export async function resolveTeamsPerson(ctx: TeamsDeps, turn: TurnContext): Promise<string | undefined> {
  const identity = teamsIdentityOf(turn.activity);
  if (!identity.userId || isForeign(ctx, identity)) return undefined;
  let personId = await personForChatUser(ctx.store, 'teams', identity.userId);
  if (!personId) {
    const email = await emailOf(ctx, turn, identity.userId);
    if (!email) return undefined;
    if (!(await inMigration(ctx, email))) return undefined;
    personId = email;
    await rememberChatUser(ctx.store, 'teams', identity.userId, personId);
  }
  await recordIdentity(ctx, personId, identity, localeFromTag(turn.activity.locale));
  return personId;
}

/** A single-tenant bot only serves its own tenant: an e-mail claimed in another tenant proves nothing. */
function isForeign(ctx: TeamsDeps, identity: TeamsIdentity): boolean {
  const ownTenant = ctx.config.MICROSOFT_APP_TENANT_ID;
  return Boolean(ownTenant && identity.tenantId !== ownTenant);
}

/**
 * Who acts on this turn, as the core takes it: the real Teams user, with their person id when they are linked. Anyone
 * else goes to the core too, which answers users outside the migration.
 */
export async function teamsActor(ctx: TeamsDeps, turn: TurnContext): Promise<InteractionActor> {
  const personId = await resolveTeamsPerson(ctx, turn);
  const a = turn.activity;
  return {
    platform: 'teams',
    userId: a.from.id,
    ...(personId ? { personId } : {}),
    ...(a.locale ? { locale: a.locale } : {}),
    ...(isForeign(ctx, teamsIdentityOf(a)) ? { foreign: true as const } : {}),
  };
}

/** Writes the identity (and a first locale) onto the person when they changed; nothing for people not in the roster. */
export async function recordIdentity(
  ctx: TeamsDeps,
  personId: string,
  identity: TeamsIdentity,
  locale?: Locale,
): Promise<void> {
  const person = await ctx.store.getPerson(personId);
  if (!person) return;
  const events: PersonEvent[] = [];
  const current = person.chat.teams;
  const merged = { ...current, ...identity };
  if (JSON.stringify(merged) !== JSON.stringify(current))
    events.push({ type: 'chat.linked', chat: { teams: identity } });
  if (locale && !person.locale) events.push({ type: 'locale.set', locale });
  if (events.length === 0) return;
  const r = await updatePerson(ctx.store, personId, events, { id: personId, source: 'teams' }, ctx.clock.now(), {
    detail: 'teams identity',
  });
  if (!r.ok && r.error.code !== 'ALREADY_DONE') {
    ctx.logger.warn({ platform: 'teams', person: personId, code: r.error.code }, 'could not store teams identity');
    return;
  }
  if (identity.conversationId && identity.serviceUrl && identity.conversationId !== current?.conversationId) {
    await rememberConversation(ctx.store, identity.conversationId, {
      serviceUrl: identity.serviceUrl,
      ...(identity.tenantId ? { tenantId: identity.tenantId } : {}),
    });
  }
}

async function emailOf(ctx: TeamsDeps, turn: TurnContext, userId: string): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(turn, userId);
    const raw = member.email || member.userPrincipalName;
    return raw ? normaliseEmail(raw) : undefined;
  } catch (err) {
    const e = err as { statusCode?: number; code?: string };
    ctx.logger.warn({ platform: 'teams', status: e.statusCode, code: e.code }, 'teams member lookup failed');
    return undefined;
  }
}

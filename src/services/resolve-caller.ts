// Who is acting, as the core needs it: the person behind a chat user, their rights, their language.
import type { CoreDeps } from '../ports/deps.ts';
import type { InteractionActor } from '../ports/interaction.ts';
import type { Platform } from '../ports/chat-channel.ts';
import { normaliseEmail } from '../domain/email.ts';
import type { Actor, Locale, Person } from '../domain/types.ts';
import { localeFromTag, zoneOf } from '../domain/person-preferences.ts';
import { personForChatUser } from './chat-identity.ts';

export interface Caller {
  platform: Platform;
  userId: string;
  /** The person id, when the chat user is linked to one (or is a configured admin). */
  personId?: string;
  /** The roster entry, when there is one. */
  person?: Person;
  isAdmin: boolean;
  /** Listed in ADMIN_EMAILS: cannot be removed by a command. */
  isConfigAdmin: boolean;
  /** Has the manager role or is the manager of at least one person. */
  isManager: boolean;
  locale: Locale;
  timeZone: string;
  /** How this caller appears in the audit stream. */
  audit: Actor;
}

/** The person's own language, else the one the platform reported, else the organisation's default. */
export function callerLocale(
  ctx: Pick<CoreDeps, 'config' | 'store'>,
  person: Person | undefined,
  reported: string | undefined,
): Locale {
  return person?.locale ?? localeFromTag(reported) ?? ctx.config.DEFAULT_LOCALE;
}

/** True when the person id is an admin: listed in ADMIN_EMAILS or granted the admin role. */
export function isAdminPerson(
  ctx: Pick<CoreDeps, 'config' | 'store'>,
  personId: string | undefined,
  person: Person | undefined,
): boolean {
  if (!personId) return false;
  return ctx.config.ADMIN_EMAILS.includes(personId) || Boolean(person?.roles.includes('admin'));
}

/**
 * The one rule for whom the bot serves, on every platform: people in the roster, and admins listed in ADMIN_EMAILS even
 * when they are not in it. Channels use it to decide whom to link; the core answers everyone else the same way.
 */
export async function inMigration(ctx: Pick<CoreDeps, 'store' | 'config'>, personId: string): Promise<boolean> {
  const id = normaliseEmail(personId);
  return ctx.config.ADMIN_EMAILS.includes(id) || (await ctx.store.getPerson(id)) !== undefined;
}

/** The same rule for a resolved caller. */
export function servesCaller(caller: Pick<Caller, 'person' | 'isConfigAdmin'>): boolean {
  return caller.person !== undefined || caller.isConfigAdmin;
}

/**
 * Resolves the platform's actor to a caller: the person id the channel gave, else the one remembered for this chat
 * user. An unknown chat user gets a caller without person id; see servesCaller for what the core does with them.
 */
export async function resolveCaller(ctx: Pick<CoreDeps, 'config' | 'store'>, actor: InteractionActor): Promise<Caller> {
  const raw = actor.foreign
    ? undefined
    : (actor.personId ?? (await personForChatUser(ctx.store, actor.platform, actor.userId)));
  const personId = raw ? normaliseEmail(raw) : undefined;
  const person = personId ? await ctx.store.getPerson(personId) : undefined;
  const isConfigAdmin = personId ? ctx.config.ADMIN_EMAILS.includes(personId) : false;
  const isAdmin = isAdminPerson(ctx, personId, person);
  const isManager =
    Boolean(person?.roles.includes('manager')) ||
    (personId ? (await ctx.store.countIndex(`manager:${personId}`)) > 0 : false);
  return {
    platform: actor.platform,
    userId: actor.userId,
    ...(personId ? { personId } : {}),
    ...(person ? { person } : {}),
    isAdmin,
    isConfigAdmin,
    isManager,
    locale: callerLocale(ctx, person, actor.locale),
    timeZone: zoneOf(person, ctx.config.DEFAULT_TIMEZONE),
    audit: { id: personId ?? `${actor.platform}:${actor.userId}`, source: actor.platform },
  };
}

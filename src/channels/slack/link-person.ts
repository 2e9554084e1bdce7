// A Slack user record (users.list / users.info) turned into the events that link a roster person to it.
import type { PersonEvent } from '../../domain/events.ts';
import { LOCALES, type Locale, type Person } from '../../domain/types.ts';
import { rememberChatUser } from '../../services/chat-identity.ts';
import { updatePerson } from '../../services/update-person.ts';
import type { MigrationStore } from '../../store/store.ts';

/** The fields of a Slack user object numbot reads. */
export interface SlackUser {
  id?: string;
  team_id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  tz?: string;
  locale?: string;
  profile?: { email?: string };
}

/** The person id (lower-case e-mail) of a human, active Slack user; undefined for bots, Slackbot and deactivated accounts. */
export function humanEmail(u: SlackUser): string | undefined {
  if (!u.id || u.deleted || u.is_bot || u.is_app_user || u.id === 'USLACKBOT') return undefined;
  const email = u.profile?.email?.trim().toLowerCase();
  return email ? email : undefined;
}

/** `fr-FR` → `fr` when numbot speaks that language. */
export function supportedLocale(tag: string | undefined): Locale | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : undefined;
}

/** What linking changes: the Slack identity, and the locale and time zone when the roster had none. */
export function linkEvents(person: Person, u: SlackUser & { id: string }): PersonEvent[] {
  const events: PersonEvent[] = [];
  const current = person.chat.slack;
  if (current?.userId !== u.id || (u.team_id && current.teamId !== u.team_id))
    events.push({ type: 'chat.linked', chat: { slack: { userId: u.id, ...(u.team_id ? { teamId: u.team_id } : {}) } } });
  const locale = person.locale ? undefined : supportedLocale(u.locale);
  const timeZone = person.timeZone ? undefined : u.tz || undefined;
  if (locale || timeZone) events.push({ type: 'profile.updated', profile: { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) } });
  return events;
}

/** Links the person to the Slack user; true when something changed. */
export async function linkSlackUser(
  store: MigrationStore,
  person: Person,
  u: SlackUser & { id: string },
  actorId: string,
  now: number,
): Promise<boolean> {
  const events = linkEvents(person, u);
  if (events.length === 0) return false;
  const r = await updatePerson(store, person.id, events, { id: actorId, source: 'slack' }, now, { detail: 'slack identity' });
  if (r.ok || r.error.code === 'ALREADY_DONE') await rememberChatUser(store, 'slack', u.id, person.id);
  return r.ok;
}

// A Slack user record (users.list / users.info) turned into the events that link a roster person to it.
import { normaliseEmail } from '../../domain/email.ts';
import type { PersonEvent } from '../../domain/events.ts';
import { applyEvents } from '../../domain/transitions.ts';
import { LOCALES, type Locale, type Person } from '../../domain/types.ts';
import { rememberChatUser } from '../../services/chat-identity.ts';
import { updatePerson } from '../../services/update-person.ts';
import type { MigrationStore, PersonWrite } from '../../store/store.ts';

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

/** The person id (the e-mail as the roster normalises it) of a human, active Slack user; undefined for bots, Slackbot and deactivated accounts. */
export function humanEmail(u: SlackUser): string | undefined {
  if (!u.id || u.deleted || u.is_bot || u.is_app_user || u.id === 'USLACKBOT') return undefined;
  const email = u.profile?.email ? normaliseEmail(u.profile.email) : '';
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
    events.push({
      type: 'chat.linked',
      chat: { slack: { userId: u.id, ...(u.team_id ? { teamId: u.team_id } : {}) } },
    });
  const locale = person.locale ? undefined : supportedLocale(u.locale);
  const timeZone = person.timeZone ? undefined : u.tz || undefined;
  if (locale || timeZone)
    events.push({
      type: 'profile.updated',
      profile: { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) },
    });
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
  const r = await updatePerson(store, person.id, events, { id: actorId, source: 'slack' }, now, {
    detail: 'slack identity',
  });
  if (r.ok || r.error.code === 'ALREADY_DONE') await rememberChatUser(store, 'slack', u.id, person.id);
  return r.ok;
}

export interface LinkPair {
  person: Person;
  user: SlackUser & { id: string };
}

/**
 * Links many people in one atomic store write (a directory page at a time). When someone else changed one of them
 * meanwhile, nothing of the batch is written and each person is linked on their own instead. Returns how many changed.
 */
export async function linkSlackUsers(
  store: MigrationStore,
  pairs: LinkPair[],
  actorId: string,
  now: number,
): Promise<number> {
  const writes: PersonWrite[] = [];
  const changed: LinkPair[] = [];
  for (const pair of pairs) {
    const events = linkEvents(pair.person, pair.user);
    if (events.length === 0) continue;
    const r = applyEvents(pair.person, events, now);
    if (!r.ok) continue;
    writes.push({
      expectedVersion: pair.person.version,
      before: pair.person,
      after: r.value,
      action: events.map((e) => e.type).join('+'),
      detail: 'slack identity',
    });
    changed.push(pair);
  }
  if (writes.length === 0) return 0;
  const { conflicts } = await store.writePeople(writes, { id: actorId, source: 'slack' }, now);
  if (conflicts.length > 0) {
    let n = 0;
    for (const pair of changed) if (await linkSlackUser(store, pair.person, pair.user, actorId, now)) n++;
    return n;
  }
  await forEachLimit(changed, DOC_WRITE_CONCURRENCY, (pair) =>
    rememberChatUser(store, 'slack', pair.user.id, pair.person.id),
  );
  return changed.length;
}

const DOC_WRITE_CONCURRENCY = 16;

async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// Who person cards name as their sender: the organisation and its first admin, so a reminder is recognised.
import type { SchedulerDeps } from './deps.ts';
import { fullName } from '../domain/person.ts';
import type { Locale, Person } from '../domain/types.ts';
import { isValidTimeZone } from '../domain/working-time.ts';

export interface Sender {
  name: string;
  adminName: string;
}

export async function senderOf(ctx: Pick<SchedulerDeps, 'config' | 'store'>): Promise<Sender> {
  const { config } = ctx;
  const firstAdmin = config.ADMIN_EMAILS[0];
  const admin = firstAdmin ? await ctx.store.getPerson(firstAdmin) : undefined;
  return { name: config.ORGANISATION_NAME, adminName: admin ? fullName(admin) : config.ORGANISATION_NAME };
}

/** The zone a person reads dates in: theirs when valid, else the organisation's. */
export function zoneOf(p: Pick<Person, 'timeZone'> | undefined, defaultZone: string): string {
  return p?.timeZone && isValidTimeZone(p.timeZone) ? p.timeZone : defaultZone;
}

export function localeOf(p: Pick<Person, 'locale'> | undefined, defaultLocale: Locale): Locale {
  return p?.locale ?? defaultLocale;
}

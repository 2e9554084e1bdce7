// A person's language and time zone, one rule each, wherever a card, an answer or a reminder needs them.
import { LOCALES, type Locale, type Person } from './types.ts';
import { isValidTimeZone } from './working-time.ts';

/** The zone a person reads dates in: theirs when valid, else the organisation's (a bad roster value never fails). */
export function zoneOf(person: Pick<Person, 'timeZone'> | undefined, defaultZone: string): string {
  return person?.timeZone && isValidTimeZone(person.timeZone) ? person.timeZone : defaultZone;
}

/** The language a person reads: theirs when set, else the organisation's. */
export function localeOf(person: Pick<Person, 'locale'> | undefined, defaultLocale: Locale): Locale {
  return person?.locale ?? defaultLocale;
}

/** The bot's language for a platform's locale tag (`fr-BE`, `nl_NL`, `de`), when it speaks it. */
export function localeFromTag(tag: string | undefined): Locale | undefined {
  const lang = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === lang);
}

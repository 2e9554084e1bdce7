// Loads locales/<locale>.json once. Kept apart from i18n.ts so the lookup logic stays free of file access.
import { readFileSync } from 'node:fs';
import type { Locale } from '../domain/types.ts';

export type Strings = Readonly<Record<string, string>>;

const cache = new Map<Locale, Strings>();

/** The raw strings of one locale file (placeholders not filled). */
export function localeStrings(locale: Locale): Strings {
  let strings = cache.get(locale);
  if (!strings) {
    const url = new URL(`../../locales/${locale}.json`, import.meta.url);
    strings = Object.freeze(JSON.parse(readFileSync(url, 'utf8')) as Record<string, string>);
    cache.set(locale, strings);
  }
  return strings;
}

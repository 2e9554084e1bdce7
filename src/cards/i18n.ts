// Localised strings: locale resolution, placeholder filling and plurals. Strings live in locales/<locale>.json.
import { LOCALES, type Locale } from '../domain/types.ts';
import { CardError } from './card-error.ts';
import { localeStrings } from './locale-files.ts';
import { formatMessage, needsFormatting } from './message-format.ts';

export const SUPPORTED_LOCALES: readonly Locale[] = LOCALES;
const FALLBACK: Locale = 'en';

export type { Vars } from './message-format.ts';
import type { Vars } from './message-format.ts';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

function baseLanguage(tag: string | undefined): Locale | undefined {
  const lang = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(lang) ? lang : undefined;
}

/**
 * The locale to write to a person in: their own (`fr-BE`, `nl_NL`, `DE` all map to the base language) when we
 * support it, else the organisation's default, else English.
 */
export function resolveLocale(personLocale: string | undefined, defaultLocale?: string): Locale {
  return baseLanguage(personLocale) ?? baseLanguage(defaultLocale) ?? FALLBACK;
}

/** True when `fill` could change this string (it has an ICU argument or quote). */
export const hasPlaceholder = needsFormatting;

/**
 * Formats an ICU MessageFormat string (`{name}`, `{count, plural, …}`, `{x, select, …}`) in one pass, so a value that
 * itself contains `{other}` is never expanded again. Arguments without a value are left as `{name}`. Card strings
 * are Markdown: string values (names, products) are escaped outside code spans; plain places drop the escapes.
 */
export function fill(template: string, vars: Vars = {}, locale: Locale = FALLBACK): string {
  return formatMessage(locale, template, vars, { markdown: true });
}

function lookup(locale: Locale, key: string): string {
  const own = localeStrings(locale)[key];
  if (own !== undefined) return own;
  const fallback = localeStrings(FALLBACK)[key];
  if (fallback !== undefined) return fallback;
  throw new CardError('UNKNOWN_KEY', `no string "${key}" in locales/${FALLBACK}.json`);
}

/** A localised string with its placeholders filled, e.g. `t('fr', 'help_title', { name: 'Anne' })`. */
export function t(locale: Locale, key: string, vars: Vars = {}): string {
  if (!isLocale(locale)) throw new CardError('UNKNOWN_LOCALE', `unsupported locale "${String(locale)}"`);
  return fill(lookup(locale, key), vars, locale);
}

/**
 * A localised string that depends on a count: the message `key` is an ICU plural (`{count, plural, one {…} other
 * {…}}`), given the count as a number so each locale's own plural rules and number format apply.
 */
export function tp(locale: Locale, key: string, count: number, vars: Vars = {}): string {
  return t(locale, key, { ...vars, count });
}

/** The given strings of a locale (default: all) with the same placeholder values filled in: what a template sees as `t`. */
export function allStrings(
  locale: Locale,
  vars: Vars,
  keys: readonly string[] = Object.keys(localeStrings(FALLBACK)),
): Record<string, string> {
  const own = localeStrings(locale);
  const fallback = localeStrings(FALLBACK);
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = own[key] ?? fallback[key];
    if (value !== undefined) out[key] = fill(value, vars, locale);
  }
  return out;
}

// Localised strings: locale resolution, placeholder filling and plurals. Strings live in locales/<locale>.json.
import { LOCALES, type Locale } from '../domain/types.ts';
import { CardError } from './card-error.ts';
import { formatNumber } from './format.ts';
import { localeStrings } from './locale-files.ts';

export const SUPPORTED_LOCALES: readonly Locale[] = LOCALES;
const FALLBACK: Locale = 'en';

export type Vars = Readonly<Record<string, string | number>>;

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

const PLACEHOLDERS = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
const PLACEHOLDER = /\{[A-Za-z][A-Za-z0-9]*\}/;

/** True when `fill` could change this string (it has a `{name}` placeholder). */
export const hasPlaceholder = (template: string): boolean => PLACEHOLDER.test(template);

/**
 * Replaces `{name}` placeholders in one pass, so a value that itself contains `{other}` is never expanded again.
 * Unknown placeholders are left as they are.
 */
export function fill(template: string, vars: Vars = {}): string {
  return template.replace(PLACEHOLDERS, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
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
  return fill(lookup(locale, key), vars);
}

/**
 * A localised string that depends on a count: picks `<key>_one` or `<key>_other` by the locale's plural rules and
 * passes the count, formatted for the locale, as `{count}`.
 */
export function tp(locale: Locale, key: string, count: number, vars: Vars = {}): string {
  const category = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return t(locale, `${key}_${category}`, { ...vars, count: formatNumber(count, locale) });
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
    if (value !== undefined) out[key] = fill(value, vars);
  }
  return out;
}

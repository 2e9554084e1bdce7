// Dates and numbers for people to read, per locale and time zone (Intl only, no clock).
import type { Locale } from '../domain/types.ts';

// Plain English would give US month-first dates; the deployments this serves read day-first.
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', nl: 'nl-NL', de: 'de-DE' };

const intlLocale = (locale: Locale): string => INTL_LOCALE[locale] ?? locale;

/** True when Intl knows this IANA time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A calendar date such as "27 November 2025" / "27 novembre 2025", as seen in `timeZone`. */
export function formatDate(epochMs: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone }).format(epochMs);
}

/** A date with the time of day, as seen in `timeZone`. */
export function formatDateTime(epochMs: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(epochMs);
}

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(n);
}

/** A ratio (0..1) as a whole percentage: "80 %" in French, "80%" in English. */
export function formatPercent(ratio: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** A change with its sign: "+3", "−2", "0". */
export function formatDelta(n: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { signDisplay: 'exceptZero' }).format(n);
}

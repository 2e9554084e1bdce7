// Dates and numbers for people to read, per locale and time zone (Intl only, no clock).
import type { Locale } from '../domain/types.ts';

// Plain English would give US month-first dates; the deployments this serves read day-first.
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', nl: 'nl-NL', de: 'de-DE' };

// Building an Intl formatter costs far more than using one (about 0.5 ms for a DateTimeFormat), and a campaign
// renders thousands of cards with the same few locale/time-zone pairs.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `d|${locale}|${timeZone}|${withTime}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? locale, {
      dateStyle: 'long',
      ...(withTime ? { timeStyle: 'short' } : {}),
      timeZone,
    });
    formatters.set(key, f);
  }
  return f;
}

function numberFormat(locale: Locale, kind: 'plain' | 'percent' | 'delta'): Intl.NumberFormat {
  const key = `n|${locale}|${kind}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    const options: Intl.NumberFormatOptions =
      kind === 'percent'
        ? { style: 'percent', maximumFractionDigits: 0 }
        : kind === 'delta'
          ? { signDisplay: 'exceptZero' }
          : {};
    f = new Intl.NumberFormat(INTL_LOCALE[locale] ?? locale, options);
    formatters.set(key, f);
  }
  return f;
}

const knownZones = new Map<string, boolean>();

/** True when Intl knows this IANA time zone name. */
export function isTimeZone(name: string): boolean {
  let known = knownZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(name, known);
  }
  return known;
}

/** A calendar date such as "27 November 2025" / "27 novembre 2025", as seen in `timeZone`. */
export function formatDate(epochMs: number, locale: Locale, timeZone: string): string {
  return dateFormat(locale, timeZone, false).format(epochMs);
}

/** The zone's short name at that moment, in the locale: "CET", "MEZ", "UTC+1", "UTC" (the IANA name as a fallback). */
export function zoneName(epochMs: number, locale: Locale, timeZone: string): string {
  const key = `z|${locale}|${timeZone}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? locale, { timeZone, timeZoneName: 'short', hour: 'numeric' });
    formatters.set(key, f);
  }
  return f.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** A date with the time of day, as seen in `timeZone`, with the zone named: "3 November 2026 at 17:00 (CET)". */
export function formatDateTime(epochMs: number, locale: Locale, timeZone: string): string {
  return `${dateFormat(locale, timeZone, true).format(epochMs)} (${zoneName(epochMs, locale, timeZone)})`;
}

export function formatNumber(n: number, locale: Locale): string {
  return numberFormat(locale, 'plain').format(n);
}

/** A ratio (0..1) as a whole percentage: "80 %" in French, "80%" in English. */
export function formatPercent(ratio: number, locale: Locale): string {
  return numberFormat(locale, 'percent').format(ratio);
}

/** A change with its sign: "+3", "−2", "0". */
export function formatDelta(n: number, locale: Locale): string {
  return numberFormat(locale, 'delta').format(n);
}

// Locale resolution, string lookup with placeholders and plurals, dates and numbers per locale and time zone.
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  resolveLocale,
  t,
  tp,
} from '../../src/cards/index.ts';
import { fill } from '../../src/cards/i18n.ts';
import { joinNames, truncateList } from '../../src/cards/truncate.ts';

describe('resolveLocale', () => {
  it('takes the base language of the person locale when supported', () => {
    expect(resolveLocale('fr-BE', 'en')).toBe('fr');
    expect(resolveLocale('nl_NL', 'en')).toBe('nl');
    expect(resolveLocale('DE-ch', 'en')).toBe('de');
    expect(resolveLocale(' en ', 'fr')).toBe('en');
  });

  it('falls back to the organisation default, then English', () => {
    expect(resolveLocale('es-ES', 'nl')).toBe('nl');
    expect(resolveLocale(undefined, 'de')).toBe('de');
    expect(resolveLocale('', 'fr-FR')).toBe('fr');
    expect(resolveLocale('pt', 'it')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
  });
});

describe('t and tp', () => {
  it('fills placeholders in the requested locale', () => {
    expect(t('fr', 'help_title', { name: 'Anne' })).toBe("Demande d'aide\u00a0: Anne");
    expect(t('de', 'help_taken', { adminName: 'Marc', date: '1. Dezember 2025' })).toBe(
      'Übernommen von Marc am 1. Dezember 2025.',
    );
  });

  it('fills in one pass, so values that look like placeholders stay literal', () => {
    expect(fill('{a} and {b}', { a: '{b}', b: 'B' })).toBe('{b} and B');
    expect(fill('{missing}', {})).toBe('{missing}');
  });

  it('throws a coded error for a key that exists nowhere', () => {
    expect(() => t('en', 'no_such_key')).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY' }));
  });

  it('picks plural forms by the locale rules and formats the count', () => {
    expect(tp('en', 'list_more', 1)).toBe('and 1 more');
    expect(tp('en', 'list_more', 1234)).toBe('and 1,234 more');
    expect(tp('fr', 'list_more', 1)).toBe('et 1 autre');
    expect(tp('fr', 'list_more', 0)).toBe('et 0 autre');
    expect(tp('fr', 'list_more', 2)).toBe('et 2 autres');
    expect(tp('de', 'prov_rows', 1)).toBe('1 Zeile');
    expect(tp('de', 'prov_rows', 5000)).toBe('5.000 Zeilen');
    expect(tp('nl', 'server_quiet', 1)).toBe('1 dag niet gebruikt');
  });
});

describe('formatting', () => {
  // 30 November 2025 23:30 UTC: already 1 December in Brussels, still 30 November in New York.
  const lateEvening = Date.UTC(2025, 10, 30, 23, 30);

  it('formats dates in the reader’s time zone', () => {
    expect(formatDate(lateEvening, 'en', 'Europe/Brussels')).toBe('1 December 2025');
    expect(formatDate(lateEvening, 'en', 'America/New_York')).toBe('30 November 2025');
    expect(formatDate(lateEvening, 'fr', 'Europe/Brussels')).toBe('1 décembre 2025');
    expect(formatDate(lateEvening, 'nl', 'Europe/Brussels')).toBe('1 december 2025');
    expect(formatDate(lateEvening, 'de', 'Europe/Brussels')).toBe('1. Dezember 2025');
  });

  it('formats times with the locale clock', () => {
    expect(formatDateTime(lateEvening, 'de', 'Europe/Berlin')).toMatch(/^1\. Dezember 2025.*00:30 \(MEZ\)$/);
    // Every time of day names its zone, in the reader's language and at that date (summer time included).
    expect(formatDateTime(Date.UTC(2026, 6, 1, 12), 'en', 'Europe/Brussels')).toMatch(/14:00 \(CEST\)$/);
    expect(formatDateTime(Date.UTC(2026, 0, 1, 12), 'fr', 'Europe/Brussels')).toMatch(/13:00 \(UTC\+1\)$/);
    expect(formatDateTime(Date.UTC(2026, 0, 1, 12), 'en', 'UTC')).toMatch(/12:00 \(UTC\)$/);
    expect(formatDateTime(lateEvening, 'en', 'UTC')).toMatch(/30 November 2025.*23:30/);
  });

  it('formats numbers and percentages per locale', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'de')).toBe('12.345');
    expect(formatNumber(12345, 'fr')).toMatch(/^12\s345$/u);
    expect(formatPercent(0.4, 'en')).toBe('40%');
    expect(formatPercent(0.4, 'fr')).toMatch(/^40\s%$/u);
  });

  it('rejects an unknown time zone', () => {
    expect(() => formatDate(0, 'en', 'Nowhere/Special')).toThrow(RangeError);
  });
});

describe('truncateList and joinNames', () => {
  it('keeps the first items and says how many more there are', () => {
    const names = Array.from({ length: 25 }, (_, i) => `P${i}`);
    const cut = truncateList(names, 'nl');
    expect(cut.items).toHaveLength(20);
    expect(cut.hidden).toBe(5);
    expect(cut.more).toBe('en nog 5');
    expect(joinNames(names, 'de', '-', 3)).toBe('P0, P1, P2 und noch 22');
    expect(joinNames([], 'fr', 'personne')).toBe('personne');
    expect(truncateList(['a'], 'en').more).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { looksHashed, parseLocale, parseRoles, parseTimeZone, splitList } from '../../src/roster/field-values.ts';

describe('parseLocale', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-BE', 'fr'],
    ['fr_CA', 'fr'],
    ['French', 'fr'],
    ['Français', 'fr'],
    ['FRANCAIS', 'fr'],
    ['Französisch', 'fr'],
    ['Nederlands', 'nl'],
    ['nl-BE', 'nl'],
    ['Néerlandais', 'nl'],
    ['Vlaams', 'nl'],
    ['Deutsch', 'de'],
    ['de-AT', 'de'],
    ['Duits', 'de'],
    ['Allemand', 'de'],
    ['English', 'en'],
    ['en-US', 'en'],
    ['Engels', 'en'],
    [' EN ', 'en'],
  ])('reads %s as %s', (raw, locale) => {
    expect(parseLocale(raw)).toEqual({ ok: true, value: locale });
  });

  it.each(['es', 'Spanish', 'Klingon', 'f', 'fr-', 'english please'])('refuses %s', (raw) => {
    const r = parseLocale(raw);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.reason).toBe(
        `unknown language ${JSON.stringify(raw.trim())}: use en, fr, nl or de (or English, Français, Nederlands, Deutsch)`,
      );
  });
});

describe('parseRoles', () => {
  it('reads roles in the four languages and Autodesk admin roles, several in one cell', () => {
    expect(parseRoles('admin')).toEqual({ ok: true, value: ['admin'] });
    expect(parseRoles('Responsable')).toEqual({ ok: true, value: ['manager'] });
    expect(parseRoles('Leidinggevende; Beheerder')).toEqual({ ok: true, value: ['manager', 'admin'] });
    expect(parseRoles('Benutzer|Mitarbeiter')).toEqual({ ok: true, value: ['user'] });
    expect(parseRoles('Secondary  Admin')).toEqual({ ok: true, value: ['admin'] });
    expect(parseRoles('Guest')).toEqual({ ok: true, value: ['user'] });
  });

  it('refuses an unknown role', () => {
    expect(parseRoles('user; boss')).toEqual({ ok: false, reason: 'unknown role "boss": use admin, manager or user' });
  });
});

describe('parseTimeZone', () => {
  it('accepts IANA names in their canonical spelling', () => {
    expect(parseTimeZone('Europe/Brussels')).toEqual({ ok: true, value: 'Europe/Brussels' });
    expect(parseTimeZone(' europe/paris ')).toEqual({ ok: true, value: 'Europe/Paris' });
    expect(parseTimeZone('UTC')).toEqual({ ok: true, value: 'UTC' });
  });

  it('refuses what Intl does not know', () => {
    for (const tz of ['Europe/Atlantis', 'Romance Standard Time', 'CET+1'])
      expect(parseTimeZone(tz)).toEqual({
        ok: false,
        reason: `unknown time zone ${JSON.stringify(tz)}: use an IANA name such as Europe/Brussels`,
      });
  });
});

describe('splitList', () => {
  it('splits on ; | , and line breaks, trimming and dropping empties', () => {
    expect(splitList('AutoCAD; Revit|Civil 3D ,Inventor\r\nVault;;')).toEqual([
      'AutoCAD',
      'Revit',
      'Civil 3D',
      'Inventor',
      'Vault',
    ]);
    expect(splitList('  ')).toEqual([]);
  });
});

describe('looksHashed', () => {
  it('spots hex and base64 digests', () => {
    expect(looksHashed('3bc51062973c458d5a6f2d8d64a023246354ad7e064b1e4e009ec8a0699a3043')).toBe(true);
    expect(looksHashed('5d41402abc4b2a76b9719d911017c592')).toBe(true);
    expect(looksHashed('q1w2e3r4t5y6u7i8o9p0AsDfGh==')).toBe(true);
  });

  it('leaves real names alone, long ones included', () => {
    for (const n of [
      'Anna',
      'Kowalski',
      'Wolfeschlegelsteinhausenbergerdorff',
      'van den Berg',
      'Dea',
      'Abba',
      'Beef-Cafe',
    ])
      expect(looksHashed(n)).toBe(false);
  });
});

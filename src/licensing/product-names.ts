// Autodesk product names and release letters, as the product-key lists and admins write them.

export const FIRST_KEY_YEAR = 2009;
export const LAST_KEY_YEAR = 2034;
export const PRODUCT_KEY = /^[0-9A-Z]{5}$/;
export const PRODUCT_VERSION = /^\d{4}\.0\.0\.F$/;

/** The release letter of a product key: A = 2009 ... G = 2015, Q = 2025, R = 2026, up to Z = 2034. */
export function releaseLetter(year: number): string | undefined {
  if (!Number.isInteger(year) || year < FIRST_KEY_YEAR || year > LAST_KEY_YEAR) return undefined;
  return String.fromCharCode(65 + year - FIRST_KEY_YEAR);
}

/** The release year a key's fourth character stands for, e.g. `001Q1` → 2025. */
export function keyYear(key: string): number | undefined {
  if (!PRODUCT_KEY.test(key)) return undefined;
  const year = key.charCodeAt(3) - 65 + FIRST_KEY_YEAR;
  return year >= FIRST_KEY_YEAR && year <= LAST_KEY_YEAR ? year : undefined;
}

/** The version string AdskLicensingInstHelper wants: always `YYYY.0.0.F`. */
export const productVersion = (year: number): string => `${year}.0.0.F`;

/** "Autodesk AutoCAD 2025" → "AutoCAD"; "Autodesk Advance Steel 2015 with AutoCAD" → "Advance Steel with AutoCAD". */
export function displayName(raw: string): string {
  return raw
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/^\s*Autodesk\s+/i, '')
    .replace(/\s(19|20)\d{2}(\.\d)?(?=\s|$)/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The comparison form of a name: lower case, no "Autodesk" prefix, one space between words. */
export function normaliseName(raw: string): string {
  return displayName(raw).toLowerCase();
}

/** The name without any punctuation or spaces, so "Civil 3D" and "civil3d" compare equal. */
export const compactName = (raw: string): string => normaliseName(raw).replace(/[^a-z0-9]/g, '');

/** Splits "AutoCAD 2025" into name and year; the year is absent when the text ends with none. */
export function splitNameYear(query: string): { name: string; year?: number } {
  const m = /^(.*?)\s*\b((?:19|20)\d{2})\s*$/.exec(query.trim());
  return m && m[1] ? { name: m[1], year: Number(m[2]) } : { name: query.trim() };
}

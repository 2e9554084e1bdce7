// Autodesk product keys by product and year: the shipped lists, keys derived for later years, admin overrides.
import {
  PRODUCT_KEY,
  compactName,
  displayName,
  keyYear,
  normaliseName,
  productVersion,
  releaseLetter,
  splitNameYear,
} from './product-names.ts';
import { InvalidInputError } from '../errors.ts';

export type KeySource = 'data' | 'override' | 'derived';

export interface ProductKeyInfo {
  /** Display name without "Autodesk" and year, e.g. "AutoCAD". */
  name: string;
  year: number;
  key: string;
  /** `YYYY.0.0.F`. */
  version: string;
  source: KeySource;
  /** Other keys the lists give for the same product and year (the sources disagree on a few). */
  alternates: string[];
}

interface YearKeys {
  key: string;
  alternates: string[];
  source: KeySource;
}

interface CatalogueProduct {
  name: string;
  years: Map<number, YearKeys>;
}

export interface ProductCatalogue {
  byName: Map<string, CatalogueProduct>;
  /** Every known key → product and year. */
  byKey: Map<string, { product: CatalogueProduct; year: number }>;
  /** The 3-character product code → product, for keys of years not in the lists. */
  byCode: Map<string, CatalogueProduct>;
  latestYear: number;
}

/** One shipped list: `ProductKeysYYYY.txt`, lines of `Product name;KEY`. */
export interface ProductKeyFile {
  year: number;
  text: string;
}

/** Admin overrides: `{"AutoCAD 2026": "001R1"}`. They win over the lists and may add products. */
export type ProductKeyOverrides = Readonly<Record<string, string>>;

/**
 * Builds the catalogue. Lines whose key is not for the file's year or is a point release (`…G2`) are left out:
 * the helper only needs the `YYYY.0.0.F` release. Throws on an override that is not `Name YYYY` → 5-character key.
 */
export function buildCatalogue(
  files: readonly ProductKeyFile[],
  overrides: ProductKeyOverrides = {},
): ProductCatalogue {
  const cat: ProductCatalogue = { byName: new Map(), byKey: new Map(), byCode: new Map(), latestYear: 0 };
  for (const { year, text } of [...files].sort((a, b) => a.year - b.year)) {
    for (const line of text.split(/\r?\n/)) {
      const sep = line.lastIndexOf(';');
      if (sep < 0) continue;
      const key = line
        .slice(sep + 1)
        .trim()
        .toUpperCase();
      const name = displayName(line.slice(0, sep));
      if (!name || !PRODUCT_KEY.test(key) || keyYear(key) !== year || !key.endsWith('1')) continue;
      add(cat, name, year, key, 'data');
    }
  }
  for (const [label, rawKey] of Object.entries(overrides)) {
    const { name, year } = splitNameYear(label);
    const key = rawKey.trim().toUpperCase();
    if (year === undefined || !displayName(name))
      throw new InvalidInputError(`product key override "${label}": write it as "Product YYYY", e.g. "AutoCAD 2026"`);
    if (!PRODUCT_KEY.test(key))
      throw new InvalidInputError(
        `product key override "${label}": "${rawKey}" is not a 5-character product key such as 001R1`,
      );
    add(cat, cat.byName.get(compactName(name))?.name ?? displayName(name), year, key, 'override');
  }
  return cat;
}

function add(cat: ProductCatalogue, name: string, year: number, key: string, source: KeySource): void {
  // Keyed by the compact name: the lists write "PowerMill - Premium" one year and "PowerMill Premium" the next.
  const id = compactName(name);
  let product = cat.byName.get(id);
  if (!product) cat.byName.set(id, (product = { name, years: new Map() }));
  else if (source === 'data' && year >= cat.latestYear) product.name = name;
  const existing = product.years.get(year);
  if (existing && source === 'data') {
    if (existing.key !== key && !existing.alternates.includes(key)) existing.alternates.push(key);
  } else {
    const alternates = existing ? [existing.key, ...existing.alternates].filter((k) => k !== key) : [];
    product.years.set(year, { key, alternates, source });
  }
  cat.byKey.set(key, { product, year });
  if (!cat.byCode.has(key.slice(0, 3))) cat.byCode.set(key.slice(0, 3), product);
  cat.latestYear = Math.max(cat.latestYear, year);
}

/**
 * The key of one product in one year: from the lists or overrides (the checked source for the years they cover), else
 * derived from the nearest listed year by moving the release letter (Q 2025, R 2026, S 2027, T 2028...).
 */
function keyIn(product: CatalogueProduct, year: number): ProductKeyInfo | undefined {
  const info = (k: YearKeys, source = k.source, key = k.key): ProductKeyInfo => ({
    name: product.name,
    year,
    key,
    version: productVersion(year),
    source,
    alternates: source === 'derived' ? [] : [...k.alternates],
  });
  const known = product.years.get(year);
  if (known) return info(known);
  const listed = [...product.years.keys()];
  const nearest =
    listed.filter((y) => y < year).sort((a, b) => b - a)[0] ?? listed.filter((y) => y > year).sort((a, b) => a - b)[0];
  const letter = releaseLetter(year);
  if (nearest === undefined || !letter) return undefined;
  const base = product.years.get(nearest)!;
  return info(base, 'derived', `${base.key.slice(0, 3)}${letter}1`);
}

/** A product named without a year: every release of it, recognised on a device by the 3-character product codes. */
export interface ProductFamily {
  name: string;
  /** The product codes (first 3 characters of its keys, alternates included) of every listed year. */
  codes: string[];
}

export type ProductQuery =
  | { ok: true; release: ProductKeyInfo }
  | { ok: true; family: ProductFamily }
  | { ok: false; reason: 'unknown' | 'ambiguous' | 'no-key-for-year'; candidates: string[]; message: string };

/**
 * What an admin means by a product query in a switch script: "AutoCAD 2027" is that release, "AutoCAD" is every
 * installed release of AutoCAD (whatever its year, including years after the shipped lists).
 */
export function resolveProductQuery(cat: ProductCatalogue, query: string): ProductQuery {
  const { year } = splitNameYear(query);
  const found = lookupProduct(cat, query);
  if (!found.ok) return found;
  if (year !== undefined) return { ok: true, release: found.value };
  const product = cat.byName.get(compactName(found.value.name))!;
  const codes = new Set<string>();
  for (const k of product.years.values()) for (const key of [k.key, ...k.alternates]) codes.add(key.slice(0, 3));
  return { ok: true, family: { name: product.name, codes: [...codes].sort() } };
}

export type ProductLookup =
  | { ok: true; value: ProductKeyInfo }
  | { ok: false; reason: 'unknown' | 'ambiguous' | 'no-key-for-year'; candidates: string[]; message: string };

/**
 * Finds a product by a loose name such as "AutoCAD 2025", "autocad" or "civil3d 2027". Without a year, the
 * latest year of the lists is used (keys for years beyond them are derived). Exact names win; otherwise
 * every word of the query must start a word of exactly one product name.
 */
export function lookupProduct(cat: ProductCatalogue, query: string, defaultYear = cat.latestYear): ProductLookup {
  const { name, year = defaultYear } = splitNameYear(query);
  const wanted = normaliseName(name);
  const all = [...cat.byName.values()];
  const exact = cat.byName.get(compactName(name));
  let found = exact ? [exact] : [];
  if (found.length === 0 && wanted) {
    const words = wanted.split(' ');
    found = all.filter((p) => {
      const own = normaliseName(p.name).split(/[\s-]+/);
      return words.every((w) => own.some((o) => o.startsWith(w)));
    });
  }
  const names = found.map((p) => p.name).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  if (found.length === 0 || !wanted)
    return { ok: false, reason: 'unknown', candidates: [], message: `no Autodesk product called "${query.trim()}"` };
  if (found.length > 1)
    return {
      ok: false,
      reason: 'ambiguous',
      candidates: names.slice(0, 10),
      message: `"${query.trim()}" could be ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}: be more precise`,
    };
  const value = keyIn(found[0]!, year);
  if (!value)
    return {
      ok: false,
      reason: 'no-key-for-year',
      candidates: [found[0]!.name],
      message: `no product key known for ${found[0]!.name} ${year}`,
    };
  return { ok: true, value };
}

/** Which product and year a key belongs to; keys of later years are recognised by their product code. */
export function productForKey(cat: ProductCatalogue, rawKey: string): { name: string; year: number } | undefined {
  const key = rawKey.trim().toUpperCase();
  const known = cat.byKey.get(key);
  if (known) return { name: known.product.name, year: known.year };
  const year = keyYear(key);
  const product = cat.byCode.get(key.slice(0, 3));
  return year !== undefined && product ? { name: product.name, year } : undefined;
}

/** Every product name in the catalogue, sorted. */
export function productNames(cat: ProductCatalogue): string[] {
  return [...cat.byName.values()].map((p) => p.name).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
}

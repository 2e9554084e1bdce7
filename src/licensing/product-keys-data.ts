// Reads the product-key lists shipped in data/product-keys/ (ProductKeysYYYY.txt), once per process.
import { readFileSync, readdirSync } from 'node:fs';
import {
  buildCatalogue,
  type ProductCatalogue,
  type ProductKeyFile,
  type ProductKeyOverrides,
} from './product-catalogue.ts';

export const PRODUCT_KEYS_DIR = new URL('../../data/product-keys/', import.meta.url);

/** The shipped lists, one entry a year. */
export function readProductKeyFiles(dir: URL = PRODUCT_KEYS_DIR): ProductKeyFile[] {
  return readdirSync(dir)
    .map((f) => /^ProductKeys(\d{4})\.txt$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ year: Number(m[1]), text: readFileSync(new URL(m[0], dir), 'utf8') }));
}

let shipped: ProductKeyFile[] | undefined;

/** The catalogue of the shipped lists plus the admin's overrides. */
export function loadCatalogue(overrides: ProductKeyOverrides = {}): ProductCatalogue {
  shipped ??= readProductKeyFiles();
  return buildCatalogue(shipped, overrides);
}

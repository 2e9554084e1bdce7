// Which product pool serves a roster product, and how many seats it has free. Autodesk's rules: `unlimited` pools
// have both counts null (never compute); a future-dated pool may have `assignedQuantity` null (not zero); a pool is
// usable between its startDate and endDate. Pure.
import { normaliseProductName } from '../product-names.ts';
import type { ProductPool } from './team-admin-client.ts';

export interface PoolSeats {
  pool: ProductPool;
  /** Free seats now; null when unlimited. */
  free: number | null;
}

export function usableAt(pool: ProductPool, now: number): boolean {
  const start = pool.startDate ? Date.parse(pool.startDate) : NaN;
  const end = pool.endDate ? Date.parse(pool.endDate) : NaN;
  return (Number.isNaN(start) || start <= now) && (Number.isNaN(end) || now < end);
}

/** Free seats of a usable pool: null = unlimited; 0 when a count is missing (unknown is not free). */
export function freeSeats(pool: ProductPool): number | null {
  if (pool.unlimited) return null;
  if (pool.totalQuantity === null || pool.assignedQuantity === null) return 0;
  return Math.max(0, pool.totalQuantity - pool.assignedQuantity);
}

/**
 * The pools for `product` (names compared as product-names.ts does), usable at `now`: an unlimited one first, else
 * the one with most free seats. `future` counts matching pools not usable yet (to say why none was chosen).
 */
export function choosePool(
  pools: ProductPool[],
  product: string,
  now: number,
): { chosen?: PoolSeats; matching: number; future: number } {
  const want = normaliseProductName(product);
  const matching = pools.filter((p) => normaliseProductName(p.productName) === want);
  const usable = matching.filter((p) => usableAt(p, now)).map((pool) => ({ pool, free: freeSeats(pool) }));
  usable.sort((a, b) => (a.free === null ? -1 : b.free === null ? 1 : b.free - a.free));
  const chosen = usable[0];
  return { ...(chosen ? { chosen } : {}), matching: matching.length, future: matching.length - usable.length };
}

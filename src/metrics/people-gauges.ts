// Store counters as gauge samples. Only step statuses and products become labels: never people or managers.
import { progressFromCounters } from '../domain/progress.ts';
import { STEP_STATUSES, type StepName } from '../domain/types.ts';

export function stepCounts(counters: Record<string, number>): { step: string; status: string; value: number }[] {
  const progress = progressFromCounters(counters);
  return (Object.keys(STEP_STATUSES) as StepName[]).flatMap((step) =>
    Object.entries(progress.steps[step]).map(([status, value]) => ({ step, status, value: value as number })),
  );
}

/** The label a product is counted under: its catalogue name, or `other` (roster text never becomes a label). */
export type ProductLabel = (product: string) => string;
export const OTHER_PRODUCT = 'other';

export function productCounts(
  counters: Record<string, number>,
  label: ProductLabel = () => OTHER_PRODUCT,
): { product: string; state: string; value: number }[] {
  const byLabel = new Map<string, { total: number; assigned: number; switched: number }>();
  for (const [product, p] of Object.entries(progressFromCounters(counters).products)) {
    const name = label(product);
    const sum = byLabel.get(name) ?? { total: 0, assigned: 0, switched: 0 };
    sum.total += p.total;
    sum.assigned += p.assigned;
    sum.switched += p.switched;
    byLabel.set(name, sum);
  }
  return [...byLabel].flatMap(([product, p]) => [
    { product, state: 'total', value: p.total },
    { product, state: 'assigned', value: p.assigned },
    { product, state: 'switched', value: p.switched },
  ]);
}

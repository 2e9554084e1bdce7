// Store counters as gauge samples. Only step statuses and products become labels: never people or managers.
import { progressFromCounters } from '../domain/progress.ts';
import { STEP_STATUSES, type StepName } from '../domain/types.ts';

export function stepCounts(counters: Record<string, number>): { step: string; status: string; value: number }[] {
  const progress = progressFromCounters(counters);
  return (Object.keys(STEP_STATUSES) as StepName[]).flatMap((step) =>
    Object.entries(progress.steps[step]).map(([status, value]) => ({ step, status, value: value as number })),
  );
}

export function productCounts(counters: Record<string, number>): { product: string; state: string; value: number }[] {
  return Object.entries(progressFromCounters(counters).products).flatMap(([product, p]) => [
    { product, state: 'total', value: p.total },
    { product, state: 'assigned', value: p.assigned },
    { product, state: 'switched', value: p.switched },
  ]);
}

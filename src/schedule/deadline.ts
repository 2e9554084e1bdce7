// The switch-off a reminder may announce: the earliest planned date among the servers serving the person's products.
import { plannedSwitchOff } from '../domain/server-state.ts';
import type { Person } from '../domain/types.ts';
import type { ServerRecordDoc } from '../server-watch/server-record.ts';

export interface PlannedSwitchOff {
  at: number;
  /** Products served; empty = every product. */
  products: string[];
}

/** Planned switch-offs of configured servers still running. */
export function plannedSwitchOffs(
  servers: readonly { products?: string[] | undefined }[],
  records: readonly (ServerRecordDoc | undefined)[],
): PlannedSwitchOff[] {
  const out: PlannedSwitchOff[] = [];
  servers.forEach((s, i) => {
    const at = plannedSwitchOff(records[i] ?? {});
    if (at !== undefined) out.push({ at, products: s.products ?? [] });
  });
  return out;
}

/** The earliest switch-off at or after `now` that concerns one of the person's products, if any. */
export function deadlineFor(
  p: Pick<Person, 'products'>,
  plans: readonly PlannedSwitchOff[],
  now: number,
): number | undefined {
  const mine = new Set(p.products.map((x) => x.toLowerCase()));
  let best: number | undefined;
  for (const plan of plans) {
    if (plan.at < now) continue;
    if (plan.products.length && !plan.products.some((x) => mine.has(x.toLowerCase()))) continue;
    if (best === undefined || plan.at < best) best = plan.at;
  }
  return best;
}

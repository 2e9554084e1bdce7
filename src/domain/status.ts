// Where a person stands on each step, derived from their state (never stored separately).
import type { OverallStatus, Person, Step1Status, Step2Status, Step3Status, Step4Status } from './types.ts';

export const step1Status = (p: Person): Step1Status => p.invite.status;

// Counted with loops: these run for every person on every write (indexes and counters, before and after).
export function step2Status(p: Person): Step2Status {
  if (p.products.length === 0) return 'none';
  let n = 0;
  for (const x of p.products) if (p.assignments[x]?.status === 'assigned') n++;
  return n === 0 ? 'none' : n === p.products.length ? 'all' : 'partial';
}

/** A product is switched for a person when some device runs it named-user and none still uses the network. */
export function productSwitched(p: Person, product: string): boolean {
  const devices = p.switches[product];
  if (!devices) return false;
  let named = false;
  for (const d of Object.values(devices)) {
    if (d.status === 'network') return false;
    if (d.status === 'named') named = true;
  }
  return named;
}

export function step3Status(p: Person): Step3Status {
  if (p.products.length === 0) return 'not_started';
  let n = 0;
  for (const x of p.products) if (productSwitched(p, x)) n++;
  return n === 0 ? 'not_started' : n === p.products.length ? 'switched' : 'partial';
}

export const step4Status = (p: Person): Step4Status => p.inform.status;

/** Done = every product in scope switched and the sign-in instructions acknowledged. */
export function overallStatus(p: Person): OverallStatus {
  if (p.inform.status === 'needs_help') return 'needs_help';
  if (p.inform.status === 'acknowledged' && step3Status(p) === 'switched') return 'done';
  if (p.inform.status === 'acknowledged' && p.products.length === 0) return 'done';
  return 'pending';
}

// Where a person stands on each step, derived from their state (never stored separately).
import type { OverallStatus, Person, Step1Status, Step2Status, Step3Status, Step4Status } from './types.ts';

export const step1Status = (p: Person): Step1Status => p.invite.status;

export function step2Status(p: Person): Step2Status {
  if (p.products.length === 0) return 'none';
  const n = p.products.filter((x) => p.assignments[x]?.status === 'assigned').length;
  return n === 0 ? 'none' : n === p.products.length ? 'all' : 'partial';
}

/** A product is switched for a person when some device runs it named-user and none still uses the network. */
export function productSwitched(p: Person, product: string): boolean {
  const devices = Object.values(p.switches[product] ?? {});
  return devices.some((d) => d.status === 'named') && !devices.some((d) => d.status === 'network');
}

export function step3Status(p: Person): Step3Status {
  if (p.products.length === 0) return 'not_started';
  const n = p.products.filter((x) => productSwitched(p, x)).length;
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

/** Still using (or possibly using) a network licence: some product in scope not switched. */
export function stillOnNetwork(p: Person): boolean {
  return p.products.some((x) => !productSwitched(p, x));
}

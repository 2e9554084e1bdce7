// Progress figures: each person contributes to named counters and index sets; the store keeps both on write,
// so a summary reads counters instead of scanning people.
import { overallStatus, productSwitched, step1Status, step2Status, step3Status, step4Status } from './status.ts';
import { STEP_STATUSES, type Person, type StepName } from './types.ts';

/** Index sets a person belongs to, e.g. `step4:informed`, `manager:boss@x.org`, `product:AutoCAD`. */
export function personIndexes(p: Person): string[] {
  const out = [
    `step1:${step1Status(p)}`,
    `step2:${step2Status(p)}`,
    `step3:${step3Status(p)}`,
    `step4:${step4Status(p)}`,
    `overall:${overallStatus(p)}`,
  ];
  if (p.manager) out.push(`manager:${p.manager}`);
  if (p.reminders.optedOut) out.push('optedout');
  for (const r of p.roles) if (r !== 'user') out.push(`role:${r}`);
  return out;
}

/** Counters a person adds 1 to. Dimension keys (product, manager, department) use display values as given. */
export function personCounters(p: Person): string[] {
  const overall = overallStatus(p);
  const out = [
    'total',
    `step1:${step1Status(p)}`,
    `step2:${step2Status(p)}`,
    `step3:${step3Status(p)}`,
    `step4:${step4Status(p)}`,
    `overall:${overall}`,
  ];
  if (p.reminders.optedOut) out.push('optedout');
  for (const product of p.products) {
    out.push(`product:${product}:total`);
    out.push(`product:${product}:assigned:${p.assignments[product]?.status === 'assigned' ? 'yes' : 'no'}`);
    out.push(`product:${product}:switched:${productSwitched(p, product) ? 'yes' : 'no'}`);
  }
  if (p.manager) out.push(`manager:${p.manager}:total`, `manager:${p.manager}:overall:${overall}`);
  if (p.department) out.push(`dept:${p.department}:total`, `dept:${p.department}:overall:${overall}`);
  return out;
}

/** The +1/-1 changes that moving from `before` to `after` makes to a set of keys. */
export function diffKeys(before: string[], after: string[]): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  if (before.length + after.length <= SMALL_DIFF) {
    // A person's keys are a few dozen fresh strings: scanning beats hashing them into sets.
    for (const k of before) if (!after.includes(k) && !removed.includes(k)) removed.push(k);
    for (const k of after) if (!before.includes(k) && !added.includes(k)) added.push(k);
    return { removed, added };
  }
  const b = new Set(before);
  const a = new Set(after);
  for (const k of b) if (!a.has(k)) removed.push(k);
  for (const k of a) if (!b.has(k)) added.push(k);
  return { removed, added };
}

/** Up to this many keys in all, diffKeys compares lists instead of building sets. */
const SMALL_DIFF = 80;

export interface DimensionProgress {
  total: number;
  pending: number;
  needsHelp: number;
  done: number;
}
export interface ProductProgress {
  total: number;
  assigned: number;
  switched: number;
}
export interface Progress {
  total: number;
  optedOut: number;
  steps: { [S in StepName]: Record<(typeof STEP_STATUSES)[S][number], number> };
  products: Record<string, ProductProgress>;
  managers: Record<string, DimensionProgress>;
  departments: Record<string, DimensionProgress>;
}

/** Turns raw counters (as kept by the store) into the progress figures. Zero counters may be absent. */
export function progressFromCounters(counters: Record<string, number>): Progress {
  const n = (k: string) => counters[k] ?? 0;
  const steps = Object.fromEntries(
    (Object.keys(STEP_STATUSES) as StepName[]).map((s) => [
      s,
      Object.fromEntries(STEP_STATUSES[s].map((st) => [st, n(`${s}:${st}`)])),
    ]),
  ) as Progress['steps'];
  const products: Record<string, ProductProgress> = {};
  const managers: Record<string, DimensionProgress> = {};
  const departments: Record<string, DimensionProgress> = {};
  for (const [key, value] of Object.entries(counters)) {
    if (value <= 0) continue;
    let m = /^product:(.+):total$/.exec(key);
    if (m?.[1]) {
      const name = m[1];
      products[name] = { total: value, assigned: n(`product:${name}:assigned:yes`), switched: n(`product:${name}:switched:yes`) };
      continue;
    }
    m = /^(manager|dept):(.+):total$/.exec(key);
    if (m?.[1] && m[2]) {
      const dim = m[1];
      const name = m[2];
      const prog: DimensionProgress = {
        total: value,
        pending: n(`${dim}:${name}:overall:pending`),
        needsHelp: n(`${dim}:${name}:overall:needs_help`),
        done: n(`${dim}:${name}:overall:done`),
      };
      (dim === 'manager' ? managers : departments)[name] = prog;
    }
  }
  return { total: n('total'), optedOut: n('optedout'), steps, products, managers, departments };
}

/** Counters computed directly from people: the reference the stores' maintained counters must equal. */
export function countersOf(people: Iterable<Person>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of people) for (const k of personCounters(p)) out[k] = (out[k] ?? 0) + 1;
  return out;
}

// Progress figures: each person contributes to named counters and index sets; the store keeps both on write,
// so a summary reads counters instead of scanning people.
import { overallStatus, productSwitched, step1Status, step2Status, step3Status, step4Status } from './status.ts';
import { STEP_STATUSES, type Person, type StepName } from './types.ts';

/**
 * Key strings by value, built once: every write builds a person's keys twice (before and after), and handing out the
 * same string object each time makes the comparisons and hashing that follow cheap. Bounded: starts afresh when full.
 */
class KeyMemo {
  private keys = new Map<unknown, string>();
  constructor(private readonly make: (value: unknown) => string) {}
  of(value: unknown): string {
    let key = this.keys.get(value);
    if (key === undefined) {
      if (this.keys.size >= 50_000) this.keys = new Map();
      this.keys.set(value, (key = this.make(value)));
    }
    return key;
  }
}

const memo = (make: (value: unknown) => string) => new KeyMemo(make);
const K = {
  step1: memo((v) => `step1:${String(v)}`),
  step2: memo((v) => `step2:${String(v)}`),
  step3: memo((v) => `step3:${String(v)}`),
  step4: memo((v) => `step4:${String(v)}`),
  overall: memo((v) => `overall:${String(v)}`),
  manager: memo((v) => `manager:${String(v)}`),
  role: memo((v) => `role:${String(v)}`),
  productTotal: memo((v) => `product:${String(v)}:total`),
  assignedYes: memo((v) => `product:${String(v)}:assigned:yes`),
  assignedNo: memo((v) => `product:${String(v)}:assigned:no`),
  switchedYes: memo((v) => `product:${String(v)}:switched:yes`),
  switchedNo: memo((v) => `product:${String(v)}:switched:no`),
  managerTotal: memo((v) => `manager:${String(v)}:total`),
  deptTotal: memo((v) => `dept:${String(v)}:total`),
};
/** `<dimension>:<name>:overall:<status>` keys, one memo per status. */
const overallOf = (dimension: 'manager' | 'dept') => {
  const byStatus = new Map<unknown, KeyMemo>();
  return (name: unknown, status: unknown): string => {
    let m = byStatus.get(status);
    if (!m) byStatus.set(status, (m = memo((v) => `${dimension}:${String(v)}:overall:${String(status)}`)));
    return m.of(name);
  };
};
const managerOverall = overallOf('manager');
const deptOverall = overallOf('dept');

/** Index sets a person belongs to, e.g. `step4:informed`, `manager:boss@x.org`, `product:AutoCAD`. */
export function personIndexes(p: Person): string[] {
  const out = [
    K.step1.of(step1Status(p)),
    K.step2.of(step2Status(p)),
    K.step3.of(step3Status(p)),
    K.step4.of(step4Status(p)),
    K.overall.of(overallStatus(p)),
  ];
  if (p.manager) out.push(K.manager.of(p.manager));
  if (p.reminders.optedOut) out.push('optedout');
  for (const r of p.roles) if (r !== 'user') out.push(K.role.of(r));
  return out;
}

/** Counters a person adds 1 to. Dimension keys (product, manager, department) use display values as given. */
export function personCounters(p: Person): string[] {
  const overall = overallStatus(p);
  const out = [
    'total',
    K.step1.of(step1Status(p)),
    K.step2.of(step2Status(p)),
    K.step3.of(step3Status(p)),
    K.step4.of(step4Status(p)),
    K.overall.of(overall),
  ];
  if (p.reminders.optedOut) out.push('optedout');
  for (const product of p.products) {
    out.push(K.productTotal.of(product));
    out.push((p.assignments[product]?.status === 'assigned' ? K.assignedYes : K.assignedNo).of(product));
    out.push((productSwitched(p, product) ? K.switchedYes : K.switchedNo).of(product));
  }
  if (p.manager) out.push(K.managerTotal.of(p.manager), managerOverall(p.manager, overall));
  if (p.department) out.push(K.deptTotal.of(p.department), deptOverall(p.department, overall));
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
      products[name] = {
        total: value,
        assigned: n(`product:${name}:assigned:yes`),
        switched: n(`product:${name}:switched:yes`),
      };
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

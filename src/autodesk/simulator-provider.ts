// The playground's Autodesk: acts at once like directory sync, remembers what it did, fails on request.
import type { ProvisioningProvider, ProvisioningResult } from '../ports/provisioning.ts';
import { screenAssignments, screenInvites, type Screened } from './screen-people.ts';

export interface SimulatorProvider extends ProvisioningProvider {
  /** From now on, these addresses fail (case-insensitive) with `reason`. */
  failFor(emails: string[], reason?: string): void;
  clearFailures(): void;
  /** Who the simulator has invited, and who holds a seat of each product (lower-case product key). */
  snapshot(): { invited: string[]; assigned: Record<string, string[]> };
}

export interface SimulatorOptions {
  now?: () => number;
  failFor?: string[];
}

const DEFAULT_REASON = 'simulated failure';

export function createSimulatorProvider(options: SimulatorOptions = {}): SimulatorProvider {
  const now = options.now ?? Date.now;
  const failures = new Map<string, string>(
    (options.failFor ?? []).map((e) => [e.trim().toLowerCase(), DEFAULT_REASON]),
  );
  const invited = new Set<string>();
  const assigned = new Map<string, Set<string>>();

  function act(s: Screened, memory: Set<string>): ProvisioningResult {
    const result: ProvisioningResult = {
      done: [],
      alreadyDone: [...s.alreadyDone],
      rejected: s.rejected,
      failed: [],
      files: [],
      applied: true,
    };
    if (s.resendDue.length) result.resendDue = s.resendDue;
    for (const p of s.todo) {
      const reason = failures.get(p.email.trim().toLowerCase());
      if (reason) result.failed.push({ personId: p.id, reason });
      else if (memory.has(p.id)) result.alreadyDone.push(p.id);
      else {
        memory.add(p.id);
        result.done.push(p.id);
      }
    }
    return result;
  }

  return {
    name: 'simulator',
    async invite(people) {
      return act(screenInvites(people, now()), invited);
    },
    async assign(product, people) {
      const key = product.trim().toLowerCase();
      let seats = assigned.get(key);
      if (!seats) assigned.set(key, (seats = new Set()));
      return act(screenAssignments(product, people), seats);
    },
    failFor(emails, reason = DEFAULT_REASON) {
      for (const e of emails) failures.set(e.trim().toLowerCase(), reason);
    },
    clearFailures() {
      failures.clear();
    },
    snapshot() {
      return { invited: [...invited], assigned: Object.fromEntries([...assigned].map(([k, v]) => [k, [...v]])) };
    },
  };
}

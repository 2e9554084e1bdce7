// What every provider checks before acting: the same person once, a valid address, names Autodesk accepts,
// the product in the person's scope, and nothing done twice.
import { autodeskNameProblem } from '../domain/autodesk-names.ts';
import { isValidEmail } from '../domain/email.ts';
import type { Person } from '../domain/types.ts';
import { invitationAge } from './invitation-age.ts';

export interface Screened {
  todo: Person[];
  alreadyDone: string[];
  rejected: { personId: string; reason: string }[];
  /** Pending for more than 7 days (also in alreadyDone): to resend from Autodesk Account. */
  resendDue: string[];
}

function uniqueById(people: Person[]): Person[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.id) && seen.add(p.id));
}

/** Why this person cannot go to Autodesk as they are, or undefined. */
export function identityProblem(p: Person): string | undefined {
  if (!isValidEmail(p.email)) return 'the e-mail address is not valid';
  for (const [label, value] of [
    ['first name', p.firstName],
    ['last name', p.lastName],
  ] as const) {
    if (!value.trim()) return `the ${label} is empty (Autodesk needs both names)`;
    const problem = autodeskNameProblem(value);
    if (problem) return `the ${label} ${problem}`;
  }
  return undefined;
}

/** The roster's spelling of `product` for this person (case-insensitive), or undefined when out of scope. */
export function productInScope(p: Person, product: string): string | undefined {
  const lower = product.trim().toLowerCase();
  return p.products.find((x) => x.toLowerCase() === lower);
}

/**
 * Step 1 screening at `now`. Active people and pending invitations younger than 90 days are already done;
 * an invitation older than 90 days is void, so that person is invited again.
 */
export function screenInvites(people: Person[], now: number): Screened {
  const out: Screened = { todo: [], alreadyDone: [], rejected: [], resendDue: [] };
  for (const p of uniqueById(people)) {
    const age = invitationAge(p.invite, now);
    if (p.invite.status === 'active' || age === 'fresh' || age === 'resend_due') {
      out.alreadyDone.push(p.id);
      if (age === 'resend_due') out.resendDue.push(p.id);
      continue;
    }
    const problem = identityProblem(p);
    if (problem) out.rejected.push({ personId: p.id, reason: problem });
    else out.todo.push(p);
  }
  return out;
}

/** Step 2 screening for one product: people already holding a seat are done; the product must be in scope. */
export function screenAssignments(product: string, people: Person[]): Screened {
  const out: Screened = { todo: [], alreadyDone: [], rejected: [], resendDue: [] };
  for (const p of uniqueById(people)) {
    const key = productInScope(p, product);
    if (!key) {
      out.rejected.push({ personId: p.id, reason: `${product} is not among this person's products` });
      continue;
    }
    if (p.assignments[key]?.status === 'assigned') {
      out.alreadyDone.push(p.id);
      continue;
    }
    const problem = identityProblem(p);
    if (problem) out.rejected.push({ personId: p.id, reason: problem });
    else out.todo.push(p);
  }
  return out;
}

// Who the page lets you be: admins and managers first, then the roster, with where each person stands.
import type { Config } from '../config.ts';
import { normaliseEmail } from '../domain/email.ts';
import { fullName } from '../domain/person.ts';
import { overallStatus, step1Status, step2Status, step3Status, step4Status } from '../domain/status.ts';
import type { Person } from '../domain/types.ts';
import type { MigrationStore } from '../store/store.ts';

export interface PersonSummary {
  id: string;
  name: string;
  roles: string[];
  department?: string;
  steps: { step1: string; step2: string; step3: string; step4: string; overall: string };
}

/** The most people one list shows; the search box finds the others. */
export const PEOPLE_LIMIT = 200;

export function summarise(p: Person, config: Pick<Config, 'ADMIN_EMAILS'>): PersonSummary {
  const roles = config.ADMIN_EMAILS.includes(p.id) && !p.roles.includes('admin') ? [...p.roles, 'admin'] : p.roles;
  return {
    id: p.id,
    name: fullName(p),
    roles,
    ...(p.department ? { department: p.department } : {}),
    steps: {
      step1: step1Status(p),
      step2: step2Status(p),
      step3: step3Status(p),
      step4: step4Status(p),
      overall: overallStatus(p),
    },
  };
}

const rank = (s: PersonSummary) => (s.roles.includes('admin') ? 0 : s.roles.includes('manager') ? 1 : 2);

/** People matching `query` (name, e-mail or department, case-insensitive), admins and managers first, then by name. */
export async function listPeople(
  store: MigrationStore,
  config: Pick<Config, 'ADMIN_EMAILS'>,
  query = '',
  limit = PEOPLE_LIMIT,
): Promise<{ people: PersonSummary[]; more: boolean }> {
  const q = query.trim().toLowerCase();
  const found: PersonSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.scanPeople(cursor, 500);
    for (const p of page.people) {
      const s = summarise(p, config);
      if (!q || `${s.name} ${s.id} ${s.department ?? ''}`.toLowerCase().includes(q)) found.push(s);
    }
    cursor = page.next;
  } while (cursor);
  // Admins named in ADMIN_EMAILS may be missing from the roster (before the first import): they can act all the same.
  const inRoster = new Set(found.map((s) => s.id));
  for (const id of config.ADMIN_EMAILS)
    if (!inRoster.has(id) && (await store.getPerson(id)) === undefined && (!q || id.includes(q)))
      found.push({
        id,
        name: id,
        roles: ['admin'],
        steps: { step1: '-', step2: '-', step3: '-', step4: '-', overall: '-' },
      });
  found.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return { people: found.slice(0, limit), more: found.length > limit };
}

/**
 * The person id the page may act as: anyone in the roster, or an admin listed in ADMIN_EMAILS who is not in it.
 * Undefined for anything else.
 */
export async function actingAs(
  store: MigrationStore,
  config: Pick<Config, 'ADMIN_EMAILS'>,
  raw: unknown,
): Promise<string | undefined> {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 254) return undefined;
  const id = normaliseEmail(raw);
  if (config.ADMIN_EMAILS.includes(id)) return id;
  return (await store.getPerson(id)) ? id : undefined;
}

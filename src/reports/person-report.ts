// The per-person migration report (CLI `export`, chat `export`): one row a person, every step's status.
import {
  overallStatus,
  productSwitched,
  step1Status,
  step2Status,
  step3Status,
  step4Status,
} from '../domain/status.ts';
import type { Person } from '../domain/types.ts';
import type { MigrationStore } from '../store/store.ts';
import { toCsv } from '../domain/csv-writer.ts';

export const PERSON_REPORT_HEADER = [
  'email',
  'first_name',
  'last_name',
  'manager',
  'department',
  'locale',
  'step1_invite',
  'step2_assign',
  'step3_switch',
  'step4_inform',
  'overall',
  'products',
  'products_assigned',
  'products_switched',
  'reminders_sent',
  'opted_out',
  'help_text',
  'updated_at',
];

/** One report row for a person; times as ISO 8601 UTC. */
export function personReportRow(p: Person): string[] {
  return [
    p.email,
    p.firstName,
    p.lastName,
    p.manager ?? '',
    p.department ?? '',
    p.locale ?? '',
    step1Status(p),
    step2Status(p),
    step3Status(p),
    step4Status(p),
    overallStatus(p),
    p.products.join('; '),
    p.products.filter((x) => p.assignments[x]?.status === 'assigned').join('; '),
    p.products.filter((x) => productSwitched(p, x)).join('; '),
    String(p.reminders.sent),
    p.reminders.optedOut ? 'yes' : 'no',
    p.inform.status === 'needs_help' ? p.inform.text : '',
    new Date(p.updatedAt).toISOString(),
  ];
}

/** The whole report as CSV, people sorted by e-mail; reads the store page by page. */
export async function personReportCsv(
  store: MigrationStore,
  filter: (p: Person) => boolean = () => true,
): Promise<{ csv: string; rows: number }> {
  const people: Person[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.scanPeople(cursor, 1000);
    for (const p of page.people) if (filter(p)) people.push(p);
    cursor = page.next;
  } while (cursor);
  people.sort((a, b) => a.id.localeCompare(b.id));
  return { csv: toCsv(PERSON_REPORT_HEADER, people.map(personReportRow)), rows: people.length };
}

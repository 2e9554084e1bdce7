// Steps 1–2 at scale: building the CSV import files for N people (default 50,000) and reconciling a user export
// of N people × 2 products against the roster. Prints one JSON line per measure (best of 3 runs).
import { createCsvProvider } from '../src/autodesk/csv/csv-provider.ts';
import { parseAutodeskExport } from '../src/autodesk/reconcile/parse-export.ts';
import { reconcileExport } from '../src/autodesk/reconcile/reconcile-export.ts';
import { newPerson } from '../src/domain/person.ts';

const NOW = Date.UTC(2026, 10, 2);

function roster(n: number) {
  return Array.from({ length: n }, (_, i) =>
    newPerson(
      {
        email: `first${i}.last${i}@example-company.com`,
        firstName: `First${i}`,
        lastName: `Last${i}`,
        products: ['AutoCAD', 'Revit'],
      },
      NOW,
    ),
  );
}

function userExport(n: number): string {
  const lines = [
    'access_option,account_status,email,first_name,last_name,product_name,seat_assignment,last_accessed,days_used,team',
  ];
  for (let i = 0; i < n; i++) {
    const status = i % 3 === 0 ? 'Pending' : 'Active';
    const used = i % 2 === 0 ? '2026-11-01' : '';
    lines.push(
      `Named user,${status},first${i}.last${i}@example-company.com,First${i},Last${i},AutoCAD - including specialized toolsets,Assigned,${used},${used ? 3 : 0},team - 1`,
    );
    lines.push(
      `Named user,${status},first${i}.last${i}@example-company.com,First${i},Last${i},Revit,Assigned,,0,team - 1`,
    );
  }
  return lines.join('\r\n');
}

async function best<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  let out: { ms: number; value: T } | undefined;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const value = await fn();
    const ms = performance.now() - t;
    if (!out || ms < out.ms) out = { ms, value };
  }
  return out!;
}

export async function main(args: string[]): Promise<void> {
  const n = Number(args[args.indexOf('--people') + 1]) || 50_000;
  const people = roster(n);
  const csv = createCsvProvider({ now: () => NOW });

  const invite = await best(() => csv.invite(people));
  const bytes = invite.value.files.reduce((s, f) => s + Buffer.byteLength(f.content), 0);
  console.log(
    JSON.stringify({
      bench: 'autodesk.csv-invite',
      people: n,
      files: invite.value.files.length,
      bytes,
      ms: Math.round(invite.ms),
      peoplePerSec: Math.round(n / (invite.ms / 1000)),
    }),
  );

  const text = userExport(n);
  const parsed = await best(() => parseAutodeskExport(text));
  console.log(
    JSON.stringify({
      bench: 'autodesk.parse-export',
      rows: parsed.value.rows.length,
      bytes: Buffer.byteLength(text),
      ms: Math.round(parsed.ms),
      rowsPerSec: Math.round(parsed.value.rows.length / (parsed.ms / 1000)),
    }),
  );

  const rec = await best(() => reconcileExport(people, parsed.value.rows));
  const events = rec.value.changes.reduce((s, c) => s + c.events.length, 0);
  console.log(
    JSON.stringify({
      bench: 'autodesk.reconcile',
      people: n,
      rows: parsed.value.rows.length,
      events,
      ms: Math.round(rec.ms),
      rowsPerSec: Math.round(parsed.value.rows.length / (rec.ms / 1000)),
    }),
  );
}

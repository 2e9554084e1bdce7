// `numbot export <file.csv|->`: the per-person report.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { personReportCsv } from '../reports/person-report.ts';
import type { CliIo } from './io.ts';
import { openCliStore } from './open.ts';

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const target = positionals[0];
  if (values.help || !target) {
    io.out(
      "Usage: numbot export <file.csv|->\nWrites one row per person with every step's status (- for standard output).",
    );
    return values.help ? 0 : 2;
  }
  const { store } = await openCliStore(io);
  try {
    const { csv, rows } = await personReportCsv(store);
    if (target === '-') io.out(csv.trimEnd());
    else {
      await writeFile(target, csv);
      io.err(`numbot: wrote ${rows} people to ${target}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

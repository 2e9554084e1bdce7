// `numbot export <file.csv|->`: the per-person report; `numbot export --state <file|->`: the whole state (backups).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { personReportCsv } from '../reports/person-report.ts';
import type { CliIo } from './io.ts';
import { openCliStore } from './open.ts';
import { exportStateCommand } from './state.ts';

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, state: { type: 'boolean' } },
  });
  const target = positionals[0];
  if (values.help || !target) {
    io.out(
      "Usage: numbot export <file.csv|->\nWrites one row per person with every step's status (- for standard output).\n" +
        'Usage: numbot export --state <file|->\nWrites the whole state of the migration (Redis only) as a file `numbot import --state` restores, into any Redis deployment.',
    );
    return values.help ? 0 : 2;
  }
  if (values.state) return exportStateCommand(target, io);
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

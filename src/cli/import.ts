// `numbot import <file> [--dry-run] [--json]`: loads the roster from an HR, Active Directory or Autodesk CSV export.
import { parseArgs } from 'node:util';
import type { Actor } from '../domain/types.ts';
import { importRoster, type ImportResult } from '../roster/import-roster.ts';
import { parseRoster, type ParsedRoster, type Rejection } from '../roster/parse-roster.ts';
import type { CliIo } from './io.ts';
import { openCliStore } from './open.ts';
import { importStateCommand } from './state.ts';

const USAGE = `Usage: numbot import <file.csv|-> [--dry-run] [--json]
Creates or updates one person per e-mail from a CSV roster: an HR or Active Directory export (English, French,
Dutch or German headers; comma, semicolon or tab) or an Autodesk user/usage export (one row per user and product).
Required columns: first name, last name, e-mail. Optional: manager, language, time zone, department, products,
role, login. Importing the same file again changes nothing.
  --dry-run  check the file and count what would change, without writing
  --json     print {"accepted": n, "rejected": [{"line": n, "reason": "..."}], "warnings": [...] (when any)} only
Exit codes: 0 every row imported, 3 some rows rejected (the others imported), 1 file refused or error, 2 usage.

Usage: numbot import --state <file|->
Restores a whole migration written by \`numbot export --state\` into this Redis (REDIS_URL, REDIS_CLUSTER_NODES or
REDIS_SENTINELS; the same MIGRATION_ID), which must not hold that migration yet. The file is checked whole first:
a damaged or cut file writes nothing.`;

const SHOWN_REJECTIONS = 100;
const ACTOR: Actor = { id: 'cli', source: 'import' };

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      state: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const file = positionals[0];
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!file || positionals.length > 1) {
    io.err(USAGE);
    return 2;
  }
  if (values.state) return importStateCommand(file, io);
  const dryRun = values['dry-run'] === true;
  const parsed = parseRoster(await io.readInput(file));
  if (!parsed.ok) {
    const rejected = [{ line: parsed.line, reason: parsed.reason }];
    if (values.json) io.out(JSON.stringify({ accepted: 0, rejected }));
    else io.err(`numbot import: ${file} refused: line ${parsed.line}: ${parsed.reason}`);
    return 1;
  }
  const { store, config } = await openCliStore(io);
  try {
    const result = await importRoster(store, parsed.roster, ACTOR, io.now(), { dryRun });
    if (values.json)
      io.out(
        JSON.stringify({
          accepted: result.accepted,
          rejected: result.rejected,
          ...(result.warnings && { warnings: result.warnings }),
        }),
      );
    else printReport(io, file, parsed.roster, result, dryRun);
    if (config.embedded && !dryRun && result.created + result.updated > 0)
      io.err(
        'numbot import: warning: no Redis is configured, so this import went to an in-memory store and is lost now that the command ends. Set REDIS_URL (or REDIS_CLUSTER_NODES, REDIS_SENTINELS) to keep it.',
      );
    return result.rejected.length ? 3 : 0;
  } finally {
    await store.close();
  }
}

function printReport(io: CliIo, file: string, roster: ParsedRoster, r: ImportResult, dryRun: boolean): void {
  const delimiter = roster.delimiter === '\t' ? 'tab' : roster.delimiter;
  io.out(
    `${file}: ${r.accepted} rows accepted, ${r.rejected.length} rejected (${roster.encoding}, delimiter ${delimiter})`,
  );
  io.out(
    `${dryRun ? 'would create' : 'created'} ${r.created}, ${dryRun ? 'would update' : 'updated'} ${r.updated}, unchanged ${r.unchanged}${dryRun ? ' — dry run, nothing written' : ''}`,
  );
  if (roster.header.perProduct)
    io.out('Autodesk export: rows of one e-mail merged into one person with several products');
  if (roster.header.unknown.length) io.out(`columns not recognised (ignored): ${roster.header.unknown.join(', ')}`);
  if (r.rejected.length) printRejections(io, r.rejected);
  if (r.warnings?.length) {
    io.out('');
    io.out('imported, to check:');
    printRejections(io, r.warnings);
  }
}

function printRejections(io: CliIo, rejected: Rejection[]): void {
  const width = Math.max(4, String(rejected.at(-1)?.line ?? 0).length);
  io.out('');
  io.out(`${'line'.padStart(width)}  reason`);
  for (const { line, reason } of rejected.slice(0, SHOWN_REJECTIONS))
    io.out(`${String(line).padStart(width)}  ${reason}`);
  if (rejected.length > SHOWN_REJECTIONS)
    io.out(`... and ${rejected.length - SHOWN_REJECTIONS} more (use --json for the full list)`);
}

// `numbot lmlog <file|-> [--tz ZONE]`: reads a FlexNet debug log and prints who last used which feature, as JSON.
import type { CliIo } from './io.ts';
import { readTextInput } from './lmstat.ts';
import { parseDebugLog } from '../licensing/parse-debug-log.ts';

const USAGE = `Usage: numbot lmlog <file|-> [--tz ZONE] [--pretty]

Reads a FlexNet debug log (e.g. the adskflex/lmgrd log of the Network License Manager) and prints one JSON object:
{timeZone, events, undated, lastOutAt, lastUse:[{user, feature, lastUsedAt, lastOutAt, lastInAt, lastDeniedAt, checkouts, hosts}]}.
Times are epoch milliseconds; the log's times are read in ZONE (an IANA name, default UTC).`;

export async function run(args: string[], io: CliIo): Promise<number> {
  let file: string | undefined;
  let timeZone = 'UTC';
  let pretty = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    } else if (a === '--pretty') pretty = true;
    else if (a === '--tz' || a.startsWith('--tz=')) {
      const v = a === '--tz' ? args[++i] : a.slice('--tz='.length);
      if (!v) return usage(io, '--tz needs a time zone, e.g. --tz Europe/Brussels');
      timeZone = v;
    } else if (a.startsWith('-') && a !== '-') return usage(io, `unknown option ${a}`);
    else if (file !== undefined) return usage(io, 'give one file (or - for standard input)');
    else file = a;
  }
  if (file === undefined) return usage(io, 'missing input: give a file, or - for standard input');
  const text = await readTextInput(io, file);
  const report = parseDebugLog(text, { timeZone });
  if (report.logLines === 0) {
    io.err('numbot lmlog: this is not a FlexNet debug log (no "H:MM:SS (daemon) ..." lines)');
    return 1;
  }
  const { lastUse, undated, lastOutAt, events } = report;
  io.out(
    JSON.stringify(
      { timeZone, events: events.length, undated, lastOutAt: lastOutAt ?? null, lastUse },
      null,
      pretty ? 2 : undefined,
    ),
  );
  return 0;
}

function usage(io: CliIo, problem: string): number {
  io.err(`numbot lmlog: ${problem}\n\n${USAGE}`);
  return 2;
}

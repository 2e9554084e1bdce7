// `numbot lmstat <file|->`: parses `lmutil lmstat -a` output and prints the report as one JSON object.
import type { CliIo } from './io.ts';
import { parseLmstat } from '../licensing/parse-lmstat.ts';
import { InvalidInputError } from '../errors.ts';

const USAGE = `Usage: numbot lmstat <file|-> [--pretty]

Parses the output of \`lmutil lmstat -a\` (a file, or standard input for "-") and prints one JSON object:
{servers:[{address, status, nodes, vendors, features:[{name, issued, inUse, users:[...]}]}]}.`;

/** Reads a text input for a CLI command, turning I/O failures and binary data into messages an operator can act on. */
export async function readTextInput(io: CliIo, path: string): Promise<string> {
  let buf: Buffer;
  try {
    buf = await io.readInput(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? err);
    throw new InvalidInputError(`cannot read ${path === '-' ? 'standard input' : `"${path}"`}: ${why}`);
  }
  if (buf.includes(0))
    throw new InvalidInputError(`${path === '-' ? 'standard input' : `"${path}"`} is binary, not text`);
  return buf.toString('utf8');
}

function parseArgs(args: string[]): { file?: string; pretty: boolean; help: boolean; problem?: string } {
  const out: { file?: string; pretty: boolean; help: boolean; problem?: string } = { pretty: false, help: false };
  for (const a of args) {
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--pretty') out.pretty = true;
    else if (a.startsWith('-') && a !== '-') out.problem = `unknown option ${a}`;
    else if (out.file !== undefined) out.problem = 'give one file (or - for standard input)';
    else out.file = a;
  }
  return out;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const opts = parseArgs(args);
  if (opts.help) {
    io.out(USAGE);
    return 0;
  }
  if (opts.problem || opts.file === undefined) {
    io.err(`numbot lmstat: ${opts.problem ?? 'missing input: give a file, or - for standard input'}\n\n${USAGE}`);
    return 2;
  }
  const text = await readTextInput(io, opts.file);
  const report = parseLmstat(text);
  if (report.servers.length === 0 && !/\blm(util|stat)\b|License server status/i.test(text)) {
    io.err('numbot lmstat: this is not lmstat output (no "License server status" line, no lmutil banner)');
    return 1;
  }
  io.out(JSON.stringify(report, null, opts.pretty ? 2 : undefined));
  return 0;
}

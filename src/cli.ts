// numbot: the command line. Each sub-command lives in src/cli/<name>.ts and exports `run(args, io)`.
import { readFile } from 'node:fs/promises';
import type { CliIo } from './cli/io.ts';

type SubCommand = { summary: string; load: () => Promise<{ run: (args: string[], io: CliIo) => Promise<number> }> };

const COMMANDS: Record<string, SubCommand> = {
  status: { summary: 'progress per step, product and department', load: () => import('./cli/status.ts') },
  export: {
    summary: 'per-person report as CSV, or the whole state as a backup (--state)',
    load: () => import('./cli/export.ts'),
  },
  lmstat: { summary: 'parse `lmutil lmstat -a` output into JSON', load: () => import('./cli/lmstat.ts') },
  lmlog: { summary: 'last use per user and feature from a FlexNet debug log', load: () => import('./cli/lmlog.ts') },
  script: {
    summary: 'print a step-3b script that switches a device to named-user licensing',
    load: () => import('./cli/script.ts'),
  },
  import: {
    summary: 'import the roster from an HR, Active Directory or Autodesk CSV, or restore a backup (--state)',
    load: () => import('./cli/import.ts'),
  },
  card: {
    summary: 'print a card as Teams or Slack receives it (sample or --data)',
    load: () => import('./cli/card.ts'),
  },
};

/** The real process: stdout/stderr, files or stdin, the environment and the system clock. */
export function defaultIo(): CliIo {
  return {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    readInput: async (path) => {
      if (path !== '-') return readFile(path);
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    env: process.env,
    now: () => Date.now(),
  };
}

function help(io: CliIo): number {
  io.out('numbot — the named-user migration bot\n\nUsage: numbot <command> [options]\n\nCommands:');
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length), 4);
  for (const [name, c] of Object.entries(COMMANDS).sort()) io.out(`  ${name.padEnd(width)}  ${c.summary}`);
  io.out('\nRun `numbot <command> --help` for its options.');
  return 0;
}

/** Runs one CLI invocation and returns the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return help(io);
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`numbot: unknown command "${name}". Run \`numbot --help\` for the list.`);
    return 2;
  }
  try {
    return await (await cmd.load()).run(rest, io);
  } catch (err) {
    io.err(`numbot ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) process.exitCode = await main(process.argv.slice(2));

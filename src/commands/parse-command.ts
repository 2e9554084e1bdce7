// Text → typed command, once: the words are looked up in the registry and checked against the command's zod schema.
import type { AnyCommand } from './command.ts';
import { tokenise } from './tokenise.ts';

export type ParsedCommand =
  | { ok: true; command: AnyCommand; args: unknown; body: string }
  | { ok: false; problem: 'empty' }
  | { ok: false; problem: 'unknown'; name: string }
  | { ok: false; problem: 'malformed'; command: AnyCommand; issue: string };

/** Finds a command by name, case-insensitively. */
export function findCommand(commands: readonly AnyCommand[], name: string): AnyCommand | undefined {
  const lower = name.toLowerCase();
  return commands.find((c) => c.name === lower);
}

/** Parses what was typed; never throws on bad input, which is answered with a usage message instead. */
export function parseCommand(text: string, commands: readonly AnyCommand[]): ParsedCommand {
  const { words, body } = tokenise(text);
  const [name, ...rest] = words;
  if (name === undefined) return { ok: false, problem: 'empty' };
  const command = findCommand(commands, name);
  if (!command) return { ok: false, problem: 'unknown', name: name.slice(0, 40) };
  const parsed = command.args.safeParse(rest);
  if (!parsed.success)
    return { ok: false, problem: 'malformed', command, issue: parsed.error.issues[0]?.message ?? 'invalid' };
  return { ok: true, command, args: parsed.data, body };
}

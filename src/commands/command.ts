// What a command is: a name, a typed argument schema, who may run it, and what it does.
import type { z } from 'zod';
import type { AttachedFile, InteractionReply } from '../ports/interaction.ts';
import type { Access } from '../replies/access.ts';
import type { ReplyEnv } from '../replies/reply-env.ts';

/** Everything a command runs with. */
export interface CommandEnv extends ReplyEnv {
  /** Files attached to the message (a roster CSV for `import`). */
  files: readonly AttachedFile[];
  /** Text pasted under the command line (a roster CSV for `import`). */
  body: string;
  /** The registry the command was found in (for `help`). */
  commands: readonly AnyCommand[];
}

export interface CommandDef<A = unknown> {
  name: string;
  access: Access;
  /** Syntax shown in help and usage answers, e.g. `who <step> <status> [page]` (words, not translated). */
  usage: string;
  /** Key of the one-line description in locales/commands/<locale>.json. */
  summaryKey: string;
  /** Parses the words after the command name into typed arguments. */
  args: z.ZodType<A>;
  run(env: CommandEnv, args: A): Promise<InteractionReply>;
}

/** Erases the argument type so definitions of different commands fit in one registry. */
export type AnyCommand = CommandDef<never> & { args: z.ZodType<unknown> };

/** Declares a command with its argument type inferred from the schema. */
export function defineCommand<S extends z.ZodType<unknown>>(
  def: Omit<CommandDef<z.output<S>>, 'args'> & { args: S },
): AnyCommand {
  return def as unknown as AnyCommand;
}

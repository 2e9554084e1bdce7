// The command side of the handler: parse, check the caller's rights, run; refusals are answered and audited.
import type { InteractionDeps } from '../ports/deps.ts';
import type { AttachedFile, InteractionReply } from '../ports/interaction.ts';
import type { Caller } from '../services/resolve-caller.ts';
import { mayRun } from '../replies/access.ts';
import type { AnyCommand } from './command.ts';
import { refuse } from '../replies/refuse.ts';
import { parseCommand } from './parse-command.ts';
import { answer, messageCard, refusal } from '../replies/cards.ts';
import { say } from '../replies/say.ts';

function refusalText(command: AnyCommand, caller: Caller): string {
  if (command.access === 'person' || command.access === 'self') return say(caller.locale, 'refused_person');
  if (command.access === 'manager') return say(caller.locale, 'refused_manager', { command: command.name });
  return say(caller.locale, 'refused_admin', { command: command.name });
}

/** Runs the command typed by the caller and returns the answer; nothing changes on bad input or refusal. */
export async function runCommand(
  ctx: InteractionDeps,
  commands: readonly AnyCommand[],
  caller: Caller,
  text: string,
  files: readonly AttachedFile[],
): Promise<InteractionReply> {
  const parsed = parseCommand(text, commands);
  const { locale } = caller;
  if (!parsed.ok) {
    const title = say(locale, 'usage_title');
    if (parsed.problem === 'empty') return answer(messageCard(locale, title, say(locale, 'usage_empty')));
    if (parsed.problem === 'unknown')
      return answer(messageCard(locale, title, say(locale, 'usage_unknown', { name: parsed.name })));
    return answer(
      messageCard(
        locale,
        title,
        `${say(locale, 'usage_line', { usage: parsed.command.usage })}\n\n${say(locale, 'usage_help')}`,
        { style: 'warning' },
      ),
    );
  }
  const { command } = parsed;
  if (!mayRun(command.access, caller)) {
    const reply = refusal(locale, say(locale, 'refused_title'), refusalText(command, caller));
    return refuse(ctx, caller, { what: command.name, at: ctx.clock.now() }, reply);
  }
  return command.run({ ctx, caller, files, body: parsed.body, now: ctx.clock.now(), commands }, parsed.args as never);
}

// The command side of the handler: parse, check the caller's rights, run; refusals are answered and audited.
import type { InteractionDeps } from '../ports/deps.ts';
import type { AttachedFile, InteractionReply } from '../ports/interaction.ts';
import type { Caller } from '../services/resolve-caller.ts';
import { mayRun } from './access.ts';
import type { AnyCommand } from './command.ts';
import { parseCommand } from './parse-command.ts';
import { answer, messageCard, refusal } from './reply.ts';
import { say } from './text.ts';

function refusalText(command: AnyCommand, caller: Caller): string {
  if (command.access === 'person') return say(caller.locale, 'refused_person');
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
    const now = ctx.clock.now();
    await ctx.store.appendAudit({
      at: now,
      actor: caller.audit.id,
      source: caller.audit.source,
      action: `refused:${command.name}`,
    });
    ctx.logger.info({ platform: caller.platform, actor: caller.audit.id, command: command.name }, 'command refused');
    return refusal(locale, say(locale, 'refused_title'), refusalText(command, caller));
  }
  return command.run({ ctx, caller, files, body: parsed.body, now: ctx.clock.now(), commands }, parsed.args as never);
}

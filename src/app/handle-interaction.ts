// The platform-neutral handler every channel calls: resolves who is acting, answers anyone outside the migration, then
// runs a command or a card action.
// Errors become a polite card, never a crash; logs carry ids only, never what was typed.
import { randomUUID } from 'node:crypto';
import { handleCardAction } from '../actions/handle-card-action.ts';
import type { AnyCommand } from '../commands/command.ts';
import { COMMANDS } from '../commands/registry.ts';
import { messageCard } from '../replies/cards.ts';
import { runCommand } from '../commands/run-command.ts';
import { say } from '../replies/say.ts';
import { callerLocale, resolveCaller, servesCaller } from '../services/resolve-caller.ts';
import type { InteractionDeps } from '../ports/deps.ts';
import type { Interaction, InteractionHandler, InteractionReply } from '../ports/interaction.ts';
import { notInMigrationReply } from '../replies/not-in-migration.ts';
import { refuse } from '../replies/refuse.ts';

/** Builds the handler over a context; `commands` may be narrowed in tests. */
export function createInteractionHandler(
  ctx: InteractionDeps,
  commands: readonly AnyCommand[] = COMMANDS,
): InteractionHandler {
  return async (interaction: Interaction): Promise<InteractionReply> => {
    const started = ctx.clock.now();
    const log = ctx.logger.child({ platform: interaction.actor.platform, kind: interaction.kind });
    try {
      const caller = await resolveCaller(ctx, interaction.actor);
      // Someone outside the migration gets the same answer on every platform, whatever they typed or clicked.
      if (!servesCaller(caller)) {
        const reply = notInMigrationReply(ctx.config, caller.locale);
        return refuse(ctx, caller, { what: 'not_in_migration', at: started, detail: interaction.kind }, reply);
      }
      const reply =
        interaction.kind === 'command'
          ? await runCommand(ctx, commands, caller, interaction.text, interaction.files ?? [])
          : await handleCardAction(ctx, caller, interaction.action, interaction.data);
      log.debug(
        { actor: caller.audit.id, refused: reply.refused ?? false, ms: ctx.clock.now() - started },
        'interaction handled',
      );
      return reply;
    } catch (err) {
      const ref = randomUUID().slice(0, 8);
      log.error(
        { ref, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) },
        'interaction failed',
      );
      const locale = callerLocale(ctx, undefined, interaction.actor.locale);
      return {
        cards: [
          messageCard(locale, say(locale, 'error_title'), say(locale, 'error_text', { ref }), { style: 'attention' }),
        ],
      };
    }
  };
}

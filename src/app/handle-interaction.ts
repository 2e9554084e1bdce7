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

/**
 * The store must answer a ping within this long before anything is read or written: a lost Redis is told to the
 * person at once (nothing attempted, so nothing half-done), not after the client's retries.
 */
const STORE_CHECK_MS = 700;

const within = (p: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([
    p.then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
  ]);

function storeUnavailable(ctx: InteractionDeps, interaction: Interaction): InteractionReply {
  const locale = callerLocale(ctx, undefined, interaction.actor.locale);
  return {
    cards: [
      messageCard(locale, say(locale, 'store_unavailable_title'), say(locale, 'store_unavailable_text'), {
        style: 'attention',
      }),
    ],
  };
}

/** Builds the handler over a context; `commands` may be narrowed in tests. */
export function createInteractionHandler(
  ctx: InteractionDeps,
  commands: readonly AnyCommand[] = COMMANDS,
): InteractionHandler {
  return async (interaction: Interaction): Promise<InteractionReply> => {
    const started = ctx.clock.now();
    const log = ctx.logger.child({ platform: interaction.actor.platform, kind: interaction.kind });
    if (!(await within(ctx.store.ping(), STORE_CHECK_MS))) {
      log.error({ store: ctx.store.kind }, 'interaction refused: the state store is unreachable');
      return storeUnavailable(ctx, interaction);
    }
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
      // Redis lost while the interaction ran: say so, rather than a generic failure.
      if (!(await within(ctx.store.ping(), STORE_CHECK_MS))) return storeUnavailable(ctx, interaction);
      const locale = callerLocale(ctx, undefined, interaction.actor.locale);
      return {
        cards: [
          messageCard(locale, say(locale, 'error_title'), say(locale, 'error_text', { ref }), { style: 'attention' }),
        ],
      };
    }
  };
}

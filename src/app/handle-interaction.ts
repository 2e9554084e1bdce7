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

/**
 * While an interaction runs, the store is asked this often whether it still answers: Redis lost halfway through a
 * request would otherwise hold the person for the store client's retries (about 8 s, sized for a Sentinel failover).
 * A loss is told within WATCH_MS + STORE_CHECK_MS (1.2 s) of the moment it stalls the work.
 */
const WATCH_MS = 500;

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

const pause = (ms: number): { done: Promise<void>; cancel: () => void } => {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((r) => (timer = setTimeout(r, ms).unref()));
  return { done, cancel: () => clearTimeout(timer) };
};

/** What the work ended with: its reply, and whether it failed (threw) on the way. */
interface Ran {
  reply: InteractionReply;
  failed: boolean;
}

/**
 * The work's end, or `lost` as soon as the store stops answering while the work waits. The work itself goes on (its
 * write lands, or fails with the client's error): a store write is one atomic step, so nothing is left half-written.
 */
async function whileStoreAnswers(work: Promise<Ran>, store: InteractionDeps['store']): Promise<Ran | 'lost'> {
  for (;;) {
    const wait = pause(WATCH_MS);
    const first = await Promise.race([work, wait.done.then(() => undefined)]);
    wait.cancel();
    if (first) return first;
    const answered = await Promise.race([work, within(store.ping(), STORE_CHECK_MS)]);
    if (typeof answered === 'object') return answered;
    if (!answered) return 'lost';
  }
}

/** Builds the handler over a context; `commands` may be narrowed in tests. */
export function createInteractionHandler(
  ctx: InteractionDeps,
  commands: readonly AnyCommand[] = COMMANDS,
): InteractionHandler {
  /** The interaction's work; never rejects. */
  async function run(interaction: Interaction, ref: string, log: InteractionDeps['logger']): Promise<Ran> {
    const started = ctx.clock.now();
    try {
      const caller = await resolveCaller(ctx, interaction.actor);
      // Someone outside the migration gets the same answer on every platform, whatever they typed or clicked.
      if (!servesCaller(caller)) {
        const reply = notInMigrationReply(ctx.config, caller.locale);
        const refused = await refuse(
          ctx,
          caller,
          { what: 'not_in_migration', at: started, detail: interaction.kind },
          reply,
        );
        return { reply: refused, failed: false };
      }
      const reply =
        interaction.kind === 'command'
          ? await runCommand(ctx, commands, caller, interaction.text, interaction.files ?? [])
          : await handleCardAction(ctx, caller, interaction.action, interaction.data);
      log.debug(
        { actor: caller.audit.id, refused: reply.refused ?? false, ms: ctx.clock.now() - started },
        'interaction handled',
      );
      return { reply, failed: false };
    } catch (err) {
      log.error(
        { ref, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) },
        'interaction failed',
      );
      // Redis lost while the interaction ran: say so, rather than a generic failure.
      if (!(await within(ctx.store.ping(), STORE_CHECK_MS)))
        return { reply: storeUnavailable(ctx, interaction), failed: true };
      const locale = callerLocale(ctx, undefined, interaction.actor.locale);
      return {
        reply: {
          cards: [
            messageCard(locale, say(locale, 'error_title'), say(locale, 'error_text', { ref }), { style: 'attention' }),
          ],
        },
        failed: true,
      };
    }
  }

  return async (interaction: Interaction): Promise<InteractionReply> => {
    const log = ctx.logger.child({ platform: interaction.actor.platform, kind: interaction.kind });
    if (!(await within(ctx.store.ping(), STORE_CHECK_MS))) {
      log.error({ store: ctx.store.kind }, 'interaction refused: the state store is unreachable');
      return storeUnavailable(ctx, interaction);
    }
    const ref = randomUUID().slice(0, 8);
    const work = run(interaction, ref, log);
    const outcome = await whileStoreAnswers(work, ctx.store);
    if (outcome !== 'lost') return outcome.reply;
    // The person is answered now; how the work ended (its writes landed, or it failed) is logged under the same ref.
    log.error({ ref, store: ctx.store.kind }, 'interaction answered: the state store was lost while it ran');
    void work.then(({ failed }) =>
      log.warn(
        { ref, outcome: failed ? 'failed' : 'landed' },
        'interaction ended after the person was told the state store is unavailable',
      ),
    );
    return storeUnavailable(ctx, interaction);
  };
}

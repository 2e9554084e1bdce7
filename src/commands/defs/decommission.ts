// `decommission <server> [confirm]` (step 5): first shows where the server stands, then, confirmed, marks it
// switched off and answers with the commands that retire it.
import { z } from 'zod';
import type { InteractionReply } from '../../ports/interaction.ts';
import { serverReadyCard } from '../../server-watch/server-ready-card.ts';
import { keyword, serverId } from '../args.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { markDecommissioned } from '../../server-watch/mark-decommissioned.ts';
import { serverFacts } from '../server-facts.ts';
import { serverOverviews, type ServerOverview } from '../server-overview.ts';
import { say } from '../../replies/say.ts';

/** The server-ready card (with the step-5 commands) as the scheduler sends it, in the caller's language. */
function guideReply(env: CommandEnv, s: ServerOverview): InteractionReply {
  const c = serverReadyCard(s, s.readiness, env.ctx.config);
  return answer({ ...c, locale: env.caller.locale });
}

export const decommission = defineCommand({
  name: 'decommission',
  access: 'admin',
  usage: 'decommission <server> [confirm]',
  summaryKey: 'cmd_decommission',
  args: z.union([
    z.tuple([serverId]).transform(([id]) => ({ id, confirm: false })),
    z.tuple([serverId, keyword('confirm')]).transform(([id]) => ({ id, confirm: true })),
  ]),
  async run(env, { id, confirm }) {
    const { ctx, caller, now } = env;
    const { locale, timeZone } = caller;
    const title = say(locale, 'decommission_title', { server: id });
    const config = ctx.config.LICENSE_SERVERS.find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!config)
      return answer(
        messageCard(
          locale,
          title,
          say(locale, 'decommission_unknown', {
            server: id,
            known: ctx.config.LICENSE_SERVERS.map((s) => s.id).join(', ') || '-',
          }),
          { style: 'warning' },
        ),
      );
    const [s] = (await serverOverviews(ctx, now, [config])) as [ServerOverview];
    if (s.decommissionedAt !== undefined) return guideReply(env, s);
    if (!confirm) {
      const ask = say(locale, s.readiness.ready ? 'decommission_ask_ready' : 'decommission_ask_not_ready', {
        command: `decommission ${config.id} confirm`,
      });
      return answer(
        messageCard(locale, title, ask, {
          facts: serverFacts(s, locale, timeZone, now),
          style: s.readiness.ready ? 'good' : 'warning',
        }),
      );
    }
    await markDecommissioned(ctx, config, caller.audit, now, ` ready=${s.readiness.ready}`);
    return guideReply(env, s);
  },
});

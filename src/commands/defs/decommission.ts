// `decommission <server> [confirm]` (step 5): first shows where the server stands, then, confirmed, marks it
// switched off and answers with the commands that retire it.
import { z } from 'zod';
import type { InteractionReply } from '../../app/interaction.ts';
import type { LicenceServerRecord } from '../../domain/licence-server.ts';
import { decommissionGuide } from '../../licensing/decommission-guide.ts';
import { allPeople } from '../../services/people-query.ts';
import { keyword } from '../args.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { answer, card, messageCard } from '../reply.ts';
import { SERVER_DOC, serverOverviews, type ServerOverview } from '../server-overview.ts';
import { say } from '../text.ts';
import { serverFacts } from './servers.ts';

const DAY_MS = 24 * 3600 * 1000;
const serverId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'not a licence server id' });

function guideReply(env: CommandEnv, s: ServerOverview, decommissionedAt: number): InteractionReply {
  const { locale, timeZone } = env.caller;
  let commands: string[];
  try {
    commands = decommissionGuide({ address: s.address })
      .flatMap((step) => step.commands.filter((c) => c.shell !== 'gui').map((c) => c.text))
      .slice(0, 20);
  } catch {
    // An address the guide cannot quote safely (not port@host): the generic command, with the address left out.
    commands = ['lmutil lmdown -c <port>@<host> -q'];
  }
  const quietSince = Math.min(s.quietSince ?? s.readiness.windowStart, decommissionedAt);
  return answer(
    card(
      'server-ready',
      {
        cardId: `server:${s.id}:${decommissionedAt}`,
        server: { id: s.id, host: s.address },
        quietSince,
        quietDays: Math.max(0, Math.floor((env.now - quietSince) / DAY_MS)),
        ...(s.readiness.lastUsedAt !== undefined ? { lastUseAt: s.readiness.lastUsedAt } : {}),
        commands,
        timeZone,
      },
      locale,
      timeZone,
    ),
  );
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
      return answer(messageCard(locale, title, say(locale, 'decommission_unknown', { server: id, known: ctx.config.LICENSE_SERVERS.map((s) => s.id).join(', ') || '-' }), { style: 'warning' }));
    const [s] = (await serverOverviews({ ...ctx, config: { ...ctx.config, LICENSE_SERVERS: [config] } }, await allPeople(ctx.store), now)) as [ServerOverview];
    if (s.decommissionedAt !== undefined) return guideReply(env, s, s.decommissionedAt);
    if (!confirm) {
      const ask = say(locale, s.readiness.ready ? 'decommission_ask_ready' : 'decommission_ask_not_ready', { command: `decommission ${config.id} confirm` });
      return answer(messageCard(locale, title, ask, { facts: serverFacts(s, locale, timeZone), style: s.readiness.ready ? 'good' : 'warning' }));
    }
    const record = (await ctx.store.getDoc<LicenceServerRecord>(SERVER_DOC, config.id)) ?? { id: config.id, address: config.address };
    await ctx.store.putDoc<LicenceServerRecord>(SERVER_DOC, config.id, { ...record, decommissionedAt: now });
    await ctx.store.appendAudit({ at: now, actor: caller.audit.id, source: caller.audit.source, action: 'server.decommissioned', detail: `${config.id} ready=${s.readiness.ready}` });
    return guideReply(env, s, now);
  },
});

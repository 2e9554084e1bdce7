// `servers`: the licence servers of the configuration, their use, who is still on them, and whether step 5 may start;
// `servers plan <server> <YYYY-MM-DD|none>` sets or clears the planned switch-off (see server-plan.ts).
import { z } from 'zod';
import { keyword, serverId } from '../args.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { serverFacts } from '../server-facts.ts';
import { serverOverviews } from '../server-overview.ts';
import { planServer } from '../server-plan.ts';
import { say } from '../../replies/say.ts';

type ServersArgs = { op: 'list' } | { op: 'plan'; id: string; when: string };

export const servers = defineCommand({
  name: 'servers',
  access: 'admin',
  usage: 'servers [plan <server> <YYYY-MM-DD|none>]',
  summaryKey: 'cmd_servers',
  args: z.union([
    z.tuple([]).transform((): ServersArgs => ({ op: 'list' })),
    z
      .tuple([keyword('plan'), serverId, z.string()])
      .transform(([, id, when]): ServersArgs => ({ op: 'plan', id, when })),
  ]),
  async run(env, args) {
    if (args.op === 'plan') return planServer(env, args.id, args.when);
    const { ctx, caller, now } = env;
    const { locale, timeZone } = caller;
    if (ctx.config.LICENSE_SERVERS.length === 0)
      return answer(messageCard(locale, say(locale, 'servers_title'), say(locale, 'servers_none')));
    const list = await serverOverviews(ctx, now);
    return {
      cards: list.map((s) =>
        messageCard(
          locale,
          `${s.id} (${s.address})`,
          s.state === 'ready' ? say(locale, 'server_ready_hint', { command: `decommission ${s.id}` }) : '',
          {
            facts: serverFacts(s, locale, timeZone, now),
            style: s.state === 'ready' || s.state === 'off' ? 'good' : s.state === 'down' ? 'attention' : 'default',
          },
        ),
      ),
    };
  },
});

// `sync`: links the roster to the Slack and Teams directories now (as the hourly job and every campaign do) and says,
// per platform, how many were linked, not found and ambiguous, and who no platform can reach and why.
import type { Person } from '../../domain/types.ts';
import { loadPeople } from '../../services/people-query.ts';
import { noArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';
import { unreachableFacts } from '../../replies/unreachable.ts';

const NAMES = { teams: 'Teams', slack: 'Slack', playground: 'Playground' } as const;

export const sync = defineCommand({
  name: 'sync',
  access: 'admin',
  usage: 'sync',
  summaryKey: 'cmd_sync',
  args: noArgs,
  async run(env) {
    const { locale } = env.caller;
    const report = await env.ctx.directory.sync('command');
    const lines = report.platforms.map((p) =>
      p.ok
        ? say(locale, 'sync_platform', {
            platform: NAMES[p.platform],
            linked: p.linked,
            unmatched: p.unmatched,
            ambiguous: p.ambiguous.length,
          })
        : say(locale, 'sync_platform_failed', { platform: NAMES[p.platform], error: p.error }),
    );
    const named = report.unreachable.slice(0, 20);
    const people = new Map<string, Person>(
      (
        await loadPeople(
          env.ctx.store,
          named.map((u) => u.id),
        )
      ).map((p) => [p.id, p]),
    );
    const { facts, more } = unreachableFacts(
      locale,
      named.flatMap((u) => {
        const person = people.get(u.id);
        return person ? [{ person, why: u.why }] : [];
      }),
    );
    lines.push(
      report.unreachable.length
        ? say(locale, 'sync_unreachable', { count: report.unreachable.length })
        : say(locale, 'sync_all_reachable'),
    );
    if (more + report.unreachable.length - named.length > 0)
      lines.push(say(locale, 'unreachable_more', { count: more + report.unreachable.length - named.length }));
    if (report.served > 0) lines.push(say(locale, 'sync_served', { count: report.served }));
    const failed = report.platforms.some((p) => !p.ok);
    return answer(
      messageCard(locale, say(locale, 'sync_title'), lines.join('\n\n'), {
        style: failed ? 'attention' : report.unreachable.length ? 'warning' : 'good',
        facts,
      }),
    );
  },
});

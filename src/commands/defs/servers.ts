// `servers`: the licence servers of the configuration, their use, who is still on them, and whether step 5 may start.
import { formatDateTime } from '../../cards/format.ts';
import type { DecommissionReason } from '../../domain/decommission.ts';
import type { Locale } from '../../domain/types.ts';
import { noArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../reply.ts';
import { serverOverviews, type ServerOverview } from '../server-overview.ts';
import { say } from '../text.ts';

/** One short line per reason the rule gives for "not yet". */
export function reasonText(r: DecommissionReason, locale: Locale, timeZone: string): string {
  switch (r.code) {
    case 'NOT_SWITCHED':
      return say(locale, 'reason_not_switched', { count: r.personIds.length });
    case 'STILL_ON_SERVER':
      return say(locale, 'reason_still_on', { count: r.personIds.length + r.logins.length });
    case 'IN_USE':
      return say(locale, 'reason_in_use', { count: r.inUse, when: formatDateTime(r.lastInUseAt, locale, timeZone) });
    case 'RECENT_CHECKOUT':
      return say(locale, 'reason_recent_checkout', { when: formatDateTime(r.lastOutAt, locale, timeZone) });
    case 'NO_POLLS':
      return say(locale, 'reason_no_polls');
    case 'WINDOW_NOT_COVERED':
      return say(locale, 'reason_window', { when: formatDateTime(r.firstPollAt, locale, timeZone) });
    case 'TOO_FEW_POLLS':
      return say(locale, 'reason_few_polls', { quiet: r.quietPolls, min: r.minPolls });
  }
}

/** The facts about one server, in the caller's language. */
export function serverFacts(s: ServerOverview, locale: Locale, timeZone: string): { title: string; value: string }[] {
  const facts = [
    { title: say(locale, 'server_state'), value: say(locale, `server_state_${s.state}`) },
    { title: say(locale, 'server_in_use'), value: String(s.inUse) },
    { title: say(locale, 'server_last_poll'), value: s.lastPoll ? formatDateTime(s.lastPoll.at, locale, timeZone) : '-' },
  ];
  if (s.record?.lastError) facts.push({ title: say(locale, 'server_last_error'), value: s.record.lastError });
  if (s.stillOn.length) facts.push({ title: say(locale, 'server_still_on'), value: s.stillOn.join(', ') });
  if (s.state !== 'off' && !s.readiness.ready)
    facts.push({ title: say(locale, 'server_not_yet'), value: s.readiness.reasons.map((r) => reasonText(r, locale, timeZone)).join('; ') });
  return facts;
}

export const servers = defineCommand({
  name: 'servers',
  access: 'admin',
  usage: 'servers',
  summaryKey: 'cmd_servers',
  args: noArgs,
  async run({ ctx, caller, now }) {
    const { locale, timeZone } = caller;
    if (ctx.config.LICENSE_SERVERS.length === 0) return answer(messageCard(locale, say(locale, 'servers_title'), say(locale, 'servers_none')));
    const list = await serverOverviews(ctx, now);
    return {
      cards: list.map((s) =>
        messageCard(locale, `${s.id} (${s.address})`, s.state === 'ready' ? say(locale, 'server_ready_hint', { command: `decommission ${s.id}` }) : '', {
          facts: serverFacts(s, locale, timeZone),
          style: s.state === 'ready' || s.state === 'off' ? 'good' : s.state === 'down' ? 'attention' : 'default',
        }),
      ),
    };
  },
});

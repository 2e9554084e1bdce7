// The facts shown about one licence server (`servers`, `servers plan`, `decommission`), in the caller's language.
import { formatDate, formatDateTime } from '../cards/format.ts';
import type { DecommissionReason, StillOn } from '../domain/decommission.ts';
import { daysLeft } from '../domain/days-left.ts';
import type { Locale } from '../domain/types.ts';
import type { ServerOverview } from './server-overview.ts';
import { say } from '../replies/say.ts';

/** One short line per reason the rule gives for "not yet"; `nameOf` names a person or login (default: as is). */
export function reasonText(
  r: DecommissionReason,
  locale: Locale,
  timeZone: string,
  nameOf: (s: StillOn) => string = (s) => (s.type === 'person' ? s.personId : s.login),
): string {
  switch (r.code) {
    case 'BORROWED':
      return say(locale, 'reason_borrowed', {
        count: r.count,
        when: formatDate(r.lastReturnAt, locale, timeZone),
        who: r.holders.map(nameOf).join(', ') || '-',
      });
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

/** A planned switch-off with the whole days left in the reader's zone: "11 December 2026 at 17:00 (days left: 8)". */
export function plannedText(at: number, now: number, locale: Locale, timeZone: string): string {
  const when = formatDateTime(at, locale, timeZone);
  const left = daysLeft(now, at, timeZone);
  if (left === undefined) return say(locale, 'server_planned_passed', { when });
  return left === 0
    ? say(locale, 'server_planned_today', { when })
    : say(locale, 'server_planned_days', { when, count: left });
}

/** The facts about one server at `now`, in the caller's language. */
export function serverFacts(
  s: ServerOverview,
  locale: Locale,
  timeZone: string,
  now: number,
): { title: string; value: string }[] {
  const facts = [
    { title: say(locale, 'server_state'), value: say(locale, `server_state_${s.state}`) },
    { title: say(locale, 'server_in_use'), value: String(s.inUse) },
    {
      title: say(locale, 'server_last_poll'),
      value: s.lastPoll ? formatDateTime(s.lastPoll.at, locale, timeZone) : '-',
    },
  ];
  if (s.plannedOffAt !== undefined)
    facts.push({ title: say(locale, 'server_planned'), value: plannedText(s.plannedOffAt, now, locale, timeZone) });
  if (s.record?.lastError) facts.push({ title: say(locale, 'server_last_error'), value: s.record.lastError });
  if (s.stillOn.length) facts.push({ title: say(locale, 'server_still_on'), value: s.stillOn.join(', ') });
  if (s.state !== 'off' && !s.readiness.ready)
    facts.push({
      title: say(locale, 'server_not_yet'),
      value: s.readiness.reasons.map((r) => reasonText(r, locale, timeZone, s.nameOf)).join('; '),
    });
  return facts;
}

// The delivery jobs of the reminder tick: a reminder to the person, or one note to their manager.
import { escapeMarkdown } from '../cards/index.ts';
import type { Config } from '../config.ts';
import { formatNumber } from '../cards/format.ts';
import type { MessageData, ReminderData } from '../cards/types.ts';
import type { DeliveryJob } from '../ports/delivery.ts';
import { daysLeft } from '../domain/days-left.ts';
import { fullName } from '../domain/person.ts';
import type { Person } from '../domain/types.ts';
import { localeOf, zoneOf } from '../domain/person-preferences.ts';
import type { Sender } from '../services/sender.ts';
import { say } from './texts.ts';

/** Products the reminder is about: those assigned, else every product in scope. */
export function reminderProducts(p: Person): string[] {
  const assigned = p.products.filter((x) => p.assignments[x]?.status === 'assigned');
  return assigned.length ? assigned : [...p.products];
}

export const reminderKey = (personId: string, round: number) => `reminder:${personId}:${round}`;
export const escalationKey = (personId: string) => `escalate:${personId}`;

/** Reminder `round` for the person; `reminder.sent` is applied when the card is sent. */
export function reminderJob(
  p: Person,
  round: number,
  sender: Sender,
  config: Pick<Config, 'DEFAULT_TIMEZONE'>,
  now: number,
  switchOffAt?: number,
): DeliveryJob {
  const key = reminderKey(p.id, round);
  const timeZone = zoneOf(p, config.DEFAULT_TIMEZONE);
  const data: ReminderData = {
    cardId: key,
    round,
    person: { id: p.id, firstName: p.firstName || p.email, email: p.email },
    org: sender,
    products: reminderProducts(p),
    timeZone,
  };
  const left = switchOffAt === undefined ? undefined : daysLeft(now, switchOffAt, timeZone);
  if (switchOffAt !== undefined && left !== undefined) data.deadline = { at: switchOffAt, daysLeft: left };
  return { key, personId: p.id, card: { name: 'reminder', data }, onSent: [{ type: 'reminder.sent', round }] };
}

/**
 * The note to the manager once the reminders are used up, in the manager's language. `reminder.escalated` applies to
 * the person it is about (not the manager) once it is sent, or once it never will be.
 */
export function escalationJob(
  p: Person,
  manager: Person | undefined,
  config: Pick<Config, 'DEFAULT_LOCALE'>,
): DeliveryJob {
  const locale = localeOf(manager, config.DEFAULT_LOCALE);
  const name = fullName(p);
  const products = reminderProducts(p).join(', ') || '—';
  const data: MessageData = {
    title: say(locale, 'escalate_title', { name }),
    text: say(locale, 'escalate_text', { name, products }),
    facts: [
      { title: say(locale, 'fact_email'), value: escapeMarkdown(p.email) },
      { title: say(locale, 'fact_reminders'), value: formatNumber(p.reminders.sent, locale) },
    ],
    style: 'warning',
  };
  return {
    key: escalationKey(p.id),
    personId: p.manager!,
    card: { name: 'message', data },
    about: { personId: p.id, events: [{ type: 'reminder.escalated' }] },
  };
}

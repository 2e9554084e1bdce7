// A delivery job's card, addressed to one person: their language and time zone, or the organisation's defaults.
import type { OutboundCard } from '../ports/chat-channel.ts';
import type { Locale, Person } from '../domain/types.ts';
import type { DeliveryJob } from '../ports/delivery.ts';

export interface CardDefaults {
  locale: Locale;
  timeZone: string;
}

export function outboundCard(job: DeliveryJob, person: Person, defaults: CardDefaults): OutboundCard {
  return {
    name: job.card.name,
    data: job.card.data,
    locale: person.locale ?? defaults.locale,
    timeZone: person.timeZone ?? defaults.timeZone,
  };
}

/** Reminders respect a person's opt-out; the first instructions and other notices do not. */
export function isReminder(job: DeliveryJob): boolean {
  return job.card.name.startsWith('reminder') || (job.onSent ?? []).some((e) => e.type.startsWith('reminder.'));
}

/** The store doc that remembers where a person's card of this kind lives, so it can be updated in place. */
export const SENT_CARD_DOC = 'sent-card';
export const sentCardId = (personId: string, cardName: string) => `${personId}:${cardName}`;

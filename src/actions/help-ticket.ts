// A help request as the admins handle it: stored as a doc (who took it, when it was resolved), shown as a card.
import type { OutboundCard } from '../ports/chat-channel.ts';
import type { HelpRequestData } from '../cards/index.ts';
import { card } from '../replies/cards.ts';
import { fullName } from '../domain/person.ts';
import type { Locale, Person } from '../domain/types.ts';

export const HELP_DOC = 'help-ticket';

export interface HelpTicket {
  requestId: string;
  personId: string;
  sentAt: number;
  status: 'open' | 'taken' | 'resolved';
  /** The admin (person id) who took or resolved it, and when. */
  handledBy?: string;
  handledAt?: number;
}

/** One request per help message: the person id and the time the help was asked. */
export function requestIdOf(personId: string, at: number): string {
  return `${personId}:${at}`;
}

/** The help-request card for a ticket, as the admins see it. `handlerName` is the admin's display name. */
export function helpRequestCard(
  ticket: HelpTicket,
  person: Person,
  locale: Locale,
  timeZone: string,
  handlerName?: string,
): OutboundCard {
  const data: HelpRequestData = {
    cardId: `help:${ticket.requestId}`,
    requestId: ticket.requestId,
    person: {
      id: person.id,
      name: fullName(person),
      email: person.email,
      ...(person.department ? { department: person.department } : {}),
    },
    products: person.products.map((name) => ({ name, assigned: person.assignments[name]?.status === 'assigned' })),
    text: person.inform.status === 'needs_help' ? person.inform.text : '',
    sentAt: ticket.sentAt,
    status: ticket.status,
    ...(ticket.status !== 'open' && ticket.handledAt !== undefined
      ? { handledBy: { name: handlerName ?? ticket.handledBy ?? '?', at: ticket.handledAt } }
      : {}),
    timeZone,
  };
  return card('help-request', data, locale, timeZone);
}

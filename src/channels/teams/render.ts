// Cards and files as Teams attachments. Card content comes from the shared renderer (src/cards); this file only wraps
// it for the Bot Connector and enforces Teams' size limit.
import { CardFactory, type Attachment } from 'botbuilder';
import type { OutboundCard } from '../channel.ts';
import { renderCard } from './render-card.ts';

/** Teams refuses messages over about 100 KB; staying under 80 KB leaves room for the activity envelope. */
export const MAX_CARD_BYTES = 80 * 1024;
/** File content shown inline in a card is cut here (a card must stay under MAX_CARD_BYTES). */
const MAX_INLINE_FILE_CHARS = 20_000;

export class CardTooLargeError extends Error {
  readonly code = 'CARD_TOO_LARGE';
  constructor(
    readonly cardName: string,
    readonly bytes: number,
  ) {
    super(`card ${cardName} renders to ${bytes} bytes, over the ${MAX_CARD_BYTES}-byte Teams limit`);
  }
}

/** The Adaptive Card for a core card; throws CardTooLargeError rather than let Teams reject it. */
export function adaptiveCardOf(card: OutboundCard): Record<string, unknown> {
  const rendered = renderCard(card.name, withTimeZone(card), card.locale, 'teams');
  const bytes = Buffer.byteLength(JSON.stringify(rendered.card));
  if (bytes > MAX_CARD_BYTES) throw new CardTooLargeError(card.name, bytes);
  return rendered.card;
}

export function cardAttachment(card: OutboundCard): Attachment {
  return CardFactory.adaptiveCard(adaptiveCardOf(card));
}

/** Files given to the actor, shown inline in a card (Teams bots cannot attach arbitrary files without OneDrive consent). */
export function fileAttachment(file: { name: string; content: string; mimeType: string }): Attachment {
  const truncated = file.content.length > MAX_INLINE_FILE_CHARS;
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: file.name, weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: truncated ? file.content.slice(0, MAX_INLINE_FILE_CHARS) : file.content, fontType: 'Monospace', wrap: true, size: 'Small' },
  ];
  if (truncated) body.push({ type: 'TextBlock', text: `(${file.content.length} characters; the first ${MAX_INLINE_FILE_CHARS} are shown)`, isSubtle: true, wrap: true });
  return CardFactory.adaptiveCard({ $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5', body });
}

function withTimeZone(card: OutboundCard): Record<string, unknown> {
  return card.timeZone ? { timeZone: card.timeZone, ...card.data } : card.data;
}

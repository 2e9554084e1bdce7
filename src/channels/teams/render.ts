// Cards and files as Teams attachments. Card content comes from the shared renderer (src/cards), which also
// enforces Teams' size limit; this file only wraps it for the Bot Connector.
import { CardFactory, type Attachment } from 'botbuilder';
import { CardError, isCardName, renderCard, type CardData, type CardName } from '../../cards/index.ts';
import type { OutboundCard } from '../channel.ts';

/** File content shown inline in a card is cut here (a card must stay under the renderer's 80 KB). */
const MAX_INLINE_FILE_CHARS = 20_000;

/** The Adaptive Card for a core card; throws CardError (unknown card, invalid data, too large). */
export function adaptiveCardOf(card: OutboundCard): Record<string, unknown> {
  if (!isCardName(card.name)) throw new CardError('UNKNOWN_CARD', `unknown card "${card.name}"`);
  return renderCard(card.name, withTimeZone(card) as CardData<CardName>, card.locale, 'teams').card;
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

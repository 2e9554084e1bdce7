// Cards and files as Teams attachments. Card content comes from the shared renderer (src/cards), which also
// enforces Teams' size limit; this file only wraps it for the Bot Connector. Files go as a file consent card (1:1 chats)
// and, once uploaded, a file info card; where consent cards do not work, as an inline preview.
import { CardFactory, type Attachment } from 'botbuilder';
import { CardError, formatNumber, isCardName, renderCard, t, type CardData, type CardName } from '../../cards/index.ts';
import type { Locale } from '../../domain/types.ts';
import type { OutboundCard } from '../../ports/chat-channel.ts';

/** File content shown inline in a card is cut here (a card must stay under the renderer's 80 KB). */
export const MAX_INLINE_FILE_CHARS = 20_000;

/** The Adaptive Card for a core card; throws CardError (unknown card, invalid data, too large). */
export function adaptiveCardOf(card: OutboundCard): Record<string, unknown> {
  if (!isCardName(card.name)) throw new CardError('UNKNOWN_CARD', `unknown card "${card.name}"`);
  return renderCard(card.name, withTimeZone(card) as CardData<CardName>, card.locale, 'teams').card;
}

export function cardAttachment(card: OutboundCard): Attachment {
  return CardFactory.adaptiveCard(adaptiveCardOf(card));
}

export const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

export interface InlineFile {
  name: string;
  content: string;
}

/** The file shown inline in a card, cut at MAX_INLINE_FILE_CHARS with a note saying so, and an optional note after. */
export function filePreviewAttachment(file: InlineFile, locale: Locale, note?: string): Attachment {
  const truncated = file.content.length > MAX_INLINE_FILE_CHARS;
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: file.name, weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      text: truncated ? file.content.slice(0, MAX_INLINE_FILE_CHARS) : file.content,
      fontType: 'Monospace',
      wrap: true,
      size: 'Small',
    },
  ];
  if (truncated) {
    const vars = {
      total: formatNumber(file.content.length, locale),
      shown: formatNumber(MAX_INLINE_FILE_CHARS, locale),
    };
    body.push({ type: 'TextBlock', text: t(locale, 'teams_file_cut', vars), isSubtle: true, wrap: true });
  }
  if (note) body.push({ type: 'TextBlock', text: note, wrap: true });
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
  });
}

/** A FileConsentCard: Teams asks the user to allow the upload; both answers carry the consent id back. */
export function fileConsentAttachment(
  consentId: string,
  name: string,
  sizeInBytes: number,
  description: string,
): Attachment {
  const context = { consentId };
  return {
    contentType: FILE_CONSENT,
    name,
    content: { description, sizeInBytes, acceptContext: context, declineContext: context },
  };
}

/** What Teams gives on an accept: where to PUT the bytes and how to show the file afterwards. */
export interface UploadInfo {
  name: string;
  uploadUrl: string;
  contentUrl: string;
  uniqueId: string;
  fileType: string;
}

/** A FileInfoCard: the uploaded file, shown in the chat and opened from the user's OneDrive. */
export function fileInfoAttachment(info: UploadInfo): Attachment {
  return {
    contentType: FILE_INFO,
    name: info.name,
    contentUrl: info.contentUrl,
    content: { uniqueId: info.uniqueId, fileType: info.fileType },
  };
}

function withTimeZone(card: OutboundCard): Record<string, unknown> {
  return card.timeZone ? { timeZone: card.timeZone, ...card.data } : card.data;
}

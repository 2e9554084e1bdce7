// Building blocks of answers: typed cards, the generic 'message' card, refusals.
import type { InteractionReply } from '../ports/interaction.ts';
import type { OutboundCard } from '../ports/chat-channel.ts';
import type { CardData, CardName, MessageData } from '../cards/index.ts';
import type { Locale } from '../domain/types.ts';

/** A card with data checked against the card's model at compile time (the renderer checks it again at send time). */
export function card<N extends CardName>(name: N, data: CardData<N>, locale: Locale, timeZone?: string): OutboundCard {
  return { name, data: data as Record<string, unknown>, locale, ...(timeZone ? { timeZone } : {}) };
}

export type MessageStyle = NonNullable<MessageData['style']>;

export interface MessageOptions {
  style?: MessageStyle;
  /** Label/value pairs shown as a fact set (the card shows the first 20 and "and N more"). */
  facts?: { title: string; value: string }[];
  /** Headed groups of lines, one card line each: the bot's own long texts, never cut (help). */
  sections?: { heading: string; lines: string[] }[];
  /** A button opening this URL. */
  link?: { title: string; url: string };
}

/** The 'message' card: a title, a text and optional facts. */
export function messageCard(locale: Locale, title: string, text = '', options: MessageOptions = {}): OutboundCard {
  return card(
    'message',
    {
      title,
      text,
      style: options.style ?? 'default',
      facts: options.facts ?? [],
      sections: options.sections ?? [],
      ...(options.link ? { link: options.link } : {}),
    },
    locale,
  );
}

/** A reply made of one card. */
export function answer(reply: OutboundCard, extra: Omit<InteractionReply, 'cards'> = {}): InteractionReply {
  return { cards: [reply], ...extra };
}

/** A refusal: shown to the caller only (channels may make it ephemeral) and flagged so. */
export function refusal(locale: Locale, title: string, text: string): InteractionReply {
  return { cards: [messageCard(locale, title, text, { style: 'attention' })], refused: true };
}

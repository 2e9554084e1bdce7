// Cards as Slack messages: the one converter in src/cards renders them; the Slack edge only adds the help button.
import type { OutboundCard } from '../../ports/chat-channel.ts';
import { CardError, renderCard, type SlackBlock } from '../../cards/index.ts';
import { helpAsModalButton } from './help-button.ts';

export interface SlackContent {
  blocks: SlackBlock[];
  /** Notification and screen-reader text. */
  text: string;
}

/** Renders a card for Slack; throws CardError when the card or its data is bad (mapped to `invalid`). */
export function renderForSlack(card: OutboundCard): SlackContent {
  const data = card.timeZone && !('timeZone' in card.data) ? { ...card.data, timeZone: card.timeZone } : card.data;
  const out = renderCard(card.name, data, card.locale, 'slack');
  if (out.type !== 'blocks') throw new CardError('TEMPLATE', `card "${card.name}" did not render as Block Kit`);
  return { blocks: helpAsModalButton(out.blocks, card.locale), text: out.text };
}

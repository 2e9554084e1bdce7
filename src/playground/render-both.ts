// One card as both platforms would show it: the Adaptive Card Teams gets and the Block Kit message Slack gets.
import { CardError, renderCard, type SlackMessage } from '../cards/index.ts';
import type { OutboundCard } from '../ports/chat-channel.ts';

export interface RenderedBoth {
  name: string;
  teams: Record<string, unknown>;
  slack: Pick<SlackMessage, 'blocks' | 'text'>;
}

function dataWithZone(card: OutboundCard): Record<string, unknown> {
  return card.timeZone && !('timeZone' in card.data) ? { ...card.data, timeZone: card.timeZone } : card.data;
}

/** Renders a core card for the page; throws CardError when the card or its data is bad. */
export function renderBoth(card: OutboundCard): RenderedBoth {
  const data = dataWithZone(card);
  const teams = renderCard(card.name, data, card.locale, 'teams');
  const slack = renderCard(card.name, data, card.locale, 'slack');
  if (teams.type !== 'adaptive' || slack.type !== 'blocks')
    throw new CardError('TEMPLATE', `card "${card.name}" did not render`);
  return { name: card.name, teams: teams.card, slack: { blocks: slack.blocks, text: slack.text } };
}

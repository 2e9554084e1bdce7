// What a user is told about a file offered on Teams: the message for each answer to a consent card, and the plain card
// put in place of a used consent card so that it cannot be clicked again (replaceConsentCard does the update).
import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { t } from '../../cards/index.ts';
import type { Locale } from '../../domain/types.ts';
import type { Logger } from '../../log.ts';
import { OFFER_TTL_MS, type FileOffer, type Verdict } from './file-offers.ts';
import { mapTeamsError } from './map-error.ts';
import { cardAttachment } from './render.ts';

type Style = 'default' | 'good' | 'attention';
export type TextKeys = [title: string, text: string, name: string, style?: Style];

/** How a consent card was used, as the card put in its place says it. */
export type CardOutcome = 'sent' | 'declined' | 'refused' | 'expired' | 'failed';

export function verdictText(verdict: Exclude<Verdict, 'ok'>, name: string): TextKeys {
  switch (verdict) {
    case 'not_yours':
      return ['teams_file_not_yours_title', 'teams_file_not_yours', name, 'attention'];
    case 'sent':
      return ['teams_file_already_sent_title', 'teams_file_already_sent', name];
    case 'declined':
      return ['teams_file_declined_title', 'teams_file_declined', name];
    case 'refused':
      return ['teams_file_refused_title', 'teams_file_refused', name, 'attention'];
    case 'busy':
      return ['teams_file_busy_title', 'teams_file_busy', name];
    case 'expired':
    case 'unknown':
      return ['teams_file_expired_title', 'teams_file_expired', name, 'attention'];
  }
}

/** The card a settled verdict leaves in place of the consent card; undefined when the card is left as it is. */
export function outcomeOfVerdict(verdict: Exclude<Verdict, 'ok'>): CardOutcome | undefined {
  switch (verdict) {
    case 'sent':
    case 'declined':
    case 'refused':
    case 'expired':
      return verdict;
    default:
      // Someone else's card, an upload under way, an offer no longer known: nothing to say about this card.
      return undefined;
  }
}

export function messageActivity(locale: Locale, ...[title, text, name, style]: TextKeys): Partial<Activity> {
  const vars = { name, hours: Math.round(OFFER_TTL_MS / 3_600_000) };
  const card = {
    name: 'message',
    data: { title: t(locale, title, vars), text: t(locale, text, vars), style: style ?? 'default', facts: [] },
    locale,
  };
  return MessageFactory.attachment(cardAttachment(card));
}

const USED_CARD: Record<CardOutcome, { key: string; style: Style }> = {
  sent: { key: 'teams_file_card_sent', style: 'good' },
  declined: { key: 'teams_file_card_declined', style: 'default' },
  refused: { key: 'teams_file_card_refused', style: 'attention' },
  expired: { key: 'teams_file_card_expired', style: 'default' },
  failed: { key: 'teams_file_card_failed', style: 'attention' },
};

/** "<name>: sent", "<name>: declined"…: a plain card with nothing to click, put in place of a used consent card. */
export function usedConsentCard(locale: Locale, outcome: CardOutcome, name: string): Partial<Activity> {
  const { key, style } = USED_CARD[outcome];
  const card = { name: 'message', data: { title: t(locale, key, { name }), text: '', style, facts: [] }, locale };
  return MessageFactory.attachment(cardAttachment(card));
}

/**
 * Puts the card saying what happened in place of the consent card `cardId` (in the turn's conversation). A failure is
 * logged (ids only) and otherwise ignored: what the user is told does not depend on it.
 */
export async function replaceConsentCard(
  turn: TurnContext,
  log: Logger,
  cardId: string,
  offer: FileOffer,
  outcome: CardOutcome,
): Promise<void> {
  try {
    await turn.updateActivity({ ...usedConsentCard(offer.locale, outcome, offer.name), id: cardId });
  } catch (err) {
    log.warn({ activity: cardId, outcome, err: mapTeamsError(err) }, 'could not replace the used file consent card');
  }
}

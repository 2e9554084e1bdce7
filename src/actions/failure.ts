// How an action answers when the domain says no (e.g. acknowledging instructions never sent): a message, no change.
import type { InteractionReply } from '../ports/interaction.ts';
import { messageCard } from '../replies/cards.ts';
import { say } from '../replies/say.ts';
import type { DomainError } from '../domain/errors.ts';
import type { ActionEnv } from './action.ts';

export function actionFailed(env: ActionEnv, error: DomainError): InteractionReply {
  const { locale } = env.caller;
  const key =
    error.code === 'NOT_FOUND'
      ? 'action_not_found'
      : error.code === 'CONFLICT'
        ? 'action_conflict'
        : 'action_not_possible';
  return { cards: [messageCard(locale, say(locale, 'action_failed_title'), say(locale, key), { style: 'warning' })] };
}

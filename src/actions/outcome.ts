// The card that replaces a step-4 card or reminder once its person has clicked.
import type { OutboundCard } from '../ports/chat-channel.ts';
import type { Step4OutcomeData } from '../cards/index.ts';
import { card } from '../replies/cards.ts';
import type { Person } from '../domain/types.ts';
import { zoneOf } from '../domain/person-preferences.ts';
import { senderOf } from '../services/sender.ts';
import type { ActionEnv } from './action.ts';
import { dataRound, dataString } from './action.ts';

export async function outcomeCard(
  env: ActionEnv,
  person: Person,
  outcome: Step4OutcomeData['outcome'],
  extra: Pick<Step4OutcomeData, 'helpText' | 'snoozeUntil'> = {},
): Promise<OutboundCard> {
  const timeZone = zoneOf(person, env.ctx.config.DEFAULT_TIMEZONE);
  const data: Step4OutcomeData = {
    outcome,
    cardId: dataString(env.data, 'cardId') ?? `step4:${person.id}:${dataRound(env.data)}`,
    round: dataRound(env.data),
    person: { id: person.id, firstName: person.firstName || person.email },
    org: await senderOf(env.ctx),
    timeZone,
    ...extra,
  };
  return card('step4-outcome', data, env.caller.locale, timeZone);
}

// The card that replaces a step-4 card or reminder once its person has clicked.
import type { OutboundCard } from '../ports/chat-channel.ts';
import type { Step4OutcomeData } from '../cards/index.ts';
import { card } from '../commands/reply.ts';
import { fullName } from '../domain/person.ts';
import type { Person } from '../domain/types.ts';
import { zoneOf } from '../services/resolve-caller.ts';
import type { ActionEnv } from './action.ts';
import { dataRound, dataString } from './action.ts';

/** The sender shown on person cards: the first configured admin by name, else the organisation. */
export async function orgOf(env: ActionEnv): Promise<Step4OutcomeData['org']> {
  const { config, store } = env.ctx;
  const first = config.ADMIN_EMAILS[0];
  const admin = first ? await store.getPerson(first) : undefined;
  return { name: config.ORGANISATION_NAME, adminName: admin ? fullName(admin) : config.ORGANISATION_NAME };
}

export async function outcomeCard(
  env: ActionEnv,
  person: Person,
  outcome: Step4OutcomeData['outcome'],
  extra: Pick<Step4OutcomeData, 'helpText' | 'snoozeUntil'> = {},
): Promise<OutboundCard> {
  const timeZone = zoneOf(env.ctx.config, person);
  const data: Step4OutcomeData = {
    outcome,
    cardId: dataString(env.data, 'cardId') ?? `step4:${person.id}:${dataRound(env.data)}`,
    round: dataRound(env.data),
    person: { id: person.id, firstName: person.firstName || person.email },
    org: await orgOf(env),
    timeZone,
    ...extra,
  };
  return card('step4-outcome', data, env.caller.locale, timeZone);
}

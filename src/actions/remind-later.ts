// "Remind me later": no reminder until the start of the working day SNOOZE_WORKING_DAYS from now, in the person's zone.
import { changePerson } from '../services/change-person.ts';
import { DomainError } from '../domain/errors.ts';
import { workingDaysLaterAtOpening } from '../domain/working-time.ts';
import type { ActionDef } from './action.ts';
import { actionFailed } from './failure.ts';
import { outcomeCard } from './outcome.ts';

export const remindLater: ActionDef = {
  name: 'remind_later',
  aliases: ['step4.remind_later', 'reminder.remind_later'],
  clicker: 'person',
  async run(env) {
    const { config, store, policy } = env.ctx;
    const person = env.caller.person;
    if (!person) return actionFailed(env, new DomainError('NOT_FOUND', 'no such person'));
    const until = workingDaysLaterAtOpening(env.now, config.SNOOZE_WORKING_DAYS, env.caller.timeZone, policy.calendar);
    // A second click the same day gives the same date: answered as before, nothing written.
    if (person.reminders.snoozeUntil === until)
      return { cards: [], replaceCard: await outcomeCard(env, person, 'snoozed', { snoozeUntil: until }) };
    const r = await changePerson(store, person.id, [{ type: 'reminder.snoozed', until }], env.caller.audit, env.now);
    if (!r.ok) return actionFailed(env, r.error);
    return { cards: [], replaceCard: await outcomeCard(env, r.person, 'snoozed', { snoozeUntil: until }) };
  },
};

// "I've signed in": step 4 acknowledged (and step 3 switched for the products concerned, by the domain rule).
import { changePerson } from '../services/change-person.ts';
import { dataString, type ActionDef } from './action.ts';
import { actionFailed } from './failure.ts';
import { outcomeCard } from './outcome.ts';

export const signedIn: ActionDef = {
  name: 'signed_in',
  aliases: ['step4.signed_in', 'reminder.signed_in'],
  clicker: 'person',
  async run(env) {
    const product = dataString(env.data, 'product');
    const r = await changePerson(
      env.ctx.store,
      env.caller.personId ?? '',
      [{ type: 'inform.acknowledged', ...(product ? { product } : {}) }],
      env.caller.audit,
      env.now,
    );
    if (!r.ok) return actionFailed(env, r.error);
    return { cards: [], replaceCard: await outcomeCard(env, r.person, 'signed_in') };
  },
};

// The card-action side of the handler: find the verb, check the clicker, run. A refused click changes nothing.
import type { InteractionDeps } from '../ports/deps.ts';
import type { InteractionReply } from '../ports/interaction.ts';
import { messageCard, refusal } from '../replies/cards.ts';
import { say } from '../replies/say.ts';
import { normaliseEmail } from '../domain/email.ts';
import type { Caller } from '../services/resolve-caller.ts';
import { mayRun } from '../replies/access.ts';
import { refuse } from '../replies/refuse.ts';
import { dataString, type ActionDef } from './action.ts';
import { adminRefresh, confirmUpload, serverLater, serverSwitchedOff } from './admin-buttons.ts';
import { resolveHelp, takeHelp } from './handle-help.ts';
import { needHelp } from './need-help.ts';
import { remindLater } from './remind-later.ts';
import { setLanguage } from './set-language.ts';
import { signedIn } from './signed-in.ts';

export const ACTIONS: readonly ActionDef[] = [
  signedIn,
  needHelp,
  remindLater,
  setLanguage,
  takeHelp,
  resolveHelp,
  adminRefresh,
  serverSwitchedOff,
  serverLater,
  confirmUpload,
];

/** The action a verb names, by its core name or a card's verb. */
export function findAction(verb: string): ActionDef | undefined {
  return ACTIONS.find((a) => a.name === verb || a.aliases.includes(verb));
}

/** True when this caller may click this action on a card carrying this data. */
function mayClick(action: ActionDef, caller: Caller, data: Record<string, unknown>): boolean {
  if (action.clicker === 'admin') return caller.isAdmin;
  if (action.clicker === 'manager') return mayRun('manager', caller);
  const target = dataString(data, 'personId');
  return Boolean(caller.person && caller.personId && target && normaliseEmail(target) === caller.personId);
}

export async function handleCardAction(
  ctx: InteractionDeps,
  caller: Caller,
  verb: string,
  data: Record<string, unknown>,
): Promise<InteractionReply> {
  const { locale } = caller;
  const action = findAction(verb);
  if (!action)
    return {
      cards: [
        messageCard(locale, say(locale, 'action_failed_title'), say(locale, 'action_unknown'), { style: 'warning' }),
      ],
    };
  const now = ctx.clock.now();
  if (!mayClick(action, caller, data)) {
    const target = dataString(data, 'personId');
    const text = say(locale, action.clicker === 'person' ? 'refused_not_yours' : 'refused_admin_action');
    const reply = refusal(locale, say(locale, 'refused_title'), text);
    const person = target ? normaliseEmail(target).slice(0, 254) : undefined;
    return refuse(ctx, caller, { what: action.name, at: now, ...(person ? { person } : {}) }, reply);
  }
  return action.run({ ctx, caller, data, now });
}

// "I need help": step 4 needs help, a ticket is opened and the help-request card goes to the admins on every channel.
import { changePerson } from '../services/change-person.ts';
import { HELP_TEXT_INPUT } from '../cards/index.ts';
import type { Person } from '../domain/types.ts';
import { dataString, type ActionDef, type ActionEnv } from './action.ts';
import { actionFailed } from './failure.ts';
import { HELP_DOC, helpRequestCard, requestIdOf, type HelpTicket } from './help-ticket.ts';
import { outcomeCard } from './outcome.ts';

async function tellAdmins(env: ActionEnv, person: Person, ticket: HelpTicket): Promise<void> {
  const { ctx } = env;
  const card = helpRequestCard(ticket, person, ctx.config.DEFAULT_LOCALE, ctx.config.DEFAULT_TIMEZONE);
  // A failed post must not fail the person's click: the request is stored and shows in `who step4 needs_help`.
  if ((await ctx.postToAdmins(card)) === 0)
    ctx.logger.warn({ requestId: ticket.requestId }, 'help request reached no admin channel');
}

export const needHelp: ActionDef = {
  name: 'need_help',
  aliases: ['step4.need_help', 'reminder.need_help'],
  clicker: 'person',
  async run(env) {
    const text = dataString(env.data, HELP_TEXT_INPUT) ?? dataString(env.data, 'text') ?? '';
    const r = await changePerson(
      env.ctx.store,
      env.caller.personId ?? '',
      [{ type: 'inform.help', text }],
      env.caller.audit,
      env.now,
    );
    if (!r.ok) return actionFailed(env, r.error);
    const person = r.person;
    const helpText = person.inform.status === 'needs_help' ? person.inform.text : text;
    if (!r.already && person.inform.status === 'needs_help') {
      const ticket: HelpTicket = {
        requestId: requestIdOf(person.id, person.inform.at),
        personId: person.id,
        sentAt: person.inform.at,
        status: 'open',
      };
      if (await env.ctx.store.putDocIfAbsent(HELP_DOC, ticket.requestId, ticket)) await tellAdmins(env, person, ticket);
    }
    return { cards: [], replaceCard: await outcomeCard(env, person, 'help_requested', { helpText }) };
  },
};

// Admins' buttons on a help-request card: "Take it" and "Resolved". A second click changes nothing.
import type { InteractionReply } from '../app/interaction.ts';
import { messageCard } from '../commands/reply.ts';
import { say } from '../commands/text.ts';
import { fullName } from '../domain/person.ts';
import { dataString, type ActionDef, type ActionEnv } from './action.ts';
import { HELP_DOC, helpRequestCard, type HelpTicket } from './help-ticket.ts';

async function handle(env: ActionEnv, to: 'taken' | 'resolved'): Promise<InteractionReply> {
  const { ctx, caller, now } = env;
  const requestId = dataString(env.data, 'requestId');
  const ticket = requestId ? await ctx.store.getDoc<HelpTicket>(HELP_DOC, requestId) : undefined;
  const person = ticket ? await ctx.store.getPerson(ticket.personId) : undefined;
  if (!ticket || !person)
    return { cards: [messageCard(caller.locale, say(caller.locale, 'action_failed_title'), say(caller.locale, 'help_unknown'), { style: 'warning' })] };
  // Taking a resolved request, or repeating a click, leaves the ticket as it is.
  const moves = ticket.status === 'open' || (ticket.status === 'taken' && to === 'resolved');
  let current = ticket;
  if (moves) {
    current = { ...ticket, status: to, handledBy: caller.audit.id, handledAt: now };
    await ctx.store.putDoc(HELP_DOC, ticket.requestId, current);
    await ctx.store.appendAudit({ at: now, actor: caller.audit.id, source: caller.audit.source, action: `help.${to}`, person: person.id });
  }
  const handler = current.handledBy ? await ctx.store.getPerson(current.handledBy) : undefined;
  const name = handler ? fullName(handler) : current.handledBy;
  return { cards: [], replaceCard: helpRequestCard(current, person, caller.locale, caller.timeZone, name) };
}

export const takeHelp: ActionDef = { name: 'take_help', aliases: ['help.take'], clicker: 'admin', run: (env) => handle(env, 'taken') };
export const resolveHelp: ActionDef = { name: 'resolve_help', aliases: ['help.resolve'], clicker: 'admin', run: (env) => handle(env, 'resolved') };

// Admins' buttons on a help-request card: "Take it" and "Resolved". A second click changes nothing. Two admins clicking
// at the same moment: the ticket moves by compare-and-set, so exactly one wins and the other is told who has it.
import type { InteractionReply } from '../ports/interaction.ts';
import type { Caller } from '../services/resolve-caller.ts';
import { messageCard } from '../replies/cards.ts';
import { say } from '../replies/say.ts';
import { fullName } from '../domain/person.ts';
import { dataString, type ActionDef, type ActionEnv } from './action.ts';
import { HELP_DOC, helpRequestCard, type HelpTicket } from './help-ticket.ts';

/** A ticket moves at most twice (open → taken → resolved), so a few attempts always settle. */
const MAX_ATTEMPTS = 5;

/** The ticket after the click, or undefined when the click does not move it (taking a taken or resolved one, repeats). */
function moved(ticket: HelpTicket, to: 'taken' | 'resolved', caller: Caller, now: number): HelpTicket | undefined {
  const moves = ticket.status === 'open' || (ticket.status === 'taken' && to === 'resolved');
  return moves ? { ...ticket, status: to, handledBy: caller.audit.id, handledAt: now } : undefined;
}

async function handle(env: ActionEnv, to: 'taken' | 'resolved'): Promise<InteractionReply> {
  const { ctx, caller, now } = env;
  const { locale } = caller;
  const failed = (key: string): InteractionReply => ({
    cards: [messageCard(locale, say(locale, 'action_failed_title'), say(locale, key), { style: 'warning' })],
  });
  const requestId = dataString(env.data, 'requestId');
  if (!requestId) return failed('help_unknown');

  let current = await ctx.store.getDoc<HelpTicket>(HELP_DOC, requestId);
  const person = current ? await ctx.store.getPerson(current.personId) : undefined;
  if (!current || !person) return failed('help_unknown');
  let changed = false;
  for (let attempt = 1; ; attempt++) {
    const next = moved(current, to, caller, now);
    if (!next) break;
    if (await ctx.store.compareAndSetDoc(HELP_DOC, requestId, current, next)) {
      current = next;
      changed = true;
      break;
    }
    // Someone else moved it meanwhile: decide again on what they left.
    current = await ctx.store.getDoc<HelpTicket>(HELP_DOC, requestId);
    if (!current) return failed('help_unknown');
    if (attempt === MAX_ATTEMPTS) return failed('help_busy');
  }
  if (changed)
    await ctx.store.appendAudit({
      at: now,
      actor: caller.audit.id,
      source: caller.audit.source,
      action: `help.${to}`,
      person: person.id,
    });

  const handler = current.handledBy ? await ctx.store.getPerson(current.handledBy) : undefined;
  const name = handler ? fullName(handler) : current.handledBy;
  const replaceCard = helpRequestCard(current, person, locale, caller.timeZone, name);
  // Someone else got there first: say who (by name to the admin; ids only in the log).
  if (!changed && current.handledBy && current.handledBy !== caller.audit.id) {
    ctx.logger.info(
      { action: `help.${to}`, actor: caller.audit.id, holder: current.handledBy, status: current.status },
      'help request already handled',
    );
    const text = say(locale, current.status === 'resolved' ? 'help_already_resolved' : 'help_already_taken', {
      name: name ?? '?',
    });
    return { cards: [messageCard(locale, say(locale, 'help_already_title'), text, { style: 'warning' })], replaceCard };
  }
  return { cards: [], replaceCard };
}

export const takeHelp: ActionDef = {
  name: 'take_help',
  aliases: ['help.take'],
  clicker: 'admin',
  run: (env) => handle(env, 'taken'),
};
export const resolveHelp: ActionDef = {
  name: 'resolve_help',
  aliases: ['help.resolve'],
  clicker: 'admin',
  run: (env) => handle(env, 'resolved'),
};

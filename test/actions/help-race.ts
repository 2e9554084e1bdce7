// Admins clicking "Take it" on one help request at the same moment, on whatever store the bench runs: exactly one
// takes it, every other is told who has it, and the ticket and audit show one take.
import { expect } from 'vitest';
import { HELP_DOC, type HelpTicket } from '../../src/actions/help-ticket.ts';
import { ADMIN, assertRenders, textOf, type Bench } from '../commands/harness.ts';

export const ANNE = 'anne@example.org';
export const SECOND = 'second@example.org';
export const THIRD = 'third@example.org';
const NAMES: Record<string, string> = { [ADMIN]: 'Marc Peeters', [SECOND]: 'Sofie Claes', [THIRD]: 'Tom Wouters' };

/** Seeds three admins and Anne, informed, who asks for help; returns the request id of her ticket. */
export async function helpRequested(b: Bench): Promise<string> {
  for (const [email, name] of Object.entries(NAMES)) {
    const [firstName, lastName] = name.split(' ') as [string, string];
    await b.add({ email, firstName, lastName, roles: ['admin'] });
  }
  await b.add({ email: ANNE, firstName: 'Anne', lastName: 'Martin' }, [
    { type: 'invite.sent' },
    { type: 'product.assigned', product: 'AutoCAD' },
    { type: 'inform.sent' },
  ]);
  await b.click(ANNE, 'need_help', { personId: ANNE, cardId: `step4:${ANNE}:1`, round: '1', helpText: 'help' });
  const ticket = (await b.store.listDocs<HelpTicket>(HELP_DOC))[0]?.value;
  expect(ticket?.status).toBe('open');
  return ticket!.requestId;
}

export async function raceTakes(b: Bench, requestId: string): Promise<void> {
  const admins = [ADMIN, SECOND, THIRD];
  const replies = await Promise.all(admins.map((a) => b.click(a, 'take_help', { personId: ANNE, requestId })));
  replies.forEach(assertRenders);
  const ticket = await b.store.getDoc<HelpTicket>(HELP_DOC, requestId);
  expect(ticket?.status).toBe('taken');
  const winner = ticket!.handledBy!;
  expect(admins).toContain(winner);
  const won = replies[admins.indexOf(winner)]!;
  expect(won.cards).toEqual([]);
  expect(won.replaceCard?.data).toMatchObject({ status: 'taken', handledBy: { name: NAMES[winner] } });
  const lost = replies.filter((r) => r !== won);
  expect(lost).toHaveLength(2);
  for (const r of lost) {
    expect(textOf(r)).toContain(`${NAMES[winner]} has already taken this help request.`);
    // Their card shows the winner too.
    expect(r.replaceCard?.data).toMatchObject({ status: 'taken', handledBy: { name: NAMES[winner] } });
  }
  const audit = (await b.store.readAudit(20)).filter((e) => e.action.startsWith('help.'));
  expect(audit).toEqual([expect.objectContaining({ action: 'help.taken', actor: winner, person: ANNE })]);

  // A take and a resolve at once: the resolve always lands (from open or from taken), the take at most once.
  const other = await helpRequestedAgain(b);
  const [take, resolve] = await Promise.all([
    b.click(SECOND, 'take_help', { requestId: other }),
    b.click(THIRD, 'resolve_help', { requestId: other }),
  ]);
  expect(await b.store.getDoc<HelpTicket>(HELP_DOC, other)).toMatchObject({ status: 'resolved', handledBy: THIRD });
  expect(resolve.cards).toEqual([]);
  const tookFirst = (await b.store.readAudit(20)).some((e) => e.action === 'help.taken' && e.actor === SECOND);
  if (!tookFirst) expect(textOf(take)).toContain('Tom Wouters has already resolved this help request.');
}

/** A second open request of Anne's, as need_help stores one. */
async function helpRequestedAgain(b: Bench): Promise<string> {
  const ticket: HelpTicket = {
    requestId: `${ANNE}:${b.clock.now() + 60_000}`,
    personId: ANNE,
    sentAt: b.clock.now() + 60_000,
    status: 'open',
  };
  expect(await b.store.putDocIfAbsent(HELP_DOC, ticket.requestId, ticket)).toBe(true);
  return ticket.requestId;
}

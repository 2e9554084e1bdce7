import { describe, expect, it } from 'vitest';
import { CARD_ACTIONS } from '../../src/cards/index.ts';
import { findAction } from '../../src/actions/handle-card-action.ts';
import { HELP_DOC, type HelpTicket } from '../../src/actions/help-ticket.ts';
import { ADMIN, assertRenders, bench, INFORMED, textOf } from '../commands/harness.ts';
import { helpRequested, raceTakes } from './help-race.ts';

const ANNE = 'anne@example.org';
const card = (extra: Record<string, unknown> = {}) => ({
  personId: ANNE,
  cardId: `step4:${ANNE}:1`,
  round: '1',
  ...extra,
});

async function informed(env?: Record<string, string>) {
  const b = bench(env ? { env } : {});
  await b.add({ email: ADMIN, firstName: 'Marc', lastName: 'Peeters', roles: ['admin'] });
  await b.add({ email: ANNE, firstName: 'Anne', lastName: 'Martin', products: ['AutoCAD', 'Revit'] }, [
    ...INFORMED,
    { type: 'product.assigned', product: 'Revit' },
  ]);
  await b.add({ email: 'bart@example.org', firstName: 'Bart', lastName: 'Peeters' }, INFORMED);
  return b;
}

describe('card verbs', () => {
  it('every person and help verb the cards send has an action', () => {
    for (const verb of [
      CARD_ACTIONS.signedIn,
      CARD_ACTIONS.needHelp,
      CARD_ACTIONS.remindLater,
      CARD_ACTIONS.helpTake,
      CARD_ACTIONS.helpResolve,
    ])
      expect(findAction(verb), verb).toBeDefined();
  });
});

describe('signed_in', () => {
  it('acknowledges step 4, marks step 3 switched, and replaces the card with the thank-you', async () => {
    const b = await informed();
    const r = await b.click(ANNE, CARD_ACTIONS.signedIn, card());
    assertRenders(r);
    expect(r.replaceCard?.name).toBe('step4-outcome');
    expect(r.replaceCard?.data).toMatchObject({
      outcome: 'signed_in',
      person: { id: ANNE, firstName: 'Anne' },
      org: { adminName: 'Marc Peeters' },
    });
    const p = await b.store.getPerson(ANNE);
    expect(p?.inform.status).toBe('acknowledged');
    expect(Object.keys(p?.switches ?? {}).sort()).toEqual(['AutoCAD', 'Revit']);
    expect((await b.store.readAudit(1))[0]).toMatchObject({
      action: 'inform.acknowledged',
      actor: ANNE,
      source: 'slack',
      person: ANNE,
    });
  });

  it('only switches the product the card names', async () => {
    const b = await informed();
    await b.click(ANNE, 'signed_in', card({ product: 'Revit' }));
    expect(Object.keys((await b.store.getPerson(ANNE))?.switches ?? {})).toEqual(['Revit']);
  });

  it('is idempotent: a second click gives the same card and writes nothing', async () => {
    const b = await informed();
    const first = await b.click(ANNE, 'signed_in', card());
    const version = (await b.store.getPerson(ANNE))?.version;
    const second = await b.click(ANNE, 'step4.signed_in', card());
    expect(second.replaceCard).toEqual(first.replaceCard);
    expect((await b.store.getPerson(ANNE))?.version).toBe(version);
  });

  it.each([
    ['someone else', 'bart@example.org'],
    ['an admin', ADMIN],
  ])('is refused to %s, audited, and changes nothing', async (_who, clicker) => {
    const b = await informed();
    const before = await b.store.getPerson(ANNE);
    const r = await b.click(clicker, 'signed_in', card());
    expect(r.refused).toBe(true);
    expect(r.replaceCard).toBeUndefined();
    expect(textOf(r)).toContain('meant for someone else');
    expect(await b.store.getPerson(ANNE)).toEqual(before);
    expect((await b.store.readAudit(1))[0]).toMatchObject({ action: 'refused:signed_in', person: ANNE });
  });

  it('is refused when the card carries no person id', async () => {
    const b = await informed();
    const r = await b.click(ANNE, 'signed_in', { cardId: 'x' });
    expect(r.refused).toBe(true);
  });

  it('answers politely when the step does not allow it (instructions never sent)', async () => {
    const b = await informed();
    await b.add({ email: 'new@example.org' });
    const r = await b.click('new@example.org', 'signed_in', { personId: 'new@example.org' });
    assertRenders(r);
    expect(textOf(r)).toContain('not possible at this stage');
    expect((await b.store.getPerson('new@example.org'))?.inform.status).toBe('not_informed');
  });
});

describe('need_help', () => {
  it('records the request, posts the help card to the admins on every channel, once', async () => {
    const b = await informed();
    const r = await b.click(
      ANNE,
      CARD_ACTIONS.needHelp,
      card({ helpText: 'AutoCAD asks me to contact my administrator' }),
    );
    assertRenders(r);
    expect(r.replaceCard?.data).toMatchObject({
      outcome: 'help_requested',
      helpText: 'AutoCAD asks me to contact my administrator',
    });
    const p = await b.store.getPerson(ANNE);
    expect(p?.inform.status).toBe('needs_help');
    for (const ch of [b.slack, b.teams]) {
      expect(ch.adminPosts).toHaveLength(1);
      expect(ch.adminPosts[0]?.name).toBe('help-request');
      assertRenders({ cards: ch.adminPosts });
    }
    const again = await b.click(ANNE, 'need_help', card({ helpText: 'AutoCAD asks me to contact my administrator' }));
    expect(again.replaceCard).toEqual(r.replaceCard);
    expect(b.slack.adminPosts).toHaveLength(1);
    expect(await b.store.listDocs(HELP_DOC)).toHaveLength(1);
  });

  it('is refused to someone else and nothing reaches the admins', async () => {
    const b = await informed();
    const r = await b.click('bart@example.org', 'need_help', card({ helpText: 'x' }));
    expect(r.refused).toBe(true);
    expect(b.slack.adminPosts).toEqual([]);
    expect((await b.store.getPerson(ANNE))?.inform.status).toBe('informed');
  });
});

describe('remind_later', () => {
  it("snoozes until 9:00 the next working day in the person's time zone, across a weekend", async () => {
    const b = await informed();
    // Tuesday 10:00 UTC + 3 days 5 hours = Friday 6 November 15:00 UTC, 16:00 in Brussels.
    b.clock.advance((3 * 24 + 5) * 3600 * 1000);
    const r = await b.click(ANNE, CARD_ACTIONS.remindLater, card());
    assertRenders(r);
    const monday9 = Date.parse('2026-11-09T08:00:00Z');
    expect(r.replaceCard?.data).toMatchObject({ outcome: 'snoozed', snoozeUntil: monday9 });
    expect((await b.store.getPerson(ANNE))?.reminders.snoozeUntil).toBe(monday9);
    // The scheduler's due set follows the snooze (Bart, not snoozed, is due earlier for his first reminder).
    expect((await b.store.due(monday9, 10)).find((d) => d.id === ANNE)).toEqual({ id: ANNE, at: monday9 });
    expect((await b.store.due(monday9 - 1, 10)).find((d) => d.id === ANNE)).toBeUndefined();
    const version = (await b.store.getPerson(ANNE))?.version;
    const again = await b.click(ANNE, 'remind_later', card());
    expect(again.replaceCard).toEqual(r.replaceCard);
    expect((await b.store.getPerson(ANNE))?.version).toBe(version);
  });

  it("uses the person's own time zone and the configured number of working days", async () => {
    const b = await informed({ SNOOZE_WORKING_DAYS: '2' });
    await b.add({ email: 'ny@example.org', timeZone: 'America/New_York' }, INFORMED);
    b.clock.advance((3 * 24 + 5) * 3600 * 1000);
    const r = await b.click('ny@example.org', 'remind_later', { personId: 'ny@example.org' });
    // Friday in New York + 2 working days = Tuesday 9:00 EST (14:00 UTC).
    expect(r.replaceCard?.data).toMatchObject({ snoozeUntil: Date.parse('2026-11-10T14:00:00Z') });
  });
});

describe('set_language', () => {
  it('changes the language of the person who clicked', async () => {
    const b = await informed();
    const r = await b.click(ANNE, 'set_language', { personId: ANNE, locale: 'nl' });
    assertRenders(r);
    expect(r.replaceCard?.locale).toBe('nl');
    expect((await b.store.getPerson(ANNE))?.locale).toBe('nl');
    const bad = await b.click(ANNE, 'set_language', { personId: ANNE, locale: 'xx' });
    expect(textOf(bad)).toContain('en, fr, nl, de');
  });
});

describe('take_help and resolve_help', () => {
  async function withTicket() {
    const b = await informed();
    await b.click(ANNE, 'need_help', card({ helpText: 'help' }));
    const posted = b.slack.adminPosts[0]!.data as { requestId: string; personId?: string };
    return { b, requestId: posted.requestId };
  }

  it('an admin takes then resolves a request; repeats change nothing', async () => {
    const { b, requestId } = await withTicket();
    const taken = await b.click(ADMIN, CARD_ACTIONS.helpTake, { personId: ANNE, requestId });
    assertRenders(taken);
    expect(taken.replaceCard?.data).toMatchObject({ status: 'taken', handledBy: { name: 'Marc Peeters' } });
    const ticket = await b.store.getDoc<HelpTicket>(HELP_DOC, requestId);
    expect(ticket).toMatchObject({ status: 'taken', handledBy: ADMIN });
    const twice = await b.click(ADMIN, 'take_help', { requestId });
    expect(twice.replaceCard).toEqual(taken.replaceCard);
    const resolved = await b.click(ADMIN, CARD_ACTIONS.helpResolve, { requestId });
    assertRenders(resolved);
    expect(resolved.replaceCard?.data).toMatchObject({ status: 'resolved' });
    const takeAfter = await b.click(ADMIN, 'take_help', { requestId });
    expect(takeAfter.replaceCard?.data).toMatchObject({ status: 'resolved' });
    expect((await b.store.readAudit(10)).filter((e) => e.action.startsWith('help.')).map((e) => e.action)).toEqual([
      'help.resolved',
      'help.taken',
    ]);
  });

  it('admins taking one request at the same moment: one takes it, the others are told who has it', async () => {
    const b = bench();
    await raceTakes(b, await helpRequested(b));
  });

  it('a late click names the admin who has it; that admin can still resolve it', async () => {
    const { b, requestId } = await withTicket();
    await b.add({ email: 'second@example.org', firstName: 'Sofie', lastName: 'Claes', roles: ['admin'] });
    await b.click(ADMIN, 'take_help', { requestId });
    const late = await b.click('second@example.org', 'take_help', { requestId });
    expect(textOf(late)).toContain('Marc Peeters has already taken this help request.');
    expect(late.replaceCard?.data).toMatchObject({ status: 'taken', handledBy: { name: 'Marc Peeters' } });
    expect((await b.store.getDoc<HelpTicket>(HELP_DOC, requestId))?.handledBy).toBe(ADMIN);
    expect(textOf(await b.click(ADMIN, 'resolve_help', { requestId }))).not.toContain('already');
    expect(textOf(await b.click('second@example.org', 'resolve_help', { requestId }))).toContain(
      'Marc Peeters has already resolved this help request.',
    );
  });

  it('is refused to non-admins, even the person who asked', async () => {
    const { b, requestId } = await withTicket();
    for (const who of [ANNE, 'bart@example.org']) {
      const r = await b.click(who, 'take_help', { personId: ANNE, requestId });
      expect(r.refused).toBe(true);
    }
    expect((await b.store.getDoc<HelpTicket>(HELP_DOC, requestId))?.status).toBe('open');
    expect((await b.store.readAudit(1))[0]?.action).toBe('refused:take_help');
  });

  it('answers an unknown request without failing', async () => {
    const b = await informed();
    expect(textOf(await b.click(ADMIN, 'take_help', { requestId: 'nope' }))).toContain('no longer exists');
  });
});

describe('unknown verbs', () => {
  it('get a polite answer and change nothing', async () => {
    const b = await informed();
    const r = await b.click(ANNE, 'launch.missiles', card());
    assertRenders(r);
    expect(textOf(r)).toContain('no longer supported');
    expect((await b.store.readAudit(5)).filter((e) => e.action !== 'test.seed')).toEqual([]);
  });
});

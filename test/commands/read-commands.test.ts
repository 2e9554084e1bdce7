import { describe, expect, it } from 'vitest';
import { WHO_PAGE_SIZE } from '../../src/commands/defs/who.ts';
import { ADMIN, ASSIGNED, assertRenders, bench, INFORMED, T0, textOf } from './harness.ts';

const BOSS = 'boss@example.org';

async function team() {
  const b = bench();
  await b.add({ email: BOSS, roles: ['manager'] });
  await b.add({ email: 'mine1@example.org', manager: BOSS, department: 'Design' }, [
    ...INFORMED,
    { type: 'inform.help', text: 'AutoCAD says contact admin' },
  ]);
  await b.add({ email: 'mine2@example.org', manager: BOSS, department: 'Design' }, [
    ...INFORMED,
    { type: 'inform.acknowledged' },
  ]);
  await b.add(
    { email: 'theirs@example.org', manager: 'other.boss@example.org', department: 'Sales', products: ['Revit'] },
    [
      { type: 'invite.sent' },
      { type: 'product.assigned', product: 'Revit' },
      { type: 'inform.sent' },
      { type: 'inform.help', text: 'x' },
    ],
  );
  return b;
}

describe('help', () => {
  it("is generated from the registry in the caller's language", async () => {
    const b = bench();
    await b.add({ email: 'anne@example.org', locale: 'fr' });
    const admin = await b.say(ADMIN, 'help');
    for (const name of [
      'status',
      'who',
      'invite',
      'assign',
      'notify',
      'servers',
      'decommission',
      'script',
      'export',
      'schedule',
      'admins',
    ])
      expect(textOf(admin)).toContain(`\`${name}`);
    assertRenders(admin);
    const fr = await b.say('anne@example.org', 'help');
    expect(fr.cards[0]?.locale).toBe('fr');
  });
});

describe('status', () => {
  it('shows progress from the counters on the admin-status card', async () => {
    const b = await team();
    const r = await b.say(ADMIN, 'status');
    assertRenders(r);
    const data = r.cards[0]!.data as {
      totals: { people: number; needsHelp: number; done: number };
      steps: { step: number; done: number; total: number }[];
      products: { name: string }[];
      nextActions: { kind: string }[];
    };
    expect(r.cards[0]!.name).toBe('admin-status');
    expect(data.totals).toMatchObject({ people: 4, needsHelp: 2, done: 1 });
    expect(data.steps.find((s) => s.step === 4)).toEqual({ step: 4, done: 1, total: 4 });
    expect(data.products.map((p) => p.name)).toEqual(['AutoCAD', 'Revit']);
    expect(data.nextActions.map((a) => a.kind)).toContain('help');
  });

  it('breaks down by department or manager on request', async () => {
    const b = await team();
    const r = await b.say(ADMIN, 'status department');
    expect(r.cards).toHaveLength(2);
    assertRenders(r);
    expect(textOf(r)).toContain('Design');
    expect(textOf(r)).toContain('Sales');
    const m = await b.say(ADMIN, 'status manager');
    expect(textOf(m)).toContain(BOSS);
    expect(textOf(m)).toContain('other.boss@example.org');
  });

  it('shows a manager only their own people', async () => {
    const b = await team();
    const r = await b.say(BOSS, 'status department');
    expect(r.refused).toBeUndefined();
    const data = r.cards[0]!.data as { totals: { people: number }; nextActions?: unknown[]; servers?: unknown[] };
    expect(data.totals.people).toBe(2);
    expect(data.nextActions ?? []).toEqual([]);
    expect(data.servers ?? []).toEqual([]);
    expect(textOf(r)).not.toContain('Sales');
    expect(textOf(r)).not.toContain('Revit');
  });

  it('counts someone named as manager (without the role) as a manager', async () => {
    const b = await team();
    await b.add({ email: 'other.boss@example.org' });
    const r = await b.say('other.boss@example.org', 'who step4 needs_help');
    expect(r.refused).toBeUndefined();
    expect(textOf(r)).toContain('theirs@example.org');
    expect(textOf(r)).not.toContain('mine1@example.org');
  });

  it('refuses people who are neither admin nor manager', async () => {
    const b = await team();
    const r = await b.say('mine1@example.org', 'status');
    expect(r.refused).toBe(true);
    expect((await b.store.readAudit(1))[0]?.action).toBe('refused:status');
  });
});

describe('who', () => {
  it('lists an index a page at a time with a hint for the next page', async () => {
    const b = bench();
    for (let i = 0; i < WHO_PAGE_SIZE + 5; i++)
      await b.add({ email: `p${String(i).padStart(2, '0')}@example.org` }, ASSIGNED);
    const first = await b.say(ADMIN, 'who step2 all');
    assertRenders(first);
    const facts1 = (first.cards[0]!.data as { facts: { value: string }[] }).facts.map((f) => f.value);
    expect(facts1).toHaveLength(WHO_PAGE_SIZE);
    expect(textOf(first)).toContain('who step2 all 2');
    const second = await b.say(ADMIN, 'who step2 all 2');
    const facts2 = (second.cards[0]!.data as { facts: { value: string }[] }).facts.map((f) => f.value);
    expect(facts2).toHaveLength(5);
    expect(new Set([...facts1, ...facts2]).size).toBe(WHO_PAGE_SIZE + 5);
    expect(textOf(second)).not.toContain('who step2 all 3');
    const empty = await b.say(ADMIN, 'who step4 needs_help');
    expect(textOf(empty)).toContain('Nobody');
  });

  it('managers see only their people', async () => {
    const b = await team();
    const r = await b.say(BOSS, 'who step4 needs_help');
    expect(textOf(r)).toContain('mine1@example.org');
    expect(textOf(r)).not.toContain('theirs@example.org');
    expect((r.cards[0]!.data as { title: string }).title).toContain('1');
  });
});

describe('person', () => {
  it('shows every step of one person', async () => {
    const b = await team();
    const r = await b.say(ADMIN, 'person Mine1@Example.org');
    assertRenders(r);
    const text = textOf(r);
    expect(text).toContain('asked for help');
    expect(text).toContain('AutoCAD: assigned yes');
  });

  it('answers a manager the same for a stranger and for someone who does not exist', async () => {
    const b = await team();
    const stranger = await b.say(BOSS, 'person theirs@example.org');
    const ghost = await b.say(BOSS, 'person ghost@example.org');
    expect(textOf(stranger)).not.toContain('Revit');
    expect(textOf(stranger).replace('theirs', 'X')).toBe(textOf(ghost).replace('ghost', 'X'));
    const own = await b.say(BOSS, 'person mine2@example.org');
    expect(textOf(own)).toContain('signed in');
  });
});

describe('person, while reminders wait for a borrowed licence', () => {
  it('says until when, in the reader’s language', async () => {
    const until = T0 + 10 * 86_400_000; // 13 November 2026, 10:00 UTC: 11:00 in Brussels
    const texts = {
      en: ['Reminders wait for a borrowed licence, returned by', '13 November 2026'],
      fr: ["Rappels en attente d'une licence empruntée, rendue au plus tard le", '13 novembre 2026'],
      nl: ['Herinneringen wachten op een geleende licentie, terug uiterlijk', '13 november 2026'],
      de: ['Erinnerungen warten auf eine ausgeliehene Lizenz, zurück spätestens', '13. November 2026'],
    } as const;
    for (const [locale, [title, date]] of Object.entries(texts)) {
      const b = bench();
      await b.add({ email: ADMIN, locale: locale as keyof typeof texts });
      await b.add({ email: 'jane@example.org' }, [
        ...INFORMED,
        { type: 'device.network', product: 'AutoCAD', device: 'laptop-07', borrowedUntil: until },
        { type: 'borrow.told', until },
      ]);
      const r = await b.say(ADMIN, 'person jane@example.org');
      assertRenders(r);
      const fact = (r.cards[0]!.data as { facts: { title: string; value: string }[] }).facts.find(
        (f) => f.title === title,
      );
      expect(fact?.value, locale).toContain(date);
      expect(fact?.value, locale).toContain('11:00');
    }
  });
});

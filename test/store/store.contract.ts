// One contract, every store: the same cases run on memory, on a real Redis, on a Redis Cluster and under Sentinel
// (contract.test.ts, test/topology/).
import { beforeEach, describe, expect, it } from 'vitest';
import { countersOf } from '../../src/domain/progress.ts';
import { newPerson } from '../../src/domain/person.ts';
import { applyEvent } from '../../src/domain/transitions.ts';
import type { Actor, Person } from '../../src/domain/types.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { createPerson, updatePerson } from '../../src/services/update-person.ts';

const actor: Actor = { id: 'admin@example.org', source: 'cli' };
const T0 = Date.UTC(2026, 10, 2, 9, 0);

function person(n: number, extra: Partial<Parameters<typeof newPerson>[0]> = {}): Person {
  return newPerson(
    {
      email: `User${n}@Example.org`,
      firstName: `First${n}`,
      lastName: `Last${n}`,
      products: ['AutoCAD', 'Revit'],
      manager: 'boss@example.org',
      department: 'Design',
      ...extra,
    },
    T0,
  );
}

async function allIds(store: MigrationStore, index: string, pageSize: number): Promise<string[]> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.listIndex(index, cursor, pageSize);
    page.ids.forEach((id) => ids.add(id));
    cursor = page.next;
    pages++;
  } while (cursor && pages < 1000);
  return [...ids].sort();
}

/** The contract on stores `make` opens, one per case (each on a migration of its own). */
export function runStoreContract(name: string, make: () => MigrationStore): void {
  describe(`store contract: ${name}`, () => {
    let store: MigrationStore;
    beforeEach(() => {
      store = make();
    });

    it('creates a person once and reads it back by its lower-case e-mail', async () => {
      const p = person(1);
      expect(await createPerson(store, p, actor, T0)).toBe(true);
      expect(await createPerson(store, p, actor, T0)).toBe(false);
      const got = await store.getPerson('user1@example.org');
      expect(got).toEqual(p);
      expect(await store.getPerson('nobody@example.org')).toBeUndefined();
      expect(await store.getPeople(['user1@example.org', 'nobody@example.org'])).toEqual([p, undefined]);
    });

    it('keeps counters and indexes equal to what the people imply, through every change', async () => {
      const people = [1, 2, 3, 4].map((n) => person(n));
      const { conflicts } = await store.writePeople(
        people.map((p) => ({ expectedVersion: -1, after: p, action: 'import' })),
        actor,
        T0,
      );
      expect(conflicts).toEqual([]);
      await updatePerson(
        store,
        'user1@example.org',
        [{ type: 'invite.sent' }, { type: 'product.assigned', product: 'autocad' }],
        actor,
        T0 + 1,
      );
      await updatePerson(
        store,
        'user2@example.org',
        [
          { type: 'product.assigned', product: 'AutoCAD' },
          { type: 'product.assigned', product: 'Revit' },
          { type: 'inform.sent' },
          { type: 'inform.acknowledged' },
        ],
        actor,
        T0 + 2,
      );
      await updatePerson(
        store,
        'user3@example.org',
        [
          { type: 'product.assigned', product: 'Revit' },
          { type: 'inform.sent' },
          { type: 'inform.help', text: 'It says Renew your license' },
        ],
        actor,
        T0 + 3,
      );

      const now = await store.getPeople(people.map((p) => p.id));
      expect(await store.counters()).toEqual(countersOf(now as Person[]));
      expect(await allIds(store, 'step4:acknowledged', 10)).toEqual(['user2@example.org']);
      expect(await allIds(store, 'step4:needs_help', 10)).toEqual(['user3@example.org']);
      expect(await allIds(store, 'overall:done', 10)).toEqual(['user2@example.org']);
      expect(await allIds(store, 'step4:not_informed', 10)).toEqual(['user1@example.org', 'user4@example.org']);
      expect(await store.countIndex('manager:boss@example.org')).toBe(4);
      expect(await store.countIndex('step1:invited')).toBe(1);
      expect(
        await store.countIndexes([
          'step1:invited',
          'manager:nobody@example.org',
          'manager:boss@example.org',
          'step1:invited',
        ]),
      ).toEqual([1, 0, 4, 1]);
      expect(await store.countIndexes([])).toEqual([]);
      const many = Array.from({ length: 4500 }, (_, i) =>
        i % 3 === 0 ? 'step4:not_informed' : `manager:m${i}@example.org`,
      );
      expect(await store.countIndexes(many)).toEqual(many.map((k) => (k === 'step4:not_informed' ? 2 : 0)));
      const c = await store.counters();
      expect(c['product:Revit:assigned:yes']).toBe(2);
      expect(c['manager:boss@example.org:overall:done']).toBe(1);
      expect(c['dept:Design:overall:needs_help']).toBe(1);
    });

    it('writes nothing of a batch when one version is stale, and reports which', async () => {
      const a = person(1);
      const b = person(2);
      await store.writePeople([{ expectedVersion: -1, after: a, action: 'import' }], actor, T0);
      const a2 = applyEvent(a, { type: 'invite.sent' }, T0 + 1);
      if (!a2.ok) throw a2.error;
      const stale = { expectedVersion: 5, before: a, after: a2.value, action: 'invite.sent' };
      const out = await store.writePeople([{ expectedVersion: -1, after: b, action: 'import' }, stale], actor, T0 + 1);
      expect(out.conflicts).toEqual([a.id]);
      expect(await store.getPerson(b.id)).toBeUndefined();
      expect(await store.countIndex('step1:invited')).toBe(0);
      expect((await store.counters()).total).toBe(1);
    });

    it('serialises concurrent updates of one person without losing any', async () => {
      await createPerson(store, person(1), actor, T0);
      await updatePerson(store, 'user1@example.org', [{ type: 'product.assigned', product: 'AutoCAD' }], actor, T0);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          updatePerson(store, 'user1@example.org', [{ type: 'invite.sent' }], actor, T0 + 10 + i),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const p = await store.getPerson('user1@example.org');
      expect(p?.invite.status === 'invited' && p.invite.sends).toBe(6);
      expect(p?.version).toBe(7);
    });

    it('returns the domain error and writes nothing for an illegal change', async () => {
      await createPerson(store, person(1), actor, T0);
      const before = await store.counters();
      const r = await updatePerson(store, 'user1@example.org', [{ type: 'inform.acknowledged' }], actor, T0 + 1);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('ILLEGAL_TRANSITION');
      expect((await store.getPerson('user1@example.org'))?.version).toBe(0);
      expect(await store.counters()).toEqual(before);
      const missing = await updatePerson(store, 'ghost@example.org', [{ type: 'invite.sent' }], actor, T0);
      expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    });

    it('records every change in the audit stream with actor and source, newest first', async () => {
      await createPerson(store, person(1), actor, T0);
      await updatePerson(
        store,
        'user1@example.org',
        [{ type: 'invite.sent' }],
        { id: 'scheduler', source: 'scheduler' },
        T0 + 5,
        { detail: 'round=1' },
      );
      await store.appendAudit({ at: T0 + 6, actor: 'eve@example.org', source: 'slack', action: 'refused:invite' });
      const audit = await store.readAudit(10);
      expect(audit.map((a) => a.action)).toEqual(['refused:invite', 'invite.sent', 'person.created']);
      expect(audit[1]).toMatchObject({
        actor: 'scheduler',
        source: 'scheduler',
        person: 'user1@example.org',
        detail: 'round=1',
        at: T0 + 5,
      });
      expect(audit[0]?.person).toBeUndefined();
    });

    it('pages through a large index without losing or repeating anyone', async () => {
      const people = Array.from({ length: 530 }, (_, i) => person(i));
      await store.writePeople(
        people.map((p) => ({ expectedVersion: -1, after: p, action: 'import' })),
        actor,
        T0,
      );
      const ids = await allIds(store, 'step1:not_invited', 37);
      expect(ids).toEqual(people.map((p) => p.id).sort());
      expect((await store.listIndex('step1:active')).ids).toEqual([]);
    });

    it('scans every person exactly once across pages', async () => {
      const people = Array.from({ length: 1234 }, (_, i) => person(i));
      await store.writePeople(
        people.map((p) => ({ expectedVersion: -1, after: p, action: 'import' })),
        actor,
        T0,
      );
      const seen = new Map<string, Person>();
      let cursor: string | undefined;
      do {
        const page = await store.scanPeople(cursor, 100);
        page.people.forEach((p) => seen.set(p.id, p));
        cursor = page.next;
      } while (cursor);
      expect(seen.size).toBe(1234);
      expect(seen.get('user7@example.org')).toEqual(people[7]);
    });

    it('keeps due times and answers who is due, soonest first', async () => {
      await createPerson(store, person(1), actor, T0);
      await createPerson(store, person(2), actor, T0);
      await updatePerson(store, 'user1@example.org', [{ type: 'invite.sent' }], actor, T0, { dueAt: () => T0 + 2000 });
      await updatePerson(store, 'user2@example.org', [{ type: 'invite.sent' }], actor, T0, { dueAt: () => T0 + 1000 });
      expect(await store.due(T0 + 1500, 10)).toEqual([{ id: 'user2@example.org', at: T0 + 1000 }]);
      expect((await store.due(T0 + 5000, 10)).map((d) => d.id)).toEqual(['user2@example.org', 'user1@example.org']);
      await updatePerson(store, 'user2@example.org', [{ type: 'invite.accepted' }], actor, T0, { dueAt: () => null });
      expect((await store.due(T0 + 5000, 10)).map((d) => d.id)).toEqual(['user1@example.org']);
    });

    it('pages the due set by instant: never splits one, never reads a page twice, however many share it', async () => {
      // 10 people due at +100 (one campaign's worth), 3 at +200, 12 at +300, then 5 one by one, and 2 not due yet.
      const dues = [
        ...Array.from({ length: 10 }, () => T0 + 100),
        ...Array.from({ length: 3 }, () => T0 + 200),
        ...Array.from({ length: 12 }, () => T0 + 300),
        T0 + 401,
        T0 + 402,
        T0 + 403,
        T0 + 404,
        T0 + 405,
        T0 + 9000,
        T0 + 9001,
      ];
      const people = dues.map((_, n) => person(n));
      await store.writePeople(
        people.map((p, n) => ({ expectedVersion: -1, after: p, action: 'import', dueAt: dues[n]! })),
        actor,
        T0,
      );
      const now = T0 + 1000;
      const pages: Awaited<ReturnType<MigrationStore['duePage']>>[] = [];
      let after: number | undefined;
      for (;;) {
        const page = await store.duePage(now, after, 4);
        if (!page.length) break;
        pages.push(page);
        after = page[page.length - 1]!.at;
      }
      const instants = pages.map((p) => [...new Set(p.map((e) => e.at - T0))]);
      expect(instants).toEqual([[100], [200], [300], [401, 402, 403, 404], [405]]);
      expect(pages.map((p) => p.length)).toEqual([10, 3, 12, 4, 1]);
      const ids = pages.flat().map((e) => e.id);
      expect(new Set(ids).size).toBe(30);
      expect(
        pages
          .flat()
          .every((e) => e.person?.id === e.id && e.person.firstName === `First${/user(\d+)@/.exec(e.id)![1]}`),
      ).toBe(true);
      expect(ids).toContain('user0@example.org');
      expect(ids).not.toContain('user30@example.org');
      for (const e of pages.flat()) expect(e.at).toBe(dues[Number(/user(\d+)@/.exec(e.id)![1])]);
    });

    describe('keep floors (the last admin)', () => {
      const keep = { index: 'role:admin', atLeast: 1 };
      const revoke = (s: MigrationStore, id: string, by: string) =>
        updatePerson(s, id, [{ type: 'role.revoked', role: 'admin' }], { id: by, source: 'slack' }, T0 + 1, { keep });
      const admin = (n: number) => person(n, { roles: ['admin'] });

      it('refuses a write that would empty a kept index, writing nothing, and counts the whole batch', async () => {
        const a = admin(1);
        const b = person(2);
        await store.writePeople(
          [a, b].map((p) => ({ expectedVersion: -1, after: p, action: 'import' })),
          actor,
          T0,
        );
        const revoked = applyEvent(a, { type: 'role.revoked', role: 'admin' }, T0 + 1);
        const granted = applyEvent(b, { type: 'role.granted', role: 'admin' }, T0 + 1);
        if (!revoked.ok || !granted.ok) throw new Error('events');
        const alone = { expectedVersion: 0, before: a, after: revoked.value, action: 'role.revoked', keep };
        const out = await store.writePeople([alone], actor, T0 + 1);
        expect(out).toEqual({ conflicts: [], refused: [a.id] });
        expect((await store.getPerson(a.id))?.roles).toEqual(['admin']);
        expect(await store.countIndex('role:admin')).toBe(1);
        expect((await store.readAudit(10)).map((e) => e.action)).toEqual(['import', 'import']);
        // A stale version is a conflict first: the caller re-reads before any refusal is decided.
        expect((await store.writePeople([{ ...alone, expectedVersion: 3 }], actor, T0 + 1)).conflicts).toEqual([a.id]);
        // Handing the role over in one batch keeps the floor.
        const handover = [alone, { expectedVersion: 0, before: b, after: granted.value, action: 'role.granted' }];
        expect((await store.writePeople(handover, actor, T0 + 1)).refused ?? []).toEqual([]);
        expect(await allIds(store, 'role:admin', 10)).toEqual([b.id]);
      });

      it('two admins removing each other at the same moment: one wins, the other is refused, one admin remains', async () => {
        for (let round = 0; round < 5; round++) {
          const s = make();
          const [a, b] = [admin(1), admin(2)];
          await s.writePeople(
            [a, b].map((p) => ({ expectedVersion: -1, after: p, action: 'import' })),
            actor,
            T0,
          );
          const results = await Promise.all([revoke(s, b.id, a.id), revoke(s, a.id, b.id)]);
          expect(results.filter((r) => r.ok)).toHaveLength(1);
          const lost = results.find((r) => !r.ok);
          expect(!lost?.ok && lost?.error.code).toBe('REFUSED');
          expect(await s.countIndex('role:admin')).toBe(1);
          expect((await s.readAudit(10)).filter((e) => e.action === 'role.revoked')).toHaveLength(1);
        }
      });

      it('many admins removing one another at once always leave at least one', async () => {
        const admins = [1, 2, 3, 4, 5].map(admin);
        await store.writePeople(
          admins.map((p) => ({ expectedVersion: -1, after: p, action: 'import' })),
          actor,
          T0,
        );
        const results = await Promise.all(
          admins.map((p, i) => revoke(store, admins[(i + 1) % admins.length]!.id, p.id)),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(4);
        expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['REFUSED']);
        const left = await allIds(store, 'role:admin', 10);
        expect(left).toHaveLength(1);
        expect((await store.getPerson(left[0]!))?.roles).toEqual(['admin']);
        expect(await store.counters()).toEqual(
          countersOf((await store.getPeople(admins.map((p) => p.id))) as Person[]),
        );
      });
    });

    it('compare-and-sets a doc only when it is still as read, and one of many concurrent setters wins', async () => {
      type Ticket = { status: string; by?: string; at?: number; tags: Record<string, number> };
      const open: Ticket = { status: 'open', tags: { '10': 1, b: 2, '2': 3, a: 4 } };
      await store.putDoc('ticket', 't1', open);
      const read = (await store.getDoc<Ticket>('ticket', 't1'))!;
      const takes = await Promise.all(
        ['a1', 'a2', 'a3', 'a4'].map((by, i) =>
          store.compareAndSetDoc('ticket', 't1', read, { ...read, status: 'taken', by, at: i }),
        ),
      );
      expect(takes.filter(Boolean)).toHaveLength(1);
      const winner = ['a1', 'a2', 'a3', 'a4'][takes.indexOf(true)];
      const now = await store.getDoc<Ticket>('ticket', 't1');
      expect(now).toMatchObject({ status: 'taken', by: winner });
      // The stale read no longer matches; the fresh one does (a doc read back compares equal to itself).
      expect(await store.compareAndSetDoc('ticket', 't1', read, { ...read, status: 'resolved' })).toBe(false);
      expect(await store.compareAndSetDoc('ticket', 't1', now, { ...now!, status: 'resolved' })).toBe(true);
      expect((await store.getDoc<Ticket>('ticket', 't1'))?.status).toBe('resolved');
      // A gone doc never matches, and nothing is created.
      expect(await store.compareAndSetDoc('ticket', 'missing', read, read)).toBe(false);
      expect(await store.compareAndSetDoc('ticket', 'missing', undefined, read)).toBe(false);
      expect(await store.getDoc('ticket', 'missing')).toBeUndefined();
    });

    it('grants a lease to exactly one of many concurrent takers, and again once it expires', async () => {
      const taken = await Promise.all(
        ['a', 'b', 'c', 'd'].map((o) => store.acquireLease('tick:reminders:202611020900', o, 150)),
      );
      expect(taken.filter(Boolean)).toHaveLength(1);
      expect(await store.acquireLease('tick:other', 'a', 150)).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(await store.acquireLease('tick:reminders:202611020900', 'b', 150)).toBe(true);
    });

    it('stores documents, set-once documents and bounded histories', async () => {
      await store.putDoc('server', 'lic01', { address: '27000@lic01' });
      await store.putDoc('server', 'lic00', { address: '27000@lic00' });
      expect(await store.getDoc('server', 'lic01')).toEqual({ address: '27000@lic01' });
      expect((await store.listDocs('server')).map((d) => d.id)).toEqual(['lic00', 'lic01']);
      await store.deleteDoc('server', 'lic00');
      expect(await store.getDoc('server', 'lic00')).toBeUndefined();
      expect(await store.putDocIfAbsent('told', 'lic01', { at: 1 })).toBe(true);
      expect(await store.putDocIfAbsent('told', 'lic01', { at: 2 })).toBe(false);
      expect(await store.getDoc('told', 'lic01')).toEqual({ at: 1 });
      for (let i = 0; i < 7; i++) await store.pushHistory('poll', 'lic01', { i }, 5);
      expect(await store.readHistory('poll', 'lic01', 10)).toEqual([{ i: 6 }, { i: 5 }, { i: 4 }, { i: 3 }, { i: 2 }]);
      expect(await store.readHistory('poll', 'lic01', 2)).toEqual([{ i: 6 }, { i: 5 }]);
      await store.ping();
    });
  });
}

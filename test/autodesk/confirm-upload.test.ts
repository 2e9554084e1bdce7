import { describe, expect, it } from 'vitest';
import { applyConfirmedUpload } from '../../src/autodesk/csv/apply-confirmed-upload.ts';
import { confirmUpload } from '../../src/autodesk/csv/confirm-upload.ts';
import { createCsvProvider } from '../../src/autodesk/csv/csv-provider.ts';
import { createPerson } from '../../src/services/update-person.ts';
import type { Actor, Person } from '../../src/domain/types.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { DAY, T0, person } from './people.ts';

const actor: Actor = { id: 'admin@example.org', source: 'cli' };
const csv = createCsvProvider({ now: () => T0 });
const lookupOf = (people: Person[]) => (id: string) => people.find((p) => p.id === id);

describe('confirmUpload (pure)', () => {
  it('turns an invitation file into invite.sent and an assignment file into product.assigned (roster spelling)', async () => {
    const people = [person('a@example.org'), person('b@example.org', { products: ['autocad'] })];
    const invites = await csv.invite(people);
    const seats = await csv.assign('AutoCAD', people);
    const plan = confirmUpload([...invites.files, ...seats.files], lookupOf(people));
    expect(plan.changes).toEqual([
      {
        personId: 'a@example.org',
        events: [{ type: 'invite.sent' }, { type: 'product.assigned', product: 'AutoCAD' }],
      },
      {
        personId: 'b@example.org',
        events: [{ type: 'invite.sent' }, { type: 'product.assigned', product: 'autocad' }],
      },
    ]);
    expect(plan.missing).toEqual([]);
  });

  it('does not resend to people invited after the file was built, and reports people gone from the roster', async () => {
    const files = (await csv.invite([person('a@example.org'), person('gone@example.org'), person('c@example.org')]))
      .files;
    const now = [
      person('a@example.org', {}, [{ type: 'invite.sent' }], T0 + DAY),
      person('c@example.org', {}, [{ type: 'invite.sent' }], T0 - 95 * DAY),
    ];
    const plan = confirmUpload(files, lookupOf(now));
    expect(plan.changes).toEqual([{ personId: 'c@example.org', events: [{ type: 'invite.sent' }] }]);
    expect(plan.missing).toEqual(['gone@example.org']);
  });

  it('ignores files it did not build', () => {
    const plan = confirmUpload(
      [{ name: 'x.csv', content: 'First Name,Last Name,Email\r\n', uploadTo: '', rows: 0 }],
      () => person('a@example.org'),
    );
    expect(plan.changes).toEqual([]);
  });
});

describe('applyConfirmedUpload', () => {
  it('moves people to invited / assigned once; a second confirmation changes nothing', async () => {
    const store = createMemoryStore('confirm-upload');
    const people = [person('a@example.org'), person('b@example.org')];
    for (const p of people) await createPerson(store, p, actor, T0);
    const files = [...(await csv.invite(people)).files, ...(await csv.assign('Revit', people)).files];

    const first = await applyConfirmedUpload(store, files, actor, T0 + 1000);
    expect(first).toMatchObject({ changed: 4, people: 2, alreadyDone: 0, errors: [], missing: [] });
    const a = await store.getPerson('a@example.org');
    expect(a?.invite).toEqual({ status: 'invited', at: T0 + 1000, firstAt: T0 + 1000, sends: 1 });
    expect(a?.assignments.Revit).toEqual({ status: 'assigned', at: T0 + 1000 });

    const second = await applyConfirmedUpload(store, files, actor, T0 + 2000);
    expect(second).toMatchObject({ changed: 0, people: 0 });
    expect((await store.getPerson('a@example.org'))?.invite).toMatchObject({ sends: 1 });
    expect((await store.readAudit(10)).filter((e) => e.detail === 'upload-confirmed')).toHaveLength(4);
  });
});

describe('applyConfirmedUpload, twice at once', () => {
  it('counts one send when two admins confirm the same file concurrently', async () => {
    const store = createMemoryStore('confirm-race');
    const people = [person('a@example.org'), person('b@example.org')];
    for (const p of people) await createPerson(store, p, actor, T0);
    const files = (await csv.invite(people)).files;
    const [x, y] = await Promise.all([
      applyConfirmedUpload(store, files, actor, T0 + 5),
      applyConfirmedUpload(store, files, actor, T0 + 5),
    ]);
    expect(x.changed + y.changed).toBe(2);
    for (const id of ['a@example.org', 'b@example.org'])
      expect((await store.getPerson(id))?.invite).toMatchObject({ status: 'invited', sends: 1 });
  });
});

// `reconcile` without the Team Admin API: Autodesk Account's user export, attached, is read and applied once; a file
// that is not an export changes nothing; no file asks for one — in the admin's words.
import { describe, expect, it } from 'vitest';
import { ADMIN, assertRenders, bench, textOf } from './harness.ts';

const ROSTER = [
  'email,first name,last name,products',
  'anne@example.org,Anne,Martin,AutoCAD',
  'bart@example.org,Bart,Peeters,Revit',
].join('\n');
const EXPORT = [
  'email,first_name,last_name,account_status,product_name,seat_assignment',
  'anne@example.org,Anne,Martin,Active,AutoCAD - including specialized toolsets,Assigned',
  'zoe@example.org,Zoe,Outsider,Active,Revit,Assigned',
].join('\r\n');

describe('reconcile with an export', () => {
  it('applies what the export shows, once', async () => {
    const b = bench();
    await b.say(ADMIN, `import\n${ROSTER}`);
    const r = await b.say(ADMIN, 'reconcile', [{ name: 'users.csv', content: Buffer.from(EXPORT) }]);
    assertRenders(r);
    expect(textOf(r)).toContain('Read from the attached export (2 rows).');
    expect(textOf(r)).toContain(
      '1 people found in Autodesk, 1 updated. Not in Autodesk: 1. Seats the roster has but Autodesk does not show: 0. In Autodesk but not in the roster: 1.',
    );
    const anne = await b.store.getPerson('anne@example.org');
    expect(anne?.invite.status).toBe('active');
    expect(anne?.assignments.AutoCAD?.status).toBe('assigned');
    const again = await b.say(ADMIN, 'reconcile', [{ name: 'users.csv', content: Buffer.from(EXPORT) }]);
    expect(textOf(again)).toContain('1 people found in Autodesk, 0 updated.');
  });

  it('asks for the export, and refuses a file that is not one, changing nothing', async () => {
    const b = bench();
    await b.say(ADMIN, `import\n${ROSTER}`);
    expect(textOf(await b.say(ADMIN, 'reconcile'))).toContain('Attach the user export from Autodesk Account');
    const bad = await b.say(ADMIN, 'reconcile', [{ name: 'x.csv', content: Buffer.from('name,products\nx,y') }]);
    expect(textOf(bad)).toContain('That file cannot be read as an Autodesk export');
    expect((await b.store.getPerson('anne@example.org'))?.invite.status).toBe('not_invited');
  });
});

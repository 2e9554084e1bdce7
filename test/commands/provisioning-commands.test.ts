import { describe, expect, it } from 'vitest';
import { createCsvProvider } from '../../src/autodesk/csv/csv-provider.ts';
import { createSimulatorProvider } from '../../src/autodesk/simulator-provider.ts';
import { ADMIN, assertRenders, bench, T0, textOf } from './harness.ts';

const ROSTER = [
  'email,first name,last name,manager,department,products',
  'anne@example.org,Anne,Martin,boss@example.org,Design,AutoCAD',
  'bart@example.org,Bart,Peeters,boss@example.org,Design,AutoCAD;Revit',
  'not-an-email,Bad,Row,,,',
].join('\n');

describe('import', () => {
  it('imports pasted lines, reports rejected lines, and audits the change with the chat platform as source', async () => {
    const b = bench();
    const r = await b.say(ADMIN, `import\n${ROSTER}`);
    assertRenders(r);
    expect(textOf(r)).toContain('Created: 2');
    expect(textOf(r)).toContain('Line 4');
    expect((await b.store.getPerson('bart@example.org'))?.products).toEqual(['AutoCAD', 'Revit']);
    const audit = await b.store.readAudit(10);
    expect(audit.find((e) => e.person === 'anne@example.org')).toMatchObject({ actor: ADMIN, source: 'slack' });
    const again = await b.say(ADMIN, `import\n${ROSTER}`);
    expect(textOf(again)).toContain('Unchanged: 2');
  });

  it('reads an attached CSV file, and a dry run writes nothing', async () => {
    const b = bench();
    const dry = await b.say(ADMIN, 'import --dry-run', [{ name: 'roster.csv', content: Buffer.from(ROSTER) }]);
    expect(textOf(dry)).toContain('Would create: 2');
    expect(await b.store.getPerson('anne@example.org')).toBeUndefined();
    const real = await b.say(ADMIN, 'import', [{ name: 'roster.csv', content: Buffer.from(ROSTER) }]);
    expect(textOf(real)).toContain('Created: 2');
    expect(await b.store.getPerson('anne@example.org')).toBeDefined();
  });

  it('imports a name Autodesk probably accepts ("Administrator") with a warning and its line, refuses "Admin"', async () => {
    const b = bench();
    const csv = 'First Name,Last Name,Email\nAnne,Administrator,anne@example.org\nBart,Admin,bart@example.org\n';
    const r = textOf(await b.say(ADMIN, `import\n${csv}`));
    expect(r).toContain('Line 2 (imported, check)');
    expect(r).toContain('last name \\"Administrator\\" contains \\"admin\\" inside a word');
    expect(r).toContain('last name contains \\"admin\\", which Autodesk Account rejects');
    expect(await b.store.getPerson('anne@example.org')).toBeDefined();
    expect(await b.store.getPerson('bart@example.org')).toBeUndefined();
  });

  it('asks for a file when there is none, and refuses a file without the required columns', async () => {
    const b = bench();
    expect(textOf(await b.say(ADMIN, 'import'))).toContain('Attach a CSV');
    const r = await b.say(ADMIN, 'import\nfoo,bar\n1,2');
    expect(textOf(r)).toContain('refused');
    expect(await b.store.counters()).toEqual({});
  });
});

describe('invite', () => {
  it('with the simulator: invites now, marks people invited, and never twice', async () => {
    const sim = createSimulatorProvider({ now: () => T0 });
    const b = bench({ provisioning: sim });
    await b.add({ email: 'anne@example.org', firstName: 'Anne', lastName: 'Martin' });
    await b.add({ email: 'bad@example.org', firstName: 'Support', lastName: 'Desk' });
    const r = await b.say(ADMIN, 'invite pending');
    assertRenders(r);
    expect((await b.store.getPerson('anne@example.org'))?.invite.status).toBe('invited');
    expect((await b.store.getPerson('bad@example.org'))?.invite.status).toBe('not_invited');
    expect(textOf(r)).toContain('Done: 1');
    expect(textOf(r)).toContain('support');
    const audit = await b.store.readAudit(5);
    expect(audit.find((e) => e.action === 'invite.sent')).toMatchObject({
      actor: ADMIN,
      source: 'slack',
      person: 'anne@example.org',
    });
    const again = await b.say(ADMIN, 'invite anne@example.org');
    expect(textOf(again)).toContain('Done: 0');
    expect(textOf(again)).toContain('Already done before: 1');
    expect(sim.snapshot().invited).toEqual(['anne@example.org']);
    const person = await b.store.getPerson('anne@example.org');
    expect(person?.invite.status === 'invited' && person.invite.sends).toBe(1);
  });

  it('with the simulator: a failure marks step 1 failed', async () => {
    const sim = createSimulatorProvider({ now: () => T0, failFor: ['anne@example.org'] });
    const b = bench({ provisioning: sim });
    await b.add({ email: 'anne@example.org', firstName: 'Anne', lastName: 'Martin' });
    const r = await b.say(ADMIN, 'invite anne@example.org');
    expect(textOf(r)).toContain('Failed: 1');
    expect((await b.store.getPerson('anne@example.org'))?.invite.status).toBe('failed');
  });

  it('with CSV files: gives the files, keeps a batch, and moves people only on confirm, once', async () => {
    const b = bench({ provisioning: createCsvProvider({ now: () => T0 }) });
    await b.add({ email: 'anne@example.org', firstName: 'Anne', lastName: 'Martin' });
    await b.add({ email: 'bart@example.org', firstName: 'Bart', lastName: 'Peeters' });
    const r = await b.say(ADMIN, 'invite all');
    assertRenders(r);
    expect(r.cards[0]?.name).toBe('provisioning-result');
    expect(r.files?.[0]?.content).toContain('anne@example.org');
    expect(r.files?.[0]?.mimeType).toBe('text/csv');
    expect((await b.store.getPerson('anne@example.org'))?.invite.status).toBe('not_invited');
    const command = /`(invite confirm [^`]+)`/.exec(textOf(r))?.[1];
    expect(command).toBeDefined();
    const ok = await b.say(ADMIN, command!);
    assertRenders(ok);
    expect(textOf(ok)).toContain('2 people moved on');
    expect((await b.store.getPerson('anne@example.org'))?.invite.status).toBe('invited');
    const twice = await b.say(ADMIN, command!);
    expect(textOf(twice)).toContain('already confirmed');
    const person = await b.store.getPerson('anne@example.org');
    expect(person?.invite.status === 'invited' && person.invite.sends).toBe(1);
    expect(textOf(await b.say(ADMIN, command!.replace('invite', 'assign')))).toContain('no assign batch');
    expect(textOf(await b.say(ADMIN, 'invite confirm b0nope'))).toContain('no invite batch');
  });

  it('the upload can also be confirmed with a button, by an admin only', async () => {
    const b = bench({ provisioning: createCsvProvider({ now: () => T0 }) });
    await b.add({ email: 'anne@example.org', firstName: 'Anne', lastName: 'Martin' });
    const r = await b.say(ADMIN, 'invite pending');
    const batch = /`invite confirm ([^`]+)`/.exec(textOf(r))?.[1];
    expect((await b.click('anne@example.org', 'confirm-upload', { batch, kind: 'invite' })).refused).toBe(true);
    expect((await b.store.getPerson('anne@example.org'))?.invite.status).toBe('not_invited');
    const ok = await b.click(ADMIN, 'confirm-upload', { batch, kind: 'invite' });
    assertRenders(ok);
    expect((await b.store.getPerson('anne@example.org'))?.invite.status).toBe('invited');
  });
});

describe('assign', () => {
  it('assigns a product to the people who have it in scope, matching its name case-insensitively', async () => {
    const b = bench({ provisioning: createSimulatorProvider({ now: () => T0 }) });
    await b.add({ email: 'anne@example.org', products: ['AutoCAD'] }, [{ type: 'invite.sent' }]);
    await b.add({ email: 'bart@example.org', products: ['AutoCAD', 'Revit'] }, [{ type: 'invite.sent' }]);
    await b.add({ email: 'chloe@example.org', products: ['Revit'] }, [{ type: 'invite.sent' }]);
    const r = await b.say(ADMIN, 'assign autocad pending');
    assertRenders(r);
    expect(textOf(r)).toContain('Done: 2');
    expect((await b.store.getPerson('bart@example.org'))?.assignments.AutoCAD?.status).toBe('assigned');
    expect((await b.store.getPerson('chloe@example.org'))?.assignments.AutoCAD).toBeUndefined();
    const again = await b.say(ADMIN, 'assign AutoCAD anne@example.org chloe@example.org');
    expect(textOf(again)).toContain('Already done before: 1');
    expect(textOf(again)).toContain('not among this person');
  });

  it('answers an unknown product with the known ones and sends nothing', async () => {
    const sim = createSimulatorProvider({ now: () => T0 });
    const b = bench({ provisioning: sim });
    await b.add({ email: 'anne@example.org', products: ['AutoCAD'] });
    const r = await b.say(ADMIN, 'assign Maya pending');
    expect(textOf(r)).toContain('Known products: AutoCAD');
    expect(sim.snapshot().assigned).toEqual({});
  });

  it('with CSV files: one file per product, confirmed with assign confirm', async () => {
    const b = bench({ provisioning: createCsvProvider({ now: () => T0 }) });
    await b.add({ email: 'anne@example.org', firstName: 'Anne', lastName: 'Martin', products: ['AutoCAD LT'] }, [
      { type: 'invite.sent' },
    ]);
    const r = await b.say(ADMIN, 'assign "AutoCAD LT" pending');
    expect(r.files).toHaveLength(1);
    const command = /`(assign confirm [^`]+)`/.exec(textOf(r))?.[1];
    await b.say(ADMIN, command!);
    expect((await b.store.getPerson('anne@example.org'))?.assignments['AutoCAD LT']?.status).toBe('assigned');
  });
});

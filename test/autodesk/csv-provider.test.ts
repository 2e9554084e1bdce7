import { describe, expect, it } from 'vitest';
import { csvCell as csvField, csvRecords as csvText } from '../../src/domain/csv-writer.ts';
import { createCsvProvider } from '../../src/autodesk/csv/csv-provider.ts';
import { fileSlug } from '../../src/autodesk/csv/file-names.ts';
import { DAY, T0, person } from './people.ts';

const provider = (now = T0) => createCsvProvider({ now: () => now });

describe('csv text', () => {
  it('quotes only fields with a comma, a quote, CR or LF, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Smith, Jr.')).toBe('"Smith, Jr."');
    expect(csvField('Van "Dam"')).toBe('"Van ""Dam"""');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField("O'Brien")).toBe("O'Brien");
  });

  it('ends every record with CRLF', () => {
    expect(
      csvText([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('a,b\r\nc,d\r\n');
  });
});

describe('csv provider: invitations', () => {
  it('writes the import file byte for byte: header, RFC 4180 quoting, CRLF, UTF-8 without BOM', async () => {
    const r = await provider().invite([
      person('anne@example.org', { firstName: 'Anne, Marie', lastName: 'Van "Dam"' }),
      person('Jose@Example.org', { firstName: 'José', lastName: 'Núñez' }),
    ]);
    expect(r.files).toHaveLength(1);
    const file = r.files[0]!;
    expect(file.name).toBe('invite-users-1.csv');
    expect(file.rows).toBe(2);
    expect(file.uploadTo).toBe(
      'Autodesk Account (manage.autodesk.com) > User Management > By User > Invite users > Import',
    );
    const expected =
      'First Name,Last Name,Email\r\n"Anne, Marie","Van ""Dam""",anne@example.org\r\nJosé,Núñez,Jose@Example.org\r\n';
    expect(Buffer.from(file.content, 'utf8').equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(Buffer.from(file.content, 'utf8')[0]).toBe(0x46);
    expect(file.personIds).toEqual(['anne@example.org', 'jose@example.org']);
    expect(r).toMatchObject({
      applied: false,
      done: ['anne@example.org', 'jose@example.org'],
      alreadyDone: [],
      rejected: [],
      failed: [],
    });
  });

  it('splits at 5,000 rows, every file with its header', async () => {
    const people = Array.from({ length: 10_001 }, (_, i) =>
      person(`u${i}@example.org`, { firstName: `F${i}`, lastName: `L${i}` }),
    );
    const r = await provider().invite(people);
    expect(r.files.map((f) => [f.name, f.rows])).toEqual([
      ['invite-users-1.csv', 5000],
      ['invite-users-2.csv', 5000],
      ['invite-users-3.csv', 1],
    ]);
    for (const f of r.files) expect(f.content.startsWith('First Name,Last Name,Email\r\n')).toBe(true);
    expect(r.files[0]!.content.split('\r\n')).toHaveLength(5002);
    expect(r.files[2]!.content).toBe('First Name,Last Name,Email\r\nF10000,L10000,u10000@example.org\r\n');
    expect(r.inviteMultiple).toBeUndefined();
  });

  it('lists names Autodesk would reject with the reason, and leaves them out of the file', async () => {
    const r = await provider().invite([
      person('ok@example.org'),
      person('help@example.org', { firstName: 'IT', lastName: 'Support' }),
      person('slash@example.org', { lastName: 'Lee/Park' }),
      person('noname@example.org', { firstName: ' ' }),
      person('bad-address@', {}),
    ]);
    expect(r.done).toEqual(['ok@example.org']);
    expect(r.rejected.map((x) => x.personId)).toEqual([
      'help@example.org',
      'slash@example.org',
      'noname@example.org',
      'bad-address@',
    ]);
    expect(r.rejected[0]!.reason).toMatch(/last name contains "support"/);
    expect(r.rejected[1]!.reason).toMatch(/"\/"/);
    expect(r.rejected[2]!.reason).toMatch(/first name is empty/);
    expect(r.rejected[3]!.reason).toMatch(/e-mail address is not valid/);
    expect(r.files[0]!.content).toBe('First Name,Last Name,Email\r\nAnn,Lee,ok@example.org\r\n');
  });

  it('is idempotent: active and recently invited people are not in the file; stale invitations are flagged or re-added', async () => {
    const now = T0 + 100 * DAY;
    const r = await provider(now).invite([
      person('new@example.org'),
      person('active@example.org', {}, [{ type: 'invite.sent' }, { type: 'invite.accepted' }]),
      person('fresh@example.org', {}, [{ type: 'invite.sent' }], now - 2 * DAY),
      person('stale@example.org', {}, [{ type: 'invite.sent' }], now - 8 * DAY),
      person('void@example.org', {}, [{ type: 'invite.sent' }], now - 91 * DAY),
      person('failed@example.org', {}, [{ type: 'invite.failed', reason: 'bounced' }]),
      person('new@example.org'),
    ]);
    expect(r.done).toEqual(['new@example.org', 'void@example.org', 'failed@example.org']);
    expect(r.alreadyDone).toEqual(['active@example.org', 'fresh@example.org', 'stale@example.org']);
    expect(r.resendDue).toEqual(['stale@example.org']);
    expect(r.files[0]!.personIds).toEqual(['new@example.org', 'void@example.org', 'failed@example.org']);
    expect(r.files[0]!.content).not.toContain('fresh@example.org');
  });

  it('produces no file when everybody is already invited', async () => {
    const r = await provider().invite([person('a@example.org', {}, [{ type: 'invite.sent' }])]);
    expect(r).toMatchObject({ files: [], done: [], alreadyDone: ['a@example.org'] });
    expect(r.inviteMultiple).toBeUndefined();
  });

  it('offers the Invite Multiple paste text for up to 50 safe entries only', async () => {
    const two = await provider().invite([
      person('a@example.org'),
      person('b@example.org', { firstName: 'Bo', lastName: "O'Neil" }),
    ]);
    expect(two.inviteMultiple).toEqual({
      text: "Ann, Lee, a@example.org; Bo, O'Neil, b@example.org",
      uploadTo: 'Autodesk Account (manage.autodesk.com) > User Management > By User > Invite users > Invite Multiple',
    });
    const fifty = await provider().invite(Array.from({ length: 50 }, (_, i) => person(`p${i}@example.org`)));
    expect(fifty.inviteMultiple?.text.split('; ')).toHaveLength(50);
    const many = await provider().invite(Array.from({ length: 51 }, (_, i) => person(`p${i}@example.org`)));
    expect(many.inviteMultiple).toBeUndefined();
    const comma = await provider().invite([person('a@example.org', { lastName: 'Lee, Jr.' })]);
    expect(comma.inviteMultiple).toBeUndefined();
    expect(comma.files).toHaveLength(1);
  });
});

describe('csv provider: assignments', () => {
  it('writes one file per product named after it, skipping people who hold the seat', async () => {
    const people = [
      person('a@example.org'),
      person('b@example.org', {}, [{ type: 'product.assigned', product: 'AutoCAD' }]),
      person('c@example.org', { products: ['Revit'] }),
    ];
    const acad = await provider().assign('AutoCAD', people);
    expect(acad.files.map((f) => f.name)).toEqual(['assign-autocad-1.csv']);
    expect(acad.files[0]!.content).toBe('First Name,Last Name,Email\r\nAnn,Lee,a@example.org\r\n');
    expect(acad.files[0]!.uploadTo).toBe(
      'Autodesk Account (manage.autodesk.com) > User Management > By Product > AutoCAD > Assign users > Import to assign',
    );
    expect(acad.files[0]).toMatchObject({ kind: 'assign', product: 'AutoCAD', personIds: ['a@example.org'] });
    expect(acad.alreadyDone).toEqual(['b@example.org']);
    expect(acad.rejected).toEqual([
      { personId: 'c@example.org', reason: "AutoCAD is not among this person's products" },
    ]);

    const revit = await provider().assign('Revit', people);
    expect(revit.files.map((f) => [f.name, f.rows])).toEqual([['assign-revit-1.csv', 3]]);
  });

  it('splits a product at 5,000 rows', async () => {
    const people = Array.from({ length: 5001 }, (_, i) => person(`u${i}@example.org`));
    const r = await provider().assign('Revit', people);
    expect(r.files.map((f) => [f.name, f.rows])).toEqual([
      ['assign-revit-1.csv', 5000],
      ['assign-revit-2.csv', 1],
    ]);
  });

  it('makes safe file names from any product name', () => {
    expect(fileSlug('AutoCAD - including specialized toolsets')).toBe('autocad-including-specialized-toolsets');
    expect(fileSlug('Revit/Structure: Überpaket 2026')).toBe('revit-structure-uberpaket-2026');
    expect(fileSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(fileSlug('***')).toBe('product');
    expect(fileSlug('x'.repeat(80))).toHaveLength(40);
  });
});

import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry.ts';
import { notInMigrationReply } from '../../src/replies/not-in-migration.ts';
import { ADMIN, ASSIGNED, assertRenders, bench, INFORMED, linkSlack, textOf } from './harness.ts';

/** A well-formed use of every admin-only command (so the refusal, not a usage error, is what answers). */
const ADMIN_USES: Record<string, string> = {
  admins: 'admins add user@example.org',
  notify: 'notify pending',
  remind: 'remind pending',
  sync: 'sync',
  resend: 'resend failed',
  cancel: 'cancel',
  export: 'export',
  schedule: 'schedule summary 07:45',
  import: 'import\nemail,first name,last name\nnew@example.org,New,Person',
  invite: 'invite pending',
  assign: 'assign AutoCAD pending',
  servers: 'servers plan lic01 2026-12-11',
  decommission: 'decommission lic01 confirm',
  devices: 'devices rotate-token',
  connect: 'connect autodesk',
  disconnect: 'disconnect autodesk',
  reconcile: 'reconcile',
};

const adminCommands = COMMANDS.filter((c) => c.access === 'admin').map((c) => c.name);

describe('admin-only commands', () => {
  it('every admin command has a row in the refusal table', () => {
    expect(adminCommands.filter((n) => !ADMIN_USES[n])).toEqual([]);
  });

  it.each(adminCommands)('%s is refused to a non-admin, audited, and changes nothing', async (name) => {
    const b = bench();
    await b.add({ email: 'user@example.org' }, ASSIGNED);
    await b.add({ email: 'other@example.org' }, INFORMED);
    const before = await b.store.getPeople(['user@example.org', 'other@example.org']);
    const countersBefore = await b.store.counters();
    const reply = await b.say('user@example.org', ADMIN_USES[name]!);
    expect(reply.refused).toBe(true);
    expect(reply.files).toBeUndefined();
    expect(textOf(reply)).toContain('Only migration admins');
    const audit = await b.store.readAudit(10);
    expect(audit[0]).toMatchObject({ action: `refused:${name}`, actor: 'user@example.org', source: 'slack' });
    expect(audit.filter((e) => e.action !== 'test.seed')).toHaveLength(1);
    expect(await b.store.getPeople(['user@example.org', 'other@example.org'])).toEqual(before);
    expect(await b.store.counters()).toEqual(countersBefore);
    expect(b.delivery.jobs).toEqual([]);
  });

  it('a chat user outside the migration gets one answer for every command and click, help included; nothing changes', async () => {
    const b = bench({ env: { MIGRATION_NAME: 'Acme licences', ORGANISATION_NAME: 'Acme IT' } });
    await b.add({ email: 'anne@example.org' }, INFORMED);
    const before = await b.store.getPerson('anne@example.org');
    const expected = notInMigrationReply(b.ctx.config, 'en');
    expect(textOf(expected)).toContain('You are not on its list');
    expect(textOf(expected)).toContain('Acme licences');
    expect(textOf(expected)).toContain('Acme IT');
    const replies = [
      ...(await Promise.all(
        ['help', 'status', 'lang fr', 'stop', 'notify pending', 'nonsense'].map((text) => b.say(undefined, text)),
      )),
      await b.click(undefined, 'signed_in', { personId: 'anne@example.org' }),
      await b.click(undefined, 'take_help', { requestId: 'x' }),
    ];
    for (const r of replies) {
      assertRenders(r);
      expect(r).toEqual(expected);
    }
    expect(await b.store.getPerson('anne@example.org')).toEqual(before);
    const audit = (await b.store.readAudit(20)).filter((e) => e.action !== 'test.seed');
    expect(audit).toHaveLength(8);
    expect(
      audit.every(
        (e) => e.action === 'refused:not_in_migration' && e.actor === 'slack:U-nobody' && e.person === undefined,
      ),
    ).toBe(true);
    expect(audit.map((e) => e.detail).sort()).toEqual([...Array(2).fill('card_action'), ...Array(6).fill('command')]);
  });

  it('answers in the language the platform reported; a linked chat user whose person left the roster is outside too', async () => {
    const b = bench();
    const de = await b.handle({
      kind: 'command',
      actor: { platform: 'teams', userId: '29:x', locale: 'de-AT' },
      text: 'help',
    });
    expect(de).toEqual(notInMigrationReply(b.ctx.config, 'de'));
    expect(textOf(de)).toContain('Sie stehen nicht auf der Liste');
    await linkSlack(b.store, 'U-gone', 'gone@example.org');
    expect(await b.handle({ kind: 'command', actor: { platform: 'slack', userId: 'U-gone' }, text: 'help' })).toEqual(
      notInMigrationReply(b.ctx.config, 'en'),
    );
    // A person id the channel passes is not enough: the roster (or ADMIN_EMAILS) decides.
    expect(await b.say('ghost@example.org', 'help')).toEqual(notInMigrationReply(b.ctx.config, 'en'));
  });

  it('a foreign actor is never resolved to a person, even through a remembered link', async () => {
    const b = bench();
    await linkSlack(b.store, 'U-linked', ADMIN);
    const r = await b.handle({
      kind: 'command',
      actor: { platform: 'slack', userId: 'U-linked', personId: ADMIN, foreign: true },
      text: 'schedule',
    });
    expect(r).toEqual(notInMigrationReply(b.ctx.config, 'en'));
  });

  it('a configured admin outside the roster is served, by person id or by a linked chat user id', async () => {
    const b = bench();
    expect(await b.store.getPerson(ADMIN)).toBeUndefined();
    const r = await b.say(ADMIN, 'admins');
    expect(r.refused).toBeUndefined();
    expect(textOf(r)).toContain('ADMIN_EMAILS');
  });

  it('a configured admin is recognised through a linked chat user id, without a person id from the channel', async () => {
    const b = bench();
    await linkSlack(b.store, 'U-linked', ADMIN);
    const r = await b.handle({ kind: 'command', actor: { platform: 'slack', userId: 'U-linked' }, text: 'schedule' });
    expect(r.refused).toBeUndefined();
    expect(textOf(r)).toContain('Schedule');
  });

  it('people granted the admin role are admins; help shows them the admin commands', async () => {
    const b = bench();
    await b.add({ email: 'second@example.org', roles: ['admin'] });
    const r = await b.say('second@example.org', 'help');
    expect(textOf(r)).toContain('notify <pending | email…>');
    const plain = await b.add({ email: 'plain@example.org' });
    const h = await b.say(plain.id, 'help');
    expect(textOf(h)).not.toContain('notify <pending');
    expect(textOf(h)).toContain('lang <en|fr|nl|de>');
  });
});

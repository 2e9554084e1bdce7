import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry.ts';
import { ADMIN, ASSIGNED, bench, INFORMED, linkSlack, textOf } from './harness.ts';

/** A well-formed use of every admin-only command (so the refusal, not a usage error, is what answers). */
const ADMIN_USES: Record<string, string> = {
  admins: 'admins add user@example.org',
  notify: 'notify pending',
  remind: 'remind pending',
  resend: 'resend failed',
  cancel: 'cancel',
  export: 'export',
  schedule: 'schedule summary 07:45',
  import: 'import\nemail,first name,last name\nnew@example.org,New,Person',
  invite: 'invite pending',
  assign: 'assign AutoCAD pending',
  servers: 'servers plan lic01 2026-12-11',
  decommission: 'decommission lic01 confirm',
  script: 'script windows',
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

  it('an unknown chat user may only ask for help', async () => {
    const b = bench();
    const help = await b.say(undefined, 'help');
    expect(help.refused).toBeUndefined();
    expect(textOf(help)).toContain('cannot link your chat account');
    expect(textOf(help)).not.toContain('notify');
    for (const text of ['status', 'lang fr', 'stop', 'notify pending']) {
      const r = await b.say(undefined, text);
      expect(r.refused, text).toBe(true);
      expect(textOf(r)).toContain('do not know who you are');
    }
    expect((await b.store.readAudit(10)).map((e) => e.action)).toEqual(['refused:notify', 'refused:stop', 'refused:lang', 'refused:status']);
    expect((await b.store.readAudit(1))[0]?.actor).toBe('slack:U-nobody');
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

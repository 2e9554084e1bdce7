import { describe, expect, it } from 'vitest';
import type { LicenseServerPoll } from '../../src/domain/license-server.ts';
import { POLL_HISTORY, SERVER_DOC } from '../../src/commands/server-overview.ts';
import { scheduleInForce } from '../../src/schedule/schedule-settings.ts';
import { updatePerson } from '../../src/services/update-person.ts';
import { verifyDeviceToken } from '../../src/device-reports/device-token.ts';
import { ADMIN, ASSIGNED, assertRenders, bench, INFORMED, T0, textOf } from './harness.ts';

const HOUR = 3600 * 1000;
const SERVERS = JSON.stringify([
  { id: 'lic01', address: '27000@lic01.example.org' },
  { id: 'lic02', address: '27000@lic02.example.org' },
]);

describe('export', () => {
  it('gives the per-person report as a CSV file with formula-looking cells defused', async () => {
    const b = bench();
    await b.add(
      { email: 'anne@example.org', firstName: '=HYPERLINK("http://evil")', lastName: '+1', department: '@dept' },
      INFORMED,
    );
    await b.add({ email: 'bart@example.org', firstName: 'Bart', lastName: '-Peeters' }, [
      ...INFORMED,
      { type: 'reminder.opted_out' },
    ]);
    const r = await b.say(ADMIN, 'export');
    assertRenders(r);
    const file = r.files?.[0];
    expect(file?.name).toBe('numbot-report-2026-11-03.csv');
    const lines = file!.content.trim().split('\r\n');
    expect(lines[0]).toContain('email,first_name,last_name,manager,department');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain("'+1");
    expect(lines[1]).toContain("'@dept");
    expect(lines[2]).toContain("'-Peeters");
    expect(lines[2]).toContain(',yes,');
    expect(textOf(r)).toContain('2 people');
  });
});

describe('schedule', () => {
  it('shows the configured schedule and stores changes the scheduler reads', async () => {
    const b = bench();
    const show = await b.say(ADMIN, 'schedule');
    assertRenders(show);
    expect(textOf(show)).toContain('*/10 * * * *');
    expect(textOf(show)).toContain('from the configuration');
    await b.say(ADMIN, 'schedule reminders "0 9 * * 1-5"');
    await b.say(ADMIN, 'schedule summary 07:45');
    // What the scheduler reads at its next tick.
    expect(await scheduleInForce(b.store, b.ctx.config)).toEqual({ reminderCron: '0 9 * * 1-5', summaryTime: '07:45' });
    expect(textOf(await b.say(ADMIN, 'schedule show'))).toContain('set from chat');
    expect((await b.store.readAudit(1))[0]).toMatchObject({
      action: 'schedule.summary',
      detail: '07:45',
      actor: ADMIN,
    });
    const bad = await b.say(ADMIN, 'schedule reminders 99 * * * *');
    expect(textOf(bad)).toContain('Usage');
    expect((await scheduleInForce(b.store, b.ctx.config)).reminderCron).toBe('0 9 * * 1-5');
  });
});

describe('admins', () => {
  it('adds and removes admins, never the configured ones, never the last one', async () => {
    const b = bench({ env: { ADMIN_EMAILS: '' } });
    await b.add({ email: 'first@example.org', roles: ['admin'] });
    await b.add({ email: 'second@example.org' });
    const last = await b.say('first@example.org', 'admins remove first@example.org');
    expect(textOf(last)).toContain('last migration admin');
    await b.say('first@example.org', 'admins add second@example.org');
    expect((await b.store.getPerson('second@example.org'))?.roles).toContain('admin');
    const list = await b.say('second@example.org', 'admins list');
    assertRenders(list);
    expect(textOf(list)).toContain('Migration admins: 2');
    await b.say('second@example.org', 'admins remove first@example.org');
    expect((await b.store.getPerson('first@example.org'))?.roles).not.toContain('admin');
    expect((await b.say('first@example.org', 'admins list')).refused).toBe(true);
    expect(textOf(await b.say('second@example.org', 'admins add ghost@example.org'))).toContain(
      'not in the migration roster',
    );
  });

  it('two admins removing each other at the same moment leave one admin; the other is told why, and it is audited', async () => {
    const b = bench({ env: { ADMIN_EMAILS: '' } });
    await b.add({ email: 'first@example.org', roles: ['admin'] });
    await b.add({ email: 'second@example.org', roles: ['admin'] });
    const [one, two] = await Promise.all([
      b.say('first@example.org', 'admins remove second@example.org'),
      b.say('second@example.org', 'admins remove first@example.org'),
    ]);
    const texts = [textOf(one), textOf(two)];
    expect(texts.filter((t) => t.includes('last migration admin'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('is no longer a migration admin'))).toHaveLength(1);
    const people = await b.store.getPeople(['first@example.org', 'second@example.org']);
    expect(people.filter((p) => p?.roles.includes('admin'))).toHaveLength(1);
    expect(await b.store.countIndex('role:admin')).toBe(1);
    const refusal = (await b.store.readAudit(10)).find((e) => e.action === 'refused:admins.remove');
    expect(refusal).toMatchObject({ detail: 'last_admin', source: 'slack' });
    // The one left is the one whose removal was refused, and remains an admin for commands.
    expect(refusal?.person).toBe(people.find((p) => p?.roles.includes('admin'))?.id);
    expect((await b.say(refusal!.person!, 'admins list')).refused).toBeUndefined();
  });

  it('a configured admin cannot be removed from chat', async () => {
    const b = bench();
    await b.add({ email: 'second@example.org', roles: ['admin'] });
    const r = await b.say('second@example.org', `admins remove ${ADMIN}`);
    expect(textOf(r)).toContain('cannot be removed');
    const list = await b.say(ADMIN, 'admins');
    expect(textOf(list)).toContain('ADMIN_EMAILS');
  });
});

function polls(from: number, to: number, every: number, inUse: (at: number) => number): LicenseServerPoll[] {
  const out: LicenseServerPoll[] = [];
  for (let at = from; at <= to; at += every) {
    const n = inUse(at);
    out.push({
      at,
      status: 'up',
      inUse: n,
      features: n ? [{ name: '86815AECCOL_T_F', inUse: n, users: [{ user: 'jdoe', host: 'PC-0042' }] }] : [],
    });
  }
  return out;
}

describe('servers and decommission', () => {
  async function withServers() {
    const b = bench({ env: { LICENSE_SERVERS: SERVERS, QUIET_WINDOW_DAYS: '2', MIN_QUIET_POLLS: '10' } });
    await b.add({ email: 'jdoe@example.org', firstName: 'Jane', lastName: 'Doe', logins: ['jdoe'] }, ASSIGNED);
    // lic01: quiet for three days; lic02: jdoe still on it an hour ago.
    for (const p of polls(T0 - 72 * HOUR, T0, HOUR, () => 0)) await b.store.pushHistory(POLL_HISTORY, 'lic01', p, 5000);
    for (const p of polls(T0 - 72 * HOUR, T0, HOUR, (at) => (at >= T0 - HOUR ? 1 : 0)))
      await b.store.pushHistory(POLL_HISTORY, 'lic02', p, 5000);
    return b;
  }

  it('lists each server with its use, who is still on it, and why it is not ready yet', async () => {
    const b = await withServers();
    const r = await b.say(ADMIN, 'servers');
    assertRenders(r);
    expect(r.cards).toHaveLength(2);
    const [one, two] = r.cards.map((c) => JSON.stringify(c.data));
    // jdoe has not switched AutoCAD: the rule says not yet, even for the quiet server.
    expect(one).toMatch(/(has|have) not switched every product/);
    expect(two).toContain('Jane Doe');
    expect(two).toContain('in use');
  });

  it('a server becomes ready once everyone switched and it stayed quiet; decommission asks, then marks and gives the commands', async () => {
    const b = await withServers();
    // The device reports its switch, as a step-3b script would.
    await updatePerson(
      b.store,
      'jdoe@example.org',
      [{ type: 'device.switched', product: 'AutoCAD', device: 'PC-0042', by: 'script' }],
      { id: 'test', source: 'system' },
      T0,
    );

    const ask = await b.say(ADMIN, 'decommission lic01');
    assertRenders(ask);
    expect(textOf(ask)).toContain('decommission lic01 confirm');
    expect(await b.store.getDoc(SERVER_DOC, 'lic01')).toBeUndefined();

    const done = await b.say(ADMIN, 'decommission lic01 confirm');
    assertRenders(done);
    expect(done.cards[0]?.name).toBe('server-ready');
    expect(JSON.stringify(done.cards[0]?.data)).toContain('lmutil lmdown -c 27000@lic01.example.org -q');
    expect(await b.store.getDoc(SERVER_DOC, 'lic01')).toMatchObject({ decommissionedAt: T0 });
    expect((await b.store.readAudit(1))[0]).toMatchObject({ action: 'server.decommissioned', actor: ADMIN });

    const again = await b.say(ADMIN, 'decommission lic01 confirm');
    expect(again.cards[0]?.name).toBe('server-ready');
    expect((await b.store.readAudit(1))[0]?.action).toBe('server.decommissioned');
    expect((await b.store.readAudit(2))[1]?.action).not.toBe('server.decommissioned');

    const notReady = await b.say(ADMIN, 'decommission lic02');
    expect(textOf(notReady)).toContain('not proven idle');
    const unknown = await b.say(ADMIN, 'decommission lic99 confirm');
    expect(textOf(unknown)).toContain('Configured: lic01, lic02');
    const status = await b.say(ADMIN, 'status');
    const steps = (status.cards[0]!.data as { steps: { step: number; done: number; total: number }[] }).steps;
    expect(steps.find((s) => s.step === 5)).toEqual({ step: 5, done: 1, total: 2 });
  });

  it('says when no licence server is configured', async () => {
    const b = bench();
    expect(textOf(await b.say(ADMIN, 'servers'))).toContain('No licence server');
  });
});

describe('script', () => {
  it('gives the step-3b script as a file, for every installed product or for named ones', async () => {
    const b = bench();
    const all = await b.say(ADMIN, 'script windows');
    assertRenders(all);
    expect(all.files?.[0]?.name).toBe('switch-to-named-user.ps1');
    expect(all.files?.[0]?.content).toContain('AdskLicensingInstHelper');
    const mac = await b.say(ADMIN, 'script macos "AutoCAD 2025"');
    expect(mac.files?.[0]?.name).toBe('switch-to-named-user.sh');
    expect(textOf(mac)).toContain('AutoCAD 2025');
    const linux = await b.say(ADMIN, 'script linux "Maya 2025"');
    expect(linux.files?.[0]?.name).toBe('switch-to-named-user-linux.sh');
    expect(linux.files?.[0]?.content).toContain('/opt/Autodesk/AdskLicensing/Current/helper/AdskLicensingInstHelper');
    expect(textOf(linux)).toContain('sudo bash switch-to-named-user-linux.sh');
    const family = await b.say(ADMIN, 'script linux AutoCAD');
    expect(textOf(family)).toContain('AutoCAD (every release installed)');
    expect(family.files?.[0]?.content).toContain("WANT_CODES=('001')");
    const bad = await b.say(ADMIN, 'script windows "Frobnicator 2025"');
    expect(bad.files).toBeUndefined();
    expect(textOf(bad)).toContain('Frobnicator');
  });

  const SECRET = 'device-secret-0123456789abcdef';
  const reporting = { PUBLIC_URL: 'https://numbot.example.org', DEVICE_TOKEN_SECRET: SECRET };
  const tokenOf = (content: string | undefined) => /DEVICE_TOKEN='([^']*)'/.exec(content ?? '')?.[1];

  it("a person's script is for their own computer: it reports with a token of their own, in their language", async () => {
    const b = bench({ env: reporting });
    const texts = {
      en:
        'The attached script switches every Autodesk product installed on the device to named-user licensing and ' +
        'removes the network licence settings.\n\nRun sudo bash switch-to-named-user-linux.sh on your computer. It ' +
        'tells the migration bot the result for you: it is made for you, so do not pass it on.',
      fr: 'Exécutez sudo bash switch-to-named-user-linux.sh sur votre ordinateur. Il communique le résultat au bot de migration pour vous : il est fait pour vous, ne le transmettez pas.',
      nl: 'Voer sudo bash switch-to-named-user-linux.sh uit op uw computer. Het meldt het resultaat voor u aan de migratiebot: het is voor u gemaakt, geef het niet door.',
      de: 'Führen Sie sudo bash switch-to-named-user-linux.sh auf Ihrem Computer aus. Es meldet das Ergebnis für Sie an den Migrations-Bot: Es ist für Sie erstellt, geben Sie es nicht weiter.',
    } as const;
    for (const [locale, text] of Object.entries(texts)) {
      const email = `user-${locale}@example.org`;
      await b.add({ email, locale: locale as keyof typeof texts }, ASSIGNED);
      const r = await b.say(email, 'script linux');
      assertRenders(r);
      expect(r.refused).toBeFalsy();
      const shown = (r.cards[0]!.data as { text: string }).text;
      if (locale === 'en') expect(shown).toBe(text);
      else expect(shown.endsWith(`\n\n${text}`)).toBe(true);
      expect(shown).not.toContain('Ansible');
      const token = tokenOf(r.files?.[0]?.content);
      expect(token).toBeDefined();
      expect(token).not.toMatch(/^fleet-/);
      expect(verifyDeviceToken(token!, SECRET)).toBe(email);
    }
    const windows = await b.say('user-en@example.org', 'script windows');
    expect(textOf(windows)).toContain('Run switch-to-named-user.ps1 in PowerShell as administrator on your computer.');
    expect(
      verifyDeviceToken(/\$DeviceToken = '([^']*)'/.exec(windows.files?.[0]?.content ?? '')?.[1] ?? '', SECRET),
    ).toBe('user-en@example.org');
    expect((await b.store.readAudit(1))[0]).toMatchObject({ action: 'script', actor: 'user-en@example.org' });
    expect((await b.store.readAudit(1))[0]?.detail).toContain('for=self');
  });

  it("an admin's script stays the fleet's; without the report settings a person's says nothing of reporting", async () => {
    const b = bench({ env: reporting });
    expect(tokenOf((await b.say(ADMIN, 'script linux')).files?.[0]?.content)).toMatch(/^fleet-1\./);
    const quiet = bench();
    await quiet.add({ email: 'user@example.org' }, ASSIGNED);
    const r = await quiet.say('user@example.org', 'script linux');
    expect(textOf(r)).toContain('Run sudo bash switch-to-named-user-linux.sh on your computer.');
    expect(textOf(r)).not.toContain('migration bot');
    expect(tokenOf(r.files?.[0]?.content) ?? '').toBe('');
  });
});

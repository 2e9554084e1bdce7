// A borrowed licence from the first poll to a quiet server, through the running app only: an agent pushes lmstat
// output over HTTP, the admin asks `servers` in chat (the playground's command API). Empty store, nothing seeded.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';

const TOKEN = 'agent-token-0123456789abcdef';
const ADMIN = 'admin@acme.example';
const HEAD = `Flexible License Manager status on Tue 12/1/2026 10:00

License server status: 27000@lic01.acme.example
    License file(s) on lic01.acme.example: C:\\Autodesk\\lic01.lic:

lic01.acme.example: license server UP (MASTER) v11.18.1

Vendor daemon status (on lic01.acme.example):

  adskflex: UP v11.18.1
Feature usage info:

`;
// jdoe borrowed AutoCAD for 14 days on 30 November at 8:00 (one-number linger form); asmith for 7 days (two-number form).
const BORROWED = `${HEAD}Users of 87545ACD_2024_0F:  (Total of 10 licenses issued;  Total of 2 licenses in use)

  "87545ACD_2024_0F" v1.000, vendor: adskflex, expiry: permanent(no expiration date)
  floating license

    jdoe LAPTOP-07 LAPTOP-07 (v1.000) (lic01.acme.example/27000 410), start Mon 11/30 8:00 (linger: 1209600)
    asmith LAPTOP-09 LAPTOP-09 (v1.000) (lic01.acme.example/27000 411), start Tue 12/1 9:00  (linger: 604800 / 604800)
`;
const RETURNED = `${HEAD}Users of 87545ACD_2024_0F:  (Total of 10 licenses issued;  Total of 0 licenses in use)
`;

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('borrowed licences, end to end', () => {
  it('poll with borrows → readiness waits with the date and whose → borrows returned → quiet', async () => {
    let now = Date.UTC(2026, 11, 1, 10);
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      PLAYGROUND: 'on',
      ADMIN_EMAILS: ADMIN,
      AGENT_TOKEN: TOKEN,
      LICENSE_SERVERS: JSON.stringify([{ id: 'lic01', address: '27000@lic01.acme.example' }]),
    });
    app = await buildApp(config, createLogger('silent'), { clock: { now: () => now } });
    const base = `http://127.0.0.1:${await app.start(0)}`;
    const push = async (text: string) => {
      const res = await fetch(`${base}/api/license-servers/lic01/lmstat`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
        body: text,
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const command = async (text: string) => {
      const res = await fetch(`${base}/playground/api/command`, {
        method: 'POST',
        headers: { 'x-numbot-playground': '1', 'content-type': 'application/json' },
        body: JSON.stringify({ as: ADMIN, text }),
      });
      expect(res.status).toBe(200);
      return JSON.stringify(await res.json());
    };
    const servers = () => command('servers');

    const conversation = async (id: string) => {
      const res = await fetch(`${base}/playground/api/conversations/${encodeURIComponent(id)}`, {
        headers: { 'x-numbot-playground': '1' },
      });
      return JSON.stringify(await res.json());
    };
    await command(
      'import\nFirst Name,Last Name,Email,Products,Login,Language\n' +
        'Jane,Doe,jane.doe@acme.example,AutoCAD,jdoe,en\nAnne,Smith,anne.smith@acme.example,AutoCAD,asmith,fr\n',
    );

    const first = await push(BORROWED);
    expect(first).toMatchObject({ status: 200, json: { status: 'up', inUse: 2, ready: false } });
    const waiting = await servers();
    // The last to return is jdoe's: 30 November 8:00 + 14 days.
    expect(waiting).toContain(
      'waiting for borrowed licences: 2, the last returns on 14 December 2026 (Jane Doe, Anne Smith)',
    );

    // The admin status card says the same, with the date and whose.
    expect(await command('status')).toContain(
      'waiting for 2 borrowed licences, the last returns on 14 December 2026 (Jane Doe, Anne Smith)',
    );

    // Each holder is told how to return it, in their language, once per borrow.
    const told = async (id: string, phrase: string) => {
      for (let i = 0; i < 100 && !(await conversation(id)).includes(phrase); i++)
        await new Promise((r) => setTimeout(r, 50));
      return conversation(id);
    };
    expect(await told('jane.doe@acme.example', 'How to return your borrowed licence')).toContain(
      'your computer still holds a borrowed network licence of AutoCAD: it keeps the licence server in use until 14 December 2026',
    );
    expect(await told('anne.smith@acme.example', 'Comment rendre votre licence empruntée')).toContain(
      'elle occupe le serveur de licences jusqu',
    );
    await push(BORROWED);
    await new Promise((r) => setTimeout(r, 300));
    const cards = (JSON.parse(await conversation('jane.doe@acme.example')) as { messages: unknown[] }).messages;
    expect(cards.filter((m) => JSON.stringify(m).includes('How to return your borrowed licence'))).toHaveLength(1);

    now += 3_600_000;
    const second = await push(RETURNED);
    expect(second).toMatchObject({ status: 200, json: { status: 'up', inUse: 0 } });
    const quiet = await servers();
    expect(quiet).not.toContain('borrowed');
    expect(await command('status')).not.toContain('borrowed');
    expect(quiet).toContain('quiet, not proven yet');
    expect(waiting).toContain('in use');
  });

  it('the reminder tick leaves a person alone while their borrowed licence is out, and reminds them once it is back', async () => {
    let now = Date.UTC(2026, 11, 1, 10); // Tuesday, 11:00 in Brussels
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      PLAYGROUND: 'on',
      ADMIN_EMAILS: ADMIN,
      AGENT_TOKEN: TOKEN,
      PROVISIONING: 'simulator',
      LICENSE_SERVERS: JSON.stringify([{ id: 'lic01', address: '27000@lic01.acme.example' }]),
    });
    app = await buildApp(config, createLogger('silent'), { clock: { now: () => now } });
    const running = app;
    const base = `http://127.0.0.1:${await running.start(0)}`;
    const command = async (text: string) => {
      const res = await fetch(`${base}/playground/api/command`, {
        method: 'POST',
        headers: { 'x-numbot-playground': '1', 'content-type': 'application/json' },
        body: JSON.stringify({ as: ADMIN, text }),
      });
      expect(res.status).toBe(200);
      return JSON.stringify(await res.json());
    };
    const person = (id: string) => running.services.store.getPerson(id);
    const until = async (what: () => Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 25));
      expect(await what()).toBe(true);
    };
    const JANE = 'jane.doe@acme.example';
    const BOB = 'bob.jones@acme.example';
    await command(
      'import\nFirst Name,Last Name,Email,Products,Login,Language\n' +
        `Jane,Doe,${JANE},AutoCAD,jdoe,en\nBob,Jones,${BOB},AutoCAD,bjones,en\n`,
    );
    await command('invite all');
    await command('assign AutoCAD pending');
    expect(await command('notify pending')).toContain('2');
    await until(async () => (await person(JANE))?.inform.status === 'informed');
    await until(async () => (await person(BOB))?.inform.status === 'informed');

    // Jane's laptop holds a borrowed AutoCAD until 14 December 8:00 UTC; she is sent the card on how to return it.
    const pushed = await fetch(`${base}/api/license-servers/lic01/lmstat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      body: BORROWED,
    });
    expect(pushed.status).toBe(200);
    await until(async () => (await person(JANE))?.reminders.borrowToldUntil === Date.UTC(2026, 11, 14, 8));

    // Friday 4 December, 11:00 in Brussels: the first reminder is due for both; only Bob gets it.
    now = Date.UTC(2026, 11, 4, 10);
    expect(await running.services.scheduler!.tick('reminders', now)).toMatchObject({
      ran: true,
      result: { reminded: 1 },
    });
    await until(async () => (await person(BOB))?.reminders.sent === 1);
    expect((await person(JANE))?.reminders.sent).toBe(0);
    // The admin sees why Jane is not reminded.
    expect(await command(`person ${JANE}`)).toContain(
      '"title":"Reminders wait for a borrowed licence, returned by","value":"14 December 2026',
    );

    // Monday 14 December, 10:00 in Brussels: the borrow is back and Jane has not switched: she is reminded now
    // (and Bob a second time).
    now = Date.UTC(2026, 11, 14, 9);
    expect(await running.services.scheduler!.tick('reminders', now)).toMatchObject({
      ran: true,
      result: { reminded: 2 },
    });
    await until(async () => (await person(JANE))?.reminders.sent === 1);
    expect(await command(`person ${JANE}`)).not.toContain('borrowed licence');
  });
});

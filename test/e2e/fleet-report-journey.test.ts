// Report-back at fleet scale, through the running bot only: the admin imports the roster and asks for the Linux
// script in chat; the script (as handed out, with the fleet token) runs under bash against a stand-in
// AdskLicensingInstHelper and reports to the bot; the person named by the signed-in user moves in step 3. A report
// naming nobody is kept for the admins, who assign it; rotating the fleet token stops the old scripts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { entry, helperCalls, runBash, writeExecutable, writeFakeHelper } from '../helpers/switch-sandbox.ts';

const ADMIN = 'admin@acme.example';
const PYTHON3 = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let app: App | undefined;
let dir: string | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('fleet report-back, end to end', () => {
  it('the handed-out script reports with the fleet token, the signed-in user names the person, step 3 moves', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      PLAYGROUND: 'on',
      ADMIN_EMAILS: ADMIN,
      PUBLIC_URL: base,
      DEVICE_TOKEN_SECRET: 'device-secret-0123456789abcdef',
    });
    app = await buildApp(config, createLogger('silent'));
    await app.start(port);
    const command = async (text: string) => {
      const res = await fetch(`${base}/playground/api/command`, {
        method: 'POST',
        headers: { 'x-numbot-playground': '1', 'content-type': 'application/json' },
        body: JSON.stringify({ as: ADMIN, text }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { files: { name: string; content: string }[]; messages: unknown[] };
    };

    const imported = await command(
      'import\nFirst Name,Last Name,Email,Products,Login\nJane,Doe,jane.doe@acme.example,AutoCAD,jdoe\n',
    );
    expect(JSON.stringify(imported.messages)).toContain('Created: 1');
    // Steps 1 and 2 as the admin does them with the CSV files: give the file, confirm the upload.
    for (const step of ['invite all', 'assign AutoCAD pending']) {
      const given = JSON.stringify((await command(step)).messages);
      const confirm = /((?:invite|assign) confirm [A-Za-z0-9_-]+)/.exec(given)?.[1];
      expect(confirm, step).toBeDefined();
      await command(confirm!);
    }
    expect((await app.services.store.getPerson('jane.doe@acme.example'))?.assignments.AutoCAD?.status).toBe('assigned');

    const handed = await command('script linux AutoCAD');
    const file = handed.files[0]!;
    const script = file.content.startsWith('#!') ? file.content : Buffer.from(file.content, 'base64').toString('utf8');
    expect(script).toContain(`REPORT_URL='${base}/api/devices/report'`);
    expect(script).toMatch(/DEVICE_TOKEN='fleet-1\.[A-Za-z0-9_-]{43}'/);

    // A Linux machine with AutoCAD 2027 on the network; jdoe ran the script with sudo.
    dir = mkdtempSync(join(tmpdir(), 'numbot-fleet-'));
    writeFakeHelper(dir, [entry('ACD', '001S1', 2027)]);
    const bin = join(dir, 'bin');
    symlinkSync(PYTHON3, join(bin, 'python3'));
    writeExecutable(join(bin, 'id'), '#!/bin/sh\nif [ "$1" = "-u" ]; then echo 0; else echo root; fi\n');
    writeExecutable(join(bin, 'uname'), '#!/bin/sh\necho WS-0042\n');
    const sandboxed = (text: string, user: string) =>
      text
        .replace(/^HELPER=.*$/m, `HELPER='${dir}/helper'`)
        .replace(/^LICENSING_DATA=.*$/m, `LICENSING_DATA='${dir}/var'`)
        .replace(/^ETC_ROOT=.*$/m, `ETC_ROOT='${dir}/etc'`)
        .replace(/^APPS_A=.*$/m, `APPS_A='${dir}/none'`)
        .replace(/^APPS_B=.*$/m, `APPS_B='${dir}/none'`)
        .replace(/^report_user\(\) .*$/m, `report_user() { printf '%s' '${user}'; }`);

    const run = await runBash(dir, sandboxed(script, 'jdoe'));
    expect(run.out).toContain('[numbot] switched AutoCAD 2027 (001S1 2027.0.0.F) to named-user licensing');
    expect(run.out).toContain('[numbot] reported the result to the migration bot');
    expect(run.code).toBe(0);
    expect(helperCalls(dir)).toEqual(['list', 'change -pk 001S1 -pv 2027.0.0.F -lm USER', 'list']);
    const jane = await app.services.store.getPerson('jane.doe@acme.example');
    expect(jane?.switches.AutoCAD?.['ws-0042']).toMatchObject({ status: 'named', by: 'script' });

    // A report whose user is nobody in the roster is kept, listed to the admins, and assigned by them.
    writeExecutable(join(bin, 'uname'), '#!/bin/sh\necho WS-0099\n');
    const ghost = await runBash(dir, sandboxed(script, 'ghost'));
    expect(ghost.out).toContain('[numbot] reported the result to the migration bot');
    expect(ghost.code).toBe(0);
    const listed = JSON.stringify((await command('devices')).messages);
    expect(listed).toContain('ws-0099');
    expect(listed).toContain('user ghost');
    const assigned = JSON.stringify((await command('devices assign ws-0099 jane.doe@acme.example')).messages);
    expect(assigned).toContain('The report of ws-0099 now counts for jane.doe@acme.example');
    expect((await app.services.store.getPerson('jane.doe@acme.example'))?.switches.AutoCAD?.['ws-0099']).toMatchObject({
      status: 'named',
    });
    expect(JSON.stringify((await command('devices')).messages)).toContain('Every device report was matched');

    // Rotating the fleet token: the old script can no longer report (exit 1), a new one can.
    await command('devices rotate-token');
    const stale = await runBash(dir, sandboxed(script, 'jdoe'));
    expect(stale.out).toContain('[numbot] could not report the result');
    expect(stale.code).toBe(1);
    const fresh = (await command('script linux AutoCAD')).files[0]!;
    const freshText = fresh.content.startsWith('#!') ? fresh.content : Buffer.from(fresh.content, 'base64').toString();
    expect(freshText).toMatch(/DEVICE_TOKEN='fleet-2\./);
    expect((await runBash(dir, sandboxed(freshText, 'jdoe'))).code).toBe(0);

    // Jane asks for the script herself: it carries a token of her own, so its report counts for her whoever the
    // signed-in user is (here root, nobody in the roster), and rotating the fleet token does not touch it.
    const res = await fetch(`${base}/playground/api/command`, {
      method: 'POST',
      headers: { 'x-numbot-playground': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'jane.doe@acme.example', text: 'script linux AutoCAD' }),
    });
    const own = ((await res.json()) as { files: { content: string }[]; messages: unknown[] }).files[0]!;
    const ownText = own.content.startsWith('#!') ? own.content : Buffer.from(own.content, 'base64').toString('utf8');
    expect(ownText).toContain(`REPORT_URL='${base}/api/devices/report'`);
    expect(ownText).not.toContain("DEVICE_TOKEN='fleet-");
    await command('devices rotate-token');
    writeExecutable(join(bin, 'uname'), '#!/bin/sh\necho LAPTOP-7\n');
    writeFakeHelper(dir, [entry('ACD', '001S1', 2027)]);
    const mine = await runBash(dir, sandboxed(ownText, 'root'));
    expect(mine.out).toContain('[numbot] reported the result to the migration bot');
    expect(mine.code).toBe(0);
    expect((await app.services.store.getPerson('jane.doe@acme.example'))?.switches.AutoCAD?.['laptop-7']).toMatchObject(
      {
        status: 'named',
        by: 'script',
      },
    );
    expect(JSON.stringify((await command('devices')).messages)).toContain('Every device report was matched');
  });
});

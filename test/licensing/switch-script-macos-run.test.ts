// Runs the generated macOS script for real under bash, against a fake AdskLicensingInstHelper, an osascript
// stand-in that evaluates the script's JavaScript for Automation with node, and a local report endpoint.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSwitchScript, type SwitchScriptOptions } from '../../src/licensing/switch-script.ts';
import {
  editInstalled,
  helperCalls,
  reportServer,
  runBash,
  writeExecutable,
  writeFakeHelper,
} from '../helpers/switch-sandbox.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'numbot-macos-'));
  writeFakeHelper(dir);
  const bin = join(dir, 'bin');
  writeExecutable(
    join(bin, 'osascript'),
    `#!${process.execPath}
const [lang, js, e, code, ...argv] = process.argv.slice(2);
if (lang !== '-l' || js !== 'JavaScript' || e !== '-e') process.exit(9);
const run = new Function(code + '\\nreturn run;')();
process.stdout.write(String(run(argv)) + '\\n');
`,
  );
  writeExecutable(join(bin, 'id'), '#!/bin/sh\nif [ "$1" = "-u" ]; then echo 0; else echo admin; fi\n');
  writeExecutable(join(bin, 'hostname'), '#!/bin/sh\necho MAC-TEST\n');
  for (const user of ['alice', 'bob']) {
    const ws = join(dir, 'Users', user, 'Library/Application Support/Autodesk/Web Services');
    mkdirSync(ws, { recursive: true });
    writeFileSync(join(ws, 'LoginState.xml'), '<x/>');
  }
  const lgs = join(dir, 'Autodesk/CLM/LGS/829K1_2019.0.0.F');
  mkdirSync(lgs, { recursive: true });
  writeFileSync(join(lgs, 'LGS.data'), 'network');
  const licpath = join(dir, 'Autodesk/AdskLicensingService/001Q1_2025.0.0.F');
  mkdirSync(licpath, { recursive: true });
  writeFileSync(join(licpath, 'LICPATH.lic'), 'SERVER lic01 ANY 27000\nUSE_SERVER\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The generated script with its four machine paths pointed into the sandbox. */
function sandboxed(options: SwitchScriptOptions): string {
  return generateSwitchScript(options)
    .replace(/^HELPER=.*$/m, `HELPER='${dir}/helper'`)
    .replace(/^OSASCRIPT=.*$/m, `OSASCRIPT='${dir}/bin/osascript'`)
    .replace(/^ADSK_ROOT=.*$/m, `ADSK_ROOT='${dir}/Autodesk'`)
    .replace(/^USERS_ROOT=.*$/m, `USERS_ROOT='${dir}/Users'`)
    .replace(/^APPS_ROOT=.*$/m, `APPS_ROOT='${dir}/Applications/Autodesk'`)
    .replace(/^CONSOLE=.*$/m, `CONSOLE='${dir}/console'`)
    .replace(/^DSCL=.*$/m, `DSCL='${dir}/bin/dscl'`);
}

const runScript = (script: string) => runBash(dir, script);
const calls = () => helperCalls(dir);

describe('macOS switch script, run under bash', () => {
  it('switches the named installed products, cleans leftovers and reports to the bot', async () => {
    const { url, received, server } = await reportServer();
    try {
      const r = await runScript(
        sandboxed({
          os: 'macos',
          products: [
            { key: '001Q1', version: '2025.0.0.F', name: 'AutoCAD 2025' },
            { key: '829K1', version: '2019.0.0.F', name: 'Revit 2019' },
            { key: '237Q1', version: '2025.0.0.F', name: "Civil 3D 2025 'n' $(touch pwned)" },
          ],
          reportUrl: url,
          deviceToken: 'device-token-123',
        }),
      );
      expect(r.out).toContain('[numbot] switched AutoCAD 2025 (001Q1 2025.0.0.F) to named-user licensing');
      expect(r.out).toContain('[numbot] switched Revit 2019 (829K1 2019.0.0.F) to named-user licensing');
      expect(r.out).toContain("[numbot] Civil 3D 2025 'n' $(touch pwned) is not installed here");
      expect(r.out).toContain('[numbot] switched: 2, failed: 0');
      expect(r.code).toBe(0);
      expect(existsSync(join(dir, 'pwned'))).toBe(false);
      expect(calls()).toEqual([
        'list',
        'change -pk 001Q1 -pv 2025.0.0.F -lm USER',
        'change -pk 829K1 -pv 2019.0.0.F -lm USER',
        'list',
      ]);

      for (const user of ['alice', 'bob'])
        expect(
          existsSync(join(dir, 'Users', user, 'Library/Application Support/Autodesk/Web Services/LoginState.xml')),
        ).toBe(false);
      expect(readdirSync(join(dir, 'Autodesk/CLM/LGS/829K1_2019.0.0.F'))).toEqual([]);
      expect(existsSync(join(dir, 'Autodesk/AdskLicensingService/001Q1_2025.0.0.F/LICPATH.lic'))).toBe(false);

      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        url: '/api/devices/report',
        auth: 'Bearer device-token-123',
        type: 'application/json',
      });
      const report = JSON.parse(received[0]!.body);
      expect(report.hostname).toBe('MAC-TEST');
      expect(report.user).toBe('admin');
      expect(report.status).toBe('named');
      expect(report.manual).toEqual([]);
      expect(
        report.products.map((p: { def_prod_key: string; lic_method: number }) => [p.def_prod_key, p.lic_method]),
      ).toEqual([
        ['001Q1', 4],
        ['829K1', 4],
        ['657L1', 4],
      ]);
      expect(r.out).not.toContain('device-token-123');
    } finally {
      server.close();
    }
  });

  it("names the signed-in user's directory e-mail in the report: the local node first, then the search path", async () => {
    const { url, received, server } = await reportServer();
    // dscl as a Mac answers: a local account with an e-mail on one line; an AD account's on the next line, via /Search.
    const dscl = (local: string, search: string) =>
      writeExecutable(
        join(dir, 'bin', 'dscl'),
        `#!/bin/sh\necho "$*" >> '${dir}/dscl.log'\nif [ "$1" = . ]; then ${local}; else ${search}; fi\n`,
      );
    const reportOnce = async () => {
      const r = await runScript(
        sandboxed({ os: 'macos', products: 'all-installed', reportUrl: url, deviceToken: 'tok-12345678' }),
      );
      expect(r.code).toBe(0);
      return JSON.parse(received.at(-1)!.body) as { user?: string; email?: string };
    };
    try {
      dscl("printf 'EMailAddress: alice.martin@acme.example\\n'", 'exit 1');
      expect(await reportOnce()).toMatchObject({ user: 'admin', email: 'alice.martin@acme.example' });
      dscl(
        "echo 'DS Error: -14136 (eDSRecordNotFound)' >&2; exit 56",
        "printf 'EMailAddress:\\n alice.martin@corp.acme.example\\n'",
      );
      expect(await reportOnce()).toMatchObject({ user: 'admin', email: 'alice.martin@corp.acme.example' });
      expect(readFileSync(join(dir, 'dscl.log'), 'utf8')).toContain('/Search -read /Users/admin EMailAddress');
      // No e-mail anywhere (or no dscl): the report names the login only.
      dscl('exit 56', "printf 'EMailAddress: not-an-address\\n'");
      const bare = await reportOnce();
      expect(bare.user).toBe('admin');
      expect(bare).not.toHaveProperty('email');
    } finally {
      server.close();
    }
  });

  it('switches every installed product that is not named-user yet, without reporting', async () => {
    const r = await runScript(sandboxed({ os: 'macos', products: 'all-installed' }));
    expect(r.code).toBe(0);
    expect(calls()).toEqual([
      'list',
      'change -pk 001Q1 -pv 2025.0.0.F -lm USER',
      'change -pk 829K1 -pv 2019.0.0.F -lm USER',
      'list',
    ]);
    expect(r.out).toContain('[numbot] MAYA (657L1 2020.0.0.F) already uses named-user licensing');
    expect(r.out).not.toContain('report');
  });

  it('exits non-zero and says so when the helper refuses a change', async () => {
    editInstalled(dir, (list) => (list[0]!.def_prod_key = 'FAIL1'));
    const r = await runScript(sandboxed({ os: 'macos', products: 'all-installed' }));
    expect(r.out).toContain('[numbot] could not switch ACD (FAIL1 2025.0.0.F)');
    expect(r.out).toContain('[numbot] switched: 1, failed: 1');
    expect(r.code).toBe(1);
  });

  it('stops before touching anything when the helper is missing', async () => {
    rmSync(join(dir, 'helper'));
    const r = await runScript(sandboxed({ os: 'macos', products: 'all-installed' }));
    expect(r.code).toBe(2);
    expect(r.out).toContain('AdskLicensingInstHelper not found');
    expect(existsSync(join(dir, 'Users/alice/Library/Application Support/Autodesk/Web Services/LoginState.xml'))).toBe(
      true,
    );
  });
});

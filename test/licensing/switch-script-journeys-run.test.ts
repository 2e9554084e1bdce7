// The exit codes a deployment tool trusts, run for real under bash against a stand-in AdskLicensingInstHelper: a
// 2027-only machine, a mixed 2024/2027 machine, a second run, a failing `change`, a helper that says yes and switches
// nothing, a machine without the product, a 2019 release the helper does not list. macOS and Linux scripts alike.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveProductQuery } from '../../src/licensing/product-catalogue.ts';
import { loadCatalogue } from '../../src/licensing/product-keys-data.ts';
import {
  generateSwitchScript,
  type ScriptOs,
  type SwitchScriptOptions,
  type SwitchTarget,
} from '../../src/licensing/switch-script.ts';
import {
  entry,
  helperCalls,
  reportServer,
  runBash,
  writeExecutable,
  writeFakeHelper,
  type ListEntry,
} from '../helpers/switch-sandbox.ts';

const PYTHON3 = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
const cat = loadCatalogue();

/** What an admin's `--product` becomes, through the same catalogue the CLI and chat use. */
function target(query: string): SwitchTarget {
  const r = resolveProductQuery(cat, query);
  if (!r.ok) throw new Error(r.message);
  if ('family' in r) return r.family;
  return { key: r.release.key, version: r.release.version, name: `${r.release.name} ${r.release.year}` };
}

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.each<ScriptOs>(['linux', 'macos'])('%s switch script: exit codes a deployment tool can trust', (os) => {
  const licpath = (key: string, year: number) =>
    os === 'macos'
      ? join(dir, `Autodesk/AdskLicensingService/${key}_${year}.0.0.F/LICPATH.lic`)
      : join(dir, `var/AdskLicensingService/${key}_${year}.0.0.F/LICPATH.lic`);
  const loginState = (user: string) =>
    join(dir, 'Users', user, 'Library/Application Support/Autodesk/Web Services/LoginState.xml');
  const appsRoot = () => (os === 'macos' ? join(dir, 'Applications/Autodesk') : join(dir, 'usr-autodesk'));

  function machine(installed: ListEntry[]): void {
    writeFakeHelper(dir, installed);
    const bin = join(dir, 'bin');
    writeExecutable(join(bin, 'id'), '#!/bin/sh\nif [ "$1" = "-u" ]; then echo 0; else echo root; fi\n');
    writeExecutable(join(bin, 'uname'), '#!/bin/sh\necho HOST-TEST\n');
    writeExecutable(join(bin, 'hostname'), '#!/bin/sh\necho HOST-TEST\n');
    writeExecutable(join(bin, 'logname'), '#!/bin/sh\necho jdoe\n');
    symlinkSync(PYTHON3, join(bin, 'python3'));
    writeExecutable(
      join(bin, 'osascript'),
      `#!${process.execPath}\nconst [, , , code, ...argv] = process.argv.slice(2);\n` +
        `process.stdout.write(String(new Function(code + '\\nreturn run;')()(argv)) + '\\n');\n`,
    );
    // macOS: the console belongs to jdoe (stat -f %Su), who ran nothing: Jamf runs the script as root.
    writeExecutable(join(bin, 'stat'), '#!/bin/sh\necho jdoe\n');
    for (const e of installed) {
      mkdirSync(join(licpath(e.def_prod_key, Number(e.def_prod_ver.slice(0, 4))), '..'), { recursive: true });
      writeFileSync(licpath(e.def_prod_key, Number(e.def_prod_ver.slice(0, 4))), 'SERVER lic01 ANY 27000\n');
    }
    for (const user of ['alice', 'bob']) {
      mkdirSync(join(loginState(user), '..'), { recursive: true });
      writeFileSync(loginState(user), '<x/>');
    }
    mkdirSync(join(dir, 'etc/profile.d'), { recursive: true });
    writeFileSync(join(dir, 'etc/environment'), 'ADSKFLEX_LICENSE_FILE=27000@lic01\n');
    mkdirSync(appsRoot(), { recursive: true });
  }

  function script(options: Omit<SwitchScriptOptions, 'os'>): string {
    return generateSwitchScript({ os, ...options })
      .replace(/^HELPER=.*$/m, `HELPER='${dir}/helper'`)
      .replace(/^OSASCRIPT=.*$/m, `OSASCRIPT='${dir}/bin/osascript'`)
      .replace(/^ADSK_ROOT=.*$/m, `ADSK_ROOT='${dir}/Autodesk'`)
      .replace(/^USERS_ROOT=.*$/m, `USERS_ROOT='${dir}/Users'`)
      .replace(/^APPS_ROOT=.*$/m, `APPS_ROOT='${appsRoot()}'`)
      .replace(/^CONSOLE=.*$/m, `CONSOLE='${dir}/console'`)
      .replace(/^LICENSING_DATA=.*$/m, `LICENSING_DATA='${dir}/var/AdskLicensingService'`)
      .replace(/^ETC_ROOT=.*$/m, `ETC_ROOT='${dir}/etc'`)
      .replace(/^APPS_A=.*$/m, `APPS_A='${appsRoot()}'`)
      .replace(/^APPS_B=.*$/m, `APPS_B='${dir}/opt-autodesk'`);
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `numbot-${os}-journey-`));
  });

  it('a 2027-only machine: "AutoCAD" (no year) switches AutoCAD 2027 and exits 0', async () => {
    machine([entry('ACD', '001S1', 2027)]);
    const r = await runBash(dir, script({ products: [target('AutoCAD')] }));
    expect(helperCalls(dir)).toEqual(['list', 'change -pk 001S1 -pv 2027.0.0.F -lm USER', 'list']);
    expect(r.out).toContain('[numbot] switched AutoCAD 2027 (001S1 2027.0.0.F) to named-user licensing');
    expect(r.out).toContain(
      '[numbot] switched: 1, failed: 0, still on network: 0, switch by hand: 0; result: named (exit 0)',
    );
    expect(r.code).toBe(0);
    expect(existsSync(licpath('001S1', 2027))).toBe(false);
  });

  it('"AutoCAD 2025" on a 2027-only machine is not applicable (exit 0), and says so', async () => {
    machine([entry('ACD', '001S1', 2027)]);
    const r = await runBash(dir, script({ products: [target('AutoCAD 2025')] }));
    expect(helperCalls(dir)).toEqual(['list', 'list']);
    expect(r.out).toContain('[numbot] AutoCAD 2025 is not installed here');
    expect(r.out).toContain('none of the products asked for is installed here: not applicable');
    expect(r.out).toContain('result: not-applicable (exit 0)');
    expect(r.code).toBe(0);
    if (os === 'macos') expect(existsSync(loginState('alice'))).toBe(true);
  });

  it('a mixed 2024/2027 machine: both AutoCAD releases switch, the other product stays; then a second run changes nothing', async () => {
    machine([entry('ACD', '001P1', 2024), entry('RVT', '829S1', 2027), entry('ACD', '001S1', 2027)]);
    const { url, received, server } = await reportServer();
    try {
      const first = await runBash(
        dir,
        script({ products: [target('AutoCAD')], reportUrl: url, deviceToken: 'fleet-token-1' }),
      );
      expect(helperCalls(dir)).toEqual([
        'list',
        'change -pk 001P1 -pv 2024.0.0.F -lm USER',
        'change -pk 001S1 -pv 2027.0.0.F -lm USER',
        'list',
      ]);
      expect(first.code).toBe(0);
      expect(existsSync(licpath('001P1', 2024))).toBe(false);
      expect(existsSync(licpath('001S1', 2027))).toBe(false);
      expect(existsSync(licpath('829S1', 2027))).toBe(true);
      if (os === 'macos') expect(existsSync(loginState('alice'))).toBe(false);
      if (os === 'linux')
        expect(readFileSync(join(dir, 'etc/environment'), 'utf8')).toBe('ADSKFLEX_LICENSE_FILE=27000@lic01\n'); // Revit still uses the server: the pointer stays.
      const report = JSON.parse(received[0]!.body);
      expect(report).toMatchObject({ hostname: 'HOST-TEST', user: 'jdoe', status: 'named', manual: [] });

      // Second run, as a recurring Intune remediation or Jamf policy would: no `change`, nobody signed out.
      if (os === 'macos') writeFileSync(loginState('bob'), '<signed-in/>');
      const second = await runBash(
        dir,
        script({ products: [target('AutoCAD')], reportUrl: url, deviceToken: 'fleet-token-1' }),
      );
      expect(helperCalls(dir).slice(4)).toEqual(['list', 'list']);
      expect(second.out).toContain('[numbot] AutoCAD 2024 (001P1 2024.0.0.F) already uses named-user licensing');
      expect(second.out).not.toContain('deleted');
      if (os === 'macos') expect(readFileSync(loginState('bob'), 'utf8')).toBe('<signed-in/>');
      expect(second.code).toBe(0);
      expect(received).toHaveLength(2);
      expect(JSON.parse(received[1]!.body).status).toBe('named');
    } finally {
      server.close();
    }
  });

  it('a failing change: the other product is still switched, the report still goes out, exit 1', async () => {
    machine([entry('ACD', 'FAIL1', 2027), entry('RVT', '829S1', 2027)]);
    const { url, received, server } = await reportServer();
    try {
      const r = await runBash(dir, script({ products: 'all-installed', reportUrl: url, deviceToken: 'fleet-token-1' }));
      expect(helperCalls(dir)).toEqual([
        'list',
        'change -pk FAIL1 -pv 2027.0.0.F -lm USER',
        'change -pk 829S1 -pv 2027.0.0.F -lm USER',
        'list',
      ]);
      expect(r.out).toContain('[numbot] could not switch ACD (FAIL1 2027.0.0.F)');
      expect(r.out).toContain('[numbot] switched RVT (829S1 2027.0.0.F) to named-user licensing');
      expect(r.out).toContain('result: network (exit 1)');
      expect(r.code).toBe(1);
      expect(JSON.parse(received[0]!.body)).toMatchObject({ status: 'network' });
      expect(existsSync(licpath('FAIL1', 2027))).toBe(true);
    } finally {
      server.close();
    }
  });

  it('a helper that answers success but switches nothing is not a success', async () => {
    machine([entry('ACD', '001S1', 2027)]);
    writeFileSync(join(dir, 'stuck'), '001S1');
    const r = await runBash(dir, script({ products: [target('AutoCAD 2027')] }));
    expect(r.out).toContain(
      '[numbot] AutoCAD 2027 (001S1 2027.0.0.F) does not use named-user licensing yet (lic_method 1)',
    );
    expect(r.code).toBe(1);
  });

  it('a 2019 release the helper does not list is a hand switch (exit 3), never "not installed"', async () => {
    machine([entry('ACD', '001S1', 2027, 4)]);
    const folder = os === 'macos' ? 'AutoCAD 2019' : 'autocad2019';
    mkdirSync(join(appsRoot(), folder), { recursive: true });
    mkdirSync(join(appsRoot(), os === 'macos' ? 'maya2026' : 'maya2026'), { recursive: true });
    const named = await runBash(dir, script({ products: [target('AutoCAD')] }));
    expect(named.out).toContain(`[numbot] ${folder} is a 2019-or-older release: switch it by hand`);
    expect(named.out).not.toContain('not installed');
    expect(named.code).toBe(3);
    const all = await runBash(dir, script({ products: 'all-installed' }));
    expect(all.out).toContain(`[numbot] ${folder} is a 2019-or-older release: switch it by hand`);
    expect(all.out).not.toContain('maya2026');
    expect(all.code).toBe(3);
    const year = await runBash(dir, script({ products: [target('AutoCAD 2019')] }));
    expect(year.code).toBe(3);
  });
});

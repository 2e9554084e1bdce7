// Runs the generated Linux script for real under bash, against a fake AdskLicensingInstHelper, the machine's own
// python3 and a local report endpoint, with /etc and the licensing data folder in a temp dir.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
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

// The real interpreter behind `python3` (a pyenv shim would not survive the minimal PATH the script runs with).
const PYTHON3 = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();

const ENVIRONMENT =
  'PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"\nADSKFLEX_LICENSE_FILE=27000@lic01\nLANG=en_GB.UTF-8\n';
const PROFILE_SH = '# Autodesk\nexport ADSKFLEX_LICENSE_FILE=@lic01\nexport MAYA_LOCATION=/usr/autodesk/maya2025\n';
const OTHER_SH = 'export EDITOR=vi\n';
const PROFILE_CSH =
  '# Autodesk\nsetenv ADSKFLEX_LICENSE_FILE @lic01\nsetenv ADSKFLEX_LICENSE_FILE_OLD x\nsetenv MAYA_LOCATION /usr/autodesk/maya2025\n';
const CSH_LOGIN = 'if ($?prompt) then\n  setenv\tADSKFLEX_LICENSE_FILE 27000@lic01\nendif\n';
const LICPATH = 'var/AdskLicensingService/001Q1_2025.0.0.F/LICPATH.lic';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'numbot-linux-'));
  writeFakeHelper(dir);
  const bin = join(dir, 'bin');
  symlinkSync(PYTHON3, join(bin, 'python3'));
  writeExecutable(join(bin, 'id'), '#!/bin/sh\nif [ "$1" = "-u" ]; then echo 0; else echo admin; fi\n');
  writeExecutable(join(bin, 'uname'), '#!/bin/sh\necho LINUX-TEST\n');
  mkdirSync(join(dir, 'etc/profile.d'), { recursive: true });
  writeFileSync(join(dir, 'etc/environment'), ENVIRONMENT);
  writeFileSync(join(dir, 'etc/profile.d/autodesk.sh'), PROFILE_SH);
  writeFileSync(join(dir, 'etc/profile.d/other.sh'), OTHER_SH);
  writeFileSync(join(dir, 'etc/profile.d/autodesk.csh'), PROFILE_CSH);
  writeFileSync(join(dir, 'etc/csh.login'), CSH_LOGIN);
  mkdirSync(join(dir, LICPATH, '..'), { recursive: true });
  writeFileSync(join(dir, LICPATH), 'SERVER lic01 ANY 27000\nUSE_SERVER\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The generated script with its machine paths pointed into the sandbox. */
function sandboxed(options: SwitchScriptOptions): string {
  return generateSwitchScript(options)
    .replace(/^HELPER=.*$/m, `HELPER='${dir}/helper'`)
    .replace(/^LICENSING_DATA=.*$/m, `LICENSING_DATA='${dir}/var/AdskLicensingService'`)
    .replace(/^ETC_ROOT=.*$/m, `ETC_ROOT='${dir}/etc'`)
    .replace(/^APPS_A=.*$/m, `APPS_A='${dir}/usr-autodesk'`)
    .replace(/^APPS_B=.*$/m, `APPS_B='${dir}/opt-autodesk'`);
}

const runScript = (script: string) => runBash(dir, script);
const calls = () => helperCalls(dir);
const etc = (file: string) => readFileSync(join(dir, 'etc', file), 'utf8');
const etcFiles = () => [...readdirSync(join(dir, 'etc')), ...readdirSync(join(dir, 'etc/profile.d'))].sort();
const UNTOUCHED_ETC = ['autodesk.csh', 'autodesk.sh', 'csh.login', 'environment', 'other.sh', 'profile.d'];

describe('Linux switch script, run under bash', () => {
  it('switches the named installed products, cleans leftovers and reports to the bot', async () => {
    const { url, received, server } = await reportServer();
    try {
      const r = await runScript(
        sandboxed({
          os: 'linux',
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
      expect(existsSync(join(dir, LICPATH))).toBe(false);

      // Only the lines that set ADSKFLEX_LICENSE_FILE, in /etc/environment, /etc/profile.d/*.sh and the csh start-up
      // files (/etc/csh.login, /etc/profile.d/*.csh); copies kept.
      expect(etc('environment')).toBe(
        ENVIRONMENT.replace('ADSKFLEX_LICENSE_FILE=', '# numbot: ADSKFLEX_LICENSE_FILE='),
      );
      expect(etc('profile.d/autodesk.sh')).toBe(PROFILE_SH.replace('export ADSKFLEX', '# numbot: export ADSKFLEX'));
      expect(etc('environment.numbot-backup')).toBe(ENVIRONMENT);
      expect(etc('profile.d/autodesk.sh.numbot-backup')).toBe(PROFILE_SH);
      expect(etc('profile.d/other.sh')).toBe(OTHER_SH);
      expect(etc('profile.d/autodesk.csh')).toBe(
        PROFILE_CSH.replace('setenv ADSKFLEX_LICENSE_FILE @', '# numbot: setenv ADSKFLEX_LICENSE_FILE @'),
      );
      expect(etc('csh.login')).toBe(CSH_LOGIN.replace('  setenv\t', '# numbot:   setenv\t'));
      expect(etc('profile.d/autodesk.csh.numbot-backup')).toBe(PROFILE_CSH);
      expect(etc('csh.login.numbot-backup')).toBe(CSH_LOGIN);
      expect(etcFiles()).toEqual(
        [
          ...UNTOUCHED_ETC,
          'autodesk.csh.numbot-backup',
          'autodesk.sh.numbot-backup',
          'csh.login.numbot-backup',
          'environment.numbot-backup',
        ].sort(),
      );
      expect(r.out).toContain(`[numbot] commented out ADSKFLEX_LICENSE_FILE in ${dir}/etc/csh.login`);
      expect(r.out).toContain(`[numbot] commented out ADSKFLEX_LICENSE_FILE in ${dir}/etc/environment`);
      const env = spawnSync(
        'bash',
        [
          '-c',
          `set -a; . '${dir}/etc/environment'; . '${dir}/etc/profile.d/autodesk.sh'; printf '%s' "\${ADSKFLEX_LICENSE_FILE-unset}"`,
        ],
        {
          encoding: 'utf8',
          env: {},
        },
      );
      expect(env.stdout).toBe('unset');

      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        url: '/api/devices/report',
        auth: 'Bearer device-token-123',
        type: 'application/json',
      });
      const report = JSON.parse(received[0]!.body);
      expect(report.hostname).toBe('LINUX-TEST');
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

  it('switches every installed product that is not named-user yet, without reporting', async () => {
    const r = await runScript(sandboxed({ os: 'linux', products: 'all-installed' }));
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

  it('exits non-zero and keeps ADSKFLEX_LICENSE_FILE while a product still uses the network', async () => {
    editInstalled(dir, (list) => (list[0]!.def_prod_key = 'FAIL1'));
    const r = await runScript(sandboxed({ os: 'linux', products: 'all-installed' }));
    expect(r.out).toContain('[numbot] could not switch ACD (FAIL1 2025.0.0.F)');
    expect(r.out).toContain('[numbot] kept ADSKFLEX_LICENSE_FILE: 1 product(s) still use network licensing');
    expect(r.out).toContain('[numbot] switched: 1, failed: 1');
    expect(r.code).toBe(1);
    expect(etc('environment')).toBe(ENVIRONMENT);
    expect(etc('profile.d/autodesk.sh')).toBe(PROFILE_SH);
    expect(etc('profile.d/autodesk.csh')).toBe(PROFILE_CSH);
    expect(etcFiles()).toEqual(UNTOUCHED_ETC);
  });

  it('refuses keys and versions from the helper that are not what it takes, and never splits an entry', async () => {
    editInstalled(dir, (list) => {
      list[0]!.def_prod_key = '$(touch pwned)';
      list[1]!.def_prod_ver = "2019.0.0.F'; touch pwned; '";
      // A feature id that would smuggle a well-formed entry (ZZZZ9 2030.0.0.F) onto a line of its own.
      list[2]!.feature_id = 'EVIL\n\u001fZZZZ9\u001f2030.0.0.F\u001fZZZZ9\u001f1\n';
      list[2]!.lic_method = 1;
      list[2]!.def_prod_key = 'bad';
    });
    const r = await runScript(sandboxed({ os: 'linux', products: 'all-installed' }));
    expect(calls()).toEqual(['list', 'list']);
    expect(r.out).toContain('[numbot] skipped ACD: unexpected key or version');
    expect(r.out).toContain('[numbot] skipped RVT: unexpected key or version');
    expect(r.out).toContain('[numbot] installed Autodesk products: 3');
    expect(r.out).toContain('[numbot] kept ADSKFLEX_LICENSE_FILE: 3 product(s) still use network licensing');
    expect(readdirSync(dir)).not.toContain('pwned');
    // Nothing could be switched and all three stay on the network: a deployment tool must not see success.
    expect(r.code).toBe(1);
  });

  it('stops before touching anything when the helper or python3 is missing', async () => {
    const noPython = await runScript(
      sandboxed({ os: 'linux', products: 'all-installed' }).replace(/^PYTHON=.*$/m, `PYTHON='${dir}/none/python3'`),
    );
    expect(noPython.code).toBe(2);
    expect(noPython.out).toContain('python3 not found');
    expect(existsSync(join(dir, 'calls.log'))).toBe(false);

    rmSync(join(dir, 'helper'));
    const noHelper = await runScript(sandboxed({ os: 'linux', products: 'all-installed' }));
    expect(noHelper.code).toBe(2);
    expect(noHelper.out).toContain('AdskLicensingInstHelper not found');
    expect(existsSync(join(dir, LICPATH))).toBe(true);
    expect(etcFiles()).toEqual(UNTOUCHED_ETC);
  });
});

// Runs the generated macOS script for real under bash, against a fake AdskLicensingInstHelper, an osascript
// stand-in that evaluates the script's JavaScript for Automation with node, and a local report endpoint.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSwitchScript, type SwitchScriptOptions } from '../../src/licensing/switch-script.ts';

const INSTALLED = [
  { feature_id: 'ACD', def_prod_key: '001Q1', def_prod_ver: '2025.0.0.F', sel_prod_key: '001Q1', sel_prod_ver: '2025.0.0.F', lic_method: 1, lic_servers: ['27000@lic01'] },
  { feature_id: 'RVT', def_prod_key: '829K1', def_prod_ver: '2019.0.0.F', sel_prod_key: '829K1', sel_prod_ver: '2019.0.0.F', lic_method: 1, lic_servers: ['27000@lic01'] },
  { feature_id: 'MAYA', def_prod_key: '657L1', def_prod_ver: '2020.0.0.F', sel_prod_key: '657L1', sel_prod_ver: '2020.0.0.F', lic_method: 4, lic_servers: [] },
];

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'numbot-macos-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const exe = (path: string, text: string) => {
    writeFileSync(path, text);
    chmodSync(path, 0o755);
  };
  writeFileSync(join(dir, 'state.json'), JSON.stringify(INSTALLED));
  exe(
    join(dir, 'helper'),
    `#!${process.execPath}
const fs = require('fs');
const state = ${JSON.stringify(join(dir, 'state.json'))};
fs.appendFileSync(${JSON.stringify(join(dir, 'calls.log'))}, process.argv.slice(2).join(' ') + '\\n');
const list = JSON.parse(fs.readFileSync(state, 'utf8'));
const [cmd, , key, , ver, , method] = process.argv.slice(2);
if (cmd === 'list') { process.stdout.write(JSON.stringify(list, null, 2)); process.exit(0); }
if (cmd === 'change' && key === 'FAIL1') process.exit(3);
const p = list.find((x) => x.def_prod_key === key && x.def_prod_ver === ver);
if (!p || method !== 'USER') process.exit(4);
p.lic_method = 4; p.lic_servers = [];
fs.writeFileSync(state, JSON.stringify(list));
`,
  );
  exe(
    join(bin, 'osascript'),
    `#!${process.execPath}
const [lang, js, e, code, ...argv] = process.argv.slice(2);
if (lang !== '-l' || js !== 'JavaScript' || e !== '-e') process.exit(9);
const run = new Function(code + '\\nreturn run;')();
process.stdout.write(String(run(argv)) + '\\n');
`,
  );
  exe(join(bin, 'id'), '#!/bin/sh\nif [ "$1" = "-u" ]; then echo 0; else echo admin; fi\n');
  exe(join(bin, 'hostname'), '#!/bin/sh\necho MAC-TEST\n');
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
    .replace(/^USERS_ROOT=.*$/m, `USERS_ROOT='${dir}/Users'`);
}

function runScript(script: string): Promise<{ code: number | null; out: string }> {
  writeFileSync(join(dir, 'switch.sh'), script);
  return new Promise((resolve) => {
    const child = spawn('bash', [join(dir, 'switch.sh')], {
      env: { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const calls = () => readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n');

describe('macOS switch script, run under bash', () => {
  it('switches the named installed products, cleans leftovers and reports to the bot', async () => {
    const received: { url?: string; auth?: string; type?: string; body: string }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const r = await runScript(
        sandboxed({
          os: 'macos',
          products: [
            { key: '001Q1', version: '2025.0.0.F', name: 'AutoCAD 2025' },
            { key: '829K1', version: '2019.0.0.F', name: 'Revit 2019' },
            { key: '237Q1', version: '2025.0.0.F', name: "Civil 3D 2025 'n' $(touch pwned)" },
          ],
          reportUrl: `http://127.0.0.1:${port}/`,
          deviceToken: 'device-token-123',
        }),
      );
      expect(r.out).toContain('[numbot] switched AutoCAD 2025 (001Q1 2025.0.0.F) to named-user licensing');
      expect(r.out).toContain('[numbot] switched Revit 2019 (829K1 2019.0.0.F) to named-user licensing');
      expect(r.out).toContain("[numbot] Civil 3D 2025 'n' $(touch pwned) is not installed: skipped");
      expect(r.out).toContain('[numbot] switched: 2, failed: 0');
      expect(r.code).toBe(0);
      expect(existsSync(join(dir, 'pwned'))).toBe(false);
      expect(calls()).toEqual(['list', 'change -pk 001Q1 -pv 2025.0.0.F -lm USER', 'change -pk 829K1 -pv 2019.0.0.F -lm USER', 'list']);

      for (const user of ['alice', 'bob'])
        expect(existsSync(join(dir, 'Users', user, 'Library/Application Support/Autodesk/Web Services/LoginState.xml'))).toBe(false);
      expect(readdirSync(join(dir, 'Autodesk/CLM/LGS/829K1_2019.0.0.F'))).toEqual([]);
      expect(existsSync(join(dir, 'Autodesk/AdskLicensingService/001Q1_2025.0.0.F/LICPATH.lic'))).toBe(false);

      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ url: '/api/devices/report', auth: 'Bearer device-token-123', type: 'application/json' });
      const report = JSON.parse(received[0]!.body);
      expect(report.hostname).toBe('MAC-TEST');
      expect(report.user).toBe('admin');
      expect(report.products.map((p: { def_prod_key: string; lic_method: number }) => [p.def_prod_key, p.lic_method])).toEqual([
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
    const r = await runScript(sandboxed({ os: 'macos', products: 'all-installed' }));
    expect(r.code).toBe(0);
    expect(calls()).toEqual(['list', 'change -pk 001Q1 -pv 2025.0.0.F -lm USER', 'change -pk 829K1 -pv 2019.0.0.F -lm USER', 'list']);
    expect(r.out).toContain('[numbot] MAYA (657L1 2020.0.0.F) already uses named-user licensing');
    expect(r.out).not.toContain('report');
  });

  it('exits non-zero and says so when the helper refuses a change', async () => {
    const list = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    list[0].def_prod_key = 'FAIL1';
    writeFileSync(join(dir, 'state.json'), JSON.stringify(list));
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
    expect(existsSync(join(dir, 'Users/alice/Library/Application Support/Autodesk/Web Services/LoginState.xml'))).toBe(true);
  });
});

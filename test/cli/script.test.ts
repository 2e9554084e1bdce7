import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { redisUrl, uniqueMigrationId } from '../helpers/redis.ts';

function fakeIo(env: Record<string, string> = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    readInput: async () => Buffer.from(''),
    env,
    now: () => 0,
  };
}

describe('numbot script', () => {
  it('prints a Windows script for a product named loosely, with the catalogue key', async () => {
    const io = fakeIo();
    expect(await main(['script', '--os', 'windows', '--product', 'AutoCAD 2025', '--product', 'revit 2021'], io)).toBe(
      0,
    );
    expect(io.stdout).toHaveLength(1);
    expect(io.stdout[0]).toContain(
      '{"name":"AutoCAD 2025","compact":"autocad","keys":["001Q1"],"version":"2025.0.0.F"}',
    );
    expect(io.stdout[0]).toContain('{"name":"Revit 2021","compact":"revit","keys":["829M1"],"version":"2021.0.0.F"}');
  });

  it('prints a macOS script for all installed products that reports back', async () => {
    const io = fakeIo();
    const code = await main(
      [
        'script',
        '--os',
        'macos',
        '--all-installed',
        '--report-url',
        'https://bot.example.org',
        '--device-token',
        'abcdefgh12345678',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout[0]).toContain("REPORT_URL='https://bot.example.org/api/devices/report'");
    expect(io.stdout[0]).toContain('done <<< "$INSTALLED"');
  });

  it('prints a Linux script with the Linux helper path', async () => {
    const io = fakeIo();
    expect(await main(['script', '--os', 'linux', '--product', 'Maya 2025'], io)).toBe(0);
    expect(io.stdout[0]).toContain("HELPER='/opt/Autodesk/AdskLicensing/Current/helper/AdskLicensingInstHelper'");
    expect(io.stdout[0]).toContain("WANT_NAMES=('Maya 2025')");
  });

  it('uses the derived key for a year beyond the shipped lists', async () => {
    const io = fakeIo();
    expect(await main(['script', '--os', 'macos', '--product', 'AutoCAD 2026'], io)).toBe(0);
    expect(io.stdout[0]).toContain("WANT_KEYS=('001R1')");
    expect(io.stdout[0]).toContain("WANT_VERS=('2026.0.0.F')");
  });

  it('reads a product without a year as every installed release of it, and "AutoCAD 2027" as that release', async () => {
    const io = fakeIo();
    expect(await main(['script', '--os', 'linux', '--product', 'AutoCAD', '--product', 'Revit 2027'], io)).toBe(0);
    expect(io.stdout[0]).toContain("WANT_NAMES=('AutoCAD' 'Revit 2027')");
    expect(io.stdout[0]).toContain("WANT_CODES=('001' '')");
    expect(io.stdout[0]).toContain("WANT_KEYS=('' '829S1')");
    expect(io.stdout[0]).toContain("WANT_VERS=('' '2027.0.0.F')");
  });

  it('--for intune prints a detection + remediation pair with the Intune settings', async () => {
    const io = fakeIo();
    expect(await main(['script', '--os', 'windows', '--product', 'AutoCAD', '--for', 'intune'], io)).toBe(0);
    expect(io.stdout).toHaveLength(2);
    const [detect, remediate] = io.stdout as [string, string];
    expect(detect.startsWith('# ===== numbot-detect.ps1 =====\n')).toBe(true);
    expect(remediate.startsWith('# ===== numbot-remediate.ps1 =====\n')).toBe(true);
    for (const setting of [
      'Run this script using the logged-on credentials: No',
      'Run script in 64-bit PowerShell: Yes',
      'Schedule: Hourly or Daily',
    ])
      expect(detect).toContain(setting);
    const plan = (ps: string) => JSON.parse(/\$Plan = @'\r\n(.*)\r\n'@/.exec(ps)![1]!);
    expect(plan(detect)).toMatchObject({
      detect: 'intune',
      wanted: [{ name: 'AutoCAD', codes: ['001'] }],
      exitCodes: { network: 1, named: 0, 'not-applicable': 0, manual: 0, 'no-helper': 0 },
    });
    expect(detect.indexOf('Complete-Run $status')).toBeLessThan(detect.indexOf('& $Helper change'));
    expect(plan(remediate)).toMatchObject({ detect: null, exitCodes: { network: 1, manual: 3 } });
  });

  it('--for sccm prints a discovery script answering Compliant / NonCompliant, --for jamf the macOS script with its settings', async () => {
    const sccm = fakeIo();
    expect(await main(['script', '--os', 'windows', '--all-installed', '--for', 'sccm'], sccm)).toBe(0);
    expect(sccm.stdout[0]).toContain('# ===== numbot-discovery.ps1 =====');
    expect(sccm.stdout[0]).toContain("Write-Output 'NonCompliant'");
    expect(sccm.stdout[0]).toContain('Compliance rule: value equals Compliant');
    const jamf = fakeIo();
    expect(await main(['script', '--os', 'macos', '--product', 'AutoCAD', '--for', 'jamf'], jamf)).toBe(0);
    expect(jamf.stdout).toHaveLength(1);
    const sh = jamf.stdout[0]!.slice(jamf.stdout[0]!.indexOf('\n') + 1);
    expect(sh.startsWith('#!/bin/bash\n# Jamf Pro > Settings')).toBe(true);
    expect(sh).toContain('Trigger: Recurring Check-in');
    const wrong = fakeIo();
    expect(await main(['script', '--os', 'linux', '--all-installed', '--for', 'jamf'], wrong)).toBe(1);
    expect(wrong.stderr.join('')).toContain('the Jamf kit is a macOS script');
    const bad = fakeIo();
    expect(await main(['script', '--os', 'windows', '--all-installed', '--for', 'ansible'], bad)).toBe(2);
    expect(bad.stderr.join('')).toContain('--for must be intune, jamf, sccm');
  });

  it('reports by default with the fleet token when PUBLIC_URL, the device secret and Redis are set', async () => {
    const env = {
      PUBLIC_URL: 'https://bot.example.org',
      DEVICE_TOKEN_SECRET: 'device-secret-0123456789abcdef',
      REDIS_URL: redisUrl(),
      MIGRATION_ID: uniqueMigrationId('cli-fleet'),
    };
    const io = fakeIo(env);
    expect(await main(['script', '--os', 'linux', '--product', 'AutoCAD'], io)).toBe(0);
    expect(io.stdout[0]).toContain("REPORT_URL='https://bot.example.org/api/devices/report'");
    expect(io.stdout[0]).toMatch(/DEVICE_TOKEN='fleet-1\.[A-Za-z0-9_-]{43}'/);
    const off = fakeIo(env);
    expect(await main(['script', '--os', 'linux', '--product', 'AutoCAD', '--no-report'], off)).toBe(0);
    expect(off.stdout[0]).not.toContain('REPORT_URL');
    const { REDIS_URL: _r, MIGRATION_ID: _m, ...noRedis } = env;
    const embedded = fakeIo(noRedis);
    expect(await main(['script', '--os', 'linux', '--all-installed'], embedded)).toBe(0);
    expect(embedded.stdout[0]).not.toContain('REPORT_URL');
    expect(embedded.stderr.join('')).toContain('no fleet token to report with');
  });

  it('fails clearly on bad arguments and prints no script', async () => {
    const cases: [string[], number, RegExp][] = [
      [['script', '--product', 'AutoCAD'], 2, /--os must be windows, macos, linux/],
      [['script', '--os', 'solaris', '--all-installed'], 2, /--os must be/],
      [['script', '--os', 'windows'], 2, /either --product .* or --all-installed/],
      [['script', '--os', 'windows', '--all-installed', '--product', 'AutoCAD'], 2, /either --product/],
      [['script', '--os', 'windows', '--product', 'Photoshop'], 1, /no Autodesk product called "Photoshop"/],
      [['script', '--os', 'windows', '--product', 'powermill'], 1, /could be PowerMill/],
      [
        ['script', '--os', 'windows', '--all-installed', '--report-url', 'https://x.org'],
        1,
        /both the report URL and the device token/,
      ],
      [['script', '--os', 'windows', '--all-installed', '--bogus'], 2, /bogus/],
    ];
    for (const [args, code, message] of cases) {
      const io = fakeIo();
      expect(await main(args, io), args.join(' ')).toBe(code);
      expect(io.stderr.join('\n')).toMatch(message);
      expect(io.stdout).toEqual([]);
    }
  });
});

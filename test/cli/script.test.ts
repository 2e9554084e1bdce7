import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import type { CliIo } from '../../src/cli/io.ts';

function fakeIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    readInput: async () => Buffer.from(''),
    env: {},
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
    expect(io.stdout[0]).toContain("@{ Name = 'AutoCAD 2025'; Keys = @('001Q1'); Version = '2025.0.0.F' }");
    expect(io.stdout[0]).toContain("@{ Name = 'Revit 2021'; Keys = @('829M1'); Version = '2021.0.0.F' }");
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

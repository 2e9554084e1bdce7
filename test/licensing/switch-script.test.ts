import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { psQuote, shQuote } from '../../src/licensing/script-quote.ts';
import { generateSwitchScript, SCRIPT_OSES } from '../../src/licensing/switch-script.ts';
import { windowsPlan, type WindowsPlan } from '../../src/licensing/switch-script-windows-plan.ts';

const ACAD = { key: '001Q1', version: '2025.0.0.F', name: 'AutoCAD 2025' };
const HOSTILE = [
  `x'; Remove-Item C:\\ -Recurse; '`,
  `a\u2019) ; calc.exe ; (\u2018b`,
  `$(touch /tmp/numbot-pwned) \`id\` "q" \${HOME} \\' ''`,
  `O'Brien's \u201Atool\u201B`,
];
const PS_QUOTES = `'\u2018\u2019\u201A\u201B`;

/** Reads a PowerShell single-quoted literal at `start` the way PowerShell's tokenizer does; returns its value and end. */
function readPsLiteral(text: string, start: number): { value: string; end: number } {
  if (!PS_QUOTES.includes(text[start]!)) throw new Error(`no literal at ${start}: ${text.slice(start, start + 20)}`);
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (PS_QUOTES.includes(c)) {
      const next = text[i + 1];
      if (next !== undefined && PS_QUOTES.includes(next)) {
        value += c;
        i++;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += c;
  }
  throw new Error('unterminated literal');
}

const bash = (script: string) => spawnSync('bash', ['-c', script], { encoding: 'utf8' });

describe('quoting', () => {
  it('psQuote doubles every character PowerShell treats as a single quote', () => {
    expect(psQuote("it's")).toBe("'it''s'");
    expect(psQuote('a\u2019b')).toBe("'a\u2019\u2019b'");
    for (const s of HOSTILE) expect(readPsLiteral(psQuote(s), 0)).toEqual({ value: s, end: psQuote(s).length });
  });

  it('shQuote survives a real bash unchanged', () => {
    for (const s of HOSTILE) {
      const r = bash(`printf '%s' ${shQuote(s)}`);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(s);
    }
  });
});

/** The plan the Windows script embeds: the JSON between `$Plan = @'` and `'@ | ConvertFrom-Json`. */
function embeddedPlan(ps: string): WindowsPlan {
  const m = /\r\n\$Plan = @'\r\n(.*)\r\n'@ \| ConvertFrom-Json\r\n/.exec(ps);
  if (!m) throw new Error('no plan');
  return JSON.parse(m[1]!) as WindowsPlan;
}

describe('generateSwitchScript: Windows (decisions as data; pwsh is not on this machine)', () => {
  it('embeds the plan: a release by keys and version, a product without a year by its codes', () => {
    const ps = generateSwitchScript({
      os: 'windows',
      products: [ACAD, { name: 'Revit', codes: ['829'] }],
    });
    expect(embeddedPlan(ps)).toEqual(
      windowsPlan({
        products: [
          { ...ACAD, alternates: [] },
          { name: 'Revit', codes: ['829'] },
        ],
      }),
    );
    expect(embeddedPlan(ps).wanted).toEqual([
      { name: 'AutoCAD 2025', compact: 'autocad', keys: ['001Q1'], version: '2025.0.0.F' },
      { name: 'Revit', compact: 'revit', codes: ['829'] },
    ]);
    expect(embeddedPlan(generateSwitchScript({ os: 'windows', products: 'all-installed' })).wanted).toBe('all');
  });

  it('gives each result the exit code the header documents, the same as the bash scripts', () => {
    const plan = embeddedPlan(generateSwitchScript({ os: 'windows', products: [ACAD] }));
    expect(plan.exitCodes).toEqual({
      named: 0,
      'not-applicable': 0,
      network: 1,
      manual: 3,
      'no-helper': 2,
      'not-root': 2,
    });
    const ps = generateSwitchScript({ os: 'windows', products: [ACAD] });
    for (const line of [
      '#   0  every product asked for',
      '#   1  something asked for',
      '#   2  nothing was tried',
      '#   3  only 2019',
    ])
      expect(ps).toContain(line);
    for (const status of Object.keys(plan.exitCodes)) expect(ps).toContain(`'${status}'`);
  });

  it('relaunches itself in 64-bit PowerShell through sysnative before touching anything', () => {
    const ps = generateSwitchScript({ os: 'windows', products: [ACAD] });
    const relaunch = ps.indexOf("Join-Path $env:SystemRoot 'sysnative\\WindowsPowerShell\\v1.0\\powershell.exe'");
    expect(relaunch).toBeGreaterThan(0);
    expect(ps).toContain('-File $PSCommandPath');
    expect(ps).toContain('exit $LASTEXITCODE');
    expect(relaunch).toBeLessThan(ps.indexOf('$Plan = @'));
    expect(relaunch).toBeLessThan(ps.indexOf('& $Helper'));
  });

  it('runs as SYSTEM: every person’s hive (loaded, or from NTUSER.DAT), ProgramData LICPATH.lic, no Win32_Product, no stop at the first error', () => {
    const ps = generateSwitchScript({ os: 'windows', products: [ACAD] });
    const plan = embeddedPlan(ps);
    expect(plan.userKeys).toEqual(['Software\\FLEXlm License Manager', 'Environment']);
    expect(plan.machineKeys).toEqual([
      'SOFTWARE\\FLEXlm License Manager',
      'SOFTWARE\\WOW6432Node\\FLEXlm License Manager',
    ]);
    expect(plan.profileSidPrefixes).toEqual(['S-1-5-21-', 'S-1-12-1-']);
    expect(plan.licensingData).toBe('Autodesk\\AdskLicensingService');
    expect(ps).toContain("$root = 'Registry::HKEY_USERS\\' + $pr.Sid");
    expect(ps).toContain("$hive = Join-Path $pr.Path 'NTUSER.DAT'");
    expect(ps).toContain("& reg.exe load ('HKU\\' + $mounted) $hive");
    expect(ps).toContain("& reg.exe unload ('HKU\\' + $mounted)");
    expect(ps).toContain(
      "Join-Path $env:ProgramData ($Plan.licensingData + '\\' + $t.Key + '_' + $t.Version + '\\LICPATH.lic')",
    );
    expect(ps).not.toContain('Win32_Product');
    expect(ps).not.toContain('HKCU:');
    expect(ps).not.toMatch(/\$ErrorActionPreference = 'Stop'/);
    expect(ps).toContain("$ErrorActionPreference = 'Continue'");
    // Each switch is tried on its own, and every way out reports first.
    expect(ps).toMatch(/foreach \(\$t in \$Targets\) \{\r\n {2}try \{/);
    expect(ps.match(/^\s*exit /gm)).toHaveLength(2); // the 64-bit relaunch, and Complete-Run after Send-Report
    expect(ps.indexOf('Send-Report $Status')).toBeLessThan(ps.indexOf('exit $code'));
  });

  it('clears cached sign-ins only before the first switch of a run', () => {
    const ps = generateSwitchScript({ os: 'windows', products: [ACAD] });
    const clear = ps.indexOf('$f = Join-Path $pr.Path $Plan.loginState');
    expect(ps.lastIndexOf('if (-not $LoginCleared) {', clear)).toBeGreaterThan(
      ps.indexOf("already uses named-user licensing'"),
    );
    expect(clear).toBeLessThan(ps.indexOf('& $Helper change'));
  });

  it('reports with the console user (UPN even as SYSTEM), the status and the hand switches', () => {
    const ps = generateSwitchScript({
      os: 'windows',
      products: [ACAD],
      reportUrl: 'https://bot.example.org/numbot/',
      deviceToken: 'tok.EN-123_456',
    });
    expect(ps).toContain("$ReportUrl = 'https://bot.example.org/numbot/api/devices/report'");
    expect(ps).toContain("$DeviceToken = 'tok.EN-123_456'");
    expect(ps).toContain("Authorization = ('Bearer ' + $DeviceToken)");
    expect(ps).toContain(
      'hostname = $env:COMPUTERNAME; user = (Get-ConsoleUser); status = $Status; manual = @($ManualNames)',
    );
    expect(ps).toContain('Win32_ComputerSystem');
    expect(ps).toContain('IdentityStore\\Cache');
    expect(generateSwitchScript({ os: 'windows', products: [ACAD] })).not.toContain('Invoke-RestMethod');
  });

  it('keeps hostile product names inside the plan JSON, on one line', () => {
    const products = HOSTILE.map((name, i) => ({ key: `00${i}Q1`, version: '2025.0.0.F', name }));
    const ps = generateSwitchScript({ os: 'windows', products });
    const plan = embeddedPlan(ps);
    expect((plan.wanted as { name: string }[]).map((w) => w.name)).toEqual(HOSTILE);
    expect(ps.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    expect(ps.split('\r\n').filter((l) => /^['\u2018\u2019\u201A\u201B]@/.test(l))).toEqual(["'@ | ConvertFrom-Json"]);
  });
});

describe('generateSwitchScript: macOS', () => {
  it('is valid bash that switches the named product with its key and version', () => {
    const sh = generateSwitchScript({ os: 'macos', products: [ACAD] });
    expect(bash(`bash -n <<'__END__'\n${sh}\n__END__`).status).toBe(0);
    expect(sh.startsWith('#!/bin/bash\n')).toBe(true);
    expect(sh).toContain(
      "HELPER='/Library/Application Support/Autodesk/AdskLicensing/Current/helper/AdskLicensingInstHelper'",
    );
    expect(sh).toContain("WANT_KEYS=('001Q1')");
    expect(sh).toContain("WANT_VERS=('2025.0.0.F')");
    expect(sh).toContain('"$HELPER" change -pk "$key" -pv "$ver" -lm USER');
    expect(sh).toContain('LICPATH.lic');
  });

  it('keeps hostile product names inside their quotes', () => {
    const products = HOSTILE.map((name, i) => ({ key: `00${i}Q1`, version: '2025.0.0.F', name }));
    const sh = generateSwitchScript({ os: 'macos', products });
    const line = sh.split('\n').find((l) => l.startsWith('WANT_NAMES='))!;
    const r = bash(`${line}\nprintf '%s\\0' "\${WANT_NAMES[@]}"`);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(HOSTILE);
  });
});

describe('generateSwitchScript: Linux', () => {
  it('is valid bash that switches the named product with its key and version', () => {
    for (const options of [
      { os: 'linux' as const, products: [ACAD] },
      {
        os: 'linux' as const,
        products: 'all-installed' as const,
        reportUrl: 'https://bot.example.org',
        deviceToken: 'abcdefgh12345678',
      },
    ]) {
      const sh = generateSwitchScript(options);
      expect(bash(`bash -n <<'__END__'\n${sh}\n__END__`).status).toBe(0);
      expect(sh.startsWith('#!/bin/bash\n')).toBe(true);
    }
    const sh = generateSwitchScript({ os: 'linux', products: [ACAD] });
    expect(sh).toContain("HELPER='/opt/Autodesk/AdskLicensing/Current/helper/AdskLicensingInstHelper'");
    expect(sh).toContain("WANT_KEYS=('001Q1')");
    expect(sh).toContain("WANT_VERS=('2025.0.0.F')");
    expect(sh).toContain('"$HELPER" change -pk "$key" -pv "$ver" -lm USER');
    expect(sh).toContain("LICENSING_DATA='/var/opt/Autodesk/AdskLicensingService'");
    expect(sh).toMatch(/by analogy with macOS, still to be checked on a real Linux install/);
    expect(sh).toContain('for f in "$ETC_ROOT/environment" "$ETC_ROOT"/profile.d/*.sh; do');
    expect(sh).not.toContain('osascript');
  });

  it('keeps hostile product names inside their quotes', () => {
    const products = HOSTILE.map((name, i) => ({ key: `00${i}Q1`, version: '2025.0.0.F', name }));
    const sh = generateSwitchScript({ os: 'linux', products });
    const line = sh.split('\n').find((l) => l.startsWith('WANT_NAMES='))!;
    const r = bash(`${line}\nprintf '%s\\0' "\${WANT_NAMES[@]}"`);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(HOSTILE);
  });
});

describe('generateSwitchScript: validation', () => {
  const bad = (o: Partial<Parameters<typeof generateSwitchScript>[0]>) => () =>
    generateSwitchScript({ os: 'windows', products: [ACAD], ...o });

  it('rejects keys, versions and names that are not what the helper takes', () => {
    expect(bad({ products: [{ ...ACAD, key: "001Q1'" }] })).toThrow(/product key "001Q1'" .* is not 5 characters/);
    expect(bad({ products: [{ ...ACAD, key: '001q1' }] })).toThrow(/product key/);
    expect(bad({ products: [{ ...ACAD, version: '2025.0.0.F; rm -rf /' }] })).toThrow(/is not YYYY.0.0.F/);
    expect(bad({ products: [{ ...ACAD, version: '2025.1.0.F' }] })).toThrow(/is not YYYY.0.0.F/);
    expect(bad({ products: [{ ...ACAD, name: 'AutoCAD\n& calc.exe' }] })).toThrow(
      /product name must be 1 to 120 printable characters/,
    );
    expect(bad({ products: [{ ...ACAD, name: '' }] })).toThrow(/product name/);
    expect(bad({ products: [{ ...ACAD, alternates: ['$(x)'] }] })).toThrow(/alternate key/);
    expect(bad({ products: [] })).toThrow(/at least one product/);
    expect(bad({ os: 'solaris' as never })).toThrow(/unknown OS "solaris": use windows, macos, linux/);
  });

  it('refuses injection through keys and versions for every OS', () => {
    for (const os of SCRIPT_OSES) {
      expect(() => generateSwitchScript({ os, products: [{ ...ACAD, key: '$(id)' }] })).toThrow(/product key/);
      expect(() => generateSwitchScript({ os, products: [{ ...ACAD, key: "0'Q1;" }] })).toThrow(/product key/);
      expect(() => generateSwitchScript({ os, products: [{ ...ACAD, version: "2025.0.0.F' -lm ''" }] })).toThrow(
        /is not YYYY.0.0.F/,
      );
      expect(() => generateSwitchScript({ os, products: [{ ...ACAD, alternates: ['`id`'] }] })).toThrow(
        /alternate key/,
      );
    }
  });

  it('rejects report URLs and tokens that could carry anything else', () => {
    const token = 'abcdefgh12345678';
    expect(bad({ reportUrl: 'https://bot.example.org' })).toThrow(/both the report URL and the device token/);
    expect(bad({ deviceToken: token })).toThrow(/both the report URL and the device token/);
    expect(bad({ reportUrl: 'javascript:alert(1)', deviceToken: token })).toThrow(/must start with https/);
    expect(bad({ reportUrl: 'not a url', deviceToken: token })).toThrow(/is not a URL/);
    expect(bad({ reportUrl: "https://bot.example.org/a'b", deviceToken: token })).toThrow(/may only contain/);
    expect(bad({ reportUrl: 'https://bot.example.org/?x=1', deviceToken: token })).toThrow(/query/);
    expect(bad({ reportUrl: 'https://u:p@bot.example.org', deviceToken: token })).toThrow(/credentials/);
    expect(bad({ reportUrl: 'https://bot.example.org', deviceToken: "abc'def12345" })).toThrow(/device token must be/);
    expect(bad({ reportUrl: 'https://bot.example.org', deviceToken: 'short' })).toThrow(/device token must be/);
  });

  it('drops duplicate products and alternates equal to the key', () => {
    const ps = generateSwitchScript({
      os: 'windows',
      products: [ACAD, { ...ACAD, name: 'AutoCAD again', alternates: ['001Q1'] }],
    });
    expect(embeddedPlan(ps).wanted).toEqual([
      { name: 'AutoCAD 2025', compact: 'autocad', keys: ['001Q1'], version: '2025.0.0.F' },
    ]);
  });
});

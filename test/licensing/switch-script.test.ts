import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { psQuote, shQuote } from '../../src/licensing/script-quote.ts';
import { generateSwitchScript, SCRIPT_OSES } from '../../src/licensing/switch-script.ts';

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

describe('generateSwitchScript: Windows', () => {
  it('switches the named product with its key and version, where installed', () => {
    const ps = generateSwitchScript({ os: 'windows', products: [ACAD] });
    expect(ps).toContain("@{ Name = 'AutoCAD 2025'; Keys = @('001Q1'); Version = '2025.0.0.F' }");
    expect(ps).toContain('& $Helper change -pk $t.Key -pv $t.Version -lm USER');
    expect(ps).toContain(
      "Join-Path ${env:CommonProgramFiles(x86)} 'Autodesk Shared\\AdskLicensing\\Current\\helper\\AdskLicensingInstHelper.exe'",
    );
    expect(ps).toContain('is not installed: skipped');
    expect(ps).toContain("'Autodesk\\Web Services\\LoginState.xml'");
    expect(ps).toContain("'Autodesk\\CLM\\LGS\\' + $t.Key + '_' + $t.Version");
    for (const k of [
      'HKCU:\\Software\\FLEXlm License Manager',
      'HKLM:\\SOFTWARE\\FLEXlm License Manager',
      'HKLM:\\SOFTWARE\\Wow6432Node\\FLEXlm License Manager',
    ])
      expect(ps).toContain(`'${k}'`);
    expect(ps).toContain("[Environment]::SetEnvironmentVariable('ADSKFLEX_LICENSE_FILE', $null, $scope)");
    expect(ps).not.toContain('Invoke-RestMethod');
    expect(ps.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
  });

  it('switches every installed product when asked for all', () => {
    const ps = generateSwitchScript({ os: 'windows', products: 'all-installed' });
    expect(ps).toContain('foreach ($p in $Installed) {');
    expect(ps).toContain('Key = [string]$p.def_prod_key; Version = [string]$p.def_prod_ver');
    expect(ps).not.toContain('$Wanted');
  });

  it('reports to <url>/api/devices/report with the bearer token and the hostname', () => {
    const ps = generateSwitchScript({
      os: 'windows',
      products: [ACAD],
      reportUrl: 'https://bot.example.org/numbot/',
      deviceToken: 'tok.EN-123_456',
    });
    expect(ps).toContain("$ReportUrl = 'https://bot.example.org/numbot/api/devices/report'");
    expect(ps).toContain("$DeviceToken = 'tok.EN-123_456'");
    expect(ps).toContain("Authorization = ('Bearer ' + $DeviceToken)");
    expect(ps).toContain('hostname = $env:COMPUTERNAME');
  });

  it('keeps hostile product names inside their quotes', () => {
    const products = HOSTILE.map((name, i) => ({ key: `00${i}Q1`, version: '2025.0.0.F', name }));
    const ps = generateSwitchScript({ os: 'windows', products });
    const lines = ps.split('\r\n').filter((l) => l.startsWith('  @{ Name = '));
    expect(lines).toHaveLength(HOSTILE.length);
    for (const [i, name] of HOSTILE.entries()) {
      const lit = readPsLiteral(lines[i]!, '  @{ Name = '.length);
      expect(lit.value).toBe(name);
      expect(lines[i]!.slice(lit.end)).toMatch(
        new RegExp(`^; Keys = @\\('00${i}Q1'\\); Version = '2025\\.0\\.0\\.F' \\},?$`),
      );
    }
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
    expect(ps.split('\r\n').filter((l) => l.startsWith('  @{ Name = '))).toEqual([
      "  @{ Name = 'AutoCAD 2025'; Keys = @('001Q1'); Version = '2025.0.0.F' }",
    ]);
  });
});

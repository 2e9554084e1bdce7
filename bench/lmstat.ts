// lmstat parser throughput: a generated `lmstat -a` output with 10,000 checkouts (or --checkouts N),
// parsed several times; prints one JSON line with the best run.
import { parseLmstat } from '../src/licensing/parse-lmstat.ts';

/** An Autodesk-style lmstat output: features of 200 checkouts each, a mix of plain, `N licenses` and linger lines. */
export function generateLmstat(checkouts: number): string {
  const lines = [
    'lmutil - Copyright (c) 1989-2023 Flexera. All Rights Reserved.',
    'Flexible License Manager status on Thu 2/1/2024 14:30',
    '',
    'License server status: 27000@lic01.example.org',
    '    License file(s) on lic01.example.org: C:\\Autodesk\\Network License Manager\\lic01.lic:',
    '',
    'lic01.example.org: license server UP (MASTER) v11.18.1',
    '',
    'Vendor daemon status (on lic01.example.org):',
    '',
    '  adskflex: UP v11.18.1',
    'Feature usage info:',
    '',
  ];
  const perFeature = 200;
  for (let f = 0, done = 0; done < checkouts; f++) {
    const n = Math.min(perFeature, checkouts - done);
    const name = `8${String(7000 + f).padStart(4, '0')}ACD_2024_0F`;
    lines.push(`Users of ${name}:  (Total of ${n + 10} licenses issued;  Total of ${n} licenses in use)`, '');
    lines.push(`  "${name}" v1.000, vendor: adskflex, expiry: permanent(no expiration date)`, '  floating license', '');
    for (let i = 0; i < n; i++, done++) {
      const host = `PC-${String(done).padStart(5, '0')}`;
      const tail = i % 10 === 0 ? ', 2 licenses' : i % 7 === 0 ? '  (linger: 600 / 120)' : '';
      lines.push(
        `    user${done} ${host} ${host.toLowerCase()} (v1.000) (lic01.example.org/27000 ${1000 + done}), start Thu 2/1 ${8 + (i % 9)}:${String(i % 60).padStart(2, '0')}${tail}`,
      );
    }
    lines.push('');
  }
  return lines.join('\r\n');
}

export async function main(args: string[]): Promise<void> {
  const i = args.indexOf('--checkouts');
  const checkouts = i >= 0 ? Number(args[i + 1]) : 10_000;
  if (!Number.isInteger(checkouts) || checkouts < 1) throw new Error('--checkouts needs a positive whole number');
  const text = generateLmstat(checkouts);
  const bytes = Buffer.byteLength(text);
  let best = Infinity;
  let parsed = 0;
  for (let run = 0; run < 7; run++) {
    const t0 = process.hrtime.bigint();
    const report = parseLmstat(text);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    parsed = report.servers.reduce((n, s) => n + s.features.reduce((m, f) => m + f.users.length, 0), 0);
    best = Math.min(best, seconds);
  }
  if (parsed !== checkouts) throw new Error(`parsed ${parsed} checkouts, expected ${checkouts}`);
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  console.log(
    JSON.stringify({
      bench: 'lmstat',
      bytes,
      checkouts,
      seconds: round(best, 4),
      mbPerSec: round(bytes / 1e6 / best, 1),
    }),
  );
}

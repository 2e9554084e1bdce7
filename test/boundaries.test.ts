// The house rule, checked on the sources: each SDK stays inside its edge, and only the composition root reads the environment.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const files = sources(join(root, 'src')).map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));
/** Module specifiers of every import, export-from and dynamic import, as TypeScript itself reads them. */
const importsOf = (text: string) => ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);

const RULES: { pkg: RegExp; allowed: RegExp; what: string }[] = [
  { pkg: /^botbuilder/, allowed: /^src\/channels\/teams\//, what: 'botbuilder only in src/channels/teams/' },
  { pkg: /^@slack\//, allowed: /^src\/channels\/slack\//, what: 'Slack SDKs only in src/channels/slack/' },
  {
    pkg: /^(ioredis|bullmq)$/,
    allowed: /^src\/(store|delivery|schedule)\//,
    what: 'ioredis/bullmq only in store, delivery and schedule',
  },
];

describe('module boundaries', () => {
  it('finds the sources it checks', () => {
    expect(files.some((f) => f.path === 'src/domain/transitions.ts')).toBe(true);
  });
  for (const rule of RULES) {
    it(rule.what, () => {
      const offenders = files
        .filter((f) => !rule.allowed.test(f.path) && importsOf(f.text).some((i) => rule.pkg.test(i)))
        .map((f) => f.path);
      expect(offenders).toEqual([]);
    });
  }
  // luxon is allowed: a pure date library (time zones, calendars) with no I/O.
  it('keeps the core pure: no I/O, clock or SDK imports in src/domain/', () => {
    const offenders = files
      .filter((f) => f.path.startsWith('src/domain/'))
      .filter(
        (f) =>
          importsOf(f.text).some((i) => !i.startsWith('.') && i !== 'luxon') ||
          /Date\.now\(|new Date\(\)|DateTime\.(now|local)\(|process\./.test(f.text),
      )
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
  it('reads process.env only in config, main and cli', () => {
    const offenders = files
      .filter((f) => /process\.env/.test(f.text) && !/^src\/(config|main|cli)\.ts$/.test(f.path))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});

// botbuilder stays inside the Teams channel folder, so moving to its successor SDK touches one folder.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('Teams SDK boundary', () => {
  it('imports botbuilder only under src/channels/teams/', () => {
    const root = join(import.meta.dirname, '../../..');
    const offenders = files(join(root, 'src'))
      .filter((f) => !relative(root, f).startsWith(join('src', 'channels', 'teams')))
      .filter((f) => /from ['"](botbuilder|botframework-[a-z-]+)['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
    expect(
      files(join(root, 'src', 'channels', 'teams')).some((f) => readFileSync(f, 'utf8').includes("from 'botbuilder'")),
    ).toBe(true);
  });
});

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import type { CliIo } from '../../src/cli/io.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/lmstat/${name}`, import.meta.url));

function fakeIo(stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    readInput: async (p) => (p === '-' ? Buffer.from(stdin) : readFile(p)),
    env: {},
    now: () => 0,
  };
}

describe('numbot lmstat', () => {
  it('prints exactly one JSON object for a file', async () => {
    const io = fakeIo();
    expect(await main(['lmstat', fixture('adsk_lic01_crlf.txt')], io)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const report = JSON.parse(io.stdout[0]!);
    expect(report.servers[0].address).toBe('27000@lic01.example.org');
    expect(report.servers[0].features[0]).toMatchObject({ name: '86815AECCOL_T_F', issued: 240, inUse: 4 });
  });

  it('reads standard input for "-"', async () => {
    const io = fakeIo(await readFile(fixture('lmstat_server_down.txt'), 'utf8'));
    expect(await main(['lmstat', '-'], io)).toBe(0);
    expect(JSON.parse(io.stdout[0]!).servers[0].nodes[2].status).toBe('down');
  });

  it('fails clearly on a missing file, a missing argument, binary data and text that is not lmstat', async () => {
    let io = fakeIo();
    expect(await main(['lmstat', fixture('nope.txt')], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/cannot read ".*nope.txt": no such file/);
    expect(io.stdout).toEqual([]);
    io = fakeIo();
    expect(await main(['lmstat'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('missing input');
    io = fakeIo('\u0000\u0001\u0002');
    expect(await main(['lmstat', '-'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('binary');
    io = fakeIo('hello world\n');
    expect(await main(['lmstat', '-'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('not lmstat output');
    expect(io.stdout).toEqual([]);
  });
});

describe('numbot lmlog', () => {
  it('prints the last use per user and feature as JSON', async () => {
    const io = fakeIo();
    expect(await main(['lmlog', fixture('adsk_debug.lmlog'), '--tz', 'Europe/Brussels'], io)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const out = JSON.parse(io.stdout[0]!);
    expect(out).toMatchObject({ timeZone: 'Europe/Brussels', events: 7, undated: 1 });
    expect(out.lastOutAt).toBe(Date.parse('2017-06-24T07:10:00Z'));
    expect(out.lastUse.map((u: { user: string }) => u.user)).toEqual(['amartin', 'amartin', 'jdoe', 'Jean-Luc Picard']);
  });

  it('fails clearly on a bad time zone, an unknown option and text that is not a debug log', async () => {
    let io = fakeIo();
    expect(await main(['lmlog', fixture('adsk_debug.lmlog'), '--tz', 'Nowhere/Else'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('unknown time zone "Nowhere/Else"');
    io = fakeIo();
    expect(await main(['lmlog', '--since', 'x'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('unknown option --since');
    io = fakeIo('just text');
    expect(await main(['lmlog', '-'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('not a FlexNet debug log');
  });
});

// `numbot card`: renders sample or given data, and refuses bad arguments with exit code 2 and a clear message.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { sampleData } from '../../src/cards/index.ts';

function fakeIo(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readInput: async (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
      return Buffer.from(files[path]!);
    },
    env: {},
    now: () => 0,
  };
  return { io, out, err };
}

describe('numbot card', () => {
  it('prints the sample card for Teams by default', async () => {
    const { io, out } = fakeIo();
    expect(await main(['card', 'step4'], io)).toBe(0);
    const printed = JSON.parse(out.join('\n'));
    expect(printed.type).toBe('adaptive');
    expect(printed.card.lang).toBe('en');
  });

  it('prints Block Kit in the asked locale', async () => {
    const { io, out } = fakeIo();
    expect(await main(['card', 'reminder', '--locale', 'fr', '--platform=slack'], io)).toBe(0);
    const printed = JSON.parse(out.join('\n'));
    expect(printed.type).toBe('blocks');
    expect(printed.text).toContain('Rappel');
  });

  it('renders data from a file', async () => {
    const data = { ...sampleData('message'), title: 'From the file' };
    const { io, out } = fakeIo({ 'data.json': JSON.stringify(data) });
    expect(await main(['card', 'message', '--data', 'data.json'], io)).toBe(0);
    expect(out.join('\n')).toContain('From the file');
  });

  it.each([
    [['card'], /which card/],
    [['card', 'nope'], /unknown card "nope"\. Cards: step4, /],
    [['card', 'step4', '--locale', 'es'], /unknown locale "es"\. Locales: en, fr, nl, de/],
    [['card', 'step4', '--platform', 'discord'], /unknown platform "discord"/],
    [['card', 'step4', '--locale'], /--locale needs a value/],
    [['card', 'step4', '--colour', 'red'], /unknown option "--colour"/],
    [['card', 'message', '--data', 'missing.json'], /cannot read missing\.json/],
    [['card', 'message', '--data', 'bad.json'], /bad\.json is not valid JSON/],
    [['card', 'message', '--data', 'empty-title.json'], /invalid data for card "message": title/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const { io, out, err } = fakeIo({ 'bad.json': '{nope', 'empty-title.json': '{"title":""}' });
    expect(await main(args, io)).toBe(2);
    expect(err.join('\n')).toMatch(message);
    expect(out).toEqual([]);
  });

  it('explains itself with --help', async () => {
    const { io, out } = fakeIo();
    expect(await main(['card', '--help'], io)).toBe(0);
    expect(out.join('\n')).toContain('Usage: numbot card <name>');
  });
});

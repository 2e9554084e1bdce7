// The Teams app package: the manifest built for a deployment passes the official 1.24 schema offline, lists real
// admin commands, and ships icons of the sizes Teams requires, zipped flat.
import { readFileSync } from 'node:fs';
import ajvDraft04 from 'ajv-draft-04';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildManifest,
  buildPackage,
  PackageError,
  placeholders,
  type ManifestSettings,
} from '../../scripts/package-teams.ts';
import { colorIcon, outlineIcon } from '../../scripts/make-teams-icons.ts';
import { COMMANDS } from '../../src/commands/registry.ts';
import { ConfigError, loadConfig, loadManifestSettings } from '../../src/config.ts';
import { readPng } from './png.ts';

const schema = JSON.parse(
  readFileSync(new URL('../../schemas/teams-manifest-1.24.schema.json', import.meta.url), 'utf8'),
) as object;
// The package is CommonJS: its class is both module.exports and .default.
const ajv = new ajvDraft04.default({ strict: false, allErrors: true });
// The schema uses format "uri" for $schema and helpUrl; a scheme check is enough offline.
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
const validate = ajv.compile(schema);
const settings: ManifestSettings = {
  MICROSOFT_APP_ID: '0B5A4C1E-7D2F-4C3B-9A8E-1F2D3C4B5A69',
  PUBLIC_URL: 'https://numbot.acme.example/base',
  ORGANISATION_NAME: 'Acme Engineering IT',
};
const icon = (name: string) => readFileSync(new URL(`../../manifest/teams/${name}`, import.meta.url));

type Bot = {
  botId: string;
  scopes: string[];
  supportsFiles: boolean;
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
};

describe('Teams manifest', () => {
  it('the schema compiles and enforces const (manifestVersion 1.24 only)', () => {
    const manifest = buildManifest(settings);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...manifest, manifestVersion: '1.23' })).toBe(false);
    expect(validate({ ...manifest, id: 'not-a-guid' })).toBe(false);
  });

  it("carries this deployment's bot id, host and organisation, and no placeholder is left", () => {
    const manifest = buildManifest(settings, '1.2.3');
    const text = JSON.stringify(manifest);
    expect(text).not.toContain('{{');
    expect(manifest.id).toBe('0b5a4c1e-7d2f-4c3b-9a8e-1f2d3c4b5a69');
    expect(manifest.version).toBe('1.2.3');
    const bot = (manifest.bots as Bot[])[0]!;
    expect(bot.botId).toBe(manifest.id);
    expect(bot.scopes).toEqual(['personal']);
    // Files (exports, device scripts, import files) go through the file consent card, which needs this.
    expect(bot.supportsFiles).toBe(true);
    expect(manifest.validDomains).toEqual(['numbot.acme.example']);
    expect((manifest.webApplicationInfo as { id: string }).id).toBe(manifest.id);
    expect((manifest.developer as { websiteUrl: string }).websiteUrl).toBe('https://numbot.acme.example');
  });

  it("lists at most 10 personal commands, each a real command an admin may run, within Teams' lengths", () => {
    const bot = (buildManifest(settings).bots as Bot[])[0]!;
    expect(bot.commandLists).toHaveLength(1);
    const list = bot.commandLists[0]!;
    expect(list.scopes).toEqual(['personal']);
    expect(list.commands.length).toBeGreaterThan(0);
    expect(list.commands.length).toBeLessThanOrEqual(10);
    const known = new Map(COMMANDS.map((c) => [c.name, c.access]));
    for (const c of list.commands) {
      expect(known.has(c.title), `${c.title} is not a command`).toBe(true);
      expect(['admin', 'manager', 'anyone']).toContain(known.get(c.title));
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
    expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
  });

  it('refuses to package without a GUID bot id or an https public URL, naming the variable', () => {
    expect(() => placeholders({ ...settings, MICROSOFT_APP_ID: undefined }, '1.0.0')).toThrow(PackageError);
    expect(() => placeholders({ ...settings, MICROSOFT_APP_ID: 'bot' }, '1.0.0')).toThrow(/MICROSOFT_APP_ID/);
    expect(() => placeholders({ ...settings, PUBLIC_URL: 'http://numbot.acme.example' }, '1.0.0')).toThrow(
      /PUBLIC_URL/,
    );
  });

  it('zips manifest.json and the two icons at the root, nothing else', () => {
    const files = unzipSync(buildPackage(settings));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(new TextDecoder().decode(files['manifest.json']))).toEqual(buildManifest(settings));
    expect(Buffer.from(files['color.png']!).equals(icon('color.png'))).toBe(true);
  });
});

describe('Teams icons', () => {
  it('colour icon: 192×192, fully opaque, in colour', () => {
    const png = readPng(icon('color.png'));
    expect([png.width, png.height]).toEqual([192, 192]);
    const colours = new Set<string>();
    let seeThrough = 0;
    for (let i = 0; i < png.rgba.length; i += 4) {
      if (png.rgba[i + 3] !== 255) seeThrough++;
      colours.add(png.rgba.subarray(i, i + 3).join(','));
    }
    expect(seeThrough).toBe(0);
    expect(colours.size).toBeGreaterThan(3);
  });

  it('outline icon: 32×32, transparent background, white only', () => {
    const png = readPng(icon('outline.png'));
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(png.colorType).toBe(6);
    const alpha = (x: number, y: number) => png.rgba[(y * 32 + x) * 4 + 3]!;
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ] as const)
      expect(alpha(x, y)).toBe(0);
    let drawn = 0;
    const notWhite: number[] = [];
    for (let i = 0; i < png.rgba.length; i += 4) {
      if (png.rgba[i + 3] === 0) continue;
      drawn++;
      if (png.rgba[i] !== 255 || png.rgba[i + 1] !== 255 || png.rgba[i + 2] !== 255) notWhite.push(i / 4);
    }
    expect(notWhite).toEqual([]);
    expect(drawn).toBeGreaterThan(50);
    expect(drawn).toBeLessThan(32 * 32 * 0.6);
  });

  it('the committed icons are what scripts/make-teams-icons.ts draws', () => {
    expect(colorIcon().equals(icon('color.png'))).toBe(true);
    expect(outlineIcon().equals(icon('outline.png'))).toBe(true);
  });
});

describe('npm run package:teams', () => {
  const env = { MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555', PUBLIC_URL: 'https://numbot.acme.example' };

  it('builds from the app id and public URL alone: no client secret, no tenant id', () => {
    // The running bot refuses this configuration (it needs the secret and tenant to answer Teams)…
    expect(() => loadConfig(env)).toThrow(/MICROSOFT_APP_PASSWORD/);
    // …a manifest holds neither, so the package builds.
    const files = unzipSync(buildPackage(loadManifestSettings(env)));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { bots: { botId: string }[] };
    expect(manifest.bots[0]?.botId).toBe(env.MICROSOFT_APP_ID);
  });

  it('still names the variable to set when the app id or URL is missing or wrong', () => {
    expect(() => buildPackage(loadManifestSettings({ PUBLIC_URL: env.PUBLIC_URL }))).toThrow(/MICROSOFT_APP_ID/);
    expect(() => loadManifestSettings({ ...env, PUBLIC_URL: 'not a url' })).toThrow(ConfigError);
  });
});

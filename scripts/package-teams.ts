// Builds the Teams app package: manifest.json from the template in manifest/teams/ with this deployment's bot id
// and public URL, plus the two icons, zipped flat as Teams wants it.
// Run: npm run package:teams  (needs only MICROSOFT_APP_ID and PUBLIC_URL, ORGANISATION_NAME optional; no secret or
// tenant id; writes dist/teams-app.zip)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { ConfigError, loadManifestSettings, type ManifestSettings } from '../src/config.ts';

const TEMPLATE_DIR = new URL('../manifest/teams/', import.meta.url);
export const ICONS = ['color.png', 'outline.png'] as const;
export const DEFAULT_OUT = fileURLToPath(new URL('../dist/teams-app.zip', import.meta.url));

const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

export class PackageError extends Error {}

export type { ManifestSettings };

/** The values the template's {{placeholders}} take; throws PackageError naming the variable to set. */
export function placeholders(config: ManifestSettings, version: string): Record<string, string> {
  const problems: string[] = [];
  if (!config.MICROSOFT_APP_ID || !GUID.test(config.MICROSOFT_APP_ID))
    problems.push("MICROSOFT_APP_ID: set it to the Azure Bot's Microsoft App ID (a GUID)");
  const url = config.PUBLIC_URL ? new URL(config.PUBLIC_URL) : undefined;
  if (!url || url.protocol !== 'https:') problems.push("PUBLIC_URL: set it to the bot's public https:// address");
  if (problems.length || !url || !config.MICROSOFT_APP_ID) throw new PackageError(problems.join('\n'));
  return {
    MICROSOFT_APP_ID: config.MICROSOFT_APP_ID.toLowerCase(),
    PUBLIC_URL: url.origin,
    PUBLIC_HOST: url.host,
    // Teams shows this as the developer name (32 characters at most).
    ORGANISATION_NAME: config.ORGANISATION_NAME.slice(0, 32),
    VERSION: version,
  };
}

/** Fills every "{{NAME}}" in the template's strings; a placeholder without a value is an error. */
export function fillTemplate(template: unknown, values: Record<string, string>): unknown {
  if (typeof template === 'string')
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const v = values[name];
      if (v === undefined) throw new PackageError(`manifest template: no value for {{${name}}}`);
      return v;
    });
  if (Array.isArray(template)) return template.map((v) => fillTemplate(v, values));
  if (template !== null && typeof template === 'object')
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillTemplate(v, values)]));
  return template;
}

export function readTemplate(): unknown {
  return JSON.parse(readFileSync(new URL('manifest.json', TEMPLATE_DIR), 'utf8'));
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function buildManifest(config: ManifestSettings, version = packageVersion()): Record<string, unknown> {
  return fillTemplate(readTemplate(), placeholders(config, version)) as Record<string, unknown>;
}

/** The zip: manifest.json and the icons at its root. */
export function buildPackage(config: ManifestSettings): Uint8Array {
  const manifest = buildManifest(config);
  const files: Record<string, Uint8Array> = {
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
  };
  for (const icon of ICONS) files[icon] = readFileSync(new URL(icon, TEMPLATE_DIR));
  return zipSync(files, { level: 9 });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const zip = buildPackage(loadManifestSettings());
    const out = process.argv[2] ?? DEFAULT_OUT;
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    console.log(`wrote ${out} (${zip.length} bytes): upload it in Teams > Apps > Manage your apps > Upload an app`);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof PackageError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
}

// The card templates in cards/<name>.json, parsed once per process.
import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import { withFastLookups } from './fast-paths.ts';

const cache = new Map<string, Template>();
const keyCache = new Map<string, string[]>();

/** The raw JSON of cards/<name>.json. */
export function readTemplateJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../cards/${name}.json`, import.meta.url), 'utf8'));
}

/** A ready-to-expand template (with fast field lookups); the name must come from CARD_NAMES, never from input. */
export function loadTemplate(name: string): Template {
  let template = cache.get(name);
  if (!template) {
    template = withFastLookups(new Template(readTemplateJson(name)));
    cache.set(name, template);
  }
  return template;
}

/** The locale keys a template refers to as `t.<key>`: the only strings worth filling for it. */
export function templateStringKeys(name: string): string[] {
  let keys = keyCache.get(name);
  if (!keys) {
    const json = JSON.stringify(readTemplateJson(name));
    keys = [...new Set([...json.matchAll(/\bt\.([a-z0-9_]+)/g)].map((m) => m[1] ?? ''))];
    keyCache.set(name, keys);
  }
  return keys;
}

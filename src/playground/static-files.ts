// The page and its assets, from a fixed list: no path from the request ever reaches the file system.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/router.ts';

const here = (name: string) => fileURLToPath(new URL(`./static/${name}`, import.meta.url));
const require = createRequire(import.meta.url);
const fromPackage = (name: string) => require.resolve(`adaptivecards/dist/${name}`);

const JS = 'text/javascript; charset=utf-8';

/** Served name → file and content type. */
export const STATIC_FILES: Record<string, { path: () => string; type: string }> = {
  'index.html': { path: () => here('index.html'), type: 'text/html; charset=utf-8' },
  'app.js': { path: () => here('app.js'), type: JS },
  'api.js': { path: () => here('api.js'), type: JS },
  'render-card.js': { path: () => here('render-card.js'), type: JS },
  'render-slack.js': { path: () => here('render-slack.js'), type: JS },
  'style.css': { path: () => here('style.css'), type: 'text/css; charset=utf-8' },
  // The Teams app's colour icon doubles as the page's.
  'icon.png': {
    path: () => fileURLToPath(new URL('../../manifest/teams/color.png', import.meta.url)),
    type: 'image/png',
  },
  'adaptivecards.min.js': { path: () => fromPackage('adaptivecards.min.js'), type: JS },
  'adaptivecards.css': { path: () => fromPackage('adaptivecards.css'), type: 'text/css; charset=utf-8' },
};

/**
 * Scripts only from this server, no eval, no inline script. The Adaptive Cards renderer sets inline styles, hence
 * 'unsafe-inline' for styles alone. Card images may come from https.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const cache = new Map<string, Buffer>();

export async function sendStatic(res: ServerResponse, name: string): Promise<void> {
  const file = Object.hasOwn(STATIC_FILES, name) ? STATIC_FILES[name] : undefined;
  if (!file) return sendJson(res, 404, { error: 'not found' });
  let body = cache.get(name);
  if (!body) {
    body = await readFile(file.path());
    cache.set(name, body);
  }
  res.writeHead(200, {
    'content-type': file.type,
    'content-length': body.length,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(name === 'index.html' ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY' } : {}),
  });
  res.end(body);
}

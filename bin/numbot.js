#!/usr/bin/env node
// The `numbot` command. After `npm run build` it runs the compiled CLI (dist/cli.js: starts in a fraction of the
// time); on a fresh clone, before any build, it runs the TypeScript sources through tsx, so `npx numbot` works right
// after `npm ci`. After changing src/, run `npm run build` again (or remove dist/) or this runs the older build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let cli = compiled;
if (!existsSync(compiled)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
}
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));

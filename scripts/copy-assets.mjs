// Part of `npm run build`: copies what src/ reads at run time next to its own files (Lua scripts, the playground's
// static files) into dist/, where the compiled modules look for them (`new URL('./x.lua', import.meta.url)`).
// Plain JavaScript so the build needs nothing but Node and tsc.
import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');

function* assets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* assets(path);
    else if (!entry.name.endsWith('.ts') && !entry.name.endsWith('.md')) yield path;
  }
}

let copied = 0;
for (const file of assets(src)) {
  cpSync(file, join(dist, relative(src, file)));
  copied++;
}
process.stdout.write(`build: ${copied} asset files copied to dist/\n`);

// `npm run bench -- <name> [args]`: imports bench/<name>.ts and runs its exported `main(args)`.
// Each bench prints its own JSON lines; this file only finds and starts it.
import { readdir } from 'node:fs/promises';

const here = new URL('./', import.meta.url);

async function benches(): Promise<string[]> {
  const files = await readdir(here);
  return files
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .map((f) => f.slice(0, -3))
    .sort();
}

async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const known = await benches();
  if (!name || name === '--help' || name === '-h') {
    console.error(`Usage: npm run bench -- <name> [args]\nBenchmarks: ${known.join(', ')}`);
    return name ? 0 : 2;
  }
  if (!known.includes(name)) {
    console.error(`unknown benchmark "${name}"; known: ${known.join(', ')}`);
    return 2;
  }
  const mod = (await import(new URL(`./${name}.ts`, here).href)) as { main?: (args: string[]) => unknown };
  if (typeof mod.main !== 'function') {
    console.error(`bench/${name}.ts does not export main(args)`);
    return 2;
  }
  await mod.main(args);
  return 0;
}

process.exitCode = await run(process.argv.slice(2));

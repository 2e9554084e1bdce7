// The house rules, checked on the sources: the folder table of docs/ARCHITECTURE.md (who may import whom), no import
// cycle, each SDK inside its edge, a pure core, and only the composition root reading the environment.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const files = sources(join(root, 'src')).map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));
/** Module specifiers of every import, export-from and dynamic import, as TypeScript itself reads them. */
const importsOf = (text: string) => ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);

/**
 * Who may import whom, by folder of src/ (a file at the top of src/ is its own unit: config, log, errors, main, cli).
 * The same table as docs/ARCHITECTURE.md; `app` (the composition root) may import every folder.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: [],
  errors: [],
  log: [],
  config: ['errors'],
  ports: ['domain', 'config', 'log', 'store', 'http'],
  store: ['domain', 'config', 'errors'],
  licensing: ['domain', 'errors'],
  cards: ['domain', 'errors'],
  http: ['log', 'errors'],
  roster: ['domain', 'store', 'errors'],
  services: ['domain', 'ports', 'store', 'config', 'log', 'errors'],
  reports: ['domain', 'ports', 'store', 'cards', 'server-watch', 'errors'],
  autodesk: ['domain', 'ports', 'services', 'store', 'config', 'log', 'errors'],
  delivery: ['domain', 'ports', 'services', 'store', 'cards', 'config', 'log', 'errors'],
  'server-watch': ['domain', 'ports', 'services', 'store', 'licensing', 'cards', 'http', 'config', 'log', 'errors'],
  'device-reports': ['domain', 'ports', 'services', 'store', 'licensing', 'http', 'config', 'log', 'errors'],
  schedule: ['domain', 'ports', 'services', 'store', 'cards', 'reports', 'server-watch', 'delivery', 'config', 'log'],
  replies: ['domain', 'ports', 'services', 'cards', 'reports', 'autodesk', 'config', 'log', 'errors'],
  actions: ['domain', 'ports', 'services', 'cards', 'replies', 'server-watch', 'config', 'log', 'errors'],
  commands: [
    ...['domain', 'ports', 'services', 'store', 'cards', 'replies', 'reports', 'roster', 'licensing', 'autodesk'],
    ...['schedule', 'server-watch', 'device-reports', 'config', 'log', 'errors'],
  ],
  channels: ['domain', 'ports', 'services', 'store', 'cards', 'replies', 'http', 'config', 'log', 'errors'],
  playground: ['domain', 'ports', 'services', 'store', 'cards', 'roster', 'http', 'config', 'log', 'errors'],
  metrics: ['domain', 'ports', 'http', 'log'],
  cli: ['domain', 'store', 'cards', 'licensing', 'reports', 'roster', 'device-reports', 'config', 'log', 'errors'],
  app: ['*'],
  main: ['app', 'config', 'log'],
};

/** Files of src/store/ other code may use: the port (implementations are chosen in the composition root). */
const STORE_PORT = new Set(['src/store/store.ts']);
/** Who may reach past the store port: the composition root and CLI open stores, delivery's Redis engine shares keys. */
const STORE_INSIDERS = /^src\/(store|app|cli|delivery\/redis)\//;

const unitOf = (path: string): string => {
  const parts = path.split('/');
  return parts.length === 2 ? parts[1]!.replace(/\.ts$/, '') : parts[1]!;
};
/** Relative imports of each source file, resolved to source paths. */
const localImports = new Map(
  files.map((f) => [
    f.path,
    importsOf(f.text)
      .filter((i) => i.startsWith('.'))
      .map((i) => relative(root, resolve(dirname(join(root, f.path)), i))),
  ]),
);

/** Strongly connected components of more than one file (Tarjan): the import cycles. */
function cycles(): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of localImports.get(v) ?? []) {
      if (!localImports.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of localImports.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const RULES: { pkg: RegExp; allowed: RegExp; what: string }[] = [
  { pkg: /^botbuilder/, allowed: /^src\/channels\/teams\//, what: 'botbuilder only in src/channels/teams/' },
  { pkg: /^@slack\//, allowed: /^src\/channels\/slack\//, what: 'Slack SDKs only in src/channels/slack/' },
  {
    pkg: /^(ioredis|bullmq)$/,
    allowed: /^src\/(store|delivery|schedule)\//,
    what: 'ioredis/bullmq only in store, delivery and schedule',
  },
];

describe('module boundaries', () => {
  it('finds the sources it checks', () => {
    expect(files.some((f) => f.path === 'src/domain/transitions.ts')).toBe(true);
  });

  it('follows the folder table: each folder imports only the folders it may', () => {
    const offenders: string[] = [];
    for (const [path, imports] of localImports) {
      const from = unitOf(path);
      const allowed = MAY_IMPORT[from];
      if (!allowed) {
        offenders.push(`${path}: folder "${from}" is not in the table`);
        continue;
      }
      for (const target of imports) {
        const to = unitOf(target);
        if (to === from || allowed.includes('*') || allowed.includes(to)) continue;
        offenders.push(`${path} imports ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });
  it('keeps store implementations behind the store port', () => {
    const offenders = [...localImports].flatMap(([path, imports]) =>
      STORE_INSIDERS.test(path)
        ? []
        : imports.filter((t) => t.startsWith('src/store/') && !STORE_PORT.has(t)).map((t) => `${path} imports ${t}`),
    );
    expect(offenders).toEqual([]);
  });
  it('has no import cycle', () => {
    expect(cycles()).toEqual([]);
  });
  for (const rule of RULES) {
    it(rule.what, () => {
      const offenders = files
        .filter((f) => !rule.allowed.test(f.path) && importsOf(f.text).some((i) => rule.pkg.test(i)))
        .map((f) => f.path);
      expect(offenders).toEqual([]);
    });
  }
  // luxon is allowed: a pure date library (time zones, calendars) with no I/O.
  it('keeps the core pure: no I/O, clock or SDK imports in src/domain/', () => {
    const offenders = files
      .filter((f) => f.path.startsWith('src/domain/'))
      .filter(
        (f) =>
          importsOf(f.text).some((i) => !i.startsWith('.') && i !== 'luxon') ||
          /Date\.now\(|new Date\(\)|DateTime\.(now|local)\(|process\./.test(f.text),
      )
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
  it('reads process.env only in config, main and cli', () => {
    const offenders = files
      .filter((f) => /process\.env/.test(f.text) && !/^src\/(config|main|cli)\.ts$/.test(f.path))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});

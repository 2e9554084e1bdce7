// A sandbox for running a generated bash switch script for real: a fake AdskLicensingInstHelper that keeps its
// product list in a file and logs every call, a bin folder for stand-in commands, and a local report endpoint.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** One entry of the helper's `list`, as the fake keeps it. */
export interface ListEntry {
  feature_id: string;
  def_prod_key: string;
  def_prod_ver: string;
  sel_prod_key: string;
  sel_prod_ver: string;
  lic_method: number;
  lic_servers: string[];
}

export const INSTALLED: ListEntry[] = [
  {
    feature_id: 'ACD',
    def_prod_key: '001Q1',
    def_prod_ver: '2025.0.0.F',
    sel_prod_key: '001Q1',
    sel_prod_ver: '2025.0.0.F',
    lic_method: 1,
    lic_servers: ['27000@lic01'],
  },
  {
    feature_id: 'RVT',
    def_prod_key: '829K1',
    def_prod_ver: '2019.0.0.F',
    sel_prod_key: '829K1',
    sel_prod_ver: '2019.0.0.F',
    lic_method: 1,
    lic_servers: ['27000@lic01'],
  },
  {
    feature_id: 'MAYA',
    def_prod_key: '657L1',
    def_prod_ver: '2020.0.0.F',
    sel_prod_key: '657L1',
    sel_prod_ver: '2020.0.0.F',
    lic_method: 4,
    lic_servers: [],
  },
];

export function writeExecutable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/**
 * Writes `<dir>/helper`: `list` prints the products of `<dir>/state.json`; `change -pk K -pv V -lm USER` sets one to
 * named-user (exit 3 for key FAIL1, 4 for an unknown product; exit 0 without a change for a key listed in
 * `<dir>/stuck`, as a helper that reports success and switches nothing). Every call is appended to `<dir>/calls.log`.
 */
export function writeFakeHelper(dir: string, installed: readonly ListEntry[] = INSTALLED): void {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'state.json'), JSON.stringify(installed));
  writeExecutable(
    join(dir, 'helper'),
    `#!${process.execPath}
const fs = require('fs');
const state = ${JSON.stringify(join(dir, 'state.json'))};
fs.appendFileSync(${JSON.stringify(join(dir, 'calls.log'))}, process.argv.slice(2).join(' ') + '\\n');
const list = JSON.parse(fs.readFileSync(state, 'utf8'));
const [cmd, , key, , ver, , method] = process.argv.slice(2);
if (cmd === 'list') { process.stdout.write(JSON.stringify(list, null, 2)); process.exit(0); }
if (cmd === 'change' && key === 'FAIL1') process.exit(3);
const stuck = ${JSON.stringify(join(dir, 'stuck'))};
if (cmd === 'change' && fs.existsSync(stuck) && fs.readFileSync(stuck, 'utf8').split(/\\s+/).includes(key)) process.exit(0);
const p = list.find((x) => x.def_prod_key === key && x.def_prod_ver === ver);
if (!p || method !== 'USER') process.exit(4);
p.lic_method = 4; p.lic_servers = [];
fs.writeFileSync(state, JSON.stringify(list));
`,
  );
}

/** Changes the fake helper's product list in place. */
export function editInstalled(dir: string, edit: (list: ListEntry[]) => void): void {
  const list = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as ListEntry[];
  edit(list);
  writeFileSync(join(dir, 'state.json'), JSON.stringify(list));
}

/** The helper's calls so far, one string each ("list", "change -pk ..."). */
export const helperCalls = (dir: string): string[] =>
  existsSync(join(dir, 'calls.log')) ? readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n') : [];

/** A `list` entry of one release (`key` like 001S1, year from its version), on network licensing unless `method`. */
export function entry(featureId: string, key: string, year: number, method = 1): ListEntry {
  const ver = `${year}.0.0.F`;
  return {
    feature_id: featureId,
    def_prod_key: key,
    def_prod_ver: ver,
    sel_prod_key: key,
    sel_prod_ver: ver,
    lic_method: method,
    lic_servers: method === 1 ? ['27000@lic01'] : [],
  };
}

/** Runs `script` with bash, with `<dir>/bin` first on a minimal PATH; stdout and stderr together. */
export function runBash(dir: string, script: string): Promise<{ code: number | null; out: string }> {
  writeFileSync(join(dir, 'switch.sh'), script);
  return new Promise((resolve) => {
    const child = spawn('bash', [join(dir, 'switch.sh')], {
      env: { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

export interface ReportRequest {
  url?: string;
  auth?: string;
  type?: string;
  body: string;
}

/** A report endpoint on 127.0.0.1 that records every request and answers 204. */
export async function reportServer(): Promise<{ url: string; received: ReportRequest[]; server: Server }> {
  const received: ReportRequest[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, received, server };
}

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLmstat } from '../../src/licensing/parse-lmstat.ts';
import type { LmstatFeature, LmstatReport } from '../../src/licensing/lmstat-types.ts';

const dir = new URL('../fixtures/lmstat/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const parse = (name: string) => parseLmstat(read(name));
const feature = (r: LmstatReport, name: string, server = 0): LmstatFeature => {
  const f = r.servers[server]?.features.find((x) => x.name === name);
  if (!f) throw new Error(`no feature ${name}`);
  return f;
};
const checkouts = (r: LmstatReport) => r.servers.flatMap((s) => s.features.flatMap((f) => f.users));

describe('parseLmstat over every fixture', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));

  it('finds the fixtures (shared and our own)', () => {
    expect(files).toContain('lmstat_app1.txt');
    expect(files).toContain('adsk_lic01_crlf.txt');
    expect(files.length).toBeGreaterThanOrEqual(17);
  });

  for (const name of files) {
    it(`${name}: every checkout line and every "Users of" line is read`, () => {
      const text = read(name);
      const r = parseLmstat(text);
      const lines = text.split(/\r?\n/);
      expect(checkouts(r)).toHaveLength(lines.filter((l) => /, start \w{3} \d/.test(l)).length);
      const features = r.servers.flatMap((s) => s.features);
      expect(features).toHaveLength(lines.filter((l) => l.startsWith('Users of ')).length);
      for (const u of checkouts(r)) {
        expect(u.licenses).toBeGreaterThanOrEqual(1);
        expect(u.start).toMatch(/^\w{3} \d{1,2}\/\d{1,2} \d{1,2}:\d\d$/);
        expect(u.host).not.toBe('');
      }
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    });
  }
});

describe('parseLmstat: shared (real) outputs', () => {
  it('reads a redundant triad with its master, vendor daemon and counts (app1)', () => {
    const r = parse('lmstat_app1.txt');
    expect(r.statusAt).toBe('Fri 10/20/2017 17:02');
    expect(r.servers).toHaveLength(1);
    const s = r.servers[0]!;
    expect(s.address).toBe('27002@host-1.domain.net,27002@host2.domain.net,27002@host3.domain.net');
    expect(s.status).toBe('up');
    expect(s.nodes.map((n) => [n.host, n.status, n.master, n.version])).toEqual([
      ['host-1.domain.net', 'up', false, '11.7'],
      ['host2.domain.net', 'up', true, '11.7'],
      ['host3.domain.net', 'up', false, '11.7'],
    ]);
    expect(s.vendors).toEqual([{ name: 'VENDOR1', status: 'up', version: '11.6' }]);
    expect(feature(r, 'feature11')).toMatchObject({ issued: 16384, inUse: 80 });
    expect(feature(r, 'feature1')).toMatchObject({ issued: 1814, inUse: 1206, vendor: 'VENDOR1' });
  });

  it('reads "N licenses", linger, user names with spaces and odd displays (app1)', () => {
    const r = parse('lmstat_app1.txt');
    const f31 = feature(r, 'feature31');
    const byUser = Object.fromEntries(f31.users.map((u) => [u.user, u]));
    expect(byUser.user33?.licenses).toBe(16);
    expect(byUser.cmfy211).toMatchObject({ licenses: 1, linger: [885098, 1340160], host: 'UFRTR1LT0087375' });
    expect(byUser.cmfy212).toMatchObject({ licenses: 16, linger: [885098, 1340160], start: 'Wed 5/23 5:59' });
    const f100 = feature(r, 'feature100');
    expect(f100.users.map((u) => u.user)).toEqual(['user13', 'Administrator', 'John Doe', 'Jane Doe Jr.']);
    expect(f100.users[2]).toMatchObject({ host: 'John_D', display: '"U,K$`Ct`0\'"C iQwgGsne<&!' });
    expect(f100.users[3]).toMatchObject({ host: 'jane', version: '10.1', handle: 'host3.domain.net/27002 3404' });
    expect(feature(r, 'feature12').users).toEqual([]);
  });

  it('reads a user line without a display (app1, feature with "server19")', () => {
    const users = checkouts(parse('lmstat_app1.txt')).filter((u) => u.host === 'server19' && u.display === '');
    expect(users).toHaveLength(2);
    expect(users[0]).toMatchObject({ user: 'user11', display: '', licenses: 13, start: 'Tue 2/26 22:21' });
  });

  it('reads reservations and queued requests (app1)', () => {
    const r = parse('lmstat_app1.txt');
    expect(feature(r, 'feature38').reservations).toContainEqual({ count: 8, kind: 'GROUP', name: 'GROUP10' });
    expect(feature(r, 'feature1').reservations?.slice(0, 2)).toEqual([
      { count: 1, kind: 'HOST', name: 'HOSTPC11' },
      { count: 10, kind: 'HOST', name: 'HOSTPC12' },
    ]);
    expect(feature(r, 'feature11').reservations).toBeUndefined();
    expect(feature(r, 'feature5').queued).toEqual([
      { user: 'user3', host: 'server6u065', display: 'fj209fj0', licenses: 1 },
      { user: 'user3', host: 'server6u065', display: 'f2jf4_f2_', licenses: 1 },
    ]);
  });

  it('reads singular "license" and the per-user lines of app2', () => {
    const r = parse('lmstat_app2.txt');
    expect(feature(r, 'feature7')).toMatchObject({ issued: 144, inUse: 1 });
    const f2 = feature(r, 'feature2');
    expect(f2).toMatchObject({ issued: 144, inUse: 22 });
    expect(f2.users).toHaveLength(22);
    expect(f2.users[0]).toEqual({
      user: 'user1',
      host: 'server034',
      display: 'server0340',
      licenses: 1,
      start: 'Fri 10/20 16:40',
      version: '31.000000',
      handle: 'host1/28000 5226',
    });
  });

  it('keeps two vendor daemons (app3) and uncounted / erroneous features (app4)', () => {
    expect(parse('lmstat_app3.txt').servers[0]!.vendors.map((v) => v.name)).toEqual(['daemon1', 'DAEMON2']);
    const r = parse('lmstat_app4.txt');
    expect(r.servers[0]!.address).toBe('port@licensevm.domain.example');
    expect(feature(r, 'SERIAL')).toMatchObject({ issued: null, uncounted: true, inUse: 1 });
    expect(feature(r, 'SERIAL').users[0]).toMatchObject({
      user: 'matlab',
      host: 'CLN-5CG3471WVY',
      display: '/dev/pts/0',
    });
    expect(feature(r, 'SUBSURFACEFLOW')).toMatchObject({
      issued: null,
      inUse: 0,
      error: '1 licenses, unsupported by licensed server',
    });
    expect(feature(r, 'ACDC')).toMatchObject({ issued: 2, inUse: 1 });
  });

  it('ignores the ", PID: n" tail (app5) and reads FlexNet 11.19 output (app6)', () => {
    const matlab = feature(parse('lmstat_app5.txt'), 'MATLAB');
    expect(matlab).toMatchObject({ issued: 10000, inUse: 61 });
    expect(matlab.users[0]).toMatchObject({
      user: 'user1',
      host: 'host',
      display: 'display',
      start: 'Mon 2/10 0:10',
      licenses: 1,
    });
    const r6 = parse('lmstat_app6.txt');
    expect(r6.servers[0]).toMatchObject({ address: '1713@SERVER1', status: 'up' });
    expect(feature(r6, 'MATLAB')).toMatchObject({ issued: 420, inUse: 60 });
    expect(feature(r6, 'MATLAB').reservations).toEqual([{ count: 1, kind: 'GROUP', name: 'DED' }]);
  });

  it('reads a triad with one node that cannot be reached as up, with that node down', () => {
    const s = parse('lmstat_server_down.txt').servers[0]!;
    expect(s.status).toBe('up');
    expect(s.nodes.map((n) => n.status)).toEqual(['up', 'up', 'down']);
    expect(s.nodes[2]!.error).toContain('-15,570:115');
    expect(s.features.map((f) => [f.name, f.issued, f.inUse])).toEqual([
      ['feature1', 144, 0],
      ['feature2', 144, 39],
    ]);
  });

  it('reads a Windows server with two node lines and no features', () => {
    const s = parse('lmstat_server_up_win.txt').servers[0]!;
    expect(s).toMatchObject({ address: '7788@BVS15004', status: 'up', features: [] });
    expect(s.vendors).toEqual([{ name: 'ptc_d', status: 'up', version: '11.14.0' }]);
  });

  it('reads banners and `lmstat -i` listings as reports without servers', () => {
    expect(parse('lmstat_new.txt')).toEqual({ lmstatVersion: '11.14.0.1', servers: [] });
    expect(parse('lmstat_old.txt')).toEqual({ servers: [] });
    expect(parse('lmstat_i_app1.txt').servers).toEqual([]);
    expect(parse('lmstat_i_app2.txt').servers).toEqual([]);
  });
});

describe('parseLmstat: Autodesk samples', () => {
  it('reads the adskflex output with CRLF line ends, linger, "N licenses" and a user name with spaces', () => {
    const text = read('adsk_lic01_crlf.txt');
    expect(text).toContain('\r\n');
    const r = parseLmstat(text);
    const s = r.servers[0]!;
    expect(s).toMatchObject({ address: '27000@lic01.example.org', status: 'up' });
    expect(s.vendors).toEqual([{ name: 'adskflex', status: 'up', version: '11.16.2' }]);
    expect(s.features.map((f) => [f.name, f.issued, f.inUse])).toEqual([
      ['86815AECCOL_T_F', 240, 4],
      ['85788BDSADV_F', 16, 0],
      ['87393ACD_2021_0F', 1, 1],
    ]);
    const col = s.features[0]!.users;
    expect(col.map((u) => [u.user, u.host, u.display, u.licenses, u.start])).toEqual([
      ['jdoe', 'PC-0042', 'pc-0042', 1, 'Mon 9/28 12:43'],
      ['1', 'GM-007028', 'GM-007028', 1, 'Thu 10/1 11:44'],
      ['amartin', 'PC-0107', 'PC-0107', 2, 'Tue 10/6 8:02'],
    ]);
    expect(col[1]!.linger).toEqual([4263164, 5487240]);
    expect(col[0]!.linger).toBeUndefined();
    expect(s.features[2]!.users[0]).toMatchObject({ user: 'Jean-Luc Picard', host: 'PC-1701' });
    expect(s.features[0]!.vendor).toBe('adskflex');
    // The same text with LF line ends parses to the same report.
    expect(parseLmstat(text.replace(/\r\n/g, '\n'))).toEqual(r);
  });

  it('reads a FlexNet 11.11 triad with one node down as up, with singular "license" counts', () => {
    const s = parse('adsk_triad_node_down.txt').servers[0]!;
    expect(s.address).toBe('27000@lic01,27000@lic02,27000@lic03');
    expect(s.status).toBe('up');
    expect(s.nodes.map((n) => [n.host, n.status, n.master])).toEqual([
      ['lic01', 'up', false],
      ['lic02', 'up', true],
      ['lic03', 'down', false],
    ]);
    expect(s.features.map((f) => [f.name, f.issued, f.inUse, f.users.map((u) => u.user)])).toEqual([
      ['64300ACD_F', 1, 1, ['mdupont']],
      ['64300ACD_T_F', 25, 0, []],
    ]);
  });

  it('reads "Cannot connect" (-15) before any server line as one down server without address', () => {
    const r = parse('adsk_down_connect.txt');
    expect(r.servers).toHaveLength(1);
    expect(r.servers[0]).toMatchObject({ address: null, status: 'down', features: [] });
    expect(r.servers[0]!.error).toContain('-15,570:10060');
  });

  it('reads "lmgrd is not running ... (-96)" as the named server down', () => {
    const s = parse('adsk_down_96.txt').servers[0]!;
    expect(s).toMatchObject({ address: '27000@lic09.example.org', status: 'down' });
    expect(s.error).toContain('(-96,7');
  });

  it('splits several servers at the dashed lines, each with its own status', () => {
    const r = parse('adsk_multi.txt');
    expect(r.servers.map((s) => [s.address, s.status])).toEqual([
      ['27000@lic01.example.org', 'up'],
      ['27000@lic02.example.org', 'down'],
      ['27000@lic03.example.org', 'down'],
    ]);
    const [a, b, c] = r.servers;
    expect(a!.features[0]!.users.map((u) => [u.user, u.licenses, u.linger])).toEqual([
      ['jdoe', 2, undefined],
      ['svc_render', 1, [600, 120]],
    ]);
    expect(b!.vendors).toEqual([
      { name: 'adskflex', status: 'down', version: null, error: 'The desired vendor daemon is down. (-97,121)' },
    ]);
    expect(c!.error).toMatch(/^Error -96,491/);
  });

  it('skips lines it does not know, whatever they contain', () => {
    const noisy = read('adsk_triad_node_down.txt').replace(
      'Feature usage info:',
      'Feature usage info:\nsome new FlexNet chatter: 12 things\n\u0000\u0007 garbage (v) ( ), start',
    );
    const r = parseLmstat(noisy);
    expect(r.servers[0]!.features.map((f) => f.name)).toEqual(['64300ACD_F', '64300ACD_T_F']);
    expect(parseLmstat('')).toEqual({ servers: [] });
    // A huge crafted line is skipped whole, not fed to the line patterns.
    const crafted = `Users of x${': ('.repeat(200_000)}`;
    expect(parseLmstat(`${read('adsk_triad_node_down.txt')}\n${crafted}\n`).servers[0]!.features).toHaveLength(2);
  });
});

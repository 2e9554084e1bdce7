// Parses the full output of `lmutil lmstat -a` (any FlexNet vendor, FlexLM 10-11 banners, LF or CRLF).
// Line-oriented and forgiving: a line it does not recognise is skipped, never fatal, because every vendor
// and FlexNet release adds its own chatter and a poll must still yield the counts it can read.
import type { LmstatFeature, LmstatReport, LmstatServer } from './lmstat-types.ts';
import { parseCheckoutLine, parseQueuedLine, parseReservationLine } from './parse-lmstat-user.ts';

const SEPARATOR = /^-{10,}$/;
const SERVER_HEADER = /^License server status:\s*(\S+)/;
const BANNER_VERSION = /^lmstat\s+v(\d[\d.]*)/;
const STATUS_AT = /^Flexible License Manager status on (.+)$/;
const NODE = /^(\S+): license server (UP|DOWN)( \(MASTER\))?(?: v(\d[\d.]*))?/;
const NODE_ERROR = /^(\S+): ((?:Cannot connect to license server system|License server machine is down).*)$/;
const VENDORS_HEADER = /^Vendor daemon status \(on (\S+)\):/;
const FEATURES_HEADER = /^Feature usage info:/;
const VENDOR = /^(\S+): (UP|DOWN)(?: v(\d[\d.]*))?/;
const VENDOR_ERROR = /^(\S+): (.+)$/;
const TOTALS = /Total of (\d+) licenses? issued;\s*Total of (\d+) licenses? in use/;
const FEATURE_DETAIL = /^"([^"]+)" v\S+, vendor: ([^,\s]+)/;
// Server-level failures: FlexNet error -15 (cannot connect), -96 (server machine down), -97 (daemon down)...
const SERVER_DOWN =
  /Cannot connect to license server system|License server machine is down or not responding|^Error getting status|^lmgrd is not running|^Error -\d+/i;

// No real lmstat line comes near this; longer ones are skipped so crafted input cannot make the regexes crawl.
const MAX_LINE = 4096;

type Section = 'nodes' | 'vendors' | 'features';

interface Draft extends LmstatServer {
  forcedDown: boolean;
}

/** Parses `lmutil lmstat -a` output into servers, their vendor daemons, features and checkouts. */
export function parseLmstat(text: string): LmstatReport {
  const report: LmstatReport = { servers: [] };
  const drafts: Draft[] = [];
  let server: Draft | undefined;
  let section: Section = 'nodes';
  let feature: LmstatFeature | undefined;

  const open = (address: string | null): Draft => {
    const d: Draft = { address, status: 'down', nodes: [], vendors: [], features: [], forcedDown: false };
    drafts.push(d);
    section = 'nodes';
    feature = undefined;
    return d;
  };

  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line || line.length > MAX_LINE) continue;
    let m: RegExpExecArray | null;
    let usersOf: { name: string; totals: string } | undefined;
    if (SEPARATOR.test(line)) {
      server = undefined;
      feature = undefined;
    } else if ((m = SERVER_HEADER.exec(line))) {
      server = open(m[1]!);
    } else if ((m = BANNER_VERSION.exec(line))) {
      report.lmstatVersion ??= m[1]!;
    } else if ((m = STATUS_AT.exec(line))) {
      report.statusAt ??= m[1]!;
    } else if ((m = VENDORS_HEADER.exec(line))) {
      server ??= open(null);
      section = 'vendors';
    } else if (FEATURES_HEADER.test(line)) {
      server ??= open(null);
      section = 'features';
    } else if (section === 'nodes' && (m = NODE.exec(line))) {
      server ??= open(null);
      const status = m[2] === 'UP' ? 'up' : 'down';
      server.nodes.push({ host: m[1]!, status, master: Boolean(m[3]), version: m[4] ?? null });
    } else if (section === 'nodes' && server && (m = NODE_ERROR.exec(line))) {
      server.nodes.push({ host: m[1]!, status: 'down', master: false, version: null, error: m[2]! });
    } else if (section === 'vendors' && server && (m = VENDOR.exec(line))) {
      server.vendors.push({ name: m[1]!, status: m[2] === 'UP' ? 'up' : 'down', version: m[3] ?? null });
    } else if (section === 'vendors' && server && (m = VENDOR_ERROR.exec(line))) {
      server.vendors.push({ name: m[1]!, status: 'down', version: null, error: m[2]! });
    } else if ((usersOf = splitUsersOf(line))) {
      server ??= open(null);
      section = 'features';
      feature = newFeature(usersOf.name, usersOf.totals);
      server.features.push(feature);
    } else if (SERVER_DOWN.test(line)) {
      server ??= open(null);
      server.forcedDown = true;
      server.error ??= line;
    } else if (feature) {
      addFeatureDetail(feature, line);
    }
  }

  for (const { forcedDown, ...s } of drafts) {
    // "up" means serving licences: lmgrd reachable and, when daemons are listed, at least one of them running.
    const anyNodeUp = s.nodes.some((n) => n.status === 'up');
    const daemonsOk = s.vendors.length === 0 || s.vendors.some((v) => v.status === 'up');
    const sawService = s.features.length > 0 || s.vendors.some((v) => v.status === 'up');
    s.status = !forcedDown && daemonsOk && (anyNodeUp || (s.nodes.length === 0 && sawService)) ? 'up' : 'down';
    report.servers.push(s);
  }
  return report;
}

/** `Users of NAME:  (totals)`, split with string operations: a regex here backtracks badly on crafted lines. */
function splitUsersOf(line: string): { name: string; totals: string } | undefined {
  if (!line.startsWith('Users of ')) return undefined;
  const colon = line.indexOf(':', 9);
  const rest = colon > 9 ? line.slice(colon + 1).trim() : '';
  if (!rest.startsWith('(') || !rest.endsWith(')')) return undefined;
  return { name: line.slice(9, colon).trim(), totals: rest.slice(1, -1) };
}

function newFeature(name: string, totals: string): LmstatFeature {
  const t = TOTALS.exec(totals);
  if (t) return { name, issued: Number(t[1]), inUse: Number(t[2]), users: [] };
  if (/uncounted/i.test(totals)) return { name, issued: null, inUse: 0, users: [], uncounted: true };
  const error = /^Error:\s*(.*)$/i.exec(totals);
  return { name, issued: null, inUse: 0, users: [], error: (error?.[1] ?? totals).trim() };
}

function addFeatureDetail(feature: LmstatFeature, line: string): void {
  const user = parseCheckoutLine(line);
  if (user) {
    feature.users.push(user);
    // Uncounted features report no in-use total: the checkouts listed are all there is.
    if (feature.uncounted) feature.inUse += user.licenses;
    return;
  }
  const queued = parseQueuedLine(line);
  if (queued) {
    (feature.queued ??= []).push(queued);
    return;
  }
  const reservation = parseReservationLine(line);
  if (reservation) {
    (feature.reservations ??= []).push(reservation);
    return;
  }
  const detail = FEATURE_DETAIL.exec(line);
  if (detail) feature.vendor ??= detail[2]!;
}

// One checkout line of lmstat: `user host display (vX) (server/port handle), start Day M/D H:MM[, N licenses]
// [  (linger: N) or (linger: a / b)][, PID: n]`.
import type { LmstatQueued, LmstatReservation, LmstatUser } from './lmstat-types.ts';

// Anchored on the two parenthesised groups every checkout line has; what precedes them is "user host display".
const CHECKOUT = /^(.+?) \(v([^)\s]*)\) \(([^()\s]+ \d+)\)(.*)$/;
const START = /^,\s*start\s+(\w{3}\s+\d{1,2}\/\d{1,2}\s+\d{1,2}:\d{2})(.*)$/;
const COUNT = /^,\s*(\d+)\s+licenses?\b/;
// A borrowed (lingering) checkout: `(linger: N)` or `(linger: a / b)`, seconds.
const LINGER = /\(linger:\s*(\d+)(?:\s*\/\s*(\d+))?\s*\)/;
const QUEUED = /^\s*queued for (\d+) licenses?/;
const RESERVATION = /^(\d+) RESERVATIONs? for (\S+) (\S+)/;
const HOSTLIKE = /^[\w.-]+$/;

/** Splits "user host display" where the user may contain spaces and the display may be absent or contain spaces. */
export function splitWho(prefix: string): { user: string; host: string; display: string } {
  const t = prefix.trim().split(/\s+/);
  const at = (i: number) => ({ user: t.slice(0, i).join(' '), host: t[i] ?? '', display: t.slice(i + 1).join(' ') });
  if (t.length <= 1) return { user: t[0] ?? '', host: '', display: '' };
  // Most clients report a display that repeats the host, or a terminal: that pins the host position.
  for (let i = 1; i < t.length - 1; i++) {
    const host = t[i]!.toLowerCase();
    const next = t[i + 1]!.toLowerCase();
    if (HOSTLIKE.test(host) && (next.startsWith(host) || next.startsWith('/dev/'))) return at(i);
  }
  if (t.length <= 3) return at(1);
  // Otherwise the user takes as many words as possible while a host-like word and a display remain after it.
  for (let i = t.length - 2; i >= 1; i--) if (HOSTLIKE.test(t[i]!)) return at(i);
  return at(1);
}

/** Parses a checkout line (already trimmed); undefined when the line is not one. */
export function parseCheckoutLine(line: string): LmstatUser | undefined {
  const m = CHECKOUT.exec(line);
  if (!m) return undefined;
  const start = START.exec(m[4]!);
  if (!start) return undefined;
  const who = splitWho(m[1]!);
  if (!who.user) return undefined;
  const tail = start[2]!;
  const count = COUNT.exec(tail);
  const linger = LINGER.exec(tail);
  const u: LmstatUser = { ...who, licenses: count ? Number(count[1]) : 1, start: start[1]!.replace(/\s+/g, ' ') };
  if (m[2]) u.version = m[2];
  u.handle = m[3]!;
  if (linger) u.linger = linger[2] === undefined ? [Number(linger[1])] : [Number(linger[1]), Number(linger[2])];
  return u;
}

/** Parses a `... queued for N licenses` line; undefined when the line is not one. */
export function parseQueuedLine(line: string): LmstatQueued | undefined {
  const m = CHECKOUT.exec(line);
  const q = m && QUEUED.exec(m[4]!);
  if (!m || !q) return undefined;
  // Queued lines carry the requested version before "(v...)": it is not part of the display.
  const who = splitWho(m[1]!.replace(/\s+\d[\d.]*$/, ''));
  return who.user ? { ...who, licenses: Number(q[1]) } : undefined;
}

/** Parses `N RESERVATION(s) for KIND NAME (...)`; undefined when the line is not one. */
export function parseReservationLine(line: string): LmstatReservation | undefined {
  const m = RESERVATION.exec(line);
  return m ? { count: Number(m[1]), kind: m[2]!, name: m[3]! } : undefined;
}

// OneDrive upload sessions, as Teams hands them to a bot when a user accepts a file consent card, served by the fake
// Bot Connector on 127.0.0.1 (`PUT /upload/<session>`). It keeps OneDrive's rules: ranges in order with a correct
// `Content-Range: bytes <first>-<last>/<total>`, every range but the last a multiple of 320 KiB, no Authorization
// header; 202 with nextExpectedRanges until the last range, then 201 with the drive item. It records the bytes
// received, and a test can make the next requests fail, or hold them unanswered until it releases them.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json } from './bot-connector-routes.ts';

const PREFIX = '/upload/';
const FRAGMENT_UNIT = 320 * 1024;

/** What Teams puts in `value.uploadInfo` of a `fileConsent/invoke` accept. */
export interface FakeUploadInfo {
  name: string;
  uploadUrl: string;
  contentUrl: string;
  uniqueId: string;
  fileType: string;
}

export interface RecordedUpload {
  sessionId: string;
  name: string;
  /** Every byte accepted so far, in order. */
  bytes: Buffer;
  /** The Content-Range of each accepted request. */
  ranges: string[];
  /** True once the last byte arrived (the session answered 201). */
  complete: boolean;
  /** Requests refused (bad range, injected fault...). */
  refused: number;
}

/** An injected failure for upload requests: an HTTP status, or the socket closed without an answer. */
export type UploadFault = { status: number } | { kind: 'reset' };

/** Upload requests held unanswered (see FakeUploadSessions.hold). */
export interface UploadHold {
  /** Requests received and waiting for release. */
  held(): number;
  /** Serves the held requests, in order, and every later one at once. */
  release(): void;
}

export interface FakeUploadSessions {
  open(name: string): FakeUploadInfo;
  /** True when the request was an upload (and has been answered). */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string, raw: Buffer): boolean;
  fail(fault: UploadFault, times: number): void;
  /** Holds every upload request from now on, unanswered, until the hold is released. */
  hold(): UploadHold;
  uploads(): RecordedUpload[];
  reset(): void;
}

export function createUploadSessions(baseUrl: () => string): FakeUploadSessions {
  const sessions = new Map<string, RecordedUpload>();
  const faults: { fault: UploadFault; remaining: number }[] = [];
  let holding: (() => void)[] | undefined;

  function refuse(res: ServerResponse, session: RecordedUpload | undefined, status: number, message: string): true {
    if (session) session.refused++;
    json(res, status, { error: { code: status === 416 ? 'invalidRange' : 'invalidRequest', message } });
    return true;
  }

  return {
    open(name) {
      const sessionId = randomUUID();
      sessions.set(sessionId, { sessionId, name, bytes: Buffer.alloc(0), ranges: [], complete: false, refused: 0 });
      const dot = name.lastIndexOf('.');
      return {
        name,
        uploadUrl: `${baseUrl()}upload/${sessionId}`,
        contentUrl: `${baseUrl()}files/${sessionId}/${encodeURIComponent(name)}`,
        uniqueId: sessionId,
        fileType: dot >= 0 ? name.slice(dot + 1) : '',
      };
    },

    handle(req, res, pathname, raw) {
      if (!pathname.startsWith(PREFIX)) return false;
      if (holding) holding.push(() => serve(req, res, pathname, raw));
      else serve(req, res, pathname, raw);
      return true;
    },

    fail(fault, times) {
      faults.push({ fault, remaining: times });
    },

    hold() {
      const waiting: (() => void)[] = (holding = []);
      return {
        held: () => waiting.length,
        release() {
          if (holding === waiting) holding = undefined;
          for (const serveHeld of waiting.splice(0)) serveHeld();
        },
      };
    },

    uploads: () =>
      [...sessions.values()]
        .filter((s) => s.ranges.length > 0 || s.refused > 0)
        .map((s) => ({ ...s, ranges: [...s.ranges] })),

    reset() {
      sessions.clear();
      faults.length = 0;
      holding = undefined;
    },
  };

  /** Answers one upload request as OneDrive would (or with the next injected fault). */
  function serve(req: IncomingMessage, res: ServerResponse, pathname: string, raw: Buffer): true {
    const session = sessions.get(pathname.slice(PREFIX.length));
    const fault = faults[0];
    if (fault) {
      if (--fault.remaining <= 0) faults.shift();
      if (session) session.refused++;
      if ('kind' in fault.fault) res.socket?.destroy();
      else
        json(res, fault.fault.status, { error: { code: 'serviceNotAvailable', message: 'injected upload failure' } });
      return true;
    }
    if (req.method !== 'PUT') return refuse(res, session, 405, 'upload sessions take PUT');
    if (!session || session.complete) return refuse(res, session, 404, 'no such upload session');
    if (req.headers.authorization) return refuse(res, session, 401, 'an upload URL takes no Authorization header');
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
    if (!m) return refuse(res, session, 400, 'Content-Range must be "bytes <first>-<last>/<total>"');
    const [first, last, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (first !== session.bytes.length)
      return refuse(res, session, 416, `expected the range to start at ${session.bytes.length}`);
    if (last < first || last >= total || last - first + 1 !== raw.length)
      return refuse(res, session, 400, 'the body does not match Content-Range');
    const announced = session.ranges[0]?.split('/')[1];
    if (announced !== undefined && Number(announced) !== total)
      return refuse(res, session, 400, 'the total size changed during the upload');
    const final = last === total - 1;
    if (!final && raw.length % FRAGMENT_UNIT !== 0)
      return refuse(res, session, 400, 'fragments other than the last must be a multiple of 320 KiB');
    session.bytes = Buffer.concat([session.bytes, raw]);
    session.ranges.push(m[0]);
    if (!final) {
      json(res, 202, {
        expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
        nextExpectedRanges: [`${last + 1}-`],
      });
      return true;
    }
    session.complete = true;
    json(res, 201, { id: session.sessionId, name: session.name, size: total, file: {} });
    return true;
  }
}

// The playground lets whoever loads it act as anyone in the roster, so its API only answers requests that a page of
// its own could make: JSON with a custom header (a cross-site form or fetch cannot send one without a CORS preflight,
// which this server never grants) and, when real platforms run beside it, only from this machine.
import type { ServerResponse } from 'node:http';
import { sendJson, type HttpRequest } from '../http/router.ts';
import { InvalidInputError } from '../errors.ts';

export const PLAYGROUND_HEADER = 'x-numbot-playground';
/** Commands with an attached CSV fit; anything bigger is not a playground request. */
export const MAX_API_BODY = 6 * 1024 * 1024;

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

export interface GuardOptions {
  loopbackOnly: boolean;
  /** Host names besides localhost, 127.0.0.1 and [::1] the page may be reached by (PLAYGROUND_HOSTS). */
  hosts?: readonly string[];
}

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The host name of a `Host` header (`name`, `name:port`, `[v6]:port`), lower-cased; undefined when malformed. */
function hostName(header: string): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(header.trim());
  return m?.[1]?.toLowerCase();
}

/**
 * True when the request was addressed to this machine (or a host the operator named): a page of another site that
 * rebinds its DNS name to 127.0.0.1 still sends its own name as Host, and its own Origin.
 */
function addressedHere(req: Pick<HttpRequest, 'headers'>, hosts: readonly string[]): boolean {
  const allowed = new Set([...LOCAL_HOSTS, ...hosts]);
  const host = hostName(String(req.headers.host ?? ''));
  if (!host || !allowed.has(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return allowed.has(u.hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** True when the request may go on; otherwise the refusal is already sent. */
export function guardRequest(req: Omit<HttpRequest, 'rawBody'>, res: ServerResponse, options: GuardOptions): boolean {
  if (!addressedHere(req, options.hosts ?? [])) {
    sendJson(res, 403, {
      error: 'the playground answers only when reached as localhost (or a host listed in PLAYGROUND_HOSTS)',
    });
    return false;
  }
  if (options.loopbackOnly && !LOOPBACK.test(req.raw.socket.remoteAddress ?? '')) {
    sendJson(res, 403, { error: 'the playground answers only on this machine while Teams or Slack is configured' });
    return false;
  }
  if (req.headers[PLAYGROUND_HEADER] !== '1') {
    sendJson(res, 403, { error: `missing ${PLAYGROUND_HEADER} header` });
    return false;
  }
  return true;
}

/** A page request the API cannot take: answered 400 with the message. */
export class BadRequest extends InvalidInputError {}

/** The JSON object a POST carries; throws BadRequest with a message the page can show. */
export function jsonBody(req: HttpRequest): Record<string, unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new BadRequest('send JSON (content-type: application/json)');
  if (req.rawBody.length > MAX_API_BODY) throw new BadRequest(`body larger than ${MAX_API_BODY} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    throw new BadRequest('body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new BadRequest('body must be a JSON object');
  return value as Record<string, unknown>;
}

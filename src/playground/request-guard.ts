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
}

/** True when the request may go on; otherwise the refusal is already sent. */
export function guardRequest(req: HttpRequest, res: ServerResponse, options: GuardOptions): boolean {
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

// Slack request signing: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. Requests
// whose timestamp is more than five minutes away from now are refused; within those five minutes a captured request
// could be sent again, and it is the delivery key (first-delivery.ts, `deliveryKey`) that runs it only once.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'missing headers' | 'stale timestamp' | 'bad signature' };

export interface SignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer;
}

/** The signature Slack would send for this body at this timestamp (also what tests sign with). */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/** Checks a request's signature and freshness in constant time; `nowMs` is the receiving server's clock. */
export function verifySlackSignature(signingSecret: string, req: SignedRequest, nowMs: number): SignatureCheck {
  const { timestamp, signature } = req;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing headers' };
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS)
    return { ok: false, reason: 'stale timestamp' };
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, req.rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad signature' };
  return { ok: true };
}

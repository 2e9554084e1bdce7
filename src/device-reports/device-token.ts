// Device tokens: what a switch script carries to report back for one person. `<personId base64url>.<HMAC-SHA256>`,
// signed with DEVICE_TOKEN_SECRET; nothing is stored, so any replica verifies any token.
import { createHmac, timingSafeEqual } from 'node:crypto';

// A fixed context string, so the secret's MAC of a person id can never be mistaken for a MAC made for another purpose.
const CONTEXT = 'numbot-device-report-v1';
const B64URL = /^[A-Za-z0-9_-]+$/;
/** Person ids are e-mail addresses (≤ 254 characters); the encoded part stays well under this. */
const MAX_ENCODED = 400;

function mac(secret: string, encodedId: string): Buffer {
  return createHmac('sha256', secret).update(`${CONTEXT}.${encodedId}`).digest();
}

/** A token for this person. */
export function issueDeviceToken(personId: string, secret: string): string {
  if (!personId) throw new Error('a device token needs a person id');
  const encoded = Buffer.from(personId, 'utf8').toString('base64url');
  return `${encoded}.${mac(secret, encoded).toString('base64url')}`;
}

/** The person id the token was issued for, or undefined when it is malformed or not signed with this secret. */
export function verifyDeviceToken(token: string, secret: string): string | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return undefined;
  const encoded = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (encoded.length > MAX_ENCODED || !B64URL.test(encoded)) return undefined;
  // Compared as text: two encodings decoding to the same bytes must not both pass.
  const given = Buffer.from(signature, 'utf8');
  const expected = Buffer.from(mac(secret, encoded).toString('base64url'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const personId = Buffer.from(encoded, 'base64url').toString('utf8');
  return personId || undefined;
}

// AES-256-GCM for the Autodesk tokens at rest (node:crypto). A sealed value names the key it was sealed with
// (`current` or `previous`) by a short fingerprint, so a key rotation reads old values with AUTODESK_TOKEN_KEY_PREVIOUS
// and the next write seals them with the new key.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { NumbotError } from '../../errors.ts';

export interface Sealed {
  v: 1;
  /** First 8 hex chars of SHA-256 of the key: which key opens it (not secret, not enough to guess the key). */
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export class TokenKeyError extends NumbotError<'AUTODESK_TOKEN_KEY'> {
  constructor(message: string) {
    super('AUTODESK_TOKEN_KEY', message);
  }
}

export interface TokenCipher {
  seal(plain: string): Sealed;
  /** The plain text, and whether it was sealed with the previous key (then seal it again). */
  open(s: Sealed): { plain: string; stale: boolean };
}

const fingerprint = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** Keys as base64 of 32 bytes (validated by src/config.ts). */
export function createTokenCipher(currentB64: string, previousB64?: string): TokenCipher {
  const current = Buffer.from(currentB64, 'base64');
  const previous = previousB64 ? Buffer.from(previousB64, 'base64') : undefined;
  if (current.length !== 32 || (previous && previous.length !== 32))
    throw new TokenKeyError('AUTODESK_TOKEN_KEY must be 32 bytes as base64');
  const keys = new Map([[fingerprint(current), current]]);
  if (previous) keys.set(fingerprint(previous), previous);
  const kid = fingerprint(current);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', current, iv);
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return {
        v: 1,
        kid,
        iv: iv.toString('base64'),
        tag: c.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
    },
    open(s) {
      const key = keys.get(s.kid);
      if (!key)
        throw new TokenKeyError(
          'the stored Autodesk tokens were sealed with a key that is neither AUTODESK_TOKEN_KEY nor AUTODESK_TOKEN_KEY_PREVIOUS',
        );
      try {
        const d = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
        d.setAuthTag(Buffer.from(s.tag, 'base64'));
        const plain = Buffer.concat([d.update(Buffer.from(s.data, 'base64')), d.final()]).toString('utf8');
        return { plain, stale: s.kid !== kid };
      } catch {
        throw new TokenKeyError('the stored Autodesk tokens could not be decrypted (tampered, or a wrong key)');
      }
    },
  };
}

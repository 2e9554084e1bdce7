import { describe, expect, it } from 'vitest';
import { slackSignature, verifySlackSignature } from '../../../src/channels/slack/verify-signature.ts';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const body = Buffer.from('token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fmigrate&text=status');
const now = 1_700_000_000_000;
const ts = String(now / 1000);

describe('Slack request signature', () => {
  it('accepts the signature of this body and timestamp', () => {
    expect(
      verifySlackSignature(SECRET, { timestamp: ts, signature: slackSignature(SECRET, ts, body), rawBody: body }, now),
    ).toEqual({ ok: true });
  });

  it('matches the documented v0 HMAC-SHA256 construction', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body.toString()}`).digest('hex');
    expect(slackSignature(SECRET, ts, body)).toBe(expected);
  });

  it('refuses another secret, a changed body, and a missing header', () => {
    const sig = slackSignature(SECRET, ts, body);
    expect(verifySlackSignature('other', { timestamp: ts, signature: sig, rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'bad signature',
    });
    const changed = Buffer.from(body.toString().replace('status', 'notify+all'));
    expect(verifySlackSignature(SECRET, { timestamp: ts, signature: sig, rawBody: changed }, now).ok).toBe(false);
    expect(verifySlackSignature(SECRET, { timestamp: ts, signature: undefined, rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'missing headers',
    });
    expect(verifySlackSignature(SECRET, { timestamp: 'abc', signature: sig, rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'missing headers',
    });
  });

  it('refuses timestamps more than five minutes old or ahead, even when correctly signed', () => {
    for (const skew of [-301, 301, -6 * 60]) {
      const t = String(now / 1000 + skew);
      expect(
        verifySlackSignature(SECRET, { timestamp: t, signature: slackSignature(SECRET, t, body), rawBody: body }, now),
      ).toEqual({
        ok: false,
        reason: 'stale timestamp',
      });
    }
    const edge = String(now / 1000 - 300);
    expect(
      verifySlackSignature(
        SECRET,
        { timestamp: edge, signature: slackSignature(SECRET, edge, body), rawBody: body },
        now,
      ).ok,
    ).toBe(true);
  });
});

// Autodesk's pacing headers and error bodies are outside text: every reading is bounded and nothing throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readProblem } from '../../../src/autodesk/team-admin/problem.ts';
import {
  MAX_WAIT_MS,
  parseReset,
  parseRetryAfter,
  readRateSignal,
} from '../../../src/autodesk/team-admin/rate-headers.ts';

const NOW = Date.UTC(2026, 11, 7, 10, 0, 30);
const headers = (h: Record<string, string>) => new Headers(h);

describe('rate headers', () => {
  it('reads X-RateLimit-Reset as epoch seconds, epoch ms or seconds from now', () => {
    const end = Date.UTC(2026, 11, 7, 10, 1, 0);
    expect(parseReset(String(end / 1000), NOW)).toBe(end);
    expect(parseReset(String(end), NOW)).toBe(end);
    expect(parseReset('30', NOW)).toBe(end);
    expect(parseReset('soon', NOW)).toBeUndefined();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter(new Date(NOW + 4000).toUTCString(), NOW)).toBe(4000);
    expect(parseRetryAfter('-1', NOW)).toBeUndefined();
  });

  it('accepts the IETF names too', () => {
    expect(readRateSignal(headers({ 'ratelimit-remaining': '0', 'ratelimit-reset': '12' }), NOW)).toEqual({
      remaining: 0,
      resetAt: NOW + 12_000,
    });
    expect(readRateSignal(headers({ 'x-ratelimit-remaining': '5', 'retry-after': '3' }), NOW)).toEqual({
      remaining: 5,
      retryAfterMs: 3000,
    });
  });

  it('never waits longer than a minute and a little, whatever the headers say', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (rem, reset, retry) => {
        const s = readRateSignal(
          headers({
            'x-ratelimit-remaining': rem.replace(/[^\x20-\x7e]/g, ''),
            'x-ratelimit-reset': reset.replace(/[^\x20-\x7e]/g, ''),
            'retry-after': retry.replace(/[^\x20-\x7e]/g, ''),
          }),
          NOW,
        );
        if (s.resetAt !== undefined) expect(s.resetAt - NOW).toBeGreaterThanOrEqual(0);
        if (s.resetAt !== undefined) expect(s.resetAt - NOW).toBeLessThanOrEqual(MAX_WAIT_MS);
        if (s.retryAfterMs !== undefined) expect(s.retryAfterMs).toBeLessThanOrEqual(MAX_WAIT_MS);
        if (s.remaining !== undefined) expect(Number.isInteger(s.remaining)).toBe(true);
      }),
    );
    expect(parseReset('99999999', NOW)).toBe(NOW + MAX_WAIT_MS);
  });
});

describe('problem bodies', () => {
  it('reads Problem Details and the APS error format', () => {
    expect(
      readProblem(
        422,
        'application/problem+json',
        JSON.stringify({
          type: 'https://developer.api.autodesk.com/problems/reassignment-quota-exhausted',
          title: 'Quota exhausted',
          status: 422,
          data: { nextQuotaResetDate: '2027-01-01T00:00:00Z' },
        }),
      ),
    ).toEqual({
      status: 422,
      type: 'https://developer.api.autodesk.com/problems/reassignment-quota-exhausted',
      title: 'Quota exhausted',
      nextQuotaResetDate: '2027-01-01T00:00:00Z',
    });
    expect(readProblem(401, 'application/json', '{"developerMessage":"Token expired","errorCode":"AUTH-006"}')).toEqual(
      {
        status: 401,
        type: 'AUTH-006',
        title: 'Token expired',
      },
    );
  });

  it('never throws and keeps the title short, whatever the body', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), fc.integer({ min: 400, max: 599 }), (body, status) => {
        const p = readProblem(status, null, body);
        expect(p.status).toBe(status);
        expect(p.title.length).toBeLessThanOrEqual(120);
      }),
    );
  });
});

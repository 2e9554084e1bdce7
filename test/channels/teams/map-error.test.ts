// The one place Bot Connector failures become delivery outcomes, on the error shapes botframework-connector raises.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_AFTER_MS, mapTeamsError, retryAfterMs } from '../../../src/channels/teams/map-error.ts';

function restError(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return {
    name: 'RestError',
    statusCode: status,
    code: (body as { error?: { code?: string } } | undefined)?.error?.code,
    response: {
      status,
      bodyAsText: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
      headers: { get: (n: string) => headers[n.toLowerCase()] },
    },
  };
}

describe('mapTeamsError', () => {
  it('reads Retry-After as seconds or as an HTTP date, with a default when absent', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(mapTeamsError(restError(429, { error: { code: 'Throttled' } }, { 'retry-after': '2.5' }), now)).toEqual({
      kind: 'rate_limited',
      retryAfterMs: 2500,
    });
    expect(mapTeamsError(restError(429, undefined, { 'retry-after': 'Mon, 02 Mar 2026 10:00:12 GMT' }), now)).toEqual({
      kind: 'rate_limited',
      retryAfterMs: 12_000,
    });
    expect(mapTeamsError(restError(429), now)).toEqual({ kind: 'rate_limited', retryAfterMs: DEFAULT_RETRY_AFTER_MS });
    expect(retryAfterMs('soon', now)).toBe(DEFAULT_RETRY_AFTER_MS);
  });

  it('names the 403 code that made a user unreachable, wherever Teams puts it', () => {
    expect(mapTeamsError(restError(403, { error: { code: 'BotNotInConversationRoster' } }))).toEqual({
      kind: 'blocked',
      reason: 'BotNotInConversationRoster',
    });
    expect(mapTeamsError(restError(403, { error: { code: 'Forbidden', subCode: 'MessageWritesBlocked' } }))).toEqual({
      kind: 'blocked',
      reason: 'MessageWritesBlocked',
    });
    expect(
      mapTeamsError(
        restError(403, { error: { code: 'Forbidden', innerHttpError: { subCode: 'MessageWritesBlocked' } } }),
      ),
    ).toEqual({
      kind: 'blocked',
      reason: 'MessageWritesBlocked',
    });
    expect(mapTeamsError(restError(403, '<html>denied</html>'))).toEqual({ kind: 'blocked', reason: '403' });
  });

  it('classifies by status when the body is not JSON', () => {
    expect(mapTeamsError(restError(502, '<html>Bad gateway</html>')).kind).toBe('transient');
    expect(mapTeamsError(restError(404, 'nope')).kind).toBe('not_found');
  });

  it('treats other client errors as invalid and server-side ones as transient', () => {
    expect(mapTeamsError(restError(401)).kind).toBe('invalid');
    expect(mapTeamsError(restError(400, { error: { code: 'BadArgument' } }))).toEqual({
      kind: 'invalid',
      reason: '400 BadArgument',
    });
    expect(mapTeamsError(restError(408)).kind).toBe('transient');
    expect(mapTeamsError(restError(412)).kind).toBe('transient');
    expect(mapTeamsError(restError(503)).kind).toBe('transient');
  });

  it('treats timeouts and network failures as transient', () => {
    expect(mapTeamsError({ name: 'AbortError', message: 'The operation was aborted.' })).toEqual({
      kind: 'transient',
      reason: 'timeout',
    });
    expect(mapTeamsError({ name: 'RestError', code: 'ECONNREFUSED' })).toEqual({
      kind: 'transient',
      reason: 'network ECONNREFUSED',
    });
    expect(mapTeamsError(new TypeError('boom')).kind).toBe('transient');
  });

  it('never copies message text into the reason', () => {
    const out = mapTeamsError(restError(400, { error: { code: 'BadArgument', message: 'card text: secret plan' } }));
    expect(JSON.stringify(out)).not.toContain('secret');
    const weird = mapTeamsError(restError(403, { error: { code: 'has spaces and <html>' } }));
    expect(JSON.stringify(weird)).not.toContain('html');
  });
});

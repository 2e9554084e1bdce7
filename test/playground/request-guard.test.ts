// The guard in front of the playground's API, on requests a browser elsewhere could make.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/http/router.ts';
import { BadRequest, guardRequest, jsonBody, PLAYGROUND_HEADER } from '../../src/playground/request-guard.ts';

function request(remoteAddress: string, headers: Record<string, string>, body = ''): HttpRequest {
  return {
    method: 'POST',
    path: '/playground/api/command',
    query: new URLSearchParams(),
    params: {},
    headers: { host: 'localhost:3978', ...headers },
    rawBody: Buffer.from(body),
    raw: { socket: { remoteAddress } } as unknown as IncomingMessage,
  };
}

function response() {
  const sent: { status?: number; body?: string } = {};
  const res = {
    writeHead(status: number) {
      sent.status = status;
      return res;
    },
    end(body: string) {
      sent.body = body;
    },
  } as unknown as ServerResponse;
  return { res, sent };
}

describe('playground request guard', () => {
  it("needs the page's header: a cross-site form cannot send it", () => {
    const { res, sent } = response();
    expect(guardRequest(request('127.0.0.1', {}), res, { loopbackOnly: false })).toBe(false);
    expect(sent.status).toBe(403);
    expect(
      guardRequest(request('192.0.2.7', { [PLAYGROUND_HEADER]: '1' }), response().res, { loopbackOnly: false }),
    ).toBe(true);
  });

  it('beside a real platform, answers this machine only', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1'])
      expect(guardRequest(request(address, { [PLAYGROUND_HEADER]: '1' }), response().res, { loopbackOnly: true })).toBe(
        true,
      );
    const { res, sent } = response();
    expect(guardRequest(request('10.1.2.3', { [PLAYGROUND_HEADER]: '1' }), res, { loopbackOnly: true })).toBe(false);
    expect(sent.status).toBe(403);
    expect(sent.body).toMatch(/only on this machine/);
  });

  it('reads a JSON object body and says what is wrong with anything else', () => {
    expect(jsonBody(request('127.0.0.1', { 'content-type': 'application/json' }, '{"as":"x"}'))).toEqual({ as: 'x' });
    expect(() => jsonBody(request('127.0.0.1', { 'content-type': 'text/plain' }, '{}'))).toThrow(BadRequest);
    expect(() => jsonBody(request('127.0.0.1', { 'content-type': 'application/json' }, '{'))).toThrow(/not valid JSON/);
    expect(() => jsonBody(request('127.0.0.1', { 'content-type': 'application/json' }, '[1]'))).toThrow(/object/);
  });
});

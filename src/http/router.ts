// A small router on node:http: exact paths or `:param` segments, raw body kept for signature checks.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The body exactly as received (Slack signatures are computed over it). */
  rawBody: Buffer;
  /** The underlying request, for edges whose SDK wants it. */
  raw: IncomingMessage;
}

export type RouteHandler = (req: HttpRequest, res: ServerResponse) => Promise<void> | void;

/** What a route checks before its body is read: true to go on; otherwise it has sent its refusal. */
export type RouteGuard = (req: Omit<HttpRequest, 'rawBody'>, res: ServerResponse) => boolean | Promise<boolean>;

export interface RouteOptions {
  /** Bodies over this are refused (413) on their Content-Length, or while reading; default: the server's. */
  maxBodyBytes?: number;
  /** Tokens, origin: checked before the body is read, so an unauthenticated caller costs no buffered memory. */
  guard?: RouteGuard;
}

interface Route {
  method: string;
  parts: string[];
  handler: RouteHandler;
  options: RouteOptions;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: RouteHandler, options: RouteOptions = {}): this {
    this.routes.push({ method: method.toUpperCase(), parts: split(path), handler, options });
    return this;
  }

  /** The handler and path parameters for a request, 'method' when only the method is wrong, or undefined. */
  match(
    method: string,
    path: string,
  ): { handler: RouteHandler; params: Record<string, string>; options: RouteOptions } | 'method' | undefined {
    const parts = split(path);
    let wrongMethod = false;
    for (const r of this.routes) {
      const params = matchParts(r.parts, parts);
      if (!params) continue;
      if (r.method === method.toUpperCase() || (r.method === 'GET' && method.toUpperCase() === 'HEAD'))
        return { handler: r.handler, params, options: r.options };
      wrongMethod = true;
    }
    return wrongMethod ? 'method' : undefined;
  }
}

const split = (path: string) => path.split('/').filter(Boolean);

function matchParts(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const last = pattern[pattern.length - 1];
  const wildcard = last === '*';
  if (wildcard ? parts.length < pattern.length - 1 : pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p === '*') {
      params['*'] = parts.slice(i).join('/');
      return params;
    }
    const v = parts[i]!;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return undefined;
      }
    } else if (p !== v) return undefined;
  }
  return params;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

// HTTP plumbing of the fake Slack Web API: bodies in (form, JSON, multipart uploads) and JSON out.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Params = Record<string, unknown>;

export const bearer = (h: string | undefined) => (h?.startsWith('Bearer ') ? h.slice(7) : undefined);

export function redactToken(p: Params): Params {
  const { token: _token, ...rest } = p;
  return rest;
}

/** Form or JSON bodies; JSON-looking form values (blocks, view, files) are parsed as Slack does. */
export function parseParams(contentType: string | undefined, body: Buffer): Params {
  const text = body.toString('utf8');
  if (!text) return {};
  if (contentType?.includes('application/json')) {
    try {
      const v: unknown = JSON.parse(text);
      return v !== null && typeof v === 'object' ? (v as Params) : {};
    } catch {
      return {};
    }
  }
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // Not JSON after all: keep the string, as Slack would.
      }
    }
    out[k] = v;
  }
  return out;
}

/** The uploaded bytes: the first file of a multipart body, or the raw body. */
export async function uploadedBytes(contentType: string | undefined, body: Buffer): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return body;
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  let file: Blob | undefined;
  form.forEach((v) => {
    if (!file && typeof v !== 'string') file = v;
  });
  return file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function send(
  res: ServerResponse,
  status: number,
  payload: Params,
  headers: Record<string, string> = {},
  raw?: string,
): void {
  const text = raw ?? JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': raw ? 'text/plain' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

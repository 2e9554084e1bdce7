// Bytes into a OneDrive upload session: the `uploadUrl` Teams hands the bot when a user accepts a file consent card.
// One PUT per range with `Content-Range: bytes <first>-<last>/<total>`; no Authorization header (the URL carries its
// own). Ranges other than the last are a multiple of 320 KiB, as OneDrive requires, and well under its 60 MiB limit.

/** 16 × 320 KiB = 5 MiB per request. */
export const UPLOAD_CHUNK_BYTES = 16 * 320 * 1024;
import { NumbotError } from '../../errors.ts';

export interface UploadOptions {
  /** Time allowed for each request. */
  timeoutMs: number;
  /** Bytes per request (a multiple of 320 KiB); UPLOAD_CHUNK_BYTES by default. */
  chunkBytes?: number;
}

/** Why an upload failed: the HTTP status OneDrive answered, or `timeout` / `network`. */
export class UploadError extends NumbotError<'UPLOAD_FAILED'> {
  constructor(readonly reason: string) {
    super('UPLOAD_FAILED', `upload failed: ${reason}`);
  }
}

/** Uploads every byte in order; resolves once the session answered the last range with 200 or 201. */
export async function uploadToSession(uploadUrl: string, bytes: Buffer, options: UploadOptions): Promise<void> {
  const chunk = options.chunkBytes ?? UPLOAD_CHUNK_BYTES;
  if (chunk <= 0 || chunk % (320 * 1024) !== 0)
    throw new RangeError('chunkBytes must be a positive multiple of 320 KiB');
  if (bytes.length === 0) throw new RangeError('an upload session cannot take an empty file');
  const total = bytes.length;
  for (let first = 0; first < total; first += chunk) {
    const last = Math.min(total, first + chunk) - 1;
    const status = await putRange(
      uploadUrl,
      bytes.subarray(first, last + 1),
      `bytes ${first}-${last}/${total}`,
      options.timeoutMs,
    );
    const final = last === total - 1;
    // 202 = "send the next range"; the last range completes the file (200 or 201, with the drive item).
    if (final ? status !== 200 && status !== 201 : status !== 202 && status !== 200)
      throw new UploadError(String(status));
  }
}

async function putRange(url: string, body: Buffer, range: string, timeoutMs: number): Promise<number> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'PUT',
      // fetch sets Content-Length from the body.
      headers: { 'content-range': range },
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const name = (err as Error).name;
    throw new UploadError(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network');
  }
  await res.body?.cancel();
  return res.status;
}

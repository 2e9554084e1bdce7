// PUTting a file into a OneDrive upload session (the fake Bot Connector's, which keeps OneDrive's range rules).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uploadToSession, UploadError, UPLOAD_CHUNK_BYTES } from '../../../src/channels/teams/upload-session.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/bot-connector.ts';
import { eventually } from '../../helpers/eventually.ts';

const KIB320 = 320 * 1024;
const bytesOf = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 7) % 251));

describe('upload to a OneDrive upload session', () => {
  let fake: FakeBotConnector;
  beforeEach(async () => {
    fake = await startFakeBotConnector();
  });
  afterEach(async () => {
    await fake.close();
  });
  const uploadOf = (uniqueId: string) => fake.uploads().find((u) => u.sessionId === uniqueId);

  it('sends a small file in one range', async () => {
    const info = fake.openUploadSession('small.csv');
    const data = bytesOf(1000);
    await uploadToSession(info.uploadUrl, data, { timeoutMs: 5000 });
    expect(uploadOf(info.uniqueId)).toMatchObject({ complete: true, refused: 0, ranges: ['bytes 0-999/1000'] });
    expect(uploadOf(info.uniqueId)?.bytes.equals(data)).toBe(true);
  });

  it('sends a big file in ranges of whole 320 KiB units, in order, byte for byte', async () => {
    const info = fake.openUploadSession('big.csv');
    const data = bytesOf(3 * KIB320 + 12_345);
    await uploadToSession(info.uploadUrl, data, { timeoutMs: 5000, chunkBytes: KIB320 });
    const upload = uploadOf(info.uniqueId)!;
    expect(upload.ranges).toEqual([
      `bytes 0-${KIB320 - 1}/${data.length}`,
      `bytes ${KIB320}-${2 * KIB320 - 1}/${data.length}`,
      `bytes ${2 * KIB320}-${3 * KIB320 - 1}/${data.length}`,
      `bytes ${3 * KIB320}-${data.length - 1}/${data.length}`,
    ]);
    expect(upload.complete).toBe(true);
    expect(upload.bytes.equals(data)).toBe(true);
    expect(UPLOAD_CHUNK_BYTES % KIB320).toBe(0);
    expect(UPLOAD_CHUNK_BYTES).toBeLessThan(60 * 1024 * 1024);
  });

  it('stops at the first refused range and says what OneDrive answered', async () => {
    const info = fake.openUploadSession('big.csv');
    const data = bytesOf(2 * KIB320 + 1);
    fake.failUploads({ status: 500 });
    const err = await uploadToSession(info.uploadUrl, data, { timeoutMs: 5000, chunkBytes: KIB320 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).reason).toBe('500');
    expect(uploadOf(info.uniqueId)).toMatchObject({ refused: 1, ranges: [], complete: false });
  });

  it('reports a dropped connection as a network failure', async () => {
    const info = fake.openUploadSession('x.csv');
    fake.failUploads({ kind: 'reset' });
    const err = await uploadToSession(info.uploadUrl, bytesOf(10), { timeoutMs: 5000 }).catch((e: unknown) => e);
    expect((err as UploadError).reason).toBe('network');
  });

  it('a held upload waits, unanswered, until released (the fake standing in for a slow OneDrive)', async () => {
    const info = fake.openUploadSession('slow.csv');
    const hold = fake.holdUploads();
    let done = false;
    const upload = uploadToSession(info.uploadUrl, bytesOf(10), { timeoutMs: 10_000 }).then(() => {
      done = true;
    });
    await eventually(() => hold.held() === 1);
    expect(done).toBe(false);
    expect(uploadOf(info.uniqueId)).toBeUndefined();
    hold.release();
    await upload;
    expect(uploadOf(info.uniqueId)).toMatchObject({ complete: true, ranges: ['bytes 0-9/10'] });
    // Released for good: the next upload is answered at once.
    const next = fake.openUploadSession('next.csv');
    await uploadToSession(next.uploadUrl, bytesOf(5), { timeoutMs: 10_000 });
    expect(hold.held()).toBe(0);
  });

  it('an unknown session is refused (404), and bad arguments throw before any request', async () => {
    const info = fake.openUploadSession('x.csv');
    const err = await uploadToSession(`${info.uploadUrl}-gone`, bytesOf(10), { timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    expect((err as UploadError).reason).toBe('404');
    await expect(uploadToSession(info.uploadUrl, bytesOf(10), { timeoutMs: 5000, chunkBytes: 1000 })).rejects.toThrow(
      RangeError,
    );
    await expect(uploadToSession(info.uploadUrl, Buffer.alloc(0), { timeoutMs: 5000 })).rejects.toThrow(RangeError);
    expect(uploadOf(info.uniqueId)).toBeUndefined();
  });
});

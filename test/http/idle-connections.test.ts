// Connections that send nothing, or stay idle after an answer, are closed; connections past the cap are refused.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type Running } from '../helpers/http-app.ts';

let running: Running | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await running?.app.stop();
  running = undefined;
});

function open(port: number): Promise<{ socket: Socket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    const closed = new Promise<number>((r) => socket.on('close', () => r(Date.now() - started)));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<'still open'>((r) => setTimeout(() => r('still open'), ms))]);

describe('idle connections', () => {
  it('200 sockets that send nothing are closed after the headers timeout', async () => {
    running = await startApp({ HTTP_HEADERS_TIMEOUT_MS: '400', HTTP_KEEPALIVE_TIMEOUT_MS: '300' });
    const port = Number(new URL(running.url).port);
    const conns = await Promise.all(Array.from({ length: 200 }, () => open(port)));
    const results = await within(Promise.all(conns.map((c) => c.closed)), 3000);
    expect(results).not.toBe('still open');
    // And the server still answers.
    expect((await fetch(`${running.url}/livez`)).status).toBe(200);
  });

  it('a keep-alive connection idle after its answer is closed after the keep-alive timeout', async () => {
    running = await startApp({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_KEEPALIVE_TIMEOUT_MS: '300' });
    const port = Number(new URL(running.url).port);
    const { socket, closed } = await open(port);
    socket.write('GET /livez HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const answered = await new Promise<string>((r) => socket.once('data', (d) => r(d.toString())));
    expect(answered).toMatch(/^HTTP\/1\.1 200/);
    expect(await within(closed, 1500)).not.toBe('still open');
  });

  it('connections past HTTP_MAX_CONNECTIONS are closed at once', async () => {
    running = await startApp({ HTTP_MAX_CONNECTIONS: '5', HTTP_HEADERS_TIMEOUT_MS: '5000' });
    const port = Number(new URL(running.url).port);
    const conns = await Promise.all(Array.from({ length: 8 }, () => open(port)));
    const outcome = await Promise.all(conns.map((c) => within(c.closed, 500)));
    expect(outcome.filter((o) => o === 'still open')).toHaveLength(5);
  });
});

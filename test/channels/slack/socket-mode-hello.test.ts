// Slack opening the Socket Mode WebSocket but never saying hello: each attempt has a deadline, after which it is
// abandoned (socket closed, no listener left on the client), counted as a failure and retried, so the bot does not stay
// "connecting" for ever. The real SDK against the fake Slack, with a short deadline given to createSocketMode.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSocketMode, type SocketModeConnection } from '../../../src/channels/slack/socket-mode.ts';
import { createLogger } from '../../../src/log.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.ts';
import { eventually } from '../../helpers/eventually.ts';
import { captureLogs, type LogLine } from '../../helpers/log-capture.ts';

/** Generous: the first retry is 5 s after a failure; leave room on a loaded machine. */
const RETRY_MS = 20_000;

describe('Slack Socket Mode when Slack never says hello', () => {
  let fake: FakeSlackApi | undefined;
  let socket: SocketModeConnection | undefined;
  let lines: string[];
  let rejections: unknown[];
  const onRejection = (reason: unknown) => void rejections.push(reason);

  beforeEach(() => {
    lines = [];
    rejections = [];
    process.on('unhandledRejection', onRejection);
  });
  afterEach(async () => {
    process.off('unhandledRejection', onRejection);
    await socket?.stop();
    await fake?.close();
    socket = undefined;
    fake = undefined;
  });

  function connect(f: FakeSlackApi, attemptTimeoutMs: number): SocketModeConnection {
    const capture = captureLogs();
    lines = capture.lines;
    const sink = capture.sink;
    const config = { SLACK_APP_TOKEN: f.appToken, SLACK_API_URL: f.url, SLACK_TIMEOUT_MS: 10_000 };
    socket = createSocketMode(config, createLogger('info', sink), { attemptTimeoutMs });
    return socket;
  }
  const errors = () => lines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.level >= 50);
  /** Listeners an attempt adds to the client while it waits for hello (and must take away again). */
  const waiting = (s: SocketModeConnection) =>
    ['connected', 'disconnected'].map((e) => s.receiver.client.listenerCount(e));

  it('abandons the silent socket at the deadline, starts degraded, and connects once Slack says hello again', async () => {
    fake = await startFakeSlackApi();
    fake.socketMode.withholdHello(true);
    const s = connect(fake, 1_000);
    const before = waiting(s);

    // Not fatal: start returns once the attempt is abandoned, with the socket closed and nothing left listening.
    await s.start();
    expect(s.state()).toBe('disconnected');
    expect(fake.socketMode.opened()).toBe(1);
    await eventually(() => fake!.socketMode.history().length === 1 && fake!.socketMode.connections() === 0);
    expect(fake.socketMode.history()).toEqual([{ id: 1, closed: true }]);
    expect(waiting(s)).toEqual(before);
    expect(errors()).toMatchObject([
      {
        msg: 'Slack Socket Mode could not connect: Slack did not say hello within 1 s (attempt abandoned)',
        retryInMs: 5_000,
      },
    ]);

    fake.socketMode.withholdHello(false);
    await eventually(() => s.state() === 'connected', RETRY_MS);
    expect(fake.socketMode.history()).toEqual([
      { id: 1, closed: true },
      { id: 2, closed: false },
    ]);
    expect(lines.map((l) => (JSON.parse(l) as LogLine).msg)).toContain('slack socket mode connected');
    expect(errors()).toHaveLength(1);
    expect(rejections).toEqual([]);
  }, 40_000);

  it('abandons an attempt whose deadline passes while apps.connections.open is still answering', async () => {
    // Every answer of the fake takes longer than the deadline, and the socket it leads to stays silent.
    fake = await startFakeSlackApi({ latencyMs: 1_000 });
    fake.socketMode.withholdHello(true);
    const s = connect(fake, 300);
    const before = waiting(s);

    // The socket is opened once the URL arrives, but closed at once instead of waiting for a hello that never comes.
    await s.start();
    expect(s.state()).toBe('disconnected');
    await eventually(() => fake!.socketMode.connections() === 0 && fake!.socketMode.history().every((c) => c.closed));
    expect(waiting(s)).toEqual(before);
    expect(errors().map((l) => l.msg)).toEqual([
      'Slack Socket Mode could not connect: Slack did not say hello within 0.3 s (attempt abandoned)',
    ]);

    await s.stop();
    expect(s.state()).toBe('stopped');
    expect(fake.socketMode.connections()).toBe(0);
    expect(rejections).toEqual([]);
  }, 30_000);
});

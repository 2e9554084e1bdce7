// The reconnection loop of Socket Mode on its own, over a scripted connection and fake timers: the backoff and its cap,
// one log line per change of state, a refused token fatal at start only, 429 waits, the 30 s deadline of an attempt
// that never comes up, and a stop that leaves no timer.
// The real SDK against the fake Slack is in socket-mode-revoked.test.ts.
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ATTEMPT_TIMEOUT_MS,
  AttemptTimedOut,
  keepConnected,
  retryDelay,
  type KeptConnection,
  type Link,
} from '../../../src/channels/slack/keep-connected.ts';
import { createLogger } from '../../../src/log.ts';

class Refused extends Error {}
class Limited extends Error {
  constructor(readonly seconds: number) {
    super('rate limited');
  }
}

/** A connection whose attempts succeed or fail as the test says, each when the test says. */
function scriptedLink() {
  const pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let closedFn: () => void = () => {};
  const link: Link & { opens: number; closes: number } = {
    opens: 0,
    closes: 0,
    open: () => {
      link.opens++;
      return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
    },
    close: async () => {
      link.closes++;
    },
    onClosed: (fn) => void (closedFn = fn),
  };
  return {
    link,
    /** Settles the attempt under way. */
    succeed: () => pending.shift()!.resolve(),
    fail: (err: unknown) => pending.shift()!.reject(err),
    waiting: () => pending.length,
    /** The connection closes by itself (Slack's disconnect, a revoked token). */
    drop: () => closedFn(),
  };
}

describe('keepConnected', () => {
  let lines: { level: number; msg: string; retryInMs?: number; failedAttempts?: number }[];
  let s: ReturnType<typeof scriptedLink>;
  let kept: KeptConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    lines = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as (typeof lines)[number]);
        done();
      },
    });
    s = scriptedLink();
    kept = keepConnected(s.link, {
      log: createLogger('info', sink),
      describe: (err) => `could not connect: ${(err as Error).message}`,
      fatalAtStart: (err) => err instanceof Refused,
      retryAfterMs: (err) => (err instanceof Limited ? err.seconds * 1000 : undefined),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const settle = () => vi.advanceTimersByTimeAsync(0);
  const said = () => lines.map((l) => l.msg);
  async function connect(): Promise<void> {
    const started = kept.start();
    s.succeed();
    await started;
  }

  it('waits 5 s after a failure, doubling up to 5 min', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50, 5000].map(retryDelay)).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000, 300_000,
    ]);
  });

  it('throws a refused token at start and retries nothing', async () => {
    const started = kept.start();
    expect(kept.state()).toBe('connecting');
    s.fail(new Refused('invalid_auth'));
    await expect(started).rejects.toBeInstanceOf(Refused);
    expect(kept.state()).toBe('disconnected');
    expect(vi.getTimerCount()).toBe(0);
    expect(lines).toEqual([]);
  });

  it('after a drop reconnects at once, then backs off while refused, logging once, and says when it is back', async () => {
    await connect();
    expect(kept.state()).toBe('connected');
    expect(said()).toEqual(['slack socket mode connected']);

    s.drop();
    expect(kept.state()).toBe('connecting');
    await settle();
    expect(s.link.opens).toBe(2);
    // Refused on every attempt: 5 s, 10 s, 20 s apart, and one error line for the lot.
    for (const wait of [5_000, 10_000, 20_000]) {
      s.fail(new Refused('invalid_auth'));
      await settle();
      expect(kept.state()).toBe('disconnected');
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(s.waiting()).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(s.waiting()).toBe(1);
    }
    expect(lines.filter((l) => l.level >= 50)).toEqual([
      expect.objectContaining({ msg: 'could not connect: invalid_auth', retryInMs: 5_000 }),
    ]);

    // A new reason is a change: one more line.
    s.fail(new Error('ECONNREFUSED'));
    await vi.advanceTimersByTimeAsync(40_000);
    s.fail(new Error('ECONNREFUSED'));
    await settle();
    expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([
      'could not connect: invalid_auth',
      'could not connect: ECONNREFUSED',
    ]);

    await vi.advanceTimersByTimeAsync(80_000);
    s.succeed();
    await settle();
    expect(kept.state()).toBe('connected');
    expect(lines.at(-1)).toMatchObject({ msg: 'slack socket mode reconnected', failedAttempts: 5 });
    expect(said().filter((m) => m === 'slack socket mode connection closed; reconnecting')).toHaveLength(1);

    // The backoff starts over after a success, and a same reason as before is logged again after it.
    s.drop();
    await settle();
    s.fail(new Refused('invalid_auth'));
    await settle();
    expect(lines.at(-1)).toMatchObject({ msg: 'could not connect: invalid_auth', retryInMs: 5_000 });
  });

  it('after a failed first attempt that is not a refusal, starts anyway and keeps trying', async () => {
    const started = kept.start();
    s.fail(new Error('HTTP 503'));
    await started;
    expect(kept.state()).toBe('disconnected');
    expect(lines).toMatchObject([{ level: 50, msg: 'could not connect: HTTP 503', retryInMs: 5_000 }]);
    await vi.advanceTimersByTimeAsync(5_000);
    s.succeed();
    await settle();
    expect(kept.state()).toBe('connected');
    expect(said().at(-1)).toBe('slack socket mode connected');
  });

  it('waits as long as a 429 asks, without a log line or a step of backoff', async () => {
    await connect();
    s.drop();
    await settle();
    s.fail(new Limited(60));
    await settle();
    expect(kept.state()).toBe('disconnected');
    await vi.advanceTimersByTimeAsync(59_999);
    expect(s.waiting()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    s.fail(new Refused('invalid_auth'));
    await settle();
    expect(lines.filter((l) => l.level >= 50)).toMatchObject([{ retryInMs: 5_000 }]);
  });

  it('a socket closing before hello (rejected with nothing) is a failure with a reason', async () => {
    await connect();
    s.drop();
    await settle();
    s.fail(undefined);
    await settle();
    expect(lines.at(-1)).toMatchObject({
      level: 50,
      msg: 'could not connect: the connection closed before Slack said hello',
    });
  });

  it('abandons an attempt that is not up within 30 s (no hello): closes it, counts a failure, logs once, retries', async () => {
    expect(ATTEMPT_TIMEOUT_MS).toBe(30_000);
    const timedOut = 'could not connect: Slack did not say hello within 30 s (attempt abandoned)';
    const started = kept.start();
    await vi.advanceTimersByTimeAsync(ATTEMPT_TIMEOUT_MS - 1);
    expect(s.link.closes).toBe(0);
    expect(kept.state()).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    // Told to close; the attempt counts as over once it has ended (the socket closed before hello).
    expect(s.link.closes).toBe(1);
    expect(kept.state()).toBe('connecting');
    s.fail(undefined);
    // Not fatal at start: the bot starts without the socket.
    await started;
    expect(kept.state()).toBe('disconnected');
    expect(lines).toMatchObject([{ level: 50, msg: timedOut, retryInMs: 5_000 }]);
    // Only the retry is waiting: the deadline's timer is gone.
    expect(vi.getTimerCount()).toBe(1);

    // Again silent at every attempt: the backoff grows and the reason is logged once.
    for (const wait of [5_000, 10_000]) {
      await vi.advanceTimersByTimeAsync(wait);
      expect(s.waiting()).toBe(1);
      await vi.advanceTimersByTimeAsync(ATTEMPT_TIMEOUT_MS);
      s.fail(undefined);
      await settle();
      expect(kept.state()).toBe('disconnected');
    }
    expect(s.link.closes).toBe(3);
    expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([timedOut]);

    // The next one says hello in time: connected, and no deadline left behind.
    await vi.advanceTimersByTimeAsync(20_000);
    await vi.advanceTimersByTimeAsync(ATTEMPT_TIMEOUT_MS - 1);
    s.succeed();
    await settle();
    expect(kept.state()).toBe('connected');
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(RETRY_FOREVER);
    expect(s.link.closes).toBe(3);
    expect(s.link.opens).toBe(4);
  });

  it('an attempt that comes up only after its deadline is closed again and still counts as a failure', async () => {
    await connect();
    s.drop();
    await settle();
    await vi.advanceTimersByTimeAsync(ATTEMPT_TIMEOUT_MS);
    expect(s.link.closes).toBe(1);
    // Hello arrived while it was being told to close: what it opened is closed too.
    s.succeed();
    await settle();
    expect(s.link.closes).toBe(2);
    expect(kept.state()).toBe('disconnected');
    expect(said()).not.toContain('slack socket mode reconnected');
    expect(lines.at(-1)).toMatchObject({
      level: 50,
      msg: 'could not connect: Slack did not say hello within 30 s (attempt abandoned)',
      retryInMs: 5_000,
    });
  });

  it('takes the deadline it is given, and a stop during an attempt leaves no deadline behind', async () => {
    const quick = scriptedLink();
    const failures: unknown[] = [];
    const k = keepConnected(quick.link, {
      log: createLogger('silent'),
      describe: (err) => (failures.push(err), (err as Error).message),
      fatalAtStart: () => false,
      retryAfterMs: () => undefined,
      attemptTimeoutMs: 200,
    });
    const started = k.start();
    await vi.advanceTimersByTimeAsync(200);
    expect(quick.link.closes).toBe(1);
    quick.fail(undefined);
    await started;
    expect(k.state()).toBe('disconnected');
    expect(failures).toEqual([expect.any(AttemptTimedOut)]);
    expect(failures[0]).toMatchObject({ ms: 200, message: 'Slack did not say hello within 0.2 s (attempt abandoned)' });

    await vi.advanceTimersByTimeAsync(5_000);
    expect(quick.waiting()).toBe(1);
    const stopping = k.stop();
    quick.fail(undefined);
    await stopping;
    expect(vi.getTimerCount()).toBe(0);
    expect(k.state()).toBe('stopped');
  });

  it('stops while a retry is waiting: no timer left, nothing opened again', async () => {
    await connect();
    s.drop();
    await settle();
    s.fail(new Refused('invalid_auth'));
    await settle();
    expect(vi.getTimerCount()).toBe(1);
    await kept.stop();
    expect(kept.state()).toBe('stopped');
    expect(vi.getTimerCount()).toBe(0);
    expect(s.link.closes).toBe(1);
    await vi.advanceTimersByTimeAsync(RETRY_FOREVER);
    expect(s.link.opens).toBe(2);
  });

  it('stops while an attempt is under way: interrupts it, waits for it, and keeps nothing it opened', async () => {
    await connect();
    s.drop();
    await settle();
    let stopped = false;
    const stopping = kept.stop().then(() => (stopped = true));
    await settle();
    // The attempt was told to close and stop waits for it.
    expect(s.link.closes).toBe(1);
    expect(stopped).toBe(false);
    s.succeed();
    await stopping;
    // What it opened was closed again; no "reconnected", no retry.
    expect(s.link.closes).toBe(2);
    expect(kept.state()).toBe('stopped');
    expect(said()).not.toContain('slack socket mode reconnected');
    expect(vi.getTimerCount()).toBe(0);
    s.drop();
    await vi.advanceTimersByTimeAsync(RETRY_FOREVER);
    expect(s.link.opens).toBe(2);
  });
});

/** Longer than any wait of the loop. */
const RETRY_FOREVER = 3_600_000;

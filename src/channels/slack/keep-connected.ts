// Keeps the Socket Mode connection up for as long as the bot runs. A connection that closes by itself (Slack
// refreshing it, or dropping it when the app token is revoked) is reopened at once; while attempts fail (token refused,
// Slack unreachable, no hello within 30 s) they are retried 5 s, 10 s, 20 s ... apart, at most 5 min, until one works or
// the bot stops. An attempt that outlives its deadline is interrupted and waited for, so it leaves nothing open.
// Nothing here throws into the void: the bot stays up. One log line per change of state (closed, failing for a new
// reason, back) and the state for /healthz. No SDK here: `Link` is the connection it drives (socket-mode.ts).
import type { Logger } from '../../log.ts';
import { NumbotError } from '../../errors.ts';

export type LinkState = 'connecting' | 'connected' | 'disconnected' | 'stopped';

/** The connection being kept. */
export interface Link {
  /** Opens a connection; resolves once it is up, rejects when it could not be opened. */
  open(): Promise<void>;
  /**
   * Closes the connection, or interrupts the one being opened (its `open` then settles soon, without leaving a
   * connection open); resolves once closed.
   */
  close(): Promise<void>;
  /** Calls `fn` whenever a connection closes (on its own, or through `close`). */
  onClosed(fn: () => void): void;
}

export interface KeepOptions {
  log: Logger;
  /** What to tell the operator about a failed attempt (never a token). */
  describe(err: unknown): string;
  /** A failure of the very first attempt that should stop the bot from starting (a refused token) instead of being retried. */
  fatalAtStart(err: unknown): boolean;
  /** The wait Slack asked for (429 with Retry-After): waited without a log line, as it is not a change of state. */
  retryAfterMs(err: unknown): number | undefined;
  /** How long one attempt may take until the connection is up (hello included); ATTEMPT_TIMEOUT_MS unless a test says. */
  attemptTimeoutMs?: number;
}

export interface KeptConnection {
  /** Opens the first connection. Throws what `fatalAtStart` accepts; any other failure is logged and retried. */
  start(): Promise<void>;
  /** Cancels any waiting retry, interrupts an attempt under way, closes the connection; resolves once closed. */
  stop(): Promise<void>;
  state(): LinkState;
}

export const RETRY_FIRST_MS = 5_000;
export const RETRY_MAX_MS = 300_000;
/** An attempt not up after this long (no URL, a WebSocket that does not open, no hello) is abandoned and retried. */
export const ATTEMPT_TIMEOUT_MS = 30_000;

/** An attempt abandoned at its deadline. */
export class AttemptTimedOut extends NumbotError<'SLACK_HELLO_TIMEOUT'> {
  constructor(readonly ms: number) {
    super('SLACK_HELLO_TIMEOUT', `Slack did not say hello within ${ms / 1000} s (attempt abandoned)`);
  }
}

/** The wait before the next attempt after `failures` failed ones in a row: 5 s, 10 s, 20 s ... 5 min. */
export function retryDelay(failures: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
}

export function keepConnected(link: Link, opts: KeepOptions): KeptConnection {
  const { log } = opts;
  const deadlineMs = opts.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS;
  let state: LinkState = 'disconnected';
  let stopped = false;
  let everConnected = false;
  let failures = 0;
  /** The failure last logged, so that a run of identical failures logs once; cleared once connected. */
  let problem: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let attempt: Promise<unknown> | undefined;

  function up(): void {
    state = 'connected';
    if (everConnected) log.info(failures ? { failedAttempts: failures } : {}, 'slack socket mode reconnected');
    else log.info('slack socket mode connected');
    everConnected = true;
    failures = 0;
    problem = undefined;
  }

  function down(err: unknown): void {
    state = 'disconnected';
    const asked = opts.retryAfterMs(err);
    if (asked === undefined) failures++;
    const wait = Math.max(retryDelay(failures), asked ?? 0);
    const message = opts.describe(err);
    if (asked === undefined && message !== problem) {
      log.error({ retryInMs: wait }, message);
      problem = message;
    }
    retryIn(wait);
  }

  /** Closes without throwing: a close that fails leaves nothing more to do. */
  const closeLink = () => link.close().catch(() => undefined);

  /**
   * Opens the link within the deadline; resolves with why it failed, or undefined once it is up. Past the deadline the
   * attempt is interrupted and waited for (what it opened late is closed again), and it fails with AttemptTimedOut.
   */
  async function openWithinDeadline(): Promise<unknown> {
    const opening = link.open().then(
      () => undefined,
      (err: unknown) => err ?? new Error('the connection closed before Slack said hello'),
    );
    let deadline: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (deadline = setTimeout(() => resolve('late'), deadlineMs)));
    const first = await Promise.race([opening.then((failure) => ({ failure })), late]);
    clearTimeout(deadline);
    if (first !== 'late') return first.failure;
    await closeLink();
    if ((await opening) === undefined) await closeLink();
    return new AttemptTimedOut(deadlineMs);
  }

  /** One attempt; never rejects. Returns the error when it is fatal at start, so start can throw it. */
  async function tryOnce(first: boolean): Promise<unknown> {
    state = 'connecting';
    const failure = await openWithinDeadline();
    if (stopped) return undefined;
    if (failure === undefined) up();
    else if (first && opts.fatalAtStart(failure)) {
      state = 'disconnected';
      return failure;
    } else down(failure);
    return undefined;
  }

  function track(first: boolean): Promise<unknown> {
    const p = tryOnce(first);
    attempt = p;
    void p.finally(() => {
      if (attempt === p) attempt = undefined;
    });
    return p;
  }

  function retryIn(ms: number): void {
    timer = setTimeout(() => {
      timer = undefined;
      void track(false);
    }, ms);
  }

  link.onClosed(() => {
    if (stopped || state !== 'connected') return;
    state = 'connecting';
    log.info('slack socket mode connection closed; reconnecting');
    retryIn(0);
  });

  return {
    async start() {
      stopped = false;
      const fatal = await track(true);
      if (fatal !== undefined) throw fatal;
    },
    async stop() {
      stopped = true;
      state = 'stopped';
      clearTimeout(timer);
      timer = undefined;
      const pending = attempt;
      if (pending) {
        // Interrupts the attempt (a socket waiting for hello; one still asking for a URL ends once it has its answer).
        await link.close();
        await pending;
      }
      await link.close();
    },
    state: () => state,
  };
}

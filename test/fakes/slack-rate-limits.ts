// Token buckets for the fake Slack Web API: per-method tiers, chat.postMessage per channel and per workspace.

export interface RateLimit {
  /** Sustained calls per minute. */
  perMinute: number;
  /** Calls allowed at once before the sustained rate applies (Slack allows short bursts). */
  burst: number;
}

/** Slack's documented tiers (calls per minute) for the methods the fake serves. */
export const METHOD_TIERS: Record<string, number> = {
  'auth.test': 100,
  'users.list': 20,
  'users.info': 100,
  /** Tier 3. */
  'users.lookupByEmail': 50,
  'conversations.open': 50,
  'chat.update': 50,
  'chat.postEphemeral': 100,
  'views.publish': 100,
  'views.open': 100,
  'files.info': 100,
  'files.getUploadURLExternal': 100,
  'files.completeUploadExternal': 100,
};

/** chat.postMessage: about one message a second per channel, with short bursts. */
export const POST_PER_CHANNEL: RateLimit = { perMinute: 60, burst: 3 };

class Bucket {
  private tokens: number;
  private at: number;
  constructor(
    readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.at = now;
  }

  /** Takes one token; when none is left, the seconds until one is (at least 1, as Slack's Retry-After). */
  take(now: number): number | undefined {
    const rate = this.limit.perMinute / 60_000;
    this.tokens = Math.min(this.limit.burst, this.tokens + (now - this.at) * rate);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / rate / 1000));
  }
}

/** Named limits (a method, `chat.postMessage:workspace`, `chat.postMessage:channel`) and their buckets per key. */
export class RateLimiter {
  private readonly limits = new Map<string, RateLimit | null>();
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {
    for (const [method, perMinute] of Object.entries(METHOD_TIERS))
      this.limits.set(method, { perMinute, burst: perMinute });
    this.limits.set('chat.postMessage:channel', POST_PER_CHANNEL);
  }

  /** Replaces a limit; null removes it. */
  set(name: string, limit: RateLimit | null): void {
    this.limits.set(name, limit);
    for (const key of [...this.buckets.keys()])
      if (key === name || key.startsWith(`${name}|`)) this.buckets.delete(key);
  }

  /** Seconds to wait when the call to `name` (for `scope`, e.g. a channel) is over its limit; undefined when allowed. */
  check(name: string, scope = ''): number | undefined {
    const limit = this.limits.get(name);
    if (!limit) return undefined;
    const key = scope ? `${name}|${scope}` : name;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(limit, this.now());
      this.buckets.set(key, bucket);
    }
    return bucket.take(this.now());
  }
}

// GET /metrics on a running app: series names, labels and values after a real campaign through the playground
// channel, 429s counted, figures read from the store at scrape time, one registry per app instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import type { CampaignProgress, Delivery } from '../../src/ports/delivery.ts';
import { createLogger } from '../../src/log.ts';
import { createMetrics, observeQueueDepth } from '../../src/metrics/metrics.ts';
import { QueueDepth } from '../../src/metrics/queue-depth.ts';

const HEADERS = { 'x-numbot-playground': '1', 'content-type': 'application/json' };

/** The value of one sample in Prometheus text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(m[3]);
  }
  return undefined;
}

async function startApp(): Promise<{ app: App; base: string }> {
  const app = await buildApp(loadConfig({ PLAYGROUND: 'auto', LOG_LEVEL: 'silent' }), createLogger('silent'), {
    playgroundSample: true,
  });
  const base = `http://127.0.0.1:${await app.start(0)}`;
  return { app, base };
}

async function scrape(base: string): Promise<string> {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

async function until(what: string, probe: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 20_000;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('GET /metrics', () => {
  let a: { app: App; base: string };
  let b: { app: App; base: string };
  beforeAll(async () => {
    [a, b] = await Promise.all([startApp(), startApp()]);
  }, 60_000);
  afterAll(async () => {
    await a?.app.stop();
    await b?.app.stop();
  });

  it('reports people per step and product from the store counters', async () => {
    const text = await scrape(a.base);
    expect(sample(text, 'numbot_people_total')).toBe(50);
    expect(sample(text, 'numbot_people', { step: 'step1', status: 'active' })).toBe(44);
    expect(sample(text, 'numbot_people', { step: 'step4', status: 'acknowledged' })).toBe(1);
    expect(sample(text, 'numbot_people', { step: 'overall', status: 'done' })).toBe(1);
    expect(sample(text, 'numbot_product_people', { product: 'AutoCAD', state: 'total' })).toBe(27);
    expect(sample(text, 'numbot_delivery_queue_depth')).toBe(0);
    expect(text).toContain('process_cpu_seconds_total');
    // Only steps and products are labels: nobody's e-mail address appears.
    expect(text).not.toMatch(/@acme\.example/);
  });

  it('counts deliveries by outcome, 429s and command latency after a campaign', async () => {
    await fetch(`${a.base}/playground/api/faults`, {
      method: 'POST',
      headers: HEADERS,
      body: '{"kind":"rate_limit","retryAfterSeconds":0}',
    });
    const r = await fetch(`${a.base}/playground/api/command`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({ as: 'marc.peeters@acme.example', text: 'notify pending' }),
    });
    expect(r.status).toBe(200);
    await until(
      '43 cards sent',
      async () =>
        sample(await scrape(a.base), 'numbot_deliveries_total', {
          platform: 'playground',
          operation: 'send',
          outcome: 'sent',
        }) === 43,
    );
    const text = await scrape(a.base);
    expect(
      sample(text, 'numbot_deliveries_total', { platform: 'playground', operation: 'send', outcome: 'rate_limited' }),
    ).toBe(1);
    expect(sample(text, 'numbot_rate_limited_total', { platform: 'playground' })).toBe(1);
    expect(sample(text, 'numbot_interactions_total', { kind: 'command', platform: 'playground', outcome: 'ok' })).toBe(
      1,
    );
    expect(sample(text, 'numbot_interaction_duration_seconds_count', { kind: 'command', platform: 'playground' })).toBe(
      1,
    );
    expect(
      sample(text, 'numbot_interaction_duration_seconds_sum', { kind: 'command', platform: 'playground' }),
    ).toBeGreaterThan(0);
    expect(sample(text, 'numbot_people', { step: 'step4', status: 'informed' })).toBe(43);
    expect(sample(text, 'numbot_delivery_queue_depth')).toBe(0);
  });

  it('keeps one registry per app instance', async () => {
    const other = await scrape(b.base);
    expect(
      sample(other, 'numbot_deliveries_total', { platform: 'playground', operation: 'send', outcome: 'sent' }),
    ).toBeUndefined();
    expect(sample(other, 'numbot_people', { step: 'step4', status: 'informed' })).toBe(0);
  });
});

describe('delivery queue depth', () => {
  function fakeDelivery(progress: Map<string, CampaignProgress>): Delivery {
    return {
      enqueue: async () => ({ queued: 0, duplicates: 0 }),
      cancel: async () => undefined,
      resendFailed: async () => 0,
      progress: async (id) => progress.get(id),
      start: async () => undefined,
      stop: async () => undefined,
    };
  }
  const progress = (campaignId: string, queued: number, retrying: number, cancelled = false): CampaignProgress => ({
    campaignId,
    total: 10,
    queued,
    sent: 10 - queued - retrying,
    retrying,
    failed: 0,
    skipped: 0,
    cancelled,
    startedAt: 0,
  });

  it('sums queued and retrying over running campaigns at scrape time, and forgets finished ones', async () => {
    const book = new Map([
      ['c1', progress('c1', 5, 2)],
      ['c2', progress('c2', 3, 0)],
    ]);
    const depth = new QueueDepth(fakeDelivery(book));
    depth.track('c1');
    depth.track('c2');
    const metrics = createMetrics({ counters: async () => ({}) }, { defaults: false });
    observeQueueDepth(metrics, () => depth.depth());
    expect(sample(await metrics.registry.metrics(), 'numbot_delivery_queue_depth')).toBe(10);
    book.set('c1', progress('c1', 0, 0));
    book.set('c2', progress('c2', 3, 0, true));
    expect(sample(await metrics.registry.metrics(), 'numbot_delivery_queue_depth')).toBe(0);
    book.set('c1', progress('c1', 4, 0));
    // c1 was forgotten once it had nothing left: a campaign is followed again when it is enqueued or reported.
    expect(await depth.depth()).toBe(0);
  });
});

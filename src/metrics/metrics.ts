// The bot's Prometheus metrics: one registry per app instance (tests run several apps in one process).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { productCounts, stepCounts, type ProductLabel } from './people-gauges.ts';

export interface Metrics {
  registry: Registry;
  /** Every send or update a channel attempted, by what the platform answered. */
  deliveries: Counter<'platform' | 'operation' | 'outcome'>;
  /** 429s from the platforms (also counted in deliveries as outcome=rate_limited). */
  rateLimited: Counter<'platform'>;
  /** Commands and card actions, by how they ended. */
  interactions: Counter<'kind' | 'platform' | 'outcome'>;
  interactionSeconds: Histogram<'kind' | 'platform'>;
  /** Gauges read at scrape time from the store and the delivery engine. */
  people: Gauge<'step' | 'status'>;
  peopleTotal: Gauge;
  products: Gauge<'product' | 'state'>;
}

/** What the people gauges read at scrape time. */
export interface ScrapeSources {
  counters(): Promise<Record<string, number>>;
  /** A product's label: a catalogue name, else `other` (the default, when no catalogue is given). */
  productLabel?: ProductLabel;
}

export function createMetrics(sources: ScrapeSources, options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  let scrape: Promise<Record<string, number>> | undefined;
  /** One store read per scrape, shared by the gauges that need it. */
  const countersOnce = () => {
    scrape ??= sources.counters().finally(() => setImmediate(() => (scrape = undefined)));
    return scrape;
  };

  return {
    registry,
    deliveries: new Counter({
      name: 'numbot_deliveries_total',
      help: 'Cards sent or updated through a chat channel, by outcome (sent, rate_limited, blocked, not_found, transient, invalid, error)',
      labelNames: ['platform', 'operation', 'outcome'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'numbot_rate_limited_total',
      help: 'HTTP 429 answers from the chat platforms',
      labelNames: ['platform'],
      registers,
    }),
    interactions: new Counter({
      name: 'numbot_interactions_total',
      help: 'Commands and card actions handled, by outcome (ok, refused, error)',
      labelNames: ['kind', 'platform', 'outcome'],
      registers,
    }),
    interactionSeconds: new Histogram({
      name: 'numbot_interaction_duration_seconds',
      help: 'Time to answer a command or a card action',
      labelNames: ['kind', 'platform'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    people: new Gauge({
      name: 'numbot_people',
      help: 'People at each status of each step (from the store counters at scrape time)',
      labelNames: ['step', 'status'],
      registers,
      async collect() {
        this.reset();
        for (const { step, status, value } of stepCounts(await countersOnce())) this.set({ step, status }, value);
      },
    }),
    peopleTotal: new Gauge({
      name: 'numbot_people_total',
      help: 'People in the migration',
      registers,
      async collect() {
        this.set((await countersOnce()).total ?? 0);
      },
    }),
    products: new Gauge({
      name: 'numbot_product_people',
      help: 'People per product: in scope (total), with a seat (assigned), switched to named-user (switched)',
      labelNames: ['product', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const { product, state, value } of productCounts(await countersOnce(), sources.productLabel))
          this.set({ product, state }, value);
      },
    }),
  };
}

/**
 * The delivery queue's depth, read at scrape time. Registered apart, once the delivery engine is built (the channels
 * the engine sends through are counted by the same registry, so the registry comes first).
 */
export function observeQueueDepth(metrics: Pick<Metrics, 'registry'>, depth: () => Promise<number>): Gauge {
  return new Gauge({
    name: 'numbot_delivery_queue_depth',
    help: 'Deliveries waiting to be sent (queued or retrying) across running campaigns',
    registers: [metrics.registry],
    async collect() {
      this.set(await depth());
    },
  });
}

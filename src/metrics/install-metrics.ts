// The metrics feature module, installed last: it wraps the channels and the interaction handler the other modules
// set up, follows the delivery engine, and serves GET /metrics.
import type { AppModule } from '../app/context.ts';
import type { Platform } from '../channels/channel.ts';
import { METRICS_PATH, metricsHandler } from './metrics-route.ts';
import { countedChannel, timedHandler } from './instrument.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { QueueDepth } from './queue-depth.ts';

export const installMetrics: AppModule = ({ ctx, http, onStart, onStop }) => {
  // Campaigns enqueued on this replica are tracked at once; the engine's reports add the others.
  const depth = new QueueDepth(() => ctx.delivery);
  const metrics: Metrics = createMetrics({ counters: () => ctx.store.counters(), queueDepth: () => depth.depth() });
  for (const platform of Object.keys(ctx.channels) as Platform[]) {
    const channel = ctx.channels[platform];
    if (channel) ctx.channels[platform] = countedChannel(channel, metrics);
  }
  ctx.handle = timedHandler(ctx.handle, metrics);
  const delivery = ctx.delivery;
  if (delivery)
    ctx.delivery = {
      ...delivery,
      async enqueue(campaignId, jobs) {
        const r = await delivery.enqueue(campaignId, jobs);
        if (r.queued > 0) depth.track(campaignId);
        return r;
      },
    };
  let unwatch: () => void = () => undefined;
  onStart(async () => {
    unwatch = depth.watch();
  });
  onStop(async () => unwatch());
  http.router.add('GET', METRICS_PATH, metricsHandler(metrics.registry));
};

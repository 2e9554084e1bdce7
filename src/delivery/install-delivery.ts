// The delivery feature module: BullMQ workers when Redis is configured, the in-process engine otherwise.
import type { AppModule } from '../app/context.ts';
import type { Delivery } from './delivery.ts';
import { configuredRates, type EngineOptions } from './engine-options.ts';
import { createInProcessDelivery } from './in-process-delivery.ts';
import { createBullDelivery } from './redis/bullmq-delivery.ts';

export const installDelivery: AppModule = ({ ctx, onStart, onStop }) => {
  const { config } = ctx;
  const options: EngineOptions = {
    store: ctx.store,
    // The same record the channel modules fill in, so channels registered after this module are used too.
    channels: ctx.channels,
    clock: ctx.clock,
    logger: ctx.logger.child({ module: 'delivery' }),
    defaults: { locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIMEZONE },
    rates: configuredRates(config),
    concurrency: config.DELIVERY_CONCURRENCY,
    maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
  };
  const delivery: Delivery = config.redis
    ? createBullDelivery({ ...options, redis: config.redis, migrationId: config.MIGRATION_ID })
    : createInProcessDelivery(options);
  ctx.delivery = delivery;
  onStart(() => delivery.start());
  onStop(() => delivery.stop());
};

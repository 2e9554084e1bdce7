// The delivery engine the configuration asks for: BullMQ workers when Redis is configured, the in-process engine
// otherwise. Both send through the channels they are given.
import type { Channels, CoreDeps } from '../ports/deps.ts';
import type { Delivery } from '../ports/delivery.ts';
import { configuredRates, type EngineOptions } from './engine-options.ts';
import { createInProcessDelivery } from './in-process-delivery.ts';
import { createBullDelivery } from './redis/bullmq-delivery.ts';

export function createDelivery(
  core: Pick<CoreDeps, 'config' | 'store' | 'clock' | 'logger'>,
  channels: Channels,
): Delivery {
  const { config } = core;
  const options: EngineOptions = {
    store: core.store,
    channels,
    clock: core.clock,
    logger: core.logger.child({ module: 'delivery' }),
    defaults: { locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIMEZONE },
    rates: configuredRates(config),
    concurrency: config.DELIVERY_CONCURRENCY,
    maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
  };
  return config.redis
    ? createBullDelivery({ ...options, redis: config.redis, migrationId: config.MIGRATION_ID })
    : createInProcessDelivery(options);
}

import { createInProcessDelivery } from '../../src/delivery/in-process-delivery.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { runEngineContract } from './engine.contract.ts';

runEngineContract('in-process', async (channel, s) => {
  const store = createMemoryStore('t');
  const delivery = createInProcessDelivery({
    store,
    channels: { teams: channel },
    clock: { now: () => Date.now() },
    logger: createLogger('silent'),
    defaults: { locale: 'en', timeZone: 'Europe/Brussels' },
    rates: { teams: s.teamsRate },
    concurrency: s.concurrency,
    maxAttempts: s.maxAttempts,
    backoffMs: 10,
    progressEveryMs: s.progressEveryMs,
  });
  return { delivery, store, close: () => delivery.stop() };
});

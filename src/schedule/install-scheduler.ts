// The scheduler feature module: builds the scheduler on the context (the playground's "skip to" control uses it) and
// stops its cron tasks with the app. The composition root starts the cron; tests run ticks themselves.
import type { AppModule } from '../app/context.ts';
import { createScheduler } from './scheduler.ts';

export const installScheduler: AppModule = ({ ctx, onStop }) => {
  const scheduler = createScheduler(ctx);
  ctx.scheduler = scheduler;
  onStop(() => scheduler.stop());
};

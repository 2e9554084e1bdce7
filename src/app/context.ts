// Everything a core service or an edge needs, built once in the composition root and passed in.
import type { HttpServer } from '../http/server.ts';
import type { ChatChannel, Platform } from '../channels/channel.ts';
import type { Config } from '../config.ts';
import type { ReminderPolicy } from '../domain/reminder-policy.ts';
import type { Logger } from '../log.ts';
import type { MigrationStore } from '../store/store.ts';
import type { Delivery } from '../delivery/delivery.ts';
import type { ProvisioningProvider } from '../autodesk/provisioning.ts';
import type { Clock } from './clock.ts';
import type { Scheduler } from '../schedule/scheduler.ts';
import type { InteractionHandler } from './interaction.ts';

export interface AppContext {
  config: Config;
  /** The reminder policy from the configuration (cadence, working time). */
  policy: ReminderPolicy;
  store: MigrationStore;
  logger: Logger;
  clock: Clock;
  /** Reminder, summary and poll ticks (set by the scheduler module; the playground runs ticks at chosen instants). */
  scheduler?: Scheduler;
  /** The chat channels configured (the playground is always one in embedded mode). */
  channels: Partial<Record<Platform, ChatChannel>>;
  /** The platform-neutral handler of commands and card actions (set by the commands module). */
  handle: InteractionHandler;
  /** Outbound campaigns (set by the delivery module). */
  delivery?: Delivery;
  /** Steps 1–2 through Autodesk's real channels (CSV files, Entra groups) or the simulator (set by the commands module). */
  provisioning?: ProvisioningProvider;
}

/** A part of the bot GET /healthz reports on: its state in a word, and whether the bot is healthy with it. */
export interface ComponentHealth {
  ok: boolean;
  state: string;
}

/** What a feature module gets to install itself: the context, the HTTP router, lifecycle hooks and health checks. */
export interface AppHost {
  ctx: AppContext;
  http: HttpServer;
  onStart(fn: () => Promise<void>): void;
  onStop(fn: () => Promise<void>): void;
  /** Adds a part to GET /healthz, under `name` (`slack`: the Socket Mode connection). */
  onHealth(name: string, check: () => ComponentHealth): void;
}

export type AppModule = (host: AppHost) => Promise<void> | void;

// What the parts of the bot are built from. build-app.ts constructs each service once, in dependency order, and hands
// every module the narrow set it needs (a Pick of these): nothing is filled in after it is built.
import type { AutodeskRuns } from './autodesk-runs.ts';
import type { AutodeskLink } from './autodesk-link.ts';
import type { Config } from '../config.ts';
import type { ReminderPolicy } from '../domain/reminder-policy.ts';
import type { Logger } from '../log.ts';
import type { MigrationStore } from '../store/store.ts';
import type { ChatChannel, OutboundCard, Platform } from './chat-channel.ts';
import type { Clock } from './clock.ts';
import type { Delivery } from './delivery.ts';
import type { Directory } from './directory.ts';
import type { ProvisioningProvider } from './provisioning.ts';

/** The base every service is built on: the configuration, read once, and the store, logger and clock. */
export interface CoreDeps {
  config: Config;
  /** The reminder policy from the configuration (cadence, working time). */
  policy: ReminderPolicy;
  store: MigrationStore;
  logger: Logger;
  clock: Clock;
}

/** The chat channels configured (the playground is one in embedded mode). */
export type Channels = Readonly<Partial<Record<Platform, ChatChannel>>>;

/** Posts a card to the admins on every configured channel; resolves to how many channels took it. */
export type PostToAdmins = (card: OutboundCard) => Promise<number>;

/** What commands and card actions run with: the core, outbound campaigns and steps 1–2. */
export interface InteractionDeps extends CoreDeps {
  delivery: Delivery;
  /** The platforms' directories: synced before a campaign, on `sync`; who cannot be reached and why. */
  directory: Directory;
  provisioning: ProvisioningProvider;
  postToAdmins: PostToAdmins;
  /** The Autodesk connection (`connect autodesk`), with PROVISIONING=autodesk only. */
  autodesk?: AutodeskLink;
  /** Long invite/assign runs at Autodesk's pace, with PROVISIONING=autodesk only. */
  autodeskRuns?: AutodeskRuns;
}

/** What a platform edge (Teams, Slack) is built with: it never sees the rest of the bot. */
export type EdgeDeps = Pick<CoreDeps, 'config' | 'store' | 'logger' | 'clock'>;

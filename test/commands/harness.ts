// A platform-neutral test bench: a context over a store, a fake Delivery, recording channels, and a way to talk to it.
import { createDirectory } from '../../src/services/directory.ts';
import type { InteractionDeps } from '../../src/ports/deps.ts';
import { createProvisioning } from '../../src/autodesk/create-provisioning.ts';
import { createAdminPoster } from '../../src/services/post-to-admins.ts';
import { ManualClock } from '../../src/ports/clock.ts';
import { createInteractionHandler } from '../../src/app/handle-interaction.ts';
import type {
  AttachedFile,
  InteractionActor,
  InteractionHandler,
  InteractionReply,
} from '../../src/ports/interaction.ts';
import type { ChatChannel, OutboundCard, Platform } from '../../src/ports/chat-channel.ts';
import { loadConfig } from '../../src/config.ts';
import type { CampaignProgress, Delivery, DeliveryJob } from '../../src/ports/delivery.ts';
import { newPerson, type NewPersonInput } from '../../src/domain/person.ts';
import { applyEvents } from '../../src/domain/transitions.ts';
import type { PersonEvent } from '../../src/domain/events.ts';
import type { Person } from '../../src/domain/types.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { rememberChatUser } from '../../src/services/chat-identity.ts';
import { renderCard } from '../../src/cards/index.ts';
import { reminderPolicyFrom } from '../../src/app/policy.ts';
import { dueAtFor } from '../../src/domain/reminder-policy.ts';
import { trackDue } from '../../src/services/due-tracking-store.ts';
import type { ProvisioningProvider } from '../../src/ports/provisioning.ts';

export const ADMIN = 'admin@example.org';
/** Tuesday 3 November 2026, 10:00 UTC (11:00 in Brussels). */
export const T0 = Date.UTC(2026, 10, 3, 10, 0);

/** Records what the core asks it to send; a key already queued is a duplicate, as the real engine does. */
export class FakeDelivery implements Delivery {
  readonly jobs: { campaignId: string; job: DeliveryJob }[] = [];
  readonly cancelled: string[] = [];
  readonly keys = new Set<string>();
  failed = 0;
  async enqueue(campaignId: string, jobs: DeliveryJob[]) {
    let queued = 0;
    let duplicates = 0;
    for (const job of jobs) {
      if (this.keys.has(job.key)) duplicates++;
      else {
        this.keys.add(job.key);
        this.jobs.push({ campaignId, job });
        queued++;
      }
    }
    return { queued, duplicates };
  }
  async cancel(campaignId: string) {
    this.cancelled.push(campaignId);
  }
  async resendFailed() {
    return this.failed;
  }
  async progress(campaignId: string): Promise<CampaignProgress | undefined> {
    const total = this.jobs.filter((j) => j.campaignId === campaignId).length;
    return {
      campaignId,
      total,
      queued: total,
      sent: 0,
      retrying: 0,
      failed: 0,
      skipped: 0,
      cancelled: this.cancelled.includes(campaignId),
      startedAt: T0,
    };
  }
  async start() {}
  async stop() {}
}

/** A channel that keeps what is posted to the admins. */
export class RecordingChannel implements ChatChannel {
  readonly adminPosts: OutboundCard[] = [];
  constructor(readonly platform: Platform) {}
  canReach() {
    return true;
  }
  async sendCard() {
    return { kind: 'sent' as const, ref: { platform: this.platform, conversationId: 'c', messageId: 'm' } };
  }
  async updateCard() {
    return { kind: 'sent' as const, ref: { platform: this.platform, conversationId: 'c', messageId: 'm' } };
  }
  async postToAdmins(card: OutboundCard) {
    this.adminPosts.push(card);
    return {
      kind: 'sent' as const,
      ref: { platform: this.platform, conversationId: 'admins', messageId: String(this.adminPosts.length) },
    };
  }
  async syncDirectory() {
    return { linked: 0, unmatched: [], apiCalls: 0 };
  }
}

export interface Bench {
  ctx: InteractionDeps;
  store: MigrationStore;
  clock: ManualClock;
  delivery: FakeDelivery;
  slack: RecordingChannel;
  teams: RecordingChannel;
  handle: InteractionHandler;
  /** Types a command as this person (by person id) on Slack. */
  say(personId: string | undefined, text: string, files?: AttachedFile[]): Promise<InteractionReply>;
  /** Clicks a card button as this person. */
  click(personId: string | undefined, action: string, data: Record<string, unknown>): Promise<InteractionReply>;
  /** Adds a person, optionally moved along by events. */
  add(input: Partial<NewPersonInput> & { email: string }, events?: PersonEvent[]): Promise<Person>;
}

export function bench(
  options: {
    store?: MigrationStore;
    env?: Record<string, string>;
    provisioning?: ProvisioningProvider;
  } = {},
): Bench {
  const config = loadConfig({
    ADMIN_EMAILS: ADMIN,
    LOG_LEVEL: 'silent',
    DEFAULT_TIMEZONE: 'Europe/Brussels',
    ...options.env,
  });
  const policy = reminderPolicyFrom(config);
  // As buildApp does: every write keeps the person's place in the due set.
  const store = trackDue(options.store ?? createMemoryStore('test'), (person, now) => dueAtFor(person, now, policy));
  const clock = new ManualClock({ now: () => T0 });
  const delivery = new FakeDelivery();
  const slack = new RecordingChannel('slack');
  const teams = new RecordingChannel('teams');
  const channels = { slack, teams };
  const logger = createLogger('silent');
  const ctx: InteractionDeps = {
    config,
    policy,
    store,
    logger,
    clock,
    delivery,
    directory: createDirectory({ store, logger, clock, channels, delivery }),
    provisioning: options.provisioning ?? createProvisioning(config, { now: () => clock.now() }),
    postToAdmins: createAdminPoster(channels, logger),
  };
  const handle = createInteractionHandler(ctx);
  const actor = (personId: string | undefined): InteractionActor => ({
    platform: 'slack',
    userId: `U-${personId ?? 'nobody'}`,
    ...(personId ? { personId } : {}),
  });
  return {
    ctx,
    store,
    clock,
    delivery,
    slack,
    teams,
    handle,
    say: (personId, text, files) =>
      handle({ kind: 'command', actor: actor(personId), text, ...(files ? { files } : {}) }),
    click: (personId, action, data) => handle({ kind: 'card_action', actor: actor(personId), action, data }),
    async add(input, events = []) {
      const base = newPerson({ firstName: 'First', lastName: 'Last', products: ['AutoCAD'], ...input }, clock.now());
      const r = applyEvents(base, events, clock.now());
      if (!r.ok) throw r.error;
      const { conflicts } = await store.writePeople(
        [{ expectedVersion: -1, after: { ...r.value, version: 0 }, action: 'test.seed' }],
        { id: 'test', source: 'system' },
        clock.now(),
      );
      if (conflicts.length) throw new Error(`seed conflict ${input.email}`);
      return r.value;
    },
  };
}

/** Links a Slack user id to a person, as a directory sync would. */
export async function linkSlack(store: MigrationStore, userId: string, personId: string): Promise<void> {
  await rememberChatUser(store, 'slack', userId, personId);
}

/** Events that bring a person to "assigned AutoCAD". */
export const ASSIGNED: PersonEvent[] = [{ type: 'invite.sent' }, { type: 'product.assigned', product: 'AutoCAD' }];
/** …and told about step 4. */
export const INFORMED: PersonEvent[] = [...ASSIGNED, { type: 'inform.sent' }];

/** The visible text of a reply's cards (message titles, texts, facts), for assertions. */
export function textOf(reply: InteractionReply): string {
  const cards = [...reply.cards, ...(reply.replaceCard ? [reply.replaceCard] : [])];
  return JSON.stringify(cards.map((c) => c.data));
}

/** Every card of a reply renders on both platforms (the data matches the card's model). */
export function assertRenders(reply: InteractionReply): void {
  for (const c of [...reply.cards, ...(reply.replaceCard ? [reply.replaceCard] : [])]) {
    renderCard(c.name, c.data, c.locale, 'teams');
    renderCard(c.name, c.data, c.locale, 'slack');
  }
}

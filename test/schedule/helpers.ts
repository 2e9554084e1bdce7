// A scheduler's world in memory: the app's store (due tracking on), a clock the test sets, a Delivery that records
// jobs (and can "send" them, applying their events as a worker would) and a channel that records admin posts.
import { createDirectory } from '../../src/services/directory.ts';
import type { SchedulerDeps } from '../../src/schedule/deps.ts';
import { createAdminPoster } from '../../src/services/post-to-admins.ts';
import type { ChatChannel, OutboundCard, SendOutcome } from '../../src/ports/chat-channel.ts';
import { reminderPolicyFrom } from '../../src/app/policy.ts';
import { loadConfig } from '../../src/config.ts';
import type { Delivery, DeliveryJob } from '../../src/ports/delivery.ts';
import type { PersonEvent } from '../../src/domain/events.ts';
import { newPerson, type NewPersonInput } from '../../src/domain/person.ts';
import { dueAtFor } from '../../src/domain/reminder-policy.ts';
import type { Actor, Person } from '../../src/domain/types.ts';
import { createLogger } from '../../src/log.ts';
import { trackDue } from '../../src/services/due-tracking-store.ts';
import { createPerson, updatePerson } from '../../src/services/update-person.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { uniqueMigrationId } from '../helpers/redis.ts';

export const ACTOR: Actor = { id: 'admin@acme.example', source: 'cli' };
export const utc = (s: string) => Date.parse(s);

export class TestClock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
}

/** Records what the scheduler enqueues; keys already seen are duplicates, as with the real engine. */
export class RecordingDelivery implements Delivery {
  readonly jobs: { campaignId: string; job: DeliveryJob }[] = [];
  private readonly keys = new Set<string>();
  constructor(private readonly store?: MigrationStore) {}
  async enqueue(campaignId: string, jobs: DeliveryJob[]) {
    let queued = 0;
    for (const job of jobs) {
      if (this.keys.has(job.key)) continue;
      this.keys.add(job.key);
      this.jobs.push({ campaignId, job });
      queued++;
    }
    return { queued, duplicates: jobs.length - queued };
  }
  /** Keys enqueued so far, in order. */
  get keysQueued(): string[] {
    return this.jobs.map((j) => j.job.key);
  }
  job(key: string): DeliveryJob {
    const j = this.jobs.find((x) => x.job.key === key);
    if (!j) throw new Error(`no job ${key}; have ${this.keysQueued.join(', ')}`);
    return j.job;
  }
  /** What a worker does once the card is out: the job's events applied to its person. */
  async send(key: string, at: number): Promise<void> {
    const job = this.job(key);
    if (!this.store) return;
    const actor = { id: 'delivery', source: 'system' } as const;
    for (const [id, events] of [
      [job.personId, job.onSent],
      [job.about?.personId, job.about?.events],
    ] as const) {
      if (!id || !events?.length) continue;
      const r = await updatePerson(this.store, id, events, actor, at);
      if (!r.ok) throw r.error;
    }
  }
  async cancel() {}
  async resendFailed() {
    return 0;
  }
  async progress() {
    return undefined;
  }
  async start() {}
  async stop() {}
}

export class RecordingChannel implements ChatChannel {
  readonly platform = 'playground' as const;
  readonly adminPosts: OutboundCard[] = [];
  failAdminPosts = false;
  canReach(): boolean {
    return true;
  }
  async sendCard(): Promise<SendOutcome> {
    return { kind: 'sent', ref: { platform: 'playground', conversationId: 'c', messageId: 'm' } };
  }
  async updateCard(): Promise<SendOutcome> {
    return { kind: 'sent', ref: { platform: 'playground', conversationId: 'c', messageId: 'm' } };
  }
  async postToAdmins(card: OutboundCard): Promise<SendOutcome> {
    if (this.failAdminPosts) return { kind: 'transient', reason: 'down' };
    this.adminPosts.push(card);
    return {
      kind: 'sent',
      ref: { platform: 'playground', conversationId: 'admins', messageId: String(this.adminPosts.length) },
    };
  }
  async syncDirectory() {
    return { linked: 0, unmatched: [], apiCalls: 0 };
  }
}

export interface World {
  ctx: SchedulerDeps;
  clock: TestClock;
  delivery: RecordingDelivery;
  channel: RecordingChannel;
  store: MigrationStore;
  add(input: NewPersonInput & { events?: PersonEvent[]; at?: number }): Promise<Person>;
  apply(id: string, events: PersonEvent[], at: number): Promise<Person>;
}

export function makeWorld(options: { env?: Record<string, string>; now: number; store?: MigrationStore }): World {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DEFAULT_TIMEZONE: 'Europe/Brussels',
    ORGANISATION_NAME: 'Acme',
    ...options.env,
  });
  const policy = reminderPolicyFrom(config);
  const store = trackDue(options.store ?? createMemoryStore(uniqueMigrationId('sched')), (p, now) =>
    dueAtFor(p, now, policy),
  );
  const clock = new TestClock(options.now);
  const delivery = new RecordingDelivery(store);
  const channel = new RecordingChannel();
  const channels = { playground: channel };
  const logger = createLogger('silent');
  const ctx: SchedulerDeps = {
    config,
    policy,
    store,
    logger,
    clock,
    channels,
    delivery,
    postToAdmins: createAdminPoster(channels, logger),
    directory: createDirectory({ store, logger, clock, channels, delivery }),
  };
  const apply = async (id: string, events: PersonEvent[], at: number) => {
    const r = await updatePerson(store, id, events, ACTOR, at);
    if (!r.ok) throw r.error;
    return r.value;
  };
  return {
    ctx,
    clock,
    delivery,
    channel,
    store,
    apply,
    async add({ events = [], at = options.now, ...input }) {
      const p = newPerson(input, at);
      if (!(await createPerson(store, p, ACTOR, at))) throw new Error(`${p.id} exists`);
      return events.length ? apply(p.id, events, at) : p;
    },
  };
}

/** Step 4 sent: the person has AutoCAD assigned and got the instructions. */
export const INFORMED: PersonEvent[] = [{ type: 'product.assigned', product: 'AutoCAD' }, { type: 'inform.sent' }];

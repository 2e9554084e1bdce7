// Sending cards to many people through the Delivery port: one campaign per command, remembered so `cancel` finds it.
import { escapeMarkdown } from '../cards/index.ts';
import type { DeliveryJob } from '../ports/delivery.ts';
import type { Locale, Person } from '../domain/types.ts';
import { say } from '../replies/say.ts';
import { unreachableFacts } from '../replies/unreachable.ts';
import { fullName } from '../domain/person.ts';
import type { UnreachableWhy } from '../ports/directory.ts';
import { indexIds, loadPeople } from '../services/people-query.ts';
import { keepWaiting } from '../services/waiting-recipients.ts';
import type { Targets } from './args.ts';
import type { CommandEnv } from './command.ts';

/** Doc kind of campaign records; the doc `latest` of kind CAMPAIGN_LATEST names the newest one. */
export const CAMPAIGN_DOC = 'campaign';
export const CAMPAIGN_LATEST = 'campaign-latest';

export interface CampaignRecord {
  id: string;
  kind: 'step4' | 'reminder';
  createdAt: number;
  by: string;
  jobs: number;
}

/** Products assigned to the person: what a step-4 card or reminder is about. */
export function assignedProducts(p: Person): string[] {
  return p.products.filter((x) => p.assignments[x]?.status === 'assigned');
}

/** Recipients looked up one by one when a campaign is queued; the others wait for the next sync. */
const MAX_LOOKUPS = 20;

export interface Unreachable {
  person: Person;
  why: UnreachableWhy[] | undefined;
}

/**
 * Queues the jobs as one new campaign, after linking the roster to the platforms' directories (so people who never
 * wrote to the bot are reached). Recipients no platform can reach yet are not dropped: the campaign keeps them
 * waiting and the next sync that finds them queues them in it. The delivery port drops keys already queued or sent.
 */
export async function startCampaign(env: CommandEnv, kind: CampaignRecord['kind'], jobs: DeliveryJob[]) {
  const { delivery, directory, store } = env.ctx;
  const id = `${kind}-${env.now.toString(36)}`;
  const report = jobs.length ? await directory.sync('campaign') : undefined;
  const why = new Map(report?.unreachable.map((u) => [u.id, u.why] as const));
  const people = new Map(
    (
      await loadPeople(
        store,
        jobs.map((j) => j.personId),
      )
    ).map((p) => [p.id, p] as const),
  );
  const ready: DeliveryJob[] = [];
  const waiting: DeliveryJob[] = [];
  const unreachable: Unreachable[] = [];
  let lookups = 0;
  for (const job of jobs) {
    const person = people.get(job.personId);
    // The few still unlinked: one look-up each (Slack users.lookupByEmail), at most MAX_LOOKUPS a campaign; never
    // for someone the directory found ambiguous or deactivated (a look-up would pick one account blindly).
    const settled = why.get(job.personId)?.some((w) => w.code === 'ambiguous' || w.code === 'deactivated');
    if (
      person &&
      !settled &&
      !directory.reachable(person) &&
      lookups++ < MAX_LOOKUPS &&
      (await directory.lookup(person))
    ) {
      ready.push(job);
      continue;
    }
    if (person && !directory.reachable(person)) {
      waiting.push(job);
      unreachable.push({ person, why: why.get(person.id) });
    } else ready.push(job);
  }
  const r = ready.length ? await delivery.enqueue(id, ready) : { queued: 0, duplicates: 0 };
  await keepWaiting(store, id, waiting, env.now);
  // The slow part of reaching them (installing the Teams app through Graph) runs now in the background; whoever it
  // reaches is queued in this campaign.
  if (waiting.length > 0)
    void directory
      .sync('after_campaign')
      .catch((err: unknown) =>
        env.ctx.logger.warn({ err: (err as Error).message }, 'directory sync after a campaign failed'),
      );
  if (r.queued > 0 || waiting.length > 0) {
    const record: CampaignRecord = { id, kind, createdAt: env.now, by: env.caller.audit.id, jobs: r.queued };
    await env.ctx.store.putDoc(CAMPAIGN_DOC, id, record);
    await env.ctx.store.putDoc(CAMPAIGN_LATEST, 'latest', id);
    await env.ctx.store.appendAudit({
      at: env.now,
      actor: env.caller.audit.id,
      source: env.caller.audit.source,
      action: `campaign.${kind}`,
      detail: `${id} queued=${r.queued} duplicates=${r.duplicates} unreachable=${waiting.length}`,
    });
  }
  return { campaignId: id, ...r, unreachable };
}

/**
 * The people a campaign command targets: everyone in `pendingIndex` that `why` does not rule out, or the named
 * e-mails, each either chosen or skipped with the reason.
 */
export async function chooseTargets<Skip extends string>(
  env: CommandEnv,
  t: Targets,
  pendingIndex: string,
  why: (p: Person) => Skip | undefined,
): Promise<{ people: Person[]; skipped: { name: string; why: Skip | 'not_found' }[] }> {
  const { store } = env.ctx;
  if (t.kind === 'pending')
    return {
      people: (await loadPeople(store, await indexIds(store, pendingIndex))).filter((p) => !why(p)),
      skipped: [],
    };
  const found = await store.getPeople(t.ids);
  const people: Person[] = [];
  const skipped: { name: string; why: Skip | 'not_found' }[] = [];
  found.forEach((p, i) => {
    if (!p) return skipped.push({ name: escapeMarkdown(t.ids[i]!), why: 'not_found' });
    const w = why(p);
    if (w) skipped.push({ name: escapeMarkdown(fullName(p)), why: w });
    else people.push(p);
  });
  return { people, skipped };
}

/** The answer to a campaign command: counts, who cannot be reached and why, who was skipped and why. */
export function campaignAnswer(
  locale: Locale,
  r: Awaited<ReturnType<typeof startCampaign>>,
  skipped: readonly { name: string; why: string }[],
): { text: string; facts: { title: string; value: string }[] } {
  const lines = [
    say(locale, 'campaign_queued', { queued: r.queued, duplicates: r.duplicates, skipped: skipped.length }),
  ];
  const { facts, more } = unreachableFacts(locale, r.unreachable);
  if (r.unreachable.length) lines.push(say(locale, 'campaign_unreachable', { count: r.unreachable.length }));
  if (more > 0) lines.push(say(locale, 'unreachable_more', { count: more }));
  if (r.queued > 0 || r.unreachable.length > 0)
    lines.push(say(locale, 'campaign_cancel_hint', { command: `cancel ${r.campaignId}` }));
  return {
    text: lines.join('\n\n'),
    facts: [...facts, ...skipped.map((s) => ({ title: s.name, value: say(locale, `skip_${s.why}`) }))],
  };
}

// Sending cards to many people through the Delivery port: one campaign per command, remembered so `cancel` finds it.
import { escapeMarkdown } from '../cards/index.ts';
import type { DeliveryJob } from '../ports/delivery.ts';
import type { Person } from '../domain/types.ts';
import { fullName } from '../domain/person.ts';
import { indexIds, loadPeople } from '../services/people-query.ts';
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

/** Queues the jobs as one new campaign; the delivery port drops keys it has already queued or sent. */
export async function startCampaign(env: CommandEnv, kind: CampaignRecord['kind'], jobs: DeliveryJob[]) {
  const { delivery } = env.ctx;
  const id = `${kind}-${env.now.toString(36)}`;
  const r = jobs.length ? await delivery.enqueue(id, jobs) : { queued: 0, duplicates: 0 };
  if (r.queued > 0) {
    const record: CampaignRecord = { id, kind, createdAt: env.now, by: env.caller.audit.id, jobs: r.queued };
    await env.ctx.store.putDoc(CAMPAIGN_DOC, id, record);
    await env.ctx.store.putDoc(CAMPAIGN_LATEST, 'latest', id);
    await env.ctx.store.appendAudit({
      at: env.now,
      actor: env.caller.audit.id,
      source: env.caller.audit.source,
      action: `campaign.${kind}`,
      detail: `${id} queued=${r.queued} duplicates=${r.duplicates}`,
    });
  }
  return { campaignId: id, ...r };
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

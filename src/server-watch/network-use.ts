// People seen holding a network licence are, for that product on that host, not switched yet (step 3).
import type { PersonEvent } from '../domain/events.ts';
import type { LicenseServerPoll } from '../domain/license-server.ts';
import type { LicenseUserMatch } from '../domain/license-user-match.ts';
import { productSwitched } from '../domain/status.ts';
import type { Person } from '../domain/types.ts';
import { productForFeature } from '../licensing/feature-codes.ts';

/** One product seen held on a device; `borrowedUntil` when the licence is borrowed (lmstat's linger). */
export interface NetworkUse {
  product: string;
  device: string;
  borrowedUntil?: number;
}

/**
 * `device.network` events per person id for the checkouts of a poll: the product comes from the feature code
 * (unknown codes are skipped), the device is the host, lower case.
 */
export function networkUses(poll: LicenseServerPoll, matched: readonly LicenseUserMatch[]): Map<string, NetworkUse[]> {
  const personOf = new Map(matched.map((m) => [`${m.user.toLowerCase()}@${m.host.toLowerCase()}`, m.personId]));
  const out = new Map<string, NetworkUse[]>();
  const seen = new Map<string, NetworkUse>();
  for (const f of poll.features) {
    const product = productForFeature(f.name);
    if (!product) continue;
    for (const u of f.users) {
      const personId = personOf.get(`${u.user.toLowerCase()}@${u.host.toLowerCase()}`);
      if (!personId) continue;
      const device = u.host.trim().toLowerCase();
      const key = `${personId}|${product.toLowerCase()}|${device}`;
      const before = seen.get(key);
      if (before) {
        // A plain checkout beside a borrowed one on the same device is a plain use; of two borrows, the later return.
        if (before.borrowedUntil === undefined) continue;
        if (u.borrowedUntil === undefined) delete before.borrowedUntil;
        else before.borrowedUntil = Math.max(before.borrowedUntil, u.borrowedUntil);
        continue;
      }
      const use: NetworkUse =
        u.borrowedUntil === undefined ? { product, device } : { product, device, borrowedUntil: u.borrowedUntil };
      seen.set(key, use);
      const list = out.get(personId) ?? [];
      list.push(use);
      out.set(personId, list);
    }
  }
  return out;
}

/**
 * The events that change something for this person: products in their scope not already known on the network there.
 * A borrowed licence of a product the person has switched (on that device, or everywhere) is a leftover of before the
 * switch that lives until it returns, not a device back on the network. Of a person not switched, the device is on the
 * network with the date the borrow returns by itself (the reminder policy waits for it); a plain use clears that date.
 */
export function networkEventsFor(p: Person, uses: readonly NetworkUse[]): PersonEvent[] {
  const events: PersonEvent[] = [];
  for (const u of uses) {
    const product = p.products.find((x) => x.toLowerCase() === u.product.toLowerCase());
    if (!product) continue;
    const cur = p.switches[product]?.[u.device];
    const borrowed = u.borrowedUntil !== undefined;
    if (borrowed && (cur?.status === 'named' || productSwitched(p, product))) continue;
    if (cur?.status === 'network' && cur.borrowedUntil === u.borrowedUntil) continue;
    events.push(
      borrowed
        ? { type: 'device.network', product, device: u.device, borrowedUntil: u.borrowedUntil }
        : { type: 'device.network', product, device: u.device },
    );
  }
  return events;
}

// What a device report changes for its person (step 3): per product on the device, switched to named-user licensing
// or still on the network. Pure: the endpoint reads the person, plans, then writes the events in one go.
import type { PersonEvent } from './events.ts';
import { applyEvent } from './transitions.ts';
import type { Person } from './types.ts';

/** One product on one device as the report shows it (see licensing/device-report deviceSwitchFacts). */
export interface DeviceProductFact {
  device: string;
  featureId: string;
  /** Catalogue product name, when known. */
  product?: string;
  method: 'unknown' | 'network' | 'standalone' | 'mssa' | 'named';
}

export type DeviceFactOutcome =
  | { product: string; device: string; status: 'switched' | 'network' | 'unchanged' }
  | {
      featureId: string;
      product?: string;
      device: string;
      status: 'skipped';
      reason: 'unknown_product' | 'not_in_scope' | 'not_assigned' | 'other_method';
    };

export interface DeviceSwitchPlan {
  events: PersonEvent[];
  outcomes: DeviceFactOutcome[];
}

/**
 * The events a report means for the person. Several versions of one product on a device count as network while any
 * of them still uses the network. Products the catalogue does not know, products outside the person's scope and
 * licence methods other than network and named are reported back as skipped.
 */
export function planDeviceSwitch(person: Person, facts: readonly DeviceProductFact[], now: number): DeviceSwitchPlan {
  const outcomes: DeviceFactOutcome[] = [];
  const byProduct = new Map<string, { product: string; device: string; network: boolean; featureId: string }>();
  for (const f of facts) {
    if (!f.product) {
      outcomes.push({ featureId: f.featureId, device: f.device, status: 'skipped', reason: 'unknown_product' });
      continue;
    }
    const product = person.products.find((x) => x.toLowerCase() === f.product!.toLowerCase());
    if (!product) {
      outcomes.push({
        featureId: f.featureId,
        product: f.product,
        device: f.device,
        status: 'skipped',
        reason: 'not_in_scope',
      });
      continue;
    }
    if (f.method !== 'named' && f.method !== 'network') {
      outcomes.push({ featureId: f.featureId, product, device: f.device, status: 'skipped', reason: 'other_method' });
      continue;
    }
    const key = `${product}\u0000${f.device}`;
    const cur = byProduct.get(key);
    byProduct.set(key, {
      product,
      device: f.device,
      network: (cur?.network ?? false) || f.method === 'network',
      featureId: cur?.featureId ?? f.featureId,
    });
  }

  const events: PersonEvent[] = [];
  let cur = person;
  for (const { product, device, network, featureId } of byProduct.values()) {
    const event: PersonEvent = network
      ? { type: 'device.network', product, device }
      : { type: 'device.switched', product, device, by: 'script' };
    const r = applyEvent(cur, event, now);
    if (r.ok) {
      cur = r.value;
      events.push(event);
      outcomes.push({ product, device, status: network ? 'network' : 'switched' });
    } else if (r.error.code === 'ALREADY_DONE') outcomes.push({ product, device, status: 'unchanged' });
    else
      outcomes.push({
        featureId,
        product,
        device,
        status: 'skipped',
        reason: r.error.code === 'NOT_ASSIGNED' ? 'not_assigned' : 'not_in_scope',
      });
  }
  return { events, outcomes };
}

// Slack delivers again what it thinks was not taken (an HTTP request answered late, a Socket Mode envelope not
// acknowledged in time) and a second replica may get the same event: each delivery runs once, whichever way it came.
import type { Logger } from '../../log.ts';

/** True the first time a delivery key is seen (across replicas: Redis SET NX with a TTL, in memory when embedded). */
export type FirstDelivery = (key: string) => Promise<boolean>;

type Body = Record<string, unknown>;

/** How long a delivery key may take to record before the delivery runs anyway (Redis away). */
const DELIVERY_KEY_WAIT_MS = 250;

/**
 * What makes one delivery unique: the event's id (the same on every retry), an interaction's trigger id with its
 * action's time, a command's trigger id; else `fallback` (the signature of an HTTP request, which a replay carries
 * again; the envelope id of a Socket Mode envelope, which a redelivery carries again).
 */
export function deliveryKey(body: Body, fallback: string | undefined): string | undefined {
  if (typeof body.event_id === 'string' && body.event_id) return `event:${body.event_id}`;
  const payload = body.payload as Body | undefined;
  const source = payload && typeof payload === 'object' ? payload : body;
  const trigger = typeof source.trigger_id === 'string' ? source.trigger_id : undefined;
  const actions = Array.isArray(source.actions) ? (source.actions as Body[]) : [];
  const actionTs = actions.map((a) => `${String(a?.action_id ?? '')}@${String(a?.action_ts ?? '')}`).join(',');
  if (trigger) return `trigger:${trigger}${actionTs ? `:${actionTs}` : ''}`;
  return fallback;
}

/**
 * Whether to run this delivery: false only when its key was seen before. Bounded: with the state store away the
 * delivery runs and its answer says so (within Slack's 3 s).
 */
export async function isFirstDelivery(firstDelivery: FirstDelivery, key: string, log: Logger): Promise<boolean> {
  return Promise.race([
    firstDelivery(key).catch((err: unknown) => {
      log.warn({ err: (err as Error).message }, 'slack delivery key not recorded');
      return true;
    }),
    new Promise<boolean>((r) => setTimeout(() => r(true), DELIVERY_KEY_WAIT_MS).unref()),
  ]);
}

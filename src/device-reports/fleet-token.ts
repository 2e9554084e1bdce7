// The fleet token: one migration-wide token every handed-out script carries to report back (a script pushed to every
// machine cannot carry a per-person token). `fleet-<generation>.<HMAC-SHA256>`, signed with DEVICE_TOKEN_SECRET; the
// store keeps the current generation, so rotating it (an admin command) revokes every earlier fleet token at once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MigrationStore } from '../store/store.ts';

const CONTEXT = 'numbot-fleet-report-v1';
const FLEET = /^fleet-(\d{1,9})\.([A-Za-z0-9_-]{43})$/;
export const FLEET_DOC = 'fleet-token';
const ID = 'current';

interface FleetDoc {
  generation: number;
  rotatedAt?: number;
}

const sign = (secret: string, generation: number) =>
  createHmac('sha256', secret).update(`${CONTEXT}.${generation}`).digest('base64url');

const tokenOf = (secret: string, generation: number) => `fleet-${generation}.${sign(secret, generation)}`;

/** True when the token has the fleet token's shape (person tokens never do). */
export const isFleetToken = (token: string): boolean => token.startsWith('fleet-');

/** The current fleet token (generation 1 the first time). */
export async function currentFleetToken(store: MigrationStore, secret: string): Promise<string> {
  const doc = await store.getDoc<FleetDoc>(FLEET_DOC, ID);
  if (doc) return tokenOf(secret, doc.generation);
  await store.putDocIfAbsent<FleetDoc>(FLEET_DOC, ID, { generation: 1 });
  return tokenOf(secret, (await store.getDoc<FleetDoc>(FLEET_DOC, ID))!.generation);
}

/** A new fleet token; every earlier one stops working. */
export async function rotateFleetToken(store: MigrationStore, secret: string, now: number): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const cur = await store.getDoc<FleetDoc>(FLEET_DOC, ID);
    const next: FleetDoc = { generation: (cur?.generation ?? 1) + 1, rotatedAt: now };
    const ok = cur
      ? await store.compareAndSetDoc(FLEET_DOC, ID, cur, next)
      : await store.putDocIfAbsent(FLEET_DOC, ID, next);
    if (ok) return tokenOf(secret, next.generation);
  }
  throw new Error('fleet token: changed by others 20 times in a row');
}

/** True for the current fleet token signed with this secret. */
export async function verifyFleetToken(store: MigrationStore, token: string, secret: string): Promise<boolean> {
  const m = FLEET.exec(token);
  if (!m) return false;
  const generation = Number(m[1]);
  const given = Buffer.from(m[2]!, 'utf8');
  const expected = Buffer.from(sign(secret, generation), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const doc = await store.getDoc<FleetDoc>(FLEET_DOC, ID);
  return (doc?.generation ?? 1) === generation;
}

// Files waiting for a Teams consent: who may accept, until when, with what rights, and that one offer is uploaded at
// most once even when two accepts read it at the same moment.
import { describe, expect, it } from 'vitest';
import {
  claimOffer,
  createOffer,
  judgeOffer,
  MAX_OFFER_BYTES,
  mayReceive,
  OFFER_TTL_MS,
  offerBytes,
  pruneOffers,
  readOffer,
  releaseOffer,
  requirementOf,
  settleOffer,
  type FileOffer,
  type NewOffer,
} from '../../../src/channels/teams/file-offers.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';

const T0 = Date.UTC(2025, 2, 3, 9);
const input: NewOffer = {
  requires: 'admin',
  userId: '29:admin',
  personId: 'admin@example.org',
  conversationId: 'a:admin-chat',
  name: 'report.csv',
  mimeType: 'text/csv',
  content: 'email,name\nzoe@example.org,Zoë\n',
  locale: 'fr',
};
const store = () => createMemoryStore(`offers-${Math.random().toString(36).slice(2)}`);

describe('Teams file offers', () => {
  it('keeps the content under a random consent id, sized in UTF-8 bytes, for a day', async () => {
    const s = store();
    const a = await createOffer(s, input, T0);
    const b = await createOffer(s, input, T0);
    expect(a.id).not.toBe(b.id);
    expect(a).toMatchObject({
      requires: 'admin',
      userId: '29:admin',
      state: 'offered',
      attempts: 0,
      bytes: Buffer.byteLength(input.content),
      expiresAt: T0 + OFFER_TTL_MS,
    });
    expect(a.bytes).toBe(input.content.length + 1);
    expect(await readOffer(s, a.id)).toEqual(a);
    expect((await offerBytes(s, a.id))?.equals(Buffer.from(input.content))).toBe(true);
    expect(MAX_OFFER_BYTES).toBeGreaterThan(1024 * 1024);
  });

  it('judges who may act on an offer and when', async () => {
    const s = store();
    const offer = await createOffer(s, input, T0);
    expect(judgeOffer(undefined, '29:admin', T0)).toBe('unknown');
    expect(judgeOffer(offer, '29:bob', T0)).toBe('not_yours');
    expect(judgeOffer(offer, '29:admin', T0 + OFFER_TTL_MS - 1)).toBe('ok');
    expect(judgeOffer(offer, '29:admin', T0 + OFFER_TTL_MS)).toBe('expired');
    expect(judgeOffer({ ...offer, state: 'sent' }, '29:admin', T0)).toBe('sent');
    expect(judgeOffer({ ...offer, state: 'declined' }, '29:admin', T0)).toBe('declined');
    expect(judgeOffer({ ...offer, state: 'refused' }, '29:admin', T0)).toBe('refused');
    // An upload under way is busy; one abandoned for ten minutes (a replica died) may be taken again.
    expect(judgeOffer({ ...offer, state: 'uploading', claimedAt: T0 }, '29:admin', T0 + 60_000)).toBe('busy');
    expect(judgeOffer({ ...offer, state: 'uploading', claimedAt: T0 }, '29:admin', T0 + 10 * 60_000)).toBe('ok');
  });

  it('an admin-only file goes to admins only; an offer stored without a requirement is admin-only, an unknown one refused', async () => {
    const offer = await createOffer(store(), input, T0);
    expect(mayReceive(offer, { isAdmin: true })).toBe(true);
    expect(mayReceive(offer, { isAdmin: false })).toBe(false);
    const { requires: _requires, ...rest } = offer;
    const stored: FileOffer = rest;
    expect(requirementOf(stored)).toBe('admin');
    expect(mayReceive(stored, { isAdmin: false })).toBe(false);
    expect(mayReceive(stored, { isAdmin: true })).toBe(true);
    // Written by a newer replica with a requirement this one does not know: never sent on a guess.
    expect(mayReceive({ requires: 'recipient' } as unknown as FileOffer, { isAdmin: true })).toBe(false);
  });

  it('a refused offer is settled for good: its content goes and a later accept is told so', async () => {
    const s = store();
    const offer = await createOffer(s, input, T0);
    expect(await settleOffer(s, offer, 'refused')).toBe(true);
    const refused = (await readOffer(s, offer.id))!;
    expect(refused.state).toBe('refused');
    expect(await offerBytes(s, offer.id)).toBeUndefined();
    expect(judgeOffer(refused, '29:admin', T0 + 1)).toBe('refused');
    expect(await claimOffer(s, offer, T0 + 1)).toBeUndefined();
  });

  it('lets only one of two accepts that read the offer at once claim it', async () => {
    const s = store();
    const offer = await createOffer(s, input, T0);
    const [a, b] = await Promise.all([claimOffer(s, offer, T0 + 1), claimOffer(s, offer, T0 + 2)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await readOffer(s, offer.id)).toMatchObject({ state: 'uploading', attempts: 1 });
  });

  it('a failed upload releases the offer; a settled one keeps no content', async () => {
    const s = store();
    const offer = await createOffer(s, input, T0);
    const claimed = (await claimOffer(s, offer, T0))!;
    await releaseOffer(s, claimed);
    const released = (await readOffer(s, offer.id))!;
    expect(released).toMatchObject({ state: 'offered', attempts: 1 });
    expect(released.claimedAt).toBeUndefined();
    const again = (await claimOffer(s, released, T0 + 5))!;
    expect(await settleOffer(s, again, 'sent')).toBe(true);
    expect(await readOffer(s, offer.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(await offerBytes(s, offer.id)).toBeUndefined();
    // A stale copy no longer matches: nothing changes.
    expect(await settleOffer(s, again, 'declined')).toBe(false);
    expect((await readOffer(s, offer.id))?.state).toBe('sent');
  });

  it('prunes expired offers with their content and keeps the others', async () => {
    const s = store();
    const old = await createOffer(s, input, T0);
    const fresh = await createOffer(s, input, T0 + OFFER_TTL_MS / 2);
    expect(await pruneOffers(s, T0 + OFFER_TTL_MS)).toBe(1);
    expect(await readOffer(s, old.id)).toBeUndefined();
    expect(await offerBytes(s, old.id)).toBeUndefined();
    expect(await readOffer(s, fresh.id)).toBeDefined();
    // Making a new offer prunes too.
    await createOffer(s, input, T0 + 2 * OFFER_TTL_MS);
    expect(await readOffer(s, fresh.id)).toBeUndefined();
  });
});

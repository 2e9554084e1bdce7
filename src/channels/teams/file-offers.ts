// Files offered in a Teams 1:1 chat wait in the store between the consent card and the user's accept: a small offer
// doc (who may accept, until when, in what state) and the content apart, both keyed by a random consent id. The offer
// moves offered → uploading → sent (or back to offered when the upload failed, or to declined) by compare-and-set, so
// two accepts of one card never upload twice; an accept by someone who lost the right to the file since the offer
// settles it as refused. Content is deleted once sent, declined or refused; offers expire after a day.
import { randomUUID } from 'node:crypto';
import type { Locale } from '../../domain/types.ts';
import type { MigrationStore } from '../../store/store.ts';

const OFFER_KIND = 'teams:file-offer';
const CONTENT_KIND = 'teams:file-content';

/** How long an offered file waits for its accept. */
export const OFFER_TTL_MS = 24 * 60 * 60_000;
/** Largest file kept for a consent card (UTF-8 bytes); bigger ones are shown inline, cut. */
export const MAX_OFFER_BYTES = 20 * 1024 * 1024;
/** An upload neither finished nor failed after this long (a replica died mid-upload) may be claimed again. */
const STALE_UPLOAD_MS = 10 * 60_000;

export type OfferState = 'offered' | 'uploading' | 'sent' | 'declined' | 'refused';

/** Who may still receive the file when they accept it: `admin` = an admin of the migration (isAdminPerson). */
export type OfferRequirement = 'admin';

export interface FileOffer {
  /** The consent id: random, carried by the consent card's accept and decline contexts. */
  id: string;
  /** What the recipient must still be at the accept; offers stored before this field are admin-only (requirementOf). */
  requires?: OfferRequirement;
  /** The Teams user the file was offered to: only they may accept it. */
  userId: string;
  /** Their person id, when linked (for the audit). */
  personId?: string;
  conversationId: string;
  name: string;
  mimeType: string;
  /** Size in UTF-8 bytes, as uploaded. */
  bytes: number;
  locale: Locale;
  createdAt: number;
  expiresAt: number;
  state: OfferState;
  /** When the upload under way started (state `uploading`). */
  claimedAt?: number;
  /** Upload attempts so far. */
  attempts: number;
}

interface OfferContent {
  text: string;
}

export interface NewOffer {
  requires: OfferRequirement;
  userId: string;
  personId?: string;
  conversationId: string;
  name: string;
  mimeType: string;
  content: string;
  locale: Locale;
}

/** Keeps a file for its recipient's consent; forgets offers that expired meanwhile. */
export async function createOffer(store: MigrationStore, input: NewOffer, now: number): Promise<FileOffer> {
  await pruneOffers(store, now);
  const offer: FileOffer = {
    id: randomUUID(),
    requires: input.requires,
    userId: input.userId,
    ...(input.personId ? { personId: input.personId } : {}),
    conversationId: input.conversationId,
    name: input.name,
    mimeType: input.mimeType,
    bytes: Buffer.byteLength(input.content, 'utf8'),
    locale: input.locale,
    createdAt: now,
    expiresAt: now + OFFER_TTL_MS,
    state: 'offered',
    attempts: 0,
  };
  // The offer first: a content doc never exists without the offer that prunes it.
  await store.putDoc<FileOffer>(OFFER_KIND, offer.id, offer);
  await store.putDoc<OfferContent>(CONTENT_KIND, offer.id, { text: input.content });
  return offer;
}

export async function readOffer(store: MigrationStore, id: string): Promise<FileOffer | undefined> {
  return store.getDoc<FileOffer>(OFFER_KIND, id);
}

/** The bytes to upload, or undefined when the content is gone. */
export async function offerBytes(store: MigrationStore, id: string): Promise<Buffer | undefined> {
  const doc = await store.getDoc<OfferContent>(CONTENT_KIND, id);
  return doc ? Buffer.from(doc.text, 'utf8') : undefined;
}

export type Verdict = 'ok' | 'unknown' | 'expired' | 'not_yours' | 'sent' | 'declined' | 'refused' | 'busy';

/** Whether `userId` may act on this offer at `now`, and if not, why. */
export function judgeOffer(offer: FileOffer | undefined, userId: string, now: number): Verdict {
  if (!offer) return 'unknown';
  if (offer.userId !== userId) return 'not_yours';
  if (offer.state === 'sent') return 'sent';
  if (offer.state === 'declined') return 'declined';
  if (offer.state === 'refused') return 'refused';
  if (now >= offer.expiresAt) return 'expired';
  if (offer.state === 'uploading' && now < (offer.claimedAt ?? 0) + STALE_UPLOAD_MS) return 'busy';
  return 'ok';
}

/** What the offer asks of its recipient; an offer stored without it is admin-only (every file offered then was). */
export function requirementOf(offer: Pick<FileOffer, 'requires'>): OfferRequirement {
  return offer.requires ?? 'admin';
}

/** Whether the recipient, with the rights they have now, may still receive the file. Anything unknown is refused. */
export function mayReceive(offer: Pick<FileOffer, 'requires'>, rights: { isAdmin: boolean }): boolean {
  const requirement: string = requirementOf(offer);
  switch (requirement) {
    case 'admin':
      return rights.isAdmin;
    default:
      return false;
  }
}

/** Takes the offer for one upload; undefined when another accept took it first. */
export async function claimOffer(store: MigrationStore, offer: FileOffer, now: number): Promise<FileOffer | undefined> {
  const next: FileOffer = { ...offer, state: 'uploading', claimedAt: now, attempts: offer.attempts + 1 };
  return (await store.compareAndSetDoc(OFFER_KIND, offer.id, offer, next)) ? next : undefined;
}

/** The upload failed: the offer can be accepted again (from a new consent card). */
export async function releaseOffer(store: MigrationStore, claimed: FileOffer): Promise<void> {
  const { claimedAt: _claimedAt, ...rest } = claimed;
  await store.compareAndSetDoc<FileOffer>(OFFER_KIND, claimed.id, claimed, { ...rest, state: 'offered' });
}

/**
 * Settles an offer for good (sent, declined or refused): the content goes, the offer stays until it expires so that a replayed
 * accept is told what happened. False when it changed meanwhile.
 */
export async function settleOffer(
  store: MigrationStore,
  current: FileOffer,
  state: 'sent' | 'declined' | 'refused',
): Promise<boolean> {
  const { claimedAt: _claimedAt, ...rest } = current;
  if (!(await store.compareAndSetDoc<FileOffer>(OFFER_KIND, current.id, current, { ...rest, state }))) return false;
  await store.deleteDoc(CONTENT_KIND, current.id);
  return true;
}

/** Forgets expired offers and their content; returns how many. */
export async function pruneOffers(store: MigrationStore, now: number): Promise<number> {
  const expired = (await store.listDocs<FileOffer>(OFFER_KIND)).filter(({ value }) => now >= value.expiresAt);
  for (const { id } of expired) {
    await store.deleteDoc(CONTENT_KIND, id);
    await store.deleteDoc(OFFER_KIND, id);
  }
  return expired.length;
}

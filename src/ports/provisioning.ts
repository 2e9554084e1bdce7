// The port for steps 1–2. Providers invite and assign through CSV import files the admin uploads, Entra ID groups
// synced to Autodesk, Autodesk's Team Admin API (public beta, Nov 2026), or a simulator for the playground.
import type { Person } from '../domain/types.ts';

/** A file for the admin to upload in Autodesk Account, with where to upload it. */
export interface ImportFile {
  name: string;
  content: string;
  /** e.g. "User Management > By User > Invite users > Import". */
  uploadTo: string;
  rows: number;
  /** What confirming the upload means: `invite` → invite.sent, `assign` → product.assigned (see confirm-upload.ts). */
  kind?: 'invite' | 'assign';
  /** The roster product, for `assign` files. */
  product?: string;
  /** The people in this file, in row order. */
  personIds?: string[];
  /** When the file was built (epoch ms): a confirmation does not re-send to people invited after it. */
  createdAt?: number;
}

/** A reason as a string key of locales/commands/ and its values, so the answer is in the reader's language. */
export interface ReasonKey {
  key: string;
  vars?: Record<string, string | number>;
}

export interface ProvisioningResult {
  /** People whose invitation/assignment is done (or requested, for providers that act directly). */
  done: string[];
  /** People already invited/assigned: nothing sent twice. */
  alreadyDone: string[];
  /** People refused before anything was sent (e.g. a name Autodesk would reject), with the reason. */
  rejected: { personId: string; reason: string }[];
  /** People the provider failed for (after retries), with the reason (in English; `why` to translate it). */
  failed: { personId: string; reason: string; why?: ReasonKey }[];
  /** Files for the admin (csv provider). */
  files: ImportFile[];
  /**
   * True when the provider acted directly (entra, simulator): people may move to invited/assigned now.
   * False when the admin must upload files and confirm (csv): people move when the admin confirms.
   */
  applied: boolean;
  /** Invited more than 7 days ago and not accepted: the admin should press "Resend invite" (csv cannot resend). */
  resendDue?: string[];
  /** The same invitations as one "Invite Multiple" paste (csv, ≤ 50 people and no `,`/`;` in any field). */
  inviteMultiple?: { text: string; uploadTo: string };
  /** Seats before work (autodesk): the pool's free seats (null = unlimited) and how many people need one. */
  seats?: { product: string; free: number | null; toAssign: number };
  /** Why the provider stopped before the end (autodesk: the pool ran out, Autodesk refused the team...). */
  stopped?: string;
  stoppedWhy?: ReasonKey;
}

export interface ProvisioningProvider {
  readonly name: 'csv' | 'entra' | 'simulator' | 'autodesk';
  /** Step 1: make these people members of the Autodesk team. */
  invite(people: Person[]): Promise<ProvisioningResult>;
  /** Step 2: give these people a seat of the product. */
  assign(product: string, people: Person[]): Promise<ProvisioningResult>;
}

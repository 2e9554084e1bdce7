// The thin applier behind "I uploaded the files": read the people, plan (pure), apply.
import type { Actor, Person } from '../../domain/types.ts';
import type { MigrationStore } from '../../store/store.ts';
import { applyPersonEvents, type ApplyOutcome, type StillWanted } from '../apply-person-events.ts';
import type { ImportFile } from '../../ports/provisioning.ts';
import { confirmUpload, invitedSince } from './confirm-upload.ts';

/** Moves the people in the uploaded files to invited / assigned; returns what changed and who is gone. */
export async function applyConfirmedUpload(
  store: MigrationStore,
  files: ImportFile[],
  actor: Actor,
  now: number,
): Promise<ApplyOutcome & { missing: string[] }> {
  const ids = [...new Set(files.flatMap((f) => f.personIds ?? []))];
  const people = new Map<string, Person>();
  (await store.getPeople(ids)).forEach((p) => p && people.set(p.id, p));
  const plan = confirmUpload(files, (id) => people.get(id));
  // Two admins confirming the same file at once must not count two sends: re-check on fresh state.
  const builtAt = new Map<string, number>();
  for (const f of files) if (f.kind === 'invite') for (const id of f.personIds ?? []) builtAt.set(id, f.createdAt ?? 0);
  const stillWanted: StillWanted = (p, e) => e.type !== 'invite.sent' || !invitedSince(p, builtAt.get(p.id) ?? 0);
  const outcome = await applyPersonEvents(store, plan.changes, actor, now, { detail: 'upload-confirmed', stillWanted });
  return { ...outcome, missing: plan.missing };
}

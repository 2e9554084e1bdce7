// The thin applier behind "I uploaded the files": read the people, plan (pure), apply.
import type { Actor, Person } from '../../domain/types.ts';
import type { MigrationStore } from '../../store/store.ts';
import { applyPersonEvents, type ApplyOutcome } from '../apply-person-events.ts';
import type { ImportFile } from '../provisioning.ts';
import { confirmUpload } from './confirm-upload.ts';

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
  const outcome = await applyPersonEvents(store, plan.changes, actor, now, 'upload-confirmed');
  return { ...outcome, missing: plan.missing };
}

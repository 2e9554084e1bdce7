// Long Autodesk runs (PROVISIONING=autodesk): `invite`/`assign` record a run in the store and answer at once; a runner
// works the runs one after another, resumes an unfinished one after a restart, and `cancel autodesk` stops one.
import type { Actor, Locale } from '../domain/types.ts';

export interface AutodeskRun {
  id: string;
  kind: 'invite' | 'assign';
  product?: string;
  personIds: string[];
  by: Actor;
  locale: Locale;
  createdAt: number;
  status: 'queued' | 'running' | 'done' | 'cancelled';
  /** People handled so far by the current attempt (progress). */
  done: number;
  /** Which replica works it, and until when its claim holds without being renewed (epoch ms). */
  owner?: string;
  leaseUntil?: number;
  finishedAt?: number;
}

export interface AutodeskRuns {
  /** Records a run and wakes the runner; `ahead` = runs queued before it. */
  start(
    run: Pick<AutodeskRun, 'kind' | 'product' | 'personIds' | 'by' | 'locale'>,
  ): Promise<{ run: AutodeskRun; ahead: number }>;
  /** Cancels the running run (or the oldest queued one); undefined when there is none. */
  cancel(by: Actor): Promise<AutodeskRun | undefined>;
  /** Unfinished runs, oldest first. */
  open(): Promise<AutodeskRun[]>;
}

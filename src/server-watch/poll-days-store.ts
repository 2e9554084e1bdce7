// The daily poll summaries of each licence server (src/domain/poll-days.ts), one doc a server, changed atomically.
import { addPollToDays, type PollDay } from '../domain/poll-days.ts';
import type { LicenseServerPoll } from '../domain/license-server.ts';
import type { MigrationStore } from '../store/store.ts';

/** Doc kind of the daily summaries, one doc per server id. */
export const POLL_DAYS_DOC = 'lmstat-days';

interface PollDaysDoc {
  days: PollDay[];
}

const MAX_TRIES = 20;

/** The server's daily summaries, oldest first. */
export async function readPollDays(store: MigrationStore, serverId: string): Promise<PollDay[]> {
  return (await store.getDoc<PollDaysDoc>(POLL_DAYS_DOC, serverId))?.days ?? [];
}

/** Adds one poll to its day (compare-and-set: a poll and an agent push may land at once). */
export async function recordPollDay(store: MigrationStore, serverId: string, poll: LicenseServerPoll): Promise<void> {
  for (let i = 0; i < MAX_TRIES; i++) {
    const cur = await store.getDoc<PollDaysDoc>(POLL_DAYS_DOC, serverId);
    const next: PollDaysDoc = { days: addPollToDays(cur?.days ?? [], poll) };
    const ok = cur
      ? await store.compareAndSetDoc(POLL_DAYS_DOC, serverId, cur, next)
      : await store.putDocIfAbsent(POLL_DAYS_DOC, serverId, next);
    if (ok) return;
  }
  throw new Error(`poll days of ${serverId}: changed by others ${MAX_TRIES} times in a row`);
}

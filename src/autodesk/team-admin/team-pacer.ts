// One pace per Autodesk team, shared by every replica through the store: call slots `60 s / callsPerMinute` apart
// (no bursts: at most one call catches up after a late one), and a pause every replica respects when Autodesk says the window is spent (X-RateLimit-Remaining 0
// until X-RateLimit-Reset) or answers 429/503 with Retry-After. A slot is booked with a compare-and-set on one small
// doc, so two replicas never take the same slot. Times are the replicas' clocks (keep them NTP-synced).
import type { MigrationStore } from '../../store/store.ts';

export interface TeamPacer {
  /** Waits for this team's next call slot. */
  take(teamId: string): Promise<void>;
  /** No call to this team before `until` (epoch ms), on any replica. */
  pause(teamId: string, until: number): Promise<void>;
}

interface Pace {
  next: number;
  pausedUntil: number;
}

const KIND = 'autodesk-pace';

export function createTeamPacer(d: {
  store: MigrationStore;
  callsPerMinute: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}): TeamPacer {
  const gap = 60_000 / d.callsPerMinute;

  async function change(teamId: string, f: (p: Pace) => Pace | undefined): Promise<Pace | undefined> {
    for (;;) {
      const cur = await d.store.getDoc<Pace>(KIND, teamId);
      const next = f(cur ?? { next: 0, pausedUntil: 0 });
      if (!next) return undefined;
      const ok = cur
        ? await d.store.compareAndSetDoc(KIND, teamId, cur, next)
        : await d.store.putDocIfAbsent(KIND, teamId, next);
      if (ok) return next;
    }
  }

  return {
    async take(teamId) {
      let slot = 0;
      await change(teamId, (p) => {
        // Slots stay on their grid while the run is busy: a call that started late (a slow answer, a busy replica)
        // does not push every later slot back, but the grid never reaches more than one gap into the past, so a
        // pause or an idle team cannot turn into a burst.
        const now = d.now();
        slot = Math.max(p.next >= now - gap ? p.next : now, p.pausedUntil);
        return { ...p, next: slot + gap };
      });
      const wait = slot - d.now();
      if (wait > 0) await d.sleep(wait);
    },
    async pause(teamId, until) {
      await change(teamId, (p) =>
        p.pausedUntil >= until ? undefined : { next: Math.max(p.next, until), pausedUntil: until },
      );
    },
  };
}

// The one rule for a licence server's state (step 5): a table of cases, then every combination of facts.
import { describe, expect, it } from 'vitest';
import {
  plannedSwitchOff,
  SERVER_STATES,
  serverStanding,
  serverState,
  type ServerReading,
  type ServerStateFacts,
} from '../../src/domain/server-state.ts';

const PLAN = Date.UTC(2026, 11, 11, 16);
const OFF = Date.UTC(2026, 10, 1);
const up = (inUse: number, holders: number): ServerReading => ({ status: 'up', inUse, holders });
const down: ServerReading = { status: 'down', inUse: 0, holders: 0 };

describe('serverState', () => {
  it.each<[string, ServerStateFacts, string]>([
    ['never read', { ready: false }, 'unpolled'],
    ['never read, switched off', { ready: false, decommissionedAt: OFF }, 'off'],
    ['switched off though still in use', { ready: false, decommissionedAt: OFF, last: up(3, 2) }, 'off'],
    ['the last reading failed', { ready: false, last: down }, 'down'],
    ['the last reading failed, ready at the last check', { ready: true, last: down }, 'down'],
    ['ready', { ready: true, last: up(0, 0) }, 'ready'],
    ['licences out with names', { ready: false, last: up(2, 2) }, 'in_use'],
    ['licences out, no names listed', { ready: false, last: up(1, 0) }, 'in_use'],
    ['names listed, count 0', { ready: false, last: up(0, 1) }, 'in_use'],
    ['nobody on it, window not proven', { ready: false, last: up(0, 0) }, 'quiet'],
  ])('%s', (_, facts, state) => {
    expect(serverState(facts)).toBe(state);
  });

  it('every combination of facts: one state of SERVER_STATES, by the documented precedence', () => {
    const readings: (ServerReading | undefined)[] = [undefined, down, up(0, 0), up(1, 0), up(0, 1), up(4, 3)];
    let cases = 0;
    const seen = new Set<string>();
    for (const decommissionedAt of [undefined, OFF])
      for (const last of readings)
        for (const ready of [false, true])
          for (const plannedOffAt of [undefined, PLAN]) {
            const facts: ServerStateFacts = { decommissionedAt, last, ready, plannedOffAt };
            const { state, plannedOffAt: shown } = serverStanding(facts);
            cases++;
            seen.add(state);
            expect(SERVER_STATES).toContain(state);
            expect(state === 'off').toBe(decommissionedAt !== undefined);
            if (state !== 'off') expect(state === 'unpolled').toBe(last === undefined);
            if (state === 'ready') expect([ready, last?.status]).toEqual([true, 'up']);
            if (state === 'in_use' || state === 'quiet') expect([ready, last?.status]).toEqual([false, 'up']);
            if (state === 'quiet') expect([last?.inUse, last?.holders]).toEqual([0, 0]);
            // The plan is shown exactly while the server runs.
            expect(shown).toBe(state === 'off' ? undefined : plannedOffAt);
            expect(shown).toBe(plannedSwitchOff(facts));
          }
    expect(cases).toBe(2 * 6 * 2 * 2);
    expect([...seen].sort()).toEqual([...SERVER_STATES].sort());
  });
});

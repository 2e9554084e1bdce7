// Where a licence server stands in step 5, one rule for every view: the `servers` command (from the poll history) and
// the admin status card (from the server's record) each turn what they have into the same facts and ask here.

/** Every state, in the order the rule checks them. */
export const SERVER_STATES = ['off', 'unpolled', 'down', 'ready', 'in_use', 'quiet'] as const;

/**
 * `off`: an admin confirmed it switched off. `unpolled`: no reading yet. `down`: the last reading could not read it.
 * `ready`: the decommission rule says it may be switched off. `in_use`: licences out or people on it at the last
 * reading. `quiet`: nobody on it at the last reading, but not ready yet (the quiet window is not proven).
 */
export type ServerState = (typeof SERVER_STATES)[number];

/** The latest reading of a server, as far as its state is concerned. */
export interface ServerReading {
  status: 'up' | 'down';
  /** Licenses in use, as the server reported them. */
  inUse: number;
  /** Distinct licence holders (user@host) listed at that reading. */
  holders: number;
}

export interface ServerStateFacts {
  /** When an admin confirmed it switched off. */
  decommissionedAt?: number | undefined;
  /** The latest reading; absent when it was never read. */
  last?: ServerReading | undefined;
  /** The decommission rule's answer (src/domain/decommission.ts), computed now or stored at the last check. */
  ready: boolean;
  /** When the admins plan to switch it off (`servers plan`). */
  plannedOffAt?: number | undefined;
}

export interface ServerStanding {
  state: ServerState;
  /** The planned switch-off still to come into effect: absent without a plan or once the server is switched off. */
  plannedOffAt?: number;
}

/** The planned switch-off that still counts: none once the server is switched off. */
export function plannedSwitchOff(f: Pick<ServerStateFacts, 'decommissionedAt' | 'plannedOffAt'>): number | undefined {
  return f.decommissionedAt === undefined ? f.plannedOffAt : undefined;
}

/** The state of a licence server from its facts; see ServerState for what each means. */
export function serverState(f: ServerStateFacts): ServerState {
  if (f.decommissionedAt !== undefined) return 'off';
  if (!f.last) return 'unpolled';
  if (f.last.status === 'down') return 'down';
  if (f.ready) return 'ready';
  return f.last.inUse > 0 || f.last.holders > 0 ? 'in_use' : 'quiet';
}

/** The state and the planned switch-off to show. */
export function serverStanding(f: ServerStateFacts): ServerStanding {
  const plannedOffAt = plannedSwitchOff(f);
  return { state: serverState(f), ...(plannedOffAt !== undefined ? { plannedOffAt } : {}) };
}

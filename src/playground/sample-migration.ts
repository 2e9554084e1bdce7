// The migration the playground starts with when the store is empty: 50 people of a made-up engineering firm, two
// managers, three products, steps 1–2 mostly done (as if the admin had uploaded the Autodesk files), and one licence
// server whose last lmstat run still shows people on network licences.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ORGANISATION_NAME, type Config } from '../config.ts';
import type { PersonEvent } from '../domain/events.ts';
import type { Actor, Person } from '../domain/types.ts';
import type { Logger } from '../log.ts';
import { importRoster } from '../roster/import-roster.ts';
import { parseRoster } from '../roster/parse-roster.ts';
import { updatePerson } from '../services/update-person.ts';
import type { MigrationStore } from '../store/store.ts';

export const SAMPLE_ROSTER = fileURLToPath(new URL('../../data/playground/sample-roster.csv', import.meta.url));
export const SAMPLE_LMSTAT = fileURLToPath(new URL('../../data/playground/lmstat-lic01.txt', import.meta.url));

const ACTOR: Actor = { id: 'playground', source: 'playground' };
/** The made-up firm of the sample roster, shown as the organisation while the default name is in force. */
export const SAMPLE_ORGANISATION = 'Acme Engineering';
const SAMPLE_DOC = { kind: 'playground', id: 'sample' } as const;

/** True when this store holds the sample migration (it was loaded into it, here or by an earlier run). */
export async function holdsSample(store: MigrationStore): Promise<boolean> {
  return (await store.getDoc(SAMPLE_DOC.kind, SAMPLE_DOC.id)) !== undefined;
}

/** The sample licence server: "lmstat" prints the saved output of a real-looking Autodesk server. */
export function sampleLicenseServer(): Config['LICENSE_SERVERS'][number] {
  return {
    id: 'lic01',
    address: '27000@lic01.example.org',
    command: [
      process.execPath,
      '-e',
      "process.stdout.write(require('node:fs').readFileSync(process.argv[1]))",
      SAMPLE_LMSTAT,
    ],
  };
}

/** Where each sample person stands: most done with steps 1–2, a few invitations pending, a few not invited. */
function setupEvents(p: Person, index: number, count: number): PersonEvent[] {
  if (index >= count - 3) return [];
  if (index >= count - 6) return [{ type: 'invite.sent' }];
  const events: PersonEvent[] = [{ type: 'invite.sent' }, { type: 'invite.accepted' }];
  for (const product of p.products) events.push({ type: 'product.assigned', product });
  // The admin tried it first: switched and signed in.
  if (p.roles.includes('admin'))
    for (const product of p.products) events.push({ type: 'device.switched', product, device: 'PC-0001', by: 'user' });
  if (p.roles.includes('admin')) events.push({ type: 'inform.sent' }, { type: 'inform.acknowledged' });
  return events;
}

/** True when the store holds nobody yet (a fresh embedded start, or a new migration id on Redis). */
export async function isEmpty(store: MigrationStore): Promise<boolean> {
  return ((await store.counters()).total ?? 0) === 0;
}

/** Loads the sample roster and its progress into an empty store; returns how many people it created. */
export async function loadSampleMigration(store: MigrationStore, now: number, logger: Logger): Promise<number> {
  const parsed = parseRoster(await readFile(SAMPLE_ROSTER));
  if (!parsed.ok) throw new Error(`sample roster line ${parsed.line}: ${parsed.reason}`);
  const result = await importRoster(store, parsed.roster, ACTOR, now);
  const people = await store.getPeople(parsed.roster.entries.map((e) => e.id));
  for (const [i, p] of people.entries()) {
    if (!p) continue;
    const events = setupEvents(p, i, people.length);
    if (events.length === 0) continue;
    const r = await updatePerson(store, p.id, events, ACTOR, now, { detail: 'playground sample' });
    if (!r.ok) logger.warn({ person: p.id, code: r.error.code }, 'sample step could not be applied');
  }
  await store.putDoc(SAMPLE_DOC.kind, SAMPLE_DOC.id, { loadedAt: now });
  await store.appendAudit({
    at: now,
    actor: ACTOR.id,
    source: ACTOR.source,
    action: 'import',
    detail: `playground sample created=${result.created}`,
  });
  return result.created;
}

/**
 * The playground's first-start step, run by build-app.ts before it builds the services (main.ts asks for it; tests of
 * other features never do, so their stores stay theirs): an empty store gets the sample migration; a store holding it
 * runs with the sample's licence server (unless LICENSE_SERVERS names real ones) and its firm's name (unless
 * ORGANISATION_NAME is set). `firstPoll` asks for one poll of the sample server at start, so step 5 has something to
 * show.
 */
export async function preparePlayground(
  config: Config,
  store: MigrationStore,
  now: number,
  logger: Logger,
): Promise<{ config: Config; firstPoll: boolean }> {
  if (!config.playgroundEnabled) return { config, firstPoll: false };
  const loaded = (await isEmpty(store)) ? await loadSampleMigration(store, now, logger) : 0;
  if (loaded)
    logger.info({ people: loaded }, 'playground: sample migration loaded (import your own roster from the page)');
  if (!(await holdsSample(store))) return { config, firstPoll: false };
  const ownServers = config.LICENSE_SERVERS.length > 0;
  return {
    config: {
      ...config,
      ...(ownServers ? {} : { LICENSE_SERVERS: [sampleLicenseServer()] }),
      ...(config.ORGANISATION_NAME === DEFAULT_ORGANISATION_NAME ? { ORGANISATION_NAME: SAMPLE_ORGANISATION } : {}),
    },
    firstPoll: loaded > 0 && !ownServers,
  };
}

// Starts the real app (buildApp, HTTP on 127.0.0.1:0) with the Teams module pointed at a fake Bot Connector.
import { buildApp, type App } from '../../../src/app/build-app.ts';
import type { Interaction, InteractionHandler, InteractionReply } from '../../../src/ports/interaction.ts';
import { loadConfig } from '../../../src/config.ts';
import { newPerson, type NewPersonInput } from '../../../src/domain/person.ts';
import type { Person } from '../../../src/domain/types.ts';
import { createLogger } from '../../../src/log.ts';
import { createPerson } from '../../../src/services/update-person.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import type { MigrationStore } from '../../../src/store/store.ts';

export interface TeamsTestApp {
  app: App;
  url: string;
  store: MigrationStore;
  /** Every interaction the core was handed. */
  calls: Interaction[];
  /** What the core answers next (default: one 'message' card). */
  setReply(reply: InteractionReply | ((i: Interaction) => InteractionReply)): void;
  addPerson(input: Partial<NewPersonInput> & { email: string }, chat?: Person['chat']): Promise<Person>;
  stop(): Promise<void>;
}

export async function startTeamsApp(env: Record<string, string>): Promise<TeamsTestApp> {
  const store = createMemoryStore(`teams-${Math.random().toString(36).slice(2)}`);
  const calls: Interaction[] = [];
  let reply: InteractionReply | ((i: Interaction) => InteractionReply) = {
    cards: [{ name: 'message', data: { title: 'Core says hello', text: 'Reply from the core' }, locale: 'en' }],
  };
  const recorder: InteractionHandler = async (i) => {
    calls.push(i);
    return typeof reply === 'function' ? reply(i) : reply;
  };
  const config = loadConfig({ HOST: '127.0.0.1', LOG_LEVEL: 'silent', TEAMS_TIMEOUT_MS: '1500', ...env });
  const app = await buildApp(config, createLogger('silent'), { store, wrapHandler: () => recorder });
  const port = await app.start(0);
  // The directory sync the app runs once it is ready: over before a test counts calls to the fake.
  await app.services.directory.idle();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    store,
    calls,
    setReply(r) {
      reply = r;
    },
    async addPerson(input, chat) {
      const person = newPerson({ firstName: 'Test', lastName: 'Person', ...input }, Date.now());
      if (chat) person.chat = chat;
      await createPerson(store, person, { id: 'test', source: 'system' }, Date.now());
      return (await store.getPerson(person.id))!;
    },
    stop: () => app.stop(),
  };
}

// The ChatChannel contract, run for Teams against the fake Bot Connector over HTTP.
import { runChannelContract } from '../contract.ts';
import { startFakeBotConnector } from '../../fakes/bot-connector.ts';
import { startTeamsApp } from './app.ts';

runChannelContract('teams', async () => {
  const fake = await startFakeBotConnector();
  const t = await startTeamsApp({ NODE_ENV: 'test', TEAMS_LOCAL_NO_AUTH: 'true', TEAMS_SERVICE_URL: fake.url });
  const reachable = await t.addPerson(
    { email: 'reachable@example.org' },
    {
      teams: { userId: '29:reachable', tenantId: 'tenant-1', serviceUrl: fake.url, conversationId: 'a:reachable-chat' },
    },
  );
  const unreachable = await t.addPerson({ email: 'unreachable@example.org' });
  return {
    channel: t.app.services.channels.teams!,
    reachable,
    unreachable,
    injectFault: (fault) => fake.injectFault(fault),
    posted: () =>
      fake.posted().map(({ conversationId, messageId, payload }) => ({ conversationId, messageId, payload })),
    updated: () =>
      fake.updated().map(({ conversationId, messageId, payload }) => ({ conversationId, messageId, payload })),
    async close() {
      await t.stop();
      await fake.close();
    },
  };
});

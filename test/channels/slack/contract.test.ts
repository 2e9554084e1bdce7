// The ChatChannel contract suite, run on the Slack channel against the fake Slack Web API.
import { runChannelContract, type InjectedFault } from '../contract.ts';
import { createSlackChannel } from '../../../src/channels/slack/slack-channel.ts';
import { newPerson } from '../../../src/domain/person.ts';
import { startFakeSlackApi, type SlackFault } from '../../fakes/slack-api.ts';
import { member } from '../../fakes/slack-directory.ts';
import { makeEdge } from './edge-harness.ts';

const toSlackFault = (f: InjectedFault): SlackFault => {
  const method = 'chat.postMessage';
  switch (f.kind) {
    case 'rate_limit':
      return { method, kind: 'rate_limit', retryAfterSeconds: f.retryAfterSeconds };
    case 'blocked':
      return { method, kind: 'error', error: 'cannot_dm_bot' };
    case 'not_found':
      return { method, kind: 'error', error: 'channel_not_found' };
    case 'server_error':
      return { method, kind: 'http', status: f.status };
    case 'timeout':
      return { method, kind: 'timeout' };
    case 'invalid':
      return { method, kind: 'error', error: 'invalid_blocks' };
  }
};

runChannelContract('slack', async () => {
  const fake = await startFakeSlackApi({ members: [member('U0REACH', 'reach@example.org')] });
  // Short enough for the timeout case to be quick, long enough for a loaded machine.
  const edge = makeEdge(fake, { env: { SLACK_TIMEOUT_MS: '1500' } });
  const reachable = newPerson({ email: 'reach@example.org', firstName: 'Rea', lastName: 'Chable' }, 0);
  reachable.chat.slack = { userId: 'U0REACH' };
  const unreachable = newPerson({ email: 'nobody@example.org', firstName: 'No', lastName: 'Body' }, 0);
  const view = (m: { channel: string; ts: string; text?: string; blocks?: unknown[] }) => ({
    conversationId: m.channel,
    messageId: m.ts,
    payload: { text: m.text, blocks: m.blocks },
  });
  return {
    channel: createSlackChannel(edge),
    reachable,
    unreachable,
    injectFault: (f) => fake.injectFault(toSlackFault(f)),
    posted: () => fake.posted().map(view),
    updated: () => fake.updated().map(view),
    close: () => fake.close(),
  };
});

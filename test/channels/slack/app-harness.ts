// The whole bot started with buildApp on port 0, Slack pointed at the fake Web API, and helpers that call
// POST /slack/events exactly as Slack does: signed form posts (commands, interactivity) and signed JSON (events).
import { buildApp, type App } from '../../../src/app/build-app.ts';
import type { Interaction, InteractionHandler } from '../../../src/ports/interaction.ts';
import { loadConfig } from '../../../src/config.ts';
import { newPerson, type NewPersonInput } from '../../../src/domain/person.ts';
import type { Person } from '../../../src/domain/types.ts';
import { createLogger } from '../../../src/log.ts';
import { rememberChatUser } from '../../../src/services/chat-identity.ts';
import { createPerson } from '../../../src/services/update-person.ts';
import { slackSignature } from '../../../src/channels/slack/verify-signature.ts';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackOptions } from '../../fakes/slack-api.ts';
import { FAKE_TEAM_ID } from '../../fakes/slack-directory.ts';
import { SIGNING_SECRET, slackEnv } from './edge-harness.ts';

export interface SlackAppHarness {
  fake: FakeSlackApi;
  app: App;
  base: string;
  /** Every interaction the core received, in order. */
  interactions: Interaction[];
  /** Replaces what the test core answers. */
  answer(handler: InteractionHandler): void;
  addPerson(input: NewPersonInput, slackUserId?: string): Promise<Person>;
  post(body: string, contentType: string, sign?: { timestamp?: number; secret?: string }): Promise<Response>;
  command(userId: string, text: string, extra?: Record<string, string>): Promise<Response>;
  interact(payload: Record<string, unknown>): Promise<Response>;
  event(event: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

export async function startSlackApp(
  opts: { fake?: FakeSlackOptions; env?: Record<string, string> } = {},
): Promise<SlackAppHarness> {
  const fake = await startFakeSlackApi(opts.fake);
  const config = loadConfig(slackEnv(fake, { HOST: '127.0.0.1', ...opts.env }));
  const interactions: Interaction[] = [];
  let handler: InteractionHandler = async () => ({ cards: [] });
  const app = await buildApp(config, createLogger('silent'), {
    wrapHandler: () => async (i) => {
      interactions.push(i);
      return handler(i);
    },
  });
  const port = await app.start(0);
  // The directory sync the bot runs once ready (users.list) is over before a test starts counting calls.
  await app.services.directory.idle();
  const base = `http://127.0.0.1:${port}`;
  let seq = 0;

  const post: SlackAppHarness['post'] = (body, contentType, sign = {}) => {
    const timestamp = String(sign.timestamp ?? Math.floor(Date.now() / 1000));
    return fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': slackSignature(sign.secret ?? SIGNING_SECRET, timestamp, body),
      },
      body,
    });
  };

  return {
    fake,
    app,
    base,
    interactions,
    answer: (h) => void (handler = h),
    async addPerson(input, slackUserId) {
      const person = newPerson(input, Date.now());
      await createPerson(app.services.store, person, { id: 'test', source: 'system' }, Date.now());
      if (slackUserId) await rememberChatUser(app.services.store, 'slack', slackUserId, person.id);
      return person;
    },
    post,
    command(userId, text, extra = {}) {
      const form = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: FAKE_TEAM_ID,
        team_domain: 'fake',
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: userId,
        user_name: userId.toLowerCase(),
        command: config.SLACK_COMMAND,
        text,
        api_app_id: 'A0NUMBOT',
        response_url: fake.responseUrl(`cmd-${++seq}`),
        trigger_id: `trigger-${seq}`,
        ...extra,
      });
      return post(form.toString(), 'application/x-www-form-urlencoded');
    },
    interact(payload) {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return post(body, 'application/x-www-form-urlencoded');
    },
    event(event) {
      const body = JSON.stringify({
        token: 'legacy-verification-token',
        team_id: FAKE_TEAM_ID,
        api_app_id: 'A0NUMBOT',
        type: 'event_callback',
        event_id: `Ev${++seq}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: FAKE_TEAM_ID, user_id: 'UNUMBOT', is_bot: true, is_enterprise_install: false }],
        event,
      });
      return post(body, 'application/json');
    },
    async close() {
      await app.stop();
      await fake.close();
    },
  };
}

/** Polls until the check passes (the bot keeps working after it acknowledged Slack). */
export { eventually } from '../../helpers/eventually.ts';

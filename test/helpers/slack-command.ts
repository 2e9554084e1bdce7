// A signed `/migrate` slash command as Slack sends it to the bot's /slack/events, and the answer Slack's fake received
// on the command's response URL (as JSON text, for `toContain` checks on what the admin reads).
import { expect } from 'vitest';
import { slackSignature } from '../../src/channels/slack/verify-signature.ts';
import { SIGNING_SECRET } from '../channels/slack/edge-harness.ts';
import type { FakeSlackApi } from '../fakes/slack-api.ts';
import { eventually } from './eventually.ts';

export async function slashCommand(
  base: string,
  slack: FakeSlackApi,
  text: string,
  responseId: string,
  options: { userId?: string; timeoutMs?: number } = {},
): Promise<string> {
  const body = new URLSearchParams({
    team_id: 'T0FAKE',
    channel_id: 'C0GENERAL',
    user_id: options.userId ?? 'U0ADMIN',
    user_name: 'admin',
    command: '/migrate',
    text,
    api_app_id: 'A0NUMBOT',
    response_url: slack.responseUrl(responseId),
    trigger_id: `trigger-${responseId}`,
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': slackSignature(SIGNING_SECRET, ts, body),
    },
    body,
  });
  expect(res.status).toBe(200);
  return JSON.stringify((await eventually(() => slack.responses(responseId)[0], options.timeoutMs ?? 10_000)).body);
}

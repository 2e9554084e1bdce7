// Operations: the logs of a whole run (playground commands and card actions, a signed Slack slash command, agent
// pushes with right and wrong tokens) at trace level are structured JSON with request ids, and carry no token, no
// secret from the configuration and no message body.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/build-app.ts';
import { buildApps } from '../../src/app/build-apps.ts';
import { slackSignature } from '../../src/channels/slack/verify-signature.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.ts';
import { member } from '../fakes/slack-directory.ts';

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-LEAKCHECK-bot-token-7f3a9c',
  SLACK_SIGNING_SECRET: 'LEAKCHECK-signing-secret-41b2',
  MICROSOFT_APP_PASSWORD: 'LEAKCHECK-teams-password-88d1',
  AGENT_TOKEN: 'LEAKCHECK-agent-token-0123456789',
  DEVICE_TOKEN_SECRET: 'LEAKCHECK-device-secret-abcdef',
};
const WRONG_TOKEN = 'LEAKCHECK-wrong-token-zzzzzzzz';
/** Text people typed or sent: must never reach a log line. */
const BODIES = {
  command: 'BODYMARK-command-words',
  help: 'BODYMARK-help-request my password is hunter2',
  slack: 'BODYMARK-slack-words',
  lmstat: 'BODYMARK-lmstat-output',
};
const ADMIN = 'marc.peeters@acme.example';
const TOM = 'tom.janssens@acme.example';
const H = { 'x-numbot-playground': '1', 'content-type': 'application/json' };

let fake: FakeSlackApi;
let app: App;
let base: string;
/** The playground beside the real platforms: a separate app on its own migration and port. */
let sandbox: App | undefined;
let pgBase: string;
const lines: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlackApi({ token: SECRETS.SLACK_BOT_TOKEN, members: [member('U0ADMIN', ADMIN)] });
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({
    ...SECRETS,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'trace',
    PLAYGROUND: 'on',
    PLAYGROUND_MIGRATION_ID: `log-safety-${process.pid}`,
    SLACK_API_URL: fake.url,
    MICROSOFT_APP_ID: '0b5a4c1e-7d2f-4c3b-9a8e-1f2d3c4b5a69',
    MICROSOFT_APP_TENANT_ID: '11111111-2222-3333-4444-555555555555',
  });
  const apps = await buildApps(config, createLogger('trace', sink));
  app = apps.main;
  sandbox = apps.playground;
  base = `http://127.0.0.1:${await app.start(0)}`;
  pgBase = `http://127.0.0.1:${await sandbox!.start(0)}`;
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await sandbox?.stop();
  await fake?.close();
});

const playground = (path: string, body: unknown) =>
  fetch(`${pgBase}/playground/api${path}`, { method: 'POST', headers: H, body: JSON.stringify(body) });

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('logs of a run', () => {
  it('hold no token, secret or message body', async () => {
    expect((await playground('/command', { as: ADMIN, text: 'notify pending' })).status).toBe(200);
    expect((await playground('/command', { as: ADMIN, text: `who step4 ${BODIES.command}` })).status).toBe(200);
    expect((await playground('/command', { as: TOM, text: `lang ${BODIES.command}` })).status).toBe(200);

    const card = await until('the step-4 card', async () => {
      const res = await fetch(`${pgBase}/playground/api/conversations/${TOM}`, { headers: H });
      const { messages } = (await res.json()) as {
        messages: { id: string; card: { name: string; teams: { actions: { verb?: string; data?: object }[] } } }[];
      };
      return messages.find((m) => m.card.name === 'step4');
    });
    const data = card.card.teams.actions.find((a) => a.verb === 'step4.signed_in')?.data ?? {};
    const help = await playground('/action', {
      as: TOM,
      action: 'step4.need_help',
      data: { ...data, helpText: BODIES.help },
      messageId: card.id,
    });
    expect(help.status).toBe(200);
    expect((await sandbox!.services.store.getPerson(TOM))?.inform.status).toBe('needs_help');

    const form = new URLSearchParams({
      team_id: 'T0FAKE',
      channel_id: 'C0GENERAL',
      user_id: 'U0ADMIN',
      command: '/migrate',
      text: `status ${BODIES.slack}`,
      response_url: fake.responseUrl('cmd-1'),
      trigger_id: 'trigger-1',
    }).toString();
    const ts = String(Math.floor(Date.now() / 1000));
    const slack = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': ts,
        'x-slack-signature': slackSignature(SECRETS.SLACK_SIGNING_SECRET, ts, form),
      },
      body: form,
    });
    expect(slack.status).toBe(200);
    await until('the Slack answer', () => (fake.responses('cmd-1').length > 0 ? true : undefined));

    const lmstat = `Users of 87545ACD_2024_0F:  (Total of 10 licenses issued;  Total of 1 license in use)\n    ${BODIES.lmstat} PC-9 PC-9 (v1.000) (lic01/27000 1), start Thu 2/1 9:02\n`;
    for (const token of [SECRETS.AGENT_TOKEN, WRONG_TOKEN])
      await fetch(`${base}/api/license-servers/lic01/lmstat`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
        body: lmstat,
      });

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const [name, secret] of Object.entries({ ...SECRETS, WRONG_TOKEN }))
      expect(log.includes(secret), `${name} in the logs`).toBe(false);
    for (const [name, body] of Object.entries(BODIES))
      expect(log.includes(body.split(' ')[0]!), `${name} text in the logs`).toBe(false);
    expect(log).not.toContain('hunter2');
  }, 120_000);

  it('are JSON lines, requests carrying a request id', () => {
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = parsed.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.every((l) => typeof l.requestId === 'string' && typeof l.path === 'string')).toBe(true);
    expect(parsed.every((l) => typeof l.level === 'number' && typeof l.time === 'number')).toBe(true);
    // What a module logs while serving a request carries that request's id.
    const handled = parsed.filter((l) => l.msg === 'interaction handled');
    expect(handled.length).toBeGreaterThanOrEqual(4);
    const ids = new Set(requests.map((l) => l.requestId));
    expect(handled.every((l) => ids.has(l.requestId))).toBe(true);
  });
});

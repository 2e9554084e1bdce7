// The Slack app manifest asks for exactly the scopes the Slack edge's code needs: every Web API method it calls is
// covered, and no scope is there that no call needs. Events, the slash command and the URLs match the edge too, and
// the Socket Mode variant is the same app without the URLs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { slackManifest } from '../../scripts/slack-manifest.ts';
import { SLACK_EVENTS_PATH } from '../../src/channels/slack/slack-edge.ts';
import { envSchema } from '../../src/config.ts';

/** Bot-token scopes each Web API method needs (docs.slack.dev method pages). Methods that need none map to []. */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'conversations.open': ['im:write'],
  'files.info': ['files:read'],
  'files.uploadV2': ['files:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  // numbot reads profile.email to link a Slack user to a roster person: that field needs users:read.email.
  'users.info': ['users:read', 'users:read.email'],
  'users.list': ['users:read', 'users:read.email'],
  'users.lookupByEmail': ['users:read.email'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
};
/** Bolt listeners and what they need: a scope for the slash command, event subscriptions for events. */
const EVENT_SUBSCRIPTIONS: Record<string, { event: string; scopes: string[] }> = {
  // The edge only answers direct messages (channel_type im).
  message: { event: 'message.im', scopes: ['im:history'] },
  app_home_opened: { event: 'app_home_opened', scopes: [] },
};

const dir = join(import.meta.dirname, '../../src/channels/slack');
const files = (d: string): string[] =>
  readdirSync(d).flatMap((n) =>
    statSync(join(d, n)).isDirectory() ? files(join(d, n)) : n.endsWith('.ts') ? [join(d, n)] : [],
  );
const source = files(dir)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

const methods = new Set([...source.matchAll(/\bclient\.([a-z]+)\.([A-Za-z0-9]+)\(/g)].map((m) => `${m[1]}.${m[2]}`));
for (const m of source.matchAll(/\bapiCall\(\s*'([a-z]+\.[A-Za-z0-9.]+)'/g)) methods.add(m[1]!);
const events = new Set([...source.matchAll(/\bapp\.event\(\s*'([a-z_]+)'/g)].map((m) => m[1]!));
const usesCommand = /\bapp\.command\(/.test(source);
const usesInteractivity = /\bapp\.(action|view|shortcut)\b/.test(source);

type Manifest = {
  features: {
    slash_commands: { command: string; url: string }[];
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
};
const command = envSchema.shape.SLACK_COMMAND.parse(undefined);
const manifest = parse(
  slackManifest({ PUBLIC_URL: 'https://numbot.acme.example', SLACK_COMMAND: command }),
) as Manifest;

describe('Slack app manifest', () => {
  it('finds the calls it checks in the Slack edge', () => {
    expect(methods).toContain('chat.postMessage');
    expect(methods).toContain('users.list');
    expect(usesCommand).toBe(true);
  });

  it('knows the scopes of every Web API method the edge calls', () => {
    expect([...methods].filter((m) => !(m in METHOD_SCOPES))).toEqual([]);
    expect([...events].filter((e) => !(e in EVENT_SUBSCRIPTIONS))).toEqual([]);
  });

  it('asks for every scope the code needs and no other', () => {
    const needed = new Set([...methods].flatMap((m) => METHOD_SCOPES[m] ?? []));
    for (const e of events) for (const s of EVENT_SUBSCRIPTIONS[e]?.scopes ?? []) needed.add(s);
    if (usesCommand) needed.add('commands');
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('subscribes to the events the edge listens to, at its events URL', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...events].map((e) => EVENT_SUBSCRIPTIONS[e]!.event).sort(),
    );
    expect(manifest.settings.event_subscriptions.request_url).toBe(`https://numbot.acme.example${SLACK_EVENTS_PATH}`);
    expect(manifest.features.app_home.home_tab_enabled).toBe(events.has('app_home_opened'));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(events.has('message'));
  });

  it('declares the configured slash command and interactivity on the same endpoint', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command, url: `https://numbot.acme.example${SLACK_EVENTS_PATH}` }),
    ]);
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: usesInteractivity,
      request_url: `https://numbot.acme.example${SLACK_EVENTS_PATH}`,
    });
    expect(slackManifest({ PUBLIC_URL: 'https://x.example', SLACK_COMMAND: '/licences' })).toContain(
      'command: "/licences"',
    );
  });

  it('refuses a PUBLIC_URL Slack cannot call', () => {
    expect(() => slackManifest({ PUBLIC_URL: undefined, SLACK_COMMAND: command })).toThrow(/PUBLIC_URL/);
    expect(() => slackManifest({ PUBLIC_URL: 'http://numbot.acme.example', SLACK_COMMAND: command })).toThrow(/https/);
  });

  it('prints a Socket Mode variant that needs no PUBLIC_URL: the same app, with Socket Mode on and no request URLs', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    const text = slackManifest({ PUBLIC_URL: undefined, SLACK_COMMAND: command }, { socketMode: true });
    expect(text).not.toMatch(/request_url|url:|\{\{/);
    const socket = parse(text) as Manifest;
    expect(socket.settings.socket_mode_enabled).toBe(true);
    // Everything else is the HTTP manifest's, request URLs aside.
    const withoutUrls = structuredClone(manifest) as Record<string, unknown> & Manifest;
    delete (withoutUrls.settings.event_subscriptions as Partial<Manifest['settings']['event_subscriptions']>)
      .request_url;
    delete (withoutUrls.settings.interactivity as Partial<Manifest['settings']['interactivity']>).request_url;
    for (const c of withoutUrls.features.slash_commands) delete (c as Partial<typeof c>).url;
    expect(socket).toEqual({ ...withoutUrls, settings: { ...withoutUrls.settings, socket_mode_enabled: true } });
  });
});

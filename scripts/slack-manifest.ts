// Prints the Slack app manifest filled in for this deployment (PUBLIC_URL, SLACK_COMMAND from the configuration).
// Run: npx tsx scripts/slack-manifest.ts > slack-manifest.yaml, then paste it at api.slack.com/apps > From a manifest.
// For Socket Mode (no public URL): npx tsx scripts/slack-manifest.ts --socket-mode (or with SLACK_SOCKET_MODE=true)
// prints it with socket_mode_enabled: true and no request URLs, and needs no PUBLIC_URL.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { ConfigError, loadConfig, type Config } from '../src/config.ts';

export const SLACK_MANIFEST = new URL('../manifest/slack/manifest.yaml', import.meta.url);

/** Where the manifest names numbot's public URL; Slack needs none of them in Socket Mode. */
const REQUEST_URLS = [
  ['settings', 'event_subscriptions', 'request_url'],
  ['settings', 'interactivity', 'request_url'],
];

/** The manifest over Socket Mode: socket_mode_enabled, and no request URL (the slash command's `url` included). */
function socketModeVariant(template: string): string {
  const doc = parseDocument(template);
  doc.setIn(['settings', 'socket_mode_enabled'], true);
  for (const path of REQUEST_URLS) doc.deleteIn(path);
  const commands = doc.getIn(['features', 'slash_commands']) as { items: unknown[] } | undefined;
  commands?.items.forEach((_, i) => doc.deleteIn(['features', 'slash_commands', i, 'url']));
  return doc.toString({ lineWidth: 120 });
}

/**
 * The manifest text with its placeholders filled; throws when PUBLIC_URL is not an https address (over HTTP, where
 * Slack calls it). With `socketMode`, the Socket Mode variant, which needs no PUBLIC_URL.
 */
export function slackManifest(
  config: Pick<Config, 'PUBLIC_URL' | 'SLACK_COMMAND'>,
  { socketMode = false }: { socketMode?: boolean } = {},
  template = readFileSync(SLACK_MANIFEST, 'utf8'),
): string {
  const values: Record<string, string> = { SLACK_COMMAND: config.SLACK_COMMAND };
  if (socketMode) template = socketModeVariant(template);
  else {
    const url = config.PUBLIC_URL ? new URL(config.PUBLIC_URL) : undefined;
    if (!url || url.protocol !== 'https:')
      throw new Error(
        "PUBLIC_URL: set it to the bot's public https:// address (Slack calls it), or print the Socket Mode manifest (--socket-mode)",
      );
    values.PUBLIC_URL = url.origin;
  }
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`slack manifest: no value for {{${name}}}`);
    return v;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const config = loadConfig();
    process.stdout.write(
      slackManifest(config, { socketMode: process.argv.includes('--socket-mode') || config.SLACK_SOCKET_MODE }),
    );
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : (err as Error).message);
    process.exit(78);
  }
}

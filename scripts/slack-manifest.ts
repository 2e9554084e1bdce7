// Prints the Slack app manifest filled in for this deployment (PUBLIC_URL, SLACK_COMMAND from the configuration).
// Run: npx tsx scripts/slack-manifest.ts > slack-manifest.yaml, then paste it at api.slack.com/apps > From a manifest.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../src/config.ts';

export const SLACK_MANIFEST = new URL('../manifest/slack/manifest.yaml', import.meta.url);

/** The manifest text with its placeholders filled; throws when PUBLIC_URL is not an https address. */
export function slackManifest(config: Pick<Config, 'PUBLIC_URL' | 'SLACK_COMMAND'>, template = readFileSync(SLACK_MANIFEST, 'utf8')): string {
  const url = config.PUBLIC_URL ? new URL(config.PUBLIC_URL) : undefined;
  if (!url || url.protocol !== 'https:') throw new Error('PUBLIC_URL: set it to the bot\'s public https:// address (Slack calls it)');
  const values: Record<string, string> = { PUBLIC_URL: url.origin, SLACK_COMMAND: config.SLACK_COMMAND };
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`slack manifest: no value for {{${name}}}`);
    return v;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(slackManifest(loadConfig()));
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : (err as Error).message);
    process.exit(78);
  }
}

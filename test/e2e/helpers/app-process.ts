// The whole bot (buildApp) in its own process, for tests that kill it: SIGKILL ends it with no stop at all.
//   node --import tsx test/e2e/helpers/app-process.ts '<json AppProcessConfig>'
// It prints "ready <port>" once it serves; Autodesk's time follows the fake's scaled clock from the anchor given.
import { buildApp } from '../../../src/app/build-app.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';

export interface AppProcessConfig {
  env: Record<string, string>;
  /** The fake's virtual time at real time `realAt`, and its scale. */
  autodeskTime: { virtualAt: number; realAt: number; scale: number };
}

const config = JSON.parse(process.argv[2] ?? '{}') as AppProcessConfig;
const { virtualAt, realAt, scale } = config.autodeskTime;
const app = await buildApp(loadConfig(config.env), createLogger('silent'), {
  autodeskTime: {
    now: () => virtualAt + (Date.now() - realAt) * scale,
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms / scale))),
  },
});
const port = await app.start(0);
process.stdout.write(`ready ${port}\n`);
// The test's end closes the IPC channel: stop then, however the parent ended.
process.on('disconnect', () => void app.stop().finally(() => process.exit(0)));

// numbot in a real Teams client: Microsoft 365 Agents Playground (Microsoft's Teams emulator: real Bot Framework
// activities to /api/messages, cards rendered as Teams renders them) driven in headless Chromium. The app starts
// empty; everything happens by typing and clicking in the client. Screenshots go to test-results/client/.
// Run: npm run test:client  (not part of npm test: it starts a browser and a second server)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { run as cliImport } from '../../src/cli/import.ts';
import { captureIo } from '../helpers/cli.ts';
import { launchChromium } from '../playground/browser.ts';

/** The Agents Playground's default user (its built-in configuration). */
const ALEX = 'alexw@example.com';
const CLI = fileURLToPath(new URL('../../node_modules/@microsoft/m365agentsplayground/cli.js', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-results/client/', import.meta.url));

const ROSTER = [
  'email,first name,last name,manager,department,products',
  `${ALEX},Alex,Wilber,,IT,AutoCAD`,
  `megan@example.com,Megan,Bowen,${ALEX},Design,Revit`,
  `adele@example.com,Adele,Vance,${ALEX},Design,AutoCAD`,
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// A real Redis shared by the bot and the command line (the roster comes in through `numbot import`, see below).
const REDIS = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', MIGRATION_ID: `client-${Date.now()}` };

let app: App;
let playground: ChildProcess;
let browser: Browser;
let page: Page;
let shot = 0;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await buildApp(
    loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      ADMIN_EMAILS: ALEX,
      PLAYGROUND: 'off',
      PROVISIONING: 'simulator',
      ...REDIS,
    }),
    createLogger('silent'),
  );
  const botPort = await app.start(0);
  const port = await freePort();
  playground = spawn(
    process.execPath,
    [CLI, 'start', '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(port), '--dt'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Agents Playground did not start')), 30_000);
    playground.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('Listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    playground.once('exit', (code) => reject(new Error(`Agents Playground exited (${code})`)));
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1300, height: 1100 }, locale: 'en-GB' });
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
  // The client installs the app (conversationUpdate) on load: the bot then knows the conversation.
  await page.getByText('conversationUpdate 200').first().waitFor({ timeout: 20_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  playground?.kill();
  await app?.stop();
});

/** Types a message (several lines with Shift+Enter, as a person pastes them) and sends it. */
async function send(lines: string | string[]): Promise<void> {
  const box = page.locator('[data-lexical-editor="true"]');
  await box.click();
  const all = Array.isArray(lines) ? lines : [lines];
  for (const [i, line] of all.entries()) {
    if (i > 0) await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(line);
  }
  await page.keyboard.press('Enter');
}

/** Waits until the chat shows `text` (in the newest messages) and saves a screenshot named for the step. */
async function sees(text: string | RegExp, name: string): Promise<string> {
  try {
    await expect
      .poll(
        async () => {
          const all = await page.locator('body').innerText();
          return typeof text === 'string' ? all.includes(text) : text.test(all);
        },
        { timeout: 20_000 },
      )
      .toBe(true);
  } catch (e) {
    await page.screenshot({ path: `${SHOTS}FAILED-${name}.png`, fullPage: true });
    throw e;
  }
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}${String(++shot).padStart(2, '0')}-${name}.png`, fullPage: true });
  return page.locator('body').innerText();
}

describe('numbot in Microsoft 365 Agents Playground (Teams)', () => {
  it('admin (en): help whole, import, status, person, invite and assign', async () => {
    await send('help');
    await sees('For migration admins', 'en-help');
    const body = await page.locator('body').innerText();
    expect(body).toContain('admins [list | add <email> | remove <email>]');
    expect(body).toContain('Words in <angle brackets> are yours to fill in');

    await send('import');
    await sees('Attach a CSV', 'en-import-usage');
    // The Agents Playground (0.2.28) joins the lines of a multi-line message with nothing between them
    // ("importemail,first name…"), unlike Teams, which sends them as HTML (see html-to-lines.ts): the roster comes
    // in through the command line, into the same Redis, as an admin would load a large one.
    const io = captureIo(REDIS, { 'roster.csv': ROSTER.join('\n') });
    expect(await cliImport(['roster.csv'], io), io.stderr.join('\n')).toBe(0);

    await send('status');
    await sees('Migration status', 'en-status');

    await send('person megan@example.com');
    await sees('not invited yet', 'en-person');
    expect(await page.locator('body').innerText()).not.toMatch(/\bnot_invited\b|\bnot_informed\b/);

    await send('invite all');
    await sees(/Done: 3/, 'en-invite');
    await send('assign AutoCAD pending');
    await sees(/Done: 2/, 'en-assign');
  });

  it('user (en): the step-4 card arrives, and "I\'ve signed in" replaces it', async () => {
    await send(`notify ${ALEX}`);
    await sees('Your Autodesk software now signs in with your own account', 'en-step4-card');
    await page
      .getByRole('button', { name: /signed in/i })
      .last()
      .click();
    await sees(/Thank you|Thanks/, 'en-step4-signed-in');
  });

  it('manager (en): who is at a status, progress per manager', async () => {
    await send('who step1 invited');
    await sees(/Step 1, invitation — invited, not accepted yet: \d+/, 'en-who');
    await send('status manager');
    await sees(/Bowen|megan@example\.com|Wilber/, 'en-status-manager');
  });

  it('admin and manager (fr): help, status and person in French', async () => {
    await send('lang fr');
    await sees(/français|French/i, 'fr-lang');
    await send('help');
    await sees('Pour les administrateurs de la migration', 'fr-help');
    await send('status');
    await sees('État de la migration', 'fr-status');
    await send('person megan@example.com');
    await sees('invité(e), pas encore accepté', 'fr-person');
  });
});

// The playground end to end in a real browser: an admin imports a roster and sends the step-4 instructions, a person
// clicks "I've signed in" on the card, and the admin's status card shows one more person informed.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { launchChromium } from './browser.ts';

const ADMIN = 'marc.peeters@acme.example';
const PERSON = 'tom.janssens@acme.example';
const CSV = fileURLToPath(new URL('./fixtures/new-hires.csv', import.meta.url));
const HTML_NAMES = fileURLToPath(new URL('./fixtures/html-names.csv', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const README_SHOT = fileURLToPath(new URL('../../docs/img/step4-card.png', import.meta.url));

let app: App;
let browser: Browser;
let page: Page;
let base: string;
const problems: string[] = [];

beforeAll(async () => {
  app = await buildApp(loadConfig({ PLAYGROUND: 'auto', LOG_LEVEL: 'silent' }), createLogger('silent'), {
    playgroundSample: true,
  });
  base = `http://127.0.0.1:${await app.start(0)}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // A CSP violation (inline script, eval) or a script error shows up here.
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function actAs(id: string): Promise<void> {
  await page.selectOption('#person', id);
  // The conversation on screen is this person's (not the previous one's, still drawn a moment ago).
  await expect.poll(() => page.locator('#messages').getAttribute('data-conversation')).toBe(id);
}

async function send(text: string, file?: string): Promise<void> {
  const before = await page.locator('#messages .message.bot').count();
  if (file) await page.setInputFiles('#csv', file);
  await page.fill('#command', text);
  await page.click('#command-form button[type=submit]');
  await expect.poll(() => page.locator('#messages .message.bot').count(), { timeout: 20_000 }).toBeGreaterThan(before);
}

/** "Inform users" done and total, as the newest admin-status card in the conversation shows them. */
async function informed(): Promise<[number, number]> {
  await send('status');
  const text = (await page.locator('#messages .message.bot[data-card="admin-status"]').last().textContent()) ?? '';
  const m = /Inform users[^0-9]*(\d+)\s*\/\s*(\d+)/.exec(text);
  if (!m) throw new Error(`no "Inform users" figures in the status card: ${text.slice(0, 300)}`);
  return [Number(m[1]), Number(m[2])];
}

describe('playground in a browser', () => {
  it('plays step 4 through: import, notify, sign in, status', async () => {
    await page.goto(`${base}/`);
    await expect.poll(() => page.locator('#person option').count(), { timeout: 20_000 }).toBeGreaterThan(40);
    await actAs(ADMIN);

    await send('', CSV);
    await expect.poll(() => page.locator('#messages .message.bot').last().textContent()).toContain('Created: 2');

    const [doneBefore, total] = await informed();
    expect(total).toBe(52);

    await send('notify pending');
    await expect.poll(() => page.locator('#messages .message.bot').last().textContent()).toMatch(/Queued: \d+/);

    await actAs(PERSON);
    const card = page.locator('#messages .message.bot[data-card="step4"]').last();
    await card.waitFor({ timeout: 20_000 });
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: `${RESULTS}playground.png`, fullPage: true });
    // The whole card, not the scrolled conversation's window onto it, and without the time line above it, so the
    // README's copy only changes when the card does.
    await page.evaluate(() => document.body.classList.add('full-height'));
    const rendered = card.locator('.ac-adaptiveCard').first();
    await rendered.screenshot({ path: `${RESULTS}step4-card.png` });
    await rendered.screenshot({ path: README_SHOT });
    await page.evaluate(() => document.body.classList.remove('full-height'));
    // The Slack panel shows the same card as Block Kit.
    await expect.poll(() => page.locator('#slack-view').textContent()).toContain("I've signed in");

    await card.getByRole('button', { name: "I've signed in" }).click();
    const outcome = page.locator('#messages .message.bot[data-card="step4-outcome"]');
    await outcome.waitFor({ timeout: 20_000 });
    expect(await outcome.textContent()).toContain('Thank you, Tom!');
    // Replaced in place: the step-4 card is gone from the conversation.
    expect(await page.locator('#messages .message.bot[data-card="step4"]').count()).toBe(0);
    await expect.poll(() => page.locator('#person-status').textContent()).toContain('step 4: acknowledged');

    await actAs(ADMIN);
    const [doneAfter] = await informed();
    expect(doneAfter).toBe(doneBefore + 1);
    await page.screenshot({ path: `${RESULTS}playground-admin.png`, fullPage: true });
    expect(problems).toEqual([]);
  }, 180_000);

  it("shows the bot's clock in the organisation's time zone, named, as the cards name it", async () => {
    await page.goto(`${base}/`);
    await expect.poll(() => page.locator('#now').getAttribute('title')).toBe('Europe/Brussels');
    expect(await page.locator('#now').textContent()).toMatch(/\b(CET|CEST|GMT\+[12]|UTC\+[12])\b/);
  });

  it('shows names that look like HTML as text, in cards, the Slack view and the person list', async () => {
    await actAs(ADMIN);
    await send('', HTML_NAMES);
    await expect.poll(() => page.locator('#messages .message.bot').last().textContent()).toContain('Created: 1');
    await send('person evil.one@acme.example');
    const answer = page.locator('#messages .message.bot').last();
    await expect.poll(() => answer.textContent()).toContain('<img src=x onerror=window.pwned=1>');
    await answer.click({ position: { x: 10, y: 10 } });
    await expect.poll(() => page.locator('#slack-view').textContent()).toContain('<img src=x onerror=window.pwned=1>');
    await page.fill('#person-search', 'evil');
    await expect.poll(() => page.locator('#person option', { hasText: '<img src=x onerror' }).count()).toBe(1);
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  }, 120_000);
});

// /metrics label values come from bounded sets only: a product from the catalogue keeps its name, any other text from
// a roster (a typo, a free-text name, an attacker's string) is counted under `other`.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const HEADERS = { 'x-numbot-playground': '1', 'content-type': 'application/json' };

describe('metrics labels', () => {
  it('a roster product outside the catalogue is counted as other, never as its own label', async () => {
    app = await buildApp(loadConfig({ PLAYGROUND: 'auto', LOG_LEVEL: 'silent' }), createLogger('silent'), {
      playgroundSample: true,
    });
    const base = `http://127.0.0.1:${await app.start(0)}`;
    // The sample's admin imports a roster through the page, as a person would.
    const people = (await (await fetch(`${base}/playground/api/people`, { headers: HEADERS })).json()) as {
      people: { id: string; roles: string[] }[];
    };
    const admin = people.people.find((p) => p.roles.includes('admin'))!;
    const csv = [
      'email,first name,last name,products',
      'ann@example.org,Ann,Lee,AutoCAD',
      'bob@example.org,Bob,Ray,"Totally Custom Tool {evil=""1""}"',
      'cy@example.org,Cy,Oz,My Own Thing 7',
    ].join('\n');
    const res = await fetch(`${base}/playground/api/command`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({
        as: admin.id,
        text: 'import',
        files: [{ name: 'r.csv', content: Buffer.from(csv).toString('base64') }],
      }),
    });
    expect(res.status).toBe(200);
    const text = await (await fetch(`${base}/metrics`)).text();
    const products = new Set([...text.matchAll(/^numbot_product_people\{product="([^"]*)"/gm)].map((m) => m[1]));
    expect(products.has('AutoCAD')).toBe(true);
    expect(products.has('other')).toBe(true);
    expect([...products].some((p) => /Custom|Own Thing|evil/.test(p!))).toBe(false);
  });
});

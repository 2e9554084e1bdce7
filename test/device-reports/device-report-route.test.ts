import { afterEach, describe, expect, it } from 'vitest';
import { MAX_DEVICE_REPORT_BYTES } from '../../src/device-reports/device-report-route.ts';
import { newPerson } from '../../src/domain/person.ts';
import { issueDeviceToken } from '../../src/device-reports/device-token.ts';
import { currentFleetToken } from '../../src/device-reports/fleet-token.ts';
import { createPerson, updatePerson } from '../../src/services/update-person.ts';
import { startApp, type Running } from '../helpers/http-app.ts';

const SECRET = 'device-secret-0123456789abcdef';
const NOW = Date.UTC(2026, 11, 1, 9);
const acad = { feature_id: 'ACD', def_prod_key: '001Q1', def_prod_ver: '2025.0.0.F', lic_method: 4, lic_servers: [] };
const revit = {
  feature_id: 'RVT',
  def_prod_key: '829Q1',
  def_prod_ver: '2025.0.0.F',
  lic_method: 1,
  lic_servers: ['27000@lic01'],
};
const report = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ hostname: 'PC-0042', user: 'jdoe', products: [acad], ...extra });
const auth = (personId = 'jdoe@acme.example', secret = SECRET) => ({
  authorization: `Bearer ${issueDeviceToken(personId, secret)}`,
  'content-type': 'application/json',
});

let running: Running | undefined;
afterEach(async () => {
  await running?.app.stop();
  running = undefined;
});

async function start(env: Record<string, string> = { DEVICE_TOKEN_SECRET: SECRET }) {
  running = await startApp(env, NOW);
  const { store } = running.app.services;
  const actor = { id: 'admin', source: 'cli' } as const;
  for (const [email, first] of [
    ['jdoe@acme.example', 'John'],
    ['ann@acme.example', 'Ann'],
  ] as const) {
    await createPerson(
      store,
      newPerson({ email, firstName: first, lastName: 'X', products: ['AutoCAD', 'Revit'] }, NOW - 1000),
      actor,
      NOW - 1000,
    );
    const r = await updatePerson(
      store,
      email,
      [
        { type: 'product.assigned', product: 'AutoCAD' },
        { type: 'product.assigned', product: 'Revit' },
      ],
      actor,
      NOW - 500,
    );
    if (!r.ok) throw r.error;
  }
  return running;
}
const person = (r: Running, id = 'jdoe@acme.example') => r.app.services.store.getPerson(id);

describe('POST /api/devices/report', () => {
  it('records what the device now runs for the token’s person and says what it recorded', async () => {
    const r = await start();
    const res = await r.post(
      '/api/devices/report',
      report({ products: [acad, revit, { ...acad, feature_id: 'ZZZ', def_prod_key: 'ZZZQ1' }] }),
      auth(),
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      personId: 'jdoe@acme.example',
      device: 'pc-0042',
      recorded: [
        { product: 'AutoCAD', device: 'pc-0042', status: 'switched' },
        { product: 'Revit', device: 'pc-0042', status: 'network' },
      ],
      unchanged: [],
      skipped: [{ featureId: 'ZZZ', device: 'pc-0042', status: 'skipped', reason: 'unknown_product' }],
    });
    expect((await person(r))?.switches).toEqual({
      AutoCAD: { 'pc-0042': { status: 'named', at: NOW, by: 'script' } },
      Revit: { 'pc-0042': { status: 'network', at: NOW } },
    });
    const again = await r.post('/api/devices/report', report(), auth());
    expect(again.json.unchanged).toEqual([{ product: 'AutoCAD', device: 'pc-0042', status: 'unchanged' }]);
  });

  it('a fleet report from a Mac counts for the person its directory e-mail names, before its login', async () => {
    const r = await start();
    const fleet = {
      authorization: `Bearer ${await currentFleetToken(r.app.services.store, SECRET)}`,
      'content-type': 'application/json',
    };
    // The login is nobody's (a local Mac account); the directory e-mail is Ann's.
    const res = await r.post(
      '/api/devices/report',
      report({ hostname: 'MAC-07', user: 'annx', email: 'Ann@acme.example' }),
      fleet,
    );
    expect(res.status).toBe(200);
    expect(res.json.personId).toBe('ann@acme.example');
    expect((await person(r, 'ann@acme.example'))?.switches.AutoCAD?.['mac-07']).toMatchObject({ status: 'named' });
  });

  it('refuses forged, tampered and missing tokens, changing nothing', async () => {
    const r = await start();
    const before = await person(r);
    expect(
      (await r.post('/api/devices/report', report(), auth('jdoe@acme.example', 'another-secret-0123456789'))).status,
    ).toBe(401);
    const [, mac] = issueDeviceToken('ann@acme.example', SECRET).split('.');
    const swapped = `${Buffer.from('jdoe@acme.example').toString('base64url')}.${mac}`;
    expect((await r.post('/api/devices/report', report(), { authorization: `Bearer ${swapped}` })).status).toBe(401);
    expect((await r.post('/api/devices/report', report())).status).toBe(401);
    expect(await person(r)).toEqual(before);
  });

  it('refuses a report for another person, changing nothing', async () => {
    const r = await start();
    const before = await person(r);
    const res = await r.post('/api/devices/report', report({ user: 'ACME\\ann' }), auth());
    expect(res.status).toBe(403);
    expect(await person(r)).toEqual(before);
    // The person's own login, or an account nobody in the roster has, is fine.
    expect((await r.post('/api/devices/report', report({ user: 'Administrator' }), auth())).status).toBe(200);
  });

  it('refuses malformed and invalid reports with the reason', async () => {
    const r = await start();
    const before = await person(r);
    const notJson = await r.post('/api/devices/report', '{"hostname": ', auth());
    expect(notJson).toEqual({ status: 400, json: { error: 'malformed', reason: 'the body is not JSON' } });
    const invalid = await r.post(
      '/api/devices/report',
      report({ hostname: 'PC 42', products: [{ ...acad, def_prod_key: 'x' }] }),
      auth(),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.json.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^hostname:/),
        expect.stringMatching(/^products\.0\.def_prod_key:/),
      ]),
    );
    expect(await person(r)).toEqual(before);
  });

  it('refuses an oversized report', async () => {
    const r = await start();
    const res = await r.post('/api/devices/report', report({ padding: 'x'.repeat(MAX_DEVICE_REPORT_BYTES) }), auth());
    expect(res.status).toBe(413);
  });

  it('answers 404 for a token whose person left the migration, and 503 while no secret is configured', async () => {
    const r = await start();
    expect((await r.post('/api/devices/report', report(), auth('gone@acme.example'))).status).toBe(404);
    await r.app.stop();
    running = await startApp({}, NOW);
    expect((await running.post('/api/devices/report', report(), auth())).json).toEqual({
      error: 'not configured',
      detail: 'set DEVICE_TOKEN_SECRET to accept device reports',
    });
  });
});

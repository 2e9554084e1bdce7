import { afterEach, describe, expect, it } from 'vitest';
import { createProvisioning } from '../../src/autodesk/create-provisioning.ts';
import { loadConfig } from '../../src/config.ts';
import { startFakeGraph, type FakeGraph } from '../fakes/graph.ts';
import { T0, person } from './people.ts';

let graph: FakeGraph | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

describe('createProvisioning', () => {
  it('defaults to the csv provider', async () => {
    const p = createProvisioning(loadConfig({}), { now: () => T0 });
    expect(p.name).toBe('csv');
    expect((await p.invite([person('a@example.org')])).files[0]?.name).toBe('invite-users-1.csv');
  });

  it('builds the simulator', async () => {
    const p = createProvisioning(loadConfig({ PROVISIONING: 'simulator' }));
    expect(p.name).toBe('simulator');
    expect((await p.invite([person('a@example.org')])).applied).toBe(true);
  });

  it('builds the entra provider from the environment, talking to the configured endpoints', async () => {
    graph = await startFakeGraph();
    graph.addGroup('g-acad');
    const id = graph.addUser('a@example.org');
    const config = loadConfig({
      PROVISIONING: 'entra',
      ENTRA_TENANT_ID: graph.tenantId,
      ENTRA_CLIENT_ID: graph.clientId,
      ENTRA_CLIENT_SECRET: graph.clientSecret,
      ENTRA_GROUPS: '{"AutoCAD":"g-acad"}',
      GRAPH_URL: graph.graphUrl,
      ENTRA_LOGIN_URL: graph.loginUrl,
    });
    const p = createProvisioning(config);
    expect(p.name).toBe('entra');
    expect((await p.assign('AutoCAD', [person('a@example.org')])).done).toEqual(['a@example.org']);
    expect(graph.members('g-acad')).toEqual([id]);
  });

  it('refuses entra without credentials', () => {
    expect(() =>
      createProvisioning({
        PROVISIONING: 'entra',
        ENTRA_GROUPS: {},
        GRAPH_URL: 'https://graph.microsoft.com/v1.0/',
        ENTRA_LOGIN_URL: 'https://login.microsoftonline.com/',
        AUTODESK_API_URL: 'https://developer.api.autodesk.com/',
        AUTODESK_CALLS_PER_MINUTE: 57,
      }),
    ).toThrow(/ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET/);
  });
});

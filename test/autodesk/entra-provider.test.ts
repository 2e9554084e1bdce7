import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEntraProvider, type EntraProviderOptions } from '../../src/autodesk/entra/entra-provider.ts';
import { createLogger } from '../../src/log.ts';
import { startFakeGraph, type FakeGraph } from '../fakes/graph.ts';
import { T0, person } from './people.ts';

let graph: FakeGraph;
let sleeps: number[];
let clock: number;

beforeEach(async () => {
  graph = await startFakeGraph();
  graph.addGroup('g-invite');
  graph.addGroup('g-acad');
  graph.addGroup('g-revit');
  sleeps = [];
  clock = T0;
});
afterEach(async () => {
  await graph.close();
});

function provider(extra: Partial<EntraProviderOptions> = {}) {
  return createEntraProvider({
    tenantId: graph.tenantId,
    clientId: graph.clientId,
    clientSecret: graph.clientSecret,
    graphUrl: graph.graphUrl,
    loginUrl: graph.loginUrl,
    groups: { _invite: 'g-invite', autocad: 'g-acad', Revit: 'g-revit' },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => clock,
    ...extra,
  });
}

const graphCalls = () => graph.calls.filter((c) => c.path.startsWith('/v1.0/'));
const memberAdds = () => graph.calls.filter((c) => c.path.endsWith('/members/$ref'));

describe('entra provider', () => {
  it('invites by adding the user to the _invite group, with a client-credentials token', async () => {
    const id = graph.addUser('ann@example.org');
    const r = await provider().invite([person('Ann@Example.org')]);
    expect(r).toEqual({
      done: ['ann@example.org'],
      alreadyDone: [],
      rejected: [],
      failed: [],
      files: [],
      applied: true,
    });
    expect(graph.members('g-invite')).toEqual([id]);

    const token = graph.calls.find((c) => c.path.endsWith('/oauth2/v2.0/token'))!;
    expect(token.path).toBe(`/${graph.tenantId}/oauth2/v2.0/token`);
    expect(Object.fromEntries(new URLSearchParams(token.body))).toEqual({
      client_id: graph.clientId,
      client_secret: graph.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
      grant_type: 'client_credentials',
    });
    const lookup = graphCalls()[0]!;
    expect([lookup.method, lookup.path, decodeURIComponent(lookup.query)]).toEqual([
      'GET',
      '/v1.0/users/ann%40example.org',
      '?$select=id',
    ]);
    const add = memberAdds()[0]!;
    expect(add.path).toBe('/v1.0/groups/g-invite/members/$ref');
    expect(JSON.parse(add.body)).toEqual({ '@odata.id': `${graph.graphUrl}directoryObjects/${id}` });
    expect(add.authorization).toMatch(/^Bearer eyJ/);
  });

  it('assigns through the group mapped to the product, matching the product name loosely; 201 counts as done', async () => {
    await graph.close();
    graph = await startFakeGraph({ addStatus: 201 });
    graph.addGroup('g-acad');
    const id = graph.addUser('ann@example.org');
    const r = await provider({ graphUrl: graph.graphUrl, loginUrl: graph.loginUrl }).assign('AutoCAD', [
      person('ann@example.org'),
    ]);
    expect(r.done).toEqual(['ann@example.org']);
    expect(graph.members('g-acad')).toEqual([id]);
  });

  it('finds users whose e-mail is not their UPN through the mail attribute, and caches ids', async () => {
    const id = graph.addUser('a.lee@corp.onmicrosoft.com', "ann.o'lee@example.org");
    const p = provider();
    const r = await p.assign('AutoCAD', [person("ann.o'lee@example.org")]);
    expect(r.done).toEqual(["ann.o'lee@example.org"]);
    expect(graph.members('g-acad')).toEqual([id]);
    const filter = graphCalls().find((c) => c.path === '/v1.0/users')!;
    expect(new URLSearchParams(filter.query).get('$filter')).toBe("mail eq 'ann.o''lee@example.org'");

    const before = graphCalls().filter((c) => c.method === 'GET').length;
    await p.assign('Revit', [person("ann.o'lee@example.org")]);
    expect(graphCalls().filter((c) => c.method === 'GET').length).toBe(before);
  });

  it('treats "already a member" as done before: alreadyDone, not failed', async () => {
    graph.addUser('ann@example.org');
    const p = provider();
    await p.assign('AutoCAD', [person('ann@example.org')]);
    const again = await p.assign('AutoCAD', [person('ann@example.org')]);
    expect(again).toMatchObject({ done: [], alreadyDone: ['ann@example.org'], failed: [] });
    expect(graph.members('g-acad')).toHaveLength(1);
  });

  it('skips people the roster already shows as assigned or active, without calling Graph', async () => {
    const p = provider();
    const r = await p.assign('Revit', [person('x@example.org', {}, [{ type: 'product.assigned', product: 'Revit' }])]);
    const i = await p.invite([person('y@example.org', {}, [{ type: 'invite.sent' }, { type: 'invite.accepted' }])]);
    expect(r.alreadyDone).toEqual(['x@example.org']);
    expect(i.alreadyDone).toEqual(['y@example.org']);
    expect(graph.calls).toEqual([]);
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    graph.addUser('ann@example.org');
    graph.throttle(2, '3');
    const r = await provider().assign('AutoCAD', [person('ann@example.org')]);
    expect(r.done).toEqual(['ann@example.org']);
    expect(sleeps).toEqual([3000, 3000]);
  });

  it('backs off with jitter on 503/504 without Retry-After, and fails after the last attempt', async () => {
    graph.addUser('ann@example.org');
    graph.throttle(1, undefined, 503);
    graph.throttle(1, undefined, 504);
    const ok = await provider().assign('AutoCAD', [person('ann@example.org')]);
    expect(ok.done).toEqual(['ann@example.org']);
    expect(sleeps).toEqual([750, 1500]);

    sleeps = [];
    graph.addUser('bo@example.org');
    graph.throttle(10, '1');
    const r = await provider({ maxAttempts: 3 }).assign('AutoCAD', [person('bo@example.org')]);
    expect(r.failed).toEqual([
      {
        personId: 'bo@example.org',
        reason: expect.stringMatching(/throttling or unavailable \(429\) after 3 attempts looking the user up/),
      },
    ]);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('reports 403 and unknown users as failed with a reason an admin can act on', async () => {
    graph.addUser('ann@example.org');
    graph.forbid('g-revit');
    const r = await provider().assign('Revit', [person('ann@example.org'), person('ghost@example.org')]);
    expect(r.done).toEqual([]);
    expect(r.failed).toEqual([
      {
        personId: 'ann@example.org',
        reason: expect.stringMatching(/403 Authorization_RequestDenied.*GroupMember\.ReadWrite\.All/),
      },
      {
        personId: 'ghost@example.org',
        reason: 'no Entra ID user has this e-mail address (as user principal name or mail)',
      },
    ]);
  });

  it('rejects everyone when no group is mapped, before any call', async () => {
    const p = provider({ groups: { AutoCAD: 'g-acad' } });
    const i = await p.invite([person('ann@example.org')]);
    const a = await p.assign('Revit', [person('ann@example.org')]);
    expect(i.rejected).toEqual([
      { personId: 'ann@example.org', reason: 'no Entra group for invitations: add "_invite" to ENTRA_GROUPS' },
    ]);
    expect(a.rejected).toEqual([
      { personId: 'ann@example.org', reason: 'no Entra group for Revit: add it to ENTRA_GROUPS' },
    ]);
    expect(graph.calls).toEqual([]);
  });

  it('accepts "*" as the invitation group', async () => {
    const id = graph.addUser('ann@example.org');
    await provider({ groups: { '*': 'g-invite' } }).invite([person('ann@example.org')]);
    expect(graph.members('g-invite')).toEqual([id]);
  });

  it('caches the token until shortly before it expires, and refreshes once on 401', async () => {
    for (const n of [1, 2, 3]) graph.addUser(`u${n}@example.org`);
    const p = provider();
    await p.assign('AutoCAD', [person('u1@example.org'), person('u2@example.org')]);
    expect(graph.tokensIssued).toBe(1);
    clock += 3599_000 - 61_000;
    await p.assign('Revit', [person('u1@example.org')]);
    expect(graph.tokensIssued).toBe(1);
    clock += 2_000;
    await p.assign('Revit', [person('u2@example.org')]);
    expect(graph.tokensIssued).toBe(2);
    graph.revokeTokens();
    const r = await p.assign('Revit', [person('u3@example.org')]);
    expect(r.done).toEqual(['u3@example.org']);
    expect(graph.tokensIssued).toBe(3);
  });

  it('fails everyone fast with a clear reason when the secret is wrong, asking for a token once', async () => {
    graph.addUser('a@example.org');
    graph.addUser('b@example.org');
    const r = await provider({ clientSecret: 'wrong', concurrency: 1 }).invite([
      person('a@example.org'),
      person('b@example.org'),
    ]);
    expect(r.failed.map((f) => f.personId)).toEqual(['a@example.org', 'b@example.org']);
    expect(r.failed[0]!.reason).toBe(
      'Entra ID refused a token (401 invalid_client): check ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET',
    );
    expect(graph.calls.filter((c) => c.path.endsWith('/token'))).toHaveLength(1);
  });

  it('keeps at most 4 requests in flight across concurrent calls, and concurrent repeats add each person once', async () => {
    await graph.close();
    graph = await startFakeGraph({ latencyMs: 15 });
    graph.addGroup('g-acad');
    const people = Array.from({ length: 12 }, (_, i) => {
      graph.addUser(`p${i}@example.org`);
      return person(`p${i}@example.org`);
    });
    const p = provider({ graphUrl: graph.graphUrl, loginUrl: graph.loginUrl });
    const [a, b] = await Promise.all([p.assign('AutoCAD', people), p.assign('AutoCAD', people)]);
    expect(graph.maxInFlight).toBe(4);
    expect([...a.done, ...b.done].sort()).toEqual(people.map((x) => x.id).sort());
    expect([...a.alreadyDone, ...b.alreadyDone].sort()).toEqual(people.map((x) => x.id).sort());
    expect(graph.members('g-acad')).toHaveLength(12);
    expect(graph.tokensIssued).toBe(1);
  });

  it('never writes the token or the secret to the log or to a reason', async () => {
    const lines: string[] = [];
    const logger = createLogger('trace', { write: (s: string) => void lines.push(s) });
    graph.addUser('ann@example.org');
    graph.forbid('g-revit');
    const p = provider({ logger });
    const r1 = await p.assign('AutoCAD', [person('ann@example.org')]);
    const r2 = await p.assign('Revit', [person('ann@example.org')]);
    const token = graph.calls.find((c) => c.authorization)!.authorization!.slice('Bearer '.length);
    const everything = lines.join('\n') + JSON.stringify([r1, r2]);
    expect(lines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(graph.clientSecret);
  });
});

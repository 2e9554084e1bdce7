// Steps 1–2 through Autodesk's Team Admin API at its pace: N people (default 2,000) invited and given one product
// against the fake (test/fakes/autodesk-team-admin.ts) with time scaled (default ×30: an Autodesk minute in two
// seconds). Prints one JSON line: calls made, the busiest and the mean full UTC-minute window against the team's limit
// (60), 429s, people lost (not on the team or without the seat at the end) and duplicated (called twice).
// Usage: npm run bench -- autodesk-api [people] [timeScale]
import { createAutodesk } from '../src/autodesk/team-admin/create-autodesk.ts';
import { newPerson } from '../src/domain/person.ts';
import { createMemoryStore } from '../src/store/memory-store.ts';
import { startFakeAutodesk } from '../test/fakes/autodesk-team-admin.ts';
import { authorizeUrl, exchangeCode, pkcePair } from '../src/autodesk/team-admin/oauth-client.ts';

const LIMIT = 60;

export async function main(args: string[]): Promise<void> {
  const n = Number(args[0] ?? 2000);
  const scale = Number(args[1] ?? 30);
  const fake = await startFakeAutodesk({ timeScale: scale, limitPerMinute: LIMIT });
  const team = '100001';
  fake.addTeam(team, 'Engineering', ['admin-1']);
  fake.addPool(team, {
    productId: 'rvt',
    productName: 'Revit',
    totalQuantity: n + 10,
    assignedQuantity: 0,
    unlimited: false,
  });
  const store = createMemoryStore();
  const callsPerMinute = 57;
  const a = createAutodesk(
    {
      PUBLIC_URL: 'https://bot.example.com',
      AUTODESK_CLIENT_ID: fake.clientId,
      AUTODESK_CLIENT_SECRET: fake.clientSecret,
      AUTODESK_API_URL: fake.url,
      AUTODESK_TOKEN_KEY: Buffer.alloc(32, 9).toString('base64'),
      AUTODESK_TEAM_ID: team,
      AUTODESK_CALLS_PER_MINUTE: callsPerMinute,
    },
    { store, now: fake.now, sleep: fake.sleep },
  );
  const { verifier, challenge } = pkcePair();
  const r = await fetch(authorizeUrl(a.oauth, 'bench', challenge), { redirect: 'manual' });
  const code = new URL(r.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const t = await exchangeCode(a.oauth, code, verifier, fake.now());
  await a.vault.save({ ...t, adminId: 'admin@example.org', connectedAt: fake.now(), refreshIssuedAt: fake.now() });

  const people = Array.from({ length: n }, (_, i) =>
    newPerson(
      { email: `first${i}.last${i}@example.org`, firstName: `First${i}`, lastName: `Last${i}`, products: ['Revit'] },
      fake.now(),
    ),
  );
  const started = Date.now();
  const virtualStart = fake.now();
  const invited = await a.provider.invite(people);
  const assigned = await a.provider.assign('Revit', people);
  const wallMs = Date.now() - started;

  const teamCalls = fake.calls.filter((c) => c.teamId === team && c.status !== 429);
  const perWindow = new Map<number, number>();
  for (const c of teamCalls)
    perWindow.set(Math.floor(c.at / 60_000), (perWindow.get(Math.floor(c.at / 60_000)) ?? 0) + 1);
  const windows = [...perWindow.entries()].sort((x, y) => x[0] - y[0]);
  const full = windows.slice(1, -1).map(([, v]) => v); // the first and last minutes are partial
  const subjects = (path: string) =>
    fake.calls.filter((c) => c.method === 'POST' && c.status < 300 && c.path.endsWith(path)).map((c) => c.subject);
  const dup = (xs: (string | undefined)[]) => xs.length - new Set(xs).size;
  const onTeam = new Set(fake.users(team).map((u) => u.email));
  const seated = new Set(fake.assignments(team).map((x) => x.email));
  const lost = people.filter((p) => !onTeam.has(p.email) || !seated.has(p.email)).length;
  console.log(
    JSON.stringify({
      bench: 'autodesk-api',
      people: n,
      timeScale: scale,
      callsPerMinuteSetting: callsPerMinute,
      callsMade: fake.calls.length,
      writeCalls: subjects('/users').length + subjects('/assignments').length,
      windows: windows.length,
      maxCallsPerWindow: Math.max(...full, 0),
      meanCallsPerFullWindow: +(full.reduce((s, v) => s + v, 0) / Math.max(1, full.length)).toFixed(2),
      ratioToLimit: +(full.reduce((s, v) => s + v, 0) / Math.max(1, full.length) / LIMIT).toFixed(3),
      overLimitWindows: full.filter((v) => v > LIMIT).length,
      http429: fake.rejected429,
      peopleLost: lost,
      peopleDuplicated: dup(subjects('/users')) + dup(subjects('/assignments')),
      invited: invited.done.length,
      assigned: assigned.done.length,
      autodeskMinutes: +((fake.now() - virtualStart) / 60_000).toFixed(1),
      wallMs,
    }),
  );
  await fake.close();
}

// Two admins, one Autodesk team, from Slack: the second admin's run waits its turn behind the first, `cancel
// autodesk` stops the first cleanly before its next person (those done stay done, the admins are told), and the
// second then reads the team back and does only the rest — nobody called twice. Nothing is seeded into the store.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { slackSignature } from '../../src/channels/slack/verify-signature.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { startFakeAutodesk, type FakeAutodesk } from '../fakes/autodesk-team-admin.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.ts';
import { member } from '../fakes/slack-directory.ts';
import { SIGNING_SECRET, slackEnv } from '../channels/slack/edge-harness.ts';
import { eventually } from '../helpers/eventually.ts';

const N = 120;
const TEAM = '100001';
let seq = 0;

const roster = () =>
  [
    'email,first name,last name,manager,department,products',
    ...Array.from({ length: N }, (_, i) => `person${i}@example.org,First${i},Last${i},,Design,Revit`),
  ].join('\n');

describe('Autodesk runs: a queue per team and cancel', () => {
  let app: App | undefined;
  let adsk: FakeAutodesk | undefined;
  let slack: FakeSlackApi | undefined;
  afterEach(async () => {
    await app?.stop();
    await adsk?.close();
    await slack?.close();
    app = adsk = slack = undefined;
  });

  it("queues a second admin's run, cancels the first cleanly, and the second does only the rest", async () => {
    adsk = await startFakeAutodesk({ timeScale: 10 }); // about 9.5 calls a second
    adsk.addTeam(TEAM, 'Acme Engineering', ['admin-1']);
    slack = await startFakeSlackApi({
      members: [member('U0ADMIN', 'admin@example.org'), member('U0OTHER', 'other@example.org')],
    });
    const config = loadConfig({
      ...slackEnv(slack, { HOST: '127.0.0.1', ADMIN_EMAILS: 'admin@example.org,other@example.org' }),
      PROVISIONING: 'autodesk',
      PUBLIC_URL: 'https://numbot.example.com',
      AUTODESK_CLIENT_ID: adsk.clientId,
      AUTODESK_CLIENT_SECRET: adsk.clientSecret,
      AUTODESK_API_URL: adsk.url,
      AUTODESK_TOKEN_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    app = await buildApp(config, createLogger('silent'), {
      store: createMemoryStore(`e2e-adsk-queue-${++seq}`),
      autodeskTime: { now: adsk.now, sleep: adsk.sleep },
    });
    const base = `http://127.0.0.1:${await app.start(0)}`;
    const s = slack;
    const a = adsk;
    async function say(user: string, text: string, id: string): Promise<string> {
      const form = new URLSearchParams({
        team_id: 'T0FAKE',
        channel_id: 'C0GENERAL',
        user_id: user,
        user_name: user,
        command: '/migrate',
        text,
        api_app_id: 'A0NUMBOT',
        response_url: s.responseUrl(id),
        trigger_id: `trigger-${id}`,
      }).toString();
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await fetch(`${base}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': ts,
          'x-slack-signature': slackSignature(SIGNING_SECRET, ts, form),
        },
        body: form,
      });
      expect(res.status).toBe(200);
      return JSON.stringify((await eventually(() => s.responses(id)[0], 60_000)).body);
    }
    const adminPosts = (text: string) =>
      s.posted().filter((m) => m.channel === 'CADMINS' && JSON.stringify(m).includes(text));

    expect(await say('U0ADMIN', 'cancel autodesk', 'nothing')).toContain('No Autodesk run is under way.');
    await say('U0ADMIN', `import\n${roster()}`, 'import');
    const connect = await say('U0ADMIN', 'connect autodesk', 'connect');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/authentication\/v2\/authorize\?[^"\s]+)/.exec(connect)?.[1];
    const back = new URL(
      (await fetch(link!.replaceAll('&amp;', '&'), { redirect: 'manual' })).headers.get('location') ?? '',
    );
    expect((await fetch(`${base}${back.pathname}${back.search}`)).status).toBe(200);

    expect(await say('U0ADMIN', 'invite pending', 'first')).toContain(
      'Started: invite 120 people to the Autodesk team, about 3 min at Autodesk',
    );
    expect(await say('U0OTHER', 'invite pending', 'second')).toContain(
      'Queued: invite 120 people to the Autodesk team, after 1 run(s) already under way; all done in about 5 min.',
    );
    const invites = () => a.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/users') && c.status < 300);
    await eventually(() => invites().length >= 15 || undefined, 30_000);
    const progress = await eventually(() => adminPosts('Autodesk run in progress')[0]);
    expect(JSON.stringify(progress)).toContain(
      'invite 120 people to the Autodesk team: 0 of 120 handled, about 3 min left.',
    );
    const cancelled = await say('U0ADMIN', 'cancel autodesk', 'cancel');
    expect(cancelled).toMatch(
      /Cancelled: invite 120 people to the Autodesk team \(\d+ handled so far\)\. It stops before its next person; those already done stay done\./,
    );
    const told = JSON.stringify(await eventually(() => adminPosts('Autodesk run cancelled')[0], 30_000));
    const first = Number(/Done: (\d+)\./.exec(told)?.[1]);
    expect(first).toBeGreaterThanOrEqual(15);
    expect(first).toBeLessThan(N);
    expect(told).toContain(`Failed: ${N - first}.`);
    expect(told).toContain('cancelled by an admin');

    // The second admin's run then starts, reads back, and calls only those the first did not reach.
    const done = JSON.stringify(
      await eventually(
        () => adminPosts('Refused before sending').find((m) => !JSON.stringify(m).includes('cancelled')),
        60_000,
      ),
    );
    expect(done).toContain(`Done: ${N - first}. Already done before: ${first}. Failed: 0.`);
    // Each run had a card in the admins' channel that said its progress and was replaced by its outcome in place.
    const replaced = (ts: string) =>
      s
        .updated()
        .filter((m) => m.channel === 'CADMINS' && m.ts === ts)
        .map((m) => JSON.stringify(m));
    expect(replaced(progress.ts).at(-1)).toContain('Autodesk run cancelled');
    const cards = [
      ...new Set(
        s
          .updated()
          .filter((m) => m.channel === 'CADMINS')
          .map((m) => m.ts),
      ),
    ];
    expect(cards).toHaveLength(2);
    expect(replaced(cards[1]!).at(-1)).toContain(`Done: ${N - first}. Already done before: ${first}. Failed: 0.`);
    const subjects = invites().map((c) => c.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects).toHaveLength(N);
    expect(a.users(TEAM)).toHaveLength(N);
    expect(await say('U0OTHER', 'cancel autodesk', 'after')).toContain('No Autodesk run is under way.');
    const audit = await app.services.store.readAudit(5000);
    expect(audit.filter((e) => e.action === 'autodesk.run.cancel').map((e) => e.actor)).toEqual(['admin@example.org']);
  }, 120_000);
});

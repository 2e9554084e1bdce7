// The App Home tab: own status for everyone, the admin dashboard for admins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updatePerson } from '../../../src/services/update-person.ts';
import { member } from '../../fakes/slack-directory.ts';
import { eventually, startSlackApp, type SlackAppHarness } from './app-harness.ts';

type Node = Record<string, unknown>;

describe('Slack App Home', () => {
  let h: SlackAppHarness;
  beforeEach(async () => {
    h = await startSlackApp({
      fake: {
        members: [
          member('U0ADMIN', 'admin@example.org'),
          member('U0USER', 'user@example.org'),
          member('U0NEW', 'new@example.org'),
          member('U0BOSS', 'boss@example.org'),
        ],
      },
      env: { ADMIN_EMAILS: 'Admin@example.org,boss@example.org', ORGANISATION_NAME: 'Acme' },
    });
    await h.addPerson({ email: 'admin@example.org', firstName: 'Ada', lastName: 'Admin' }, 'U0ADMIN');
    await h.addPerson(
      { email: 'user@example.org', firstName: 'Ulla', lastName: 'User', products: ['AutoCAD', 'Revit'] },
      'U0USER',
    );
    const r = await updatePerson(
      h.app.services.store,
      'user@example.org',
      [{ type: 'product.assigned', product: 'AutoCAD' }],
      { id: 't', source: 'system' },
      Date.now(),
    );
    expect(r.ok).toBe(true);
  });
  afterEach(async () => {
    await h.close();
  });

  const open = (user: string) =>
    h.event({ type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home', event_ts: '1.1' });
  const published = async (n: number) =>
    eventually(() => h.fake.views().published.length >= n && h.fake.views().published);

  it('shows a person their own steps and products', async () => {
    expect((await open('U0USER')).status).toBe(200);
    const [view] = await published(1);
    expect(view?.user_id).toBe('U0USER');
    const text = JSON.stringify((view?.view as Node).blocks);
    expect(text).toContain('Ulla User');
    expect(text).toContain('2. Assign products');
    expect(text).toContain('1/2');
    expect(text).toContain('AutoCAD (assigned)');
    expect(text).not.toContain('Migration status: Acme');
  });

  it('adds the admin dashboard for admins, with figures from the store', async () => {
    await open('U0ADMIN');
    const [view] = await published(1);
    const text = JSON.stringify((view?.view as Node).blocks);
    expect(text).toContain('Ada Admin');
    expect(text).toContain('Migration status: Acme');
    expect(text).toMatch(/AutoCAD.*1\/1/);
  });

  it('gives the dashboard to an admin listed in ADMIN_EMAILS who is not in the roster, and not to a stranger', async () => {
    const refreshButtons = (view: { view?: unknown } | undefined) =>
      (((view?.view as Node).blocks as Node[]) ?? [])
        .filter((b) => b.type === 'actions')
        .flatMap((b) => b.elements as Node[])
        .filter((b) => String(b.action_id).startsWith('admin.refresh')).length;
    await open('U0BOSS');
    const [boss] = await published(1);
    expect(boss?.user_id).toBe('U0BOSS');
    expect(refreshButtons(boss)).toBe(1);
    await open('U0NEW');
    const views = await published(2);
    const stranger = views.find((v) => v.user_id === 'U0NEW');
    expect(stranger).toBeDefined();
    expect(refreshButtons(stranger)).toBe(0);
  });

  it('refreshes the dashboard when its button is clicked on the home tab', async () => {
    await open('U0ADMIN');
    const [view] = await published(1);
    const refresh = ((view?.view as Node).blocks as Node[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as Node[])
      .find((b) => String(b.action_id).startsWith('admin.refresh'))!;
    await h.interact({
      type: 'block_actions',
      user: { id: 'U0ADMIN', team_id: 'T0FAKE' },
      team: { id: 'T0FAKE' },
      api_app_id: 'A0NUMBOT',
      token: 'legacy',
      trigger_id: 't',
      container: { type: 'view', view_id: 'V1' },
      view: { id: 'V1', type: 'home', team_id: 'T0FAKE', blocks: [] },
      actions: [{ type: 'button', action_id: refresh.action_id, value: refresh.value, block_id: 'b', action_ts: '1' }],
    });
    await published(2);
    expect(h.interactions).toHaveLength(0);
  });

  it('shows someone outside the roster only the title', async () => {
    await open('U0NEW');
    const [view] = await published(1);
    const blocks = (view?.view as Node).blocks as Node[];
    expect(JSON.stringify(blocks)).toContain('Migration status: Acme');
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { CARD_ACTIONS } from '../../src/cards/index.ts';
import { SERVER_DOC } from '../../src/commands/server-overview.ts';
import { ADMIN, assertRenders, bench, INFORMED, T0, textOf } from '../commands/harness.ts';

const SERVERS = JSON.stringify([{ id: 'lic01', address: '27000@lic01.example.org' }]);

describe('buttons on admin cards', () => {
  it('Refresh replaces the status card; a manager gets their own people, a plain user is refused', async () => {
    const b = bench();
    await b.add({ email: 'boss@example.org' });
    await b.add({ email: 'anne@example.org', manager: 'boss@example.org' }, INFORMED);
    await b.add({ email: 'bart@example.org' }, INFORMED);
    const r = await b.click(ADMIN, CARD_ACTIONS.adminRefresh, { cardId: 'status-1' });
    assertRenders(r);
    expect(r.replaceCard?.name).toBe('admin-status');
    expect((r.replaceCard?.data as { totals: { people: number } }).totals.people).toBe(3);
    const boss = await b.click('boss@example.org', 'admin.refresh', {});
    expect((boss.replaceCard?.data as { totals: { people: number } }).totals.people).toBe(1);
    const plain = await b.click('bart@example.org', 'admin.refresh', {});
    expect(plain.refused).toBe(true);
    expect((await b.store.readAudit(1))[0]?.action).toBe('refused:admin_refresh');
  });

  it('"It\'s switched off" records the server once; "Not yet" changes nothing; both admin-only', async () => {
    const b = bench({ env: { LICENSE_SERVERS: SERVERS } });
    await b.add({ email: 'anne@example.org' }, INFORMED);
    expect((await b.click('anne@example.org', CARD_ACTIONS.serverSwitchedOff, { serverId: 'lic01' })).refused).toBe(
      true,
    );
    expect(await b.store.getDoc(SERVER_DOC, 'lic01')).toBeUndefined();
    const later = await b.click(ADMIN, CARD_ACTIONS.serverLater, { serverId: 'lic01' });
    assertRenders(later);
    expect(await b.store.getDoc(SERVER_DOC, 'lic01')).toBeUndefined();
    const off = await b.click(ADMIN, CARD_ACTIONS.serverSwitchedOff, { serverId: 'lic01' });
    assertRenders(off);
    expect(textOf(off)).toContain('switched off');
    expect(await b.store.getDoc(SERVER_DOC, 'lic01')).toMatchObject({ decommissionedAt: T0 });
    b.clock.advance(3600_000);
    await b.click(ADMIN, CARD_ACTIONS.serverSwitchedOff, { serverId: 'lic01' });
    expect(await b.store.getDoc(SERVER_DOC, 'lic01')).toMatchObject({ decommissionedAt: T0 });
    expect((await b.store.readAudit(10)).filter((e) => e.action === 'server.decommissioned')).toHaveLength(1);
    expect(textOf(await b.click(ADMIN, CARD_ACTIONS.serverSwitchedOff, { serverId: 'nope' }))).toContain(
      'no licence server',
    );
  });
});

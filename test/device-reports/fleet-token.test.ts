// The fleet token (migration-wide, revocable) and who a fleet report is about.
import { describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import { issueDeviceToken } from '../../src/device-reports/device-token.ts';
import {
  currentFleetToken,
  isFleetToken,
  rotateFleetToken,
  verifyFleetToken,
} from '../../src/device-reports/fleet-token.ts';
import { personForReport } from '../../src/device-reports/person-for-report.ts';
import { keepUnmapped, listUnmapped, takeUnmapped } from '../../src/device-reports/unmapped-devices.ts';
import { createPerson } from '../../src/services/update-person.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';

const SECRET = 'device-secret-0123456789abcdef';
let seq = 0;

describe('fleet token', () => {
  it('is stable until rotated; rotating revokes every earlier one', async () => {
    const store = createMemoryStore(`fleet-${++seq}`);
    const first = await currentFleetToken(store, SECRET);
    expect(first).toMatch(/^fleet-1\.[A-Za-z0-9_-]{43}$/);
    expect(await currentFleetToken(store, SECRET)).toBe(first);
    expect(await verifyFleetToken(store, first, SECRET)).toBe(true);
    expect(await verifyFleetToken(store, first, 'another-secret-0123456789')).toBe(false);
    const second = await rotateFleetToken(store, SECRET, 1000);
    expect(second).toMatch(/^fleet-2\./);
    expect(await verifyFleetToken(store, first, SECRET)).toBe(false);
    expect(await verifyFleetToken(store, second, SECRET)).toBe(true);
    // A forged generation with a wrong signature, or a person token, is not a fleet token.
    expect(await verifyFleetToken(store, second.replace('fleet-2', 'fleet-3'), SECRET)).toBe(false);
    expect(isFleetToken(issueDeviceToken('jane@acme.example', SECRET))).toBe(false);
    expect(isFleetToken(second)).toBe(true);
  });
});

describe('personForReport', () => {
  it('maps a UPN, a login from the roster column or the e-mail, DOMAIN\\login; nobody for unknown or empty', async () => {
    const store = createMemoryStore(`fleet-${++seq}`);
    const jane = newPerson({ email: 'Jane.Doe@acme.example', firstName: 'Jane', lastName: 'Doe', products: [] }, 0);
    jane.logins = ['jdoe'];
    await createPerson(store, jane, { id: 't', source: 'system' }, 0);
    expect(await personForReport(store, 'jane.doe@ACME.example', 'pc')).toBe('jane.doe@acme.example');
    expect(await personForReport(store, 'jdoe', 'pc')).toBe('jane.doe@acme.example');
    expect(await personForReport(store, 'ACME\\jdoe', 'pc')).toBe('jane.doe@acme.example');
    expect(await personForReport(store, 'jane.doe', 'pc')).toBe('jane.doe@acme.example');
    expect(await personForReport(store, 'ghost', 'pc')).toBeUndefined();
    expect(await personForReport(store, 'ghost@acme.example', 'pc')).toBeUndefined();
    expect(await personForReport(store, undefined, 'pc')).toBeUndefined();
    // A directory e-mail in the roster wins over the login; one outside it leaves the login to decide.
    expect(await personForReport(store, 'mac-user', 'mac', 'Jane.Doe@acme.example')).toBe('jane.doe@acme.example');
    expect(await personForReport(store, 'jdoe', 'mac', 'someone@else.example')).toBe('jane.doe@acme.example');
    expect(await personForReport(store, 'mac-user', 'mac', 'not-an-address')).toBeUndefined();
  });

  it('keeps unmapped devices, the latest report a device, until taken', async () => {
    const store = createMemoryStore(`fleet-${++seq}`);
    const report = (user: string) => ({ hostname: 'WS-9', user, products: [] });
    await keepUnmapped(store, report('a'), 1);
    await keepUnmapped(store, report('b'), 2);
    expect(await listUnmapped(store)).toEqual([{ device: 'ws-9', user: 'b', at: 2, report: report('b') }]);
    expect((await takeUnmapped(store, 'WS-9'))?.user).toBe('b');
    expect(await listUnmapped(store)).toEqual([]);
  });
});

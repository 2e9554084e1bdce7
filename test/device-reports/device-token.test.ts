import { describe, expect, it } from 'vitest';
import { planDeviceSwitch } from '../../src/domain/device-switch-plan.ts';
import { newPerson } from '../../src/domain/person.ts';
import { applyEvents } from '../../src/domain/transitions.ts';
import { issueDeviceToken, verifyDeviceToken } from '../../src/device-reports/device-token.ts';

const SECRET = 'a-device-secret-of-some-length';
const T = Date.UTC(2026, 11, 1, 9);

describe('device tokens', () => {
  it('carry the person id and verify only with the secret that signed them', () => {
    const token = issueDeviceToken('jean.dubois@acme.example', SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyDeviceToken(token, SECRET)).toBe('jean.dubois@acme.example');
    expect(verifyDeviceToken(token, 'another-secret-of-some-length')).toBeUndefined();
  });

  it('refuse a token whose person or signature was changed, or that is not a token at all', () => {
    const token = issueDeviceToken('jean.dubois@acme.example', SECRET);
    const [, mac] = token.split('.');
    const other = Buffer.from('anke.maes@acme.example').toString('base64url');
    expect(verifyDeviceToken(`${other}.${mac}`, SECRET)).toBeUndefined();
    expect(verifyDeviceToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, SECRET)).toBeUndefined();
    for (const bad of ['', '.', 'abc', `${token}.x`, `.${mac}`, `a b.${mac}`])
      expect(verifyDeviceToken(bad, SECRET)).toBeUndefined();
  });
});

describe('planDeviceSwitch', () => {
  const base = newPerson(
    { email: 'jean@acme.example', firstName: 'Jean', lastName: 'D', products: ['AutoCAD', 'Revit', 'Maya'] },
    T,
  );
  const r = applyEvents(
    base,
    [
      { type: 'product.assigned', product: 'AutoCAD' },
      { type: 'product.assigned', product: 'Revit' },
    ],
    T,
  );
  if (!r.ok) throw r.error;
  const person = r.value;

  it('switches named products, keeps network ones on the network, and says why the rest is skipped', () => {
    const plan = planDeviceSwitch(
      person,
      [
        { device: 'pc-1', featureId: 'ACD', product: 'AutoCAD', method: 'named' },
        { device: 'pc-1', featureId: 'RVT', product: 'Revit', method: 'network' },
        { device: 'pc-1', featureId: 'MAYA', product: 'Maya', method: 'named' },
        { device: 'pc-1', featureId: 'INVPROSA', product: 'Inventor Professional', method: 'named' },
        { device: 'pc-1', featureId: 'XYZ', method: 'named' },
      ],
      T,
    );
    expect(plan.events).toEqual([
      { type: 'device.switched', product: 'AutoCAD', device: 'pc-1', by: 'script' },
      { type: 'device.network', product: 'Revit', device: 'pc-1' },
    ]);
    expect(plan.outcomes).toEqual([
      {
        featureId: 'INVPROSA',
        product: 'Inventor Professional',
        device: 'pc-1',
        status: 'skipped',
        reason: 'not_in_scope',
      },
      { featureId: 'XYZ', device: 'pc-1', status: 'skipped', reason: 'unknown_product' },
      { product: 'AutoCAD', device: 'pc-1', status: 'switched' },
      { product: 'Revit', device: 'pc-1', status: 'network' },
      { featureId: 'MAYA', product: 'Maya', device: 'pc-1', status: 'skipped', reason: 'not_assigned' },
    ]);
  });

  it('counts a product as on the network while any of its versions is, and reports what is already known', () => {
    const two = planDeviceSwitch(
      person,
      [
        { device: 'pc-1', featureId: 'ACD', product: 'AutoCAD', method: 'named' },
        { device: 'pc-1', featureId: 'ACD', product: 'autocad', method: 'network' },
        { device: 'pc-1', featureId: 'RVT', product: 'Revit', method: 'standalone' },
      ],
      T,
    );
    expect(two.events).toEqual([{ type: 'device.network', product: 'AutoCAD', device: 'pc-1' }]);
    expect(two.outcomes).toContainEqual({
      featureId: 'RVT',
      product: 'Revit',
      device: 'pc-1',
      status: 'skipped',
      reason: 'other_method',
    });
    const after = applyEvents(person, two.events, T);
    if (!after.ok) throw after.error;
    expect(
      planDeviceSwitch(after.value, [{ device: 'pc-1', featureId: 'ACD', product: 'AutoCAD', method: 'network' }], T),
    ).toEqual({
      events: [],
      outcomes: [{ product: 'AutoCAD', device: 'pc-1', status: 'unchanged' }],
    });
  });
});

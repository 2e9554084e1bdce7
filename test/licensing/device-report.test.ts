import { describe, expect, it } from 'vitest';
import { deviceSwitchFacts, validateDeviceReport } from '../../src/licensing/device-report.ts';
import { loadCatalogue } from '../../src/licensing/product-keys-data.ts';

const catalogue = loadCatalogue();
const maya = {
  feature_id: 'MAYA',
  def_prod_key: '657L1',
  def_prod_ver: '2020.0.0.F',
  sel_prod_key: '657L1',
  sel_prod_ver: '2020.0.0.F',
  lic_method: 1,
  lic_servers: ['@lic01'],
};
const acad = {
  feature_id: 'ACD',
  def_prod_key: '001Q1',
  def_prod_ver: '2025.0.0.F',
  sel_prod_key: '001Q1',
  sel_prod_ver: '2025.0.0.F',
  lic_method: 4,
  lic_servers: [],
  lic_server_type: 1,
  some_new_field: 'kept',
};

describe('validateDeviceReport', () => {
  it('accepts the helper list as the scripts send it, keeping unknown fields', () => {
    const r = validateDeviceReport({ hostname: 'PC-0042', user: 'jdoe', products: [maya, acad] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.products[1]).toMatchObject({ some_new_field: 'kept', lic_method: 4 });
    expect(validateDeviceReport({ hostname: 'mac.local', products: [] }).ok).toBe(true);
  });

  it('rejects malformed reports and names each bad field', () => {
    const bad = (body: unknown) => {
      const r = validateDeviceReport(body);
      if (r.ok) throw new Error('accepted');
      return r.errors.join('\n');
    };
    expect(bad(null)).toMatch(/^\(body\):/);
    expect(bad({ products: [] })).toMatch(/^hostname:/);
    expect(bad({ hostname: 'PC 42', products: [] })).toMatch(/hostname: .*host name without spaces/);
    expect(bad({ hostname: 'PC-1', products: [{ ...maya, def_prod_key: '657l1' }] })).toMatch(
      /products\.0\.def_prod_key: a 5-character product key/,
    );
    expect(bad({ hostname: 'PC-1', products: [{ ...maya, def_prod_ver: '2020' }] })).toMatch(
      /products\.0\.def_prod_ver: a version such as/,
    );
    expect(bad({ hostname: 'PC-1', products: [{ ...maya, lic_method: 7 }] })).toMatch(/products\.0\.lic_method/);
    expect(bad({ hostname: 'PC-1', products: [{ ...maya, lic_method: '4' }] })).toMatch(/products\.0\.lic_method/);
    expect(bad({ hostname: 'PC-1', products: 'all' })).toMatch(/^products:/);
    expect(bad({ hostname: 'PC-1', products: Array.from({ length: 501 }, () => maya) })).toMatch(/^products:/);
  });
});

describe('deviceSwitchFacts', () => {
  it('turns each product into a switch fact named from the catalogue', () => {
    const r = validateDeviceReport({ hostname: 'PC-0042', user: 'jdoe', products: [maya, acad] });
    if (!r.ok) throw new Error(r.errors.join());
    expect(deviceSwitchFacts(r.value, catalogue)).toEqual([
      {
        device: 'pc-0042',
        user: 'jdoe',
        featureId: 'MAYA',
        key: '657L1',
        version: '2020.0.0.F',
        year: 2020,
        product: 'Maya',
        method: 'network',
        switched: false,
        servers: ['@lic01'],
      },
      {
        device: 'pc-0042',
        user: 'jdoe',
        featureId: 'ACD',
        key: '001Q1',
        version: '2025.0.0.F',
        year: 2025,
        product: 'AutoCAD',
        method: 'named',
        switched: true,
        servers: [],
      },
    ]);
  });

  it('prefers the selected key, falls back to the feature id, and leaves unknown products unnamed', () => {
    const r = validateDeviceReport({
      hostname: 'MAC.local',
      products: [
        {
          feature_id: 'ACD',
          def_prod_key: '001P1',
          def_prod_ver: '2024.0.0.F',
          sel_prod_key: '001R1',
          sel_prod_ver: '2026.0.0.F',
          lic_method: 4,
        },
        { feature_id: 'RVT', def_prod_key: 'ZZZZ1', def_prod_ver: '2025.0.0.F' },
        { feature_id: 'NEWTHING', def_prod_key: 'ZZZQ1', def_prod_ver: '2025.0.0.F', sel_prod_key: '', lic_method: 0 },
      ],
    });
    if (!r.ok) throw new Error(r.errors.join());
    const facts = deviceSwitchFacts(r.value, catalogue);
    expect(facts.map((f) => [f.device, f.key, f.year, f.product, f.method])).toEqual([
      ['mac.local', '001R1', 2026, 'AutoCAD', 'named'],
      ['mac.local', 'ZZZZ1', 2025, 'Revit', 'unknown'],
      ['mac.local', 'ZZZQ1', 2025, undefined, 'unknown'],
    ]);
    expect(facts[0]!.user).toBeUndefined();
  });
});

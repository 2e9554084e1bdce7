import { describe, expect, it } from 'vitest';
import {
  buildCatalogue,
  lookupProduct,
  productForKey,
  productNames,
  resolveProductQuery,
} from '../../src/licensing/product-catalogue.ts';
import { loadCatalogue, readProductKeyFiles } from '../../src/licensing/product-keys-data.ts';
import { keyYear, releaseLetter, splitNameYear } from '../../src/licensing/product-names.ts';
import { parseFeatureCode, productForFeature } from '../../src/licensing/feature-codes.ts';

const cat = loadCatalogue();
const key = (q: string) => {
  const r = lookupProduct(cat, q);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('product catalogue from the shipped lists', () => {
  it('reads every shipped year, 2015 to 2025', () => {
    expect(
      readProductKeyFiles()
        .map((f) => f.year)
        .sort(),
    ).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(cat.latestYear).toBe(2025);
  });

  it('gives AutoCAD 2025 = 001Q1 / 2025.0.0.F and other listed keys', () => {
    expect(key('AutoCAD 2025')).toEqual({
      name: 'AutoCAD',
      year: 2025,
      key: '001Q1',
      version: '2025.0.0.F',
      source: 'data',
      alternates: [],
    });
    expect(key('Revit 2021')).toMatchObject({ key: '829M1', version: '2021.0.0.F', source: 'data' });
    expect(key('Autodesk AutoCAD LT 2015')).toMatchObject({ name: 'AutoCAD LT', key: '057G1' });
    expect(key('Advance Steel with AutoCAD 2016')).toMatchObject({ key: '958H1' });
  });

  it('finds products by loose names, defaulting to the latest year', () => {
    expect(key('autocad')).toMatchObject({ name: 'AutoCAD', year: 2025, key: '001Q1' });
    expect(key('civil3d')).toMatchObject({ name: 'Civil 3D', key: '237Q1' });
    expect(key('  revit   lt ')).toMatchObject({ name: 'Revit LT', key: '828Q1' });
    expect(key('plant 3d 2020')).toMatchObject({ name: 'AutoCAD Plant 3D', key: '426L1' });
  });

  it('derives later years by moving the release letter one a year', () => {
    expect(key('AutoCAD 2026')).toMatchObject({ key: '001R1', version: '2026.0.0.F', source: 'derived' });
    expect(key('AutoCAD 2027')).toMatchObject({ key: '001S1', source: 'derived' });
    // Maya is listed up to 2018; the derived 2020 key is the one docs/autodesk.md shows from a real device.
    expect(key('Maya 2020')).toMatchObject({ key: '657L1', version: '2020.0.0.F', source: 'derived' });
    // Years before the lists are derived backwards the same way: 2014 is F.
    expect(key('AutoCAD 2014')).toMatchObject({ key: '001F1', version: '2014.0.0.F', source: 'derived' });
    expect(key('AutoCAD 2028')).toMatchObject({ key: '001T1', version: '2028.0.0.F', source: 'derived' });
    expect(lookupProduct(cat, 'AutoCAD 2008')).toMatchObject({ ok: false, reason: 'no-key-for-year' });
    expect(lookupProduct(cat, 'AutoCAD 2035')).toMatchObject({ ok: false, reason: 'no-key-for-year' });
  });

  it('keeps the shipped lists as the source for the years they cover', () => {
    for (const f of readProductKeyFiles())
      for (const line of f.text.split(/\r?\n/)) {
        const m = /^Autodesk AutoCAD (\d{4});(\w{5})$/.exec(line.trim());
        if (m) expect(key(`AutoCAD ${m[1]}`)).toMatchObject({ key: m[2], source: 'data' });
      }
  });

  it('reads a product without a year as every release of it, and with a year as that release', () => {
    expect(resolveProductQuery(cat, 'AutoCAD')).toEqual({ ok: true, family: { name: 'AutoCAD', codes: ['001'] } });
    expect(resolveProductQuery(cat, 'autocad 2027')).toMatchObject({
      ok: true,
      release: { name: 'AutoCAD', year: 2027, key: '001S1', version: '2027.0.0.F' },
    });
    const fc = resolveProductQuery(cat, 'FeatureCAM Premium');
    expect(fc).toMatchObject({ ok: true, family: { name: 'FeatureCAM Premium' } });
    if (fc.ok && 'family' in fc) expect(fc.family.codes).toEqual(expect.arrayContaining(['A9F', 'Q16']));
    expect(resolveProductQuery(cat, 'Photoshop')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('reports unknown and ambiguous names with candidates', () => {
    expect(lookupProduct(cat, 'Photoshop')).toMatchObject({
      ok: false,
      reason: 'unknown',
      message: 'no Autodesk product called "Photoshop"',
    });
    const r = lookupProduct(cat, 'powermill');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('ambiguous');
    expect(r.candidates).toEqual(
      expect.arrayContaining(['PowerMill Premium', 'PowerMill Standard', 'PowerMill Ultimate']),
    );
    expect(lookupProduct(cat, '')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('merges spellings of one product and keeps the keys the lists disagree on as alternates', () => {
    expect(key('PowerMill - Premium 2025').name).toBe('PowerMill Premium');
    expect(key('FeatureCAM Premium 2025')).toMatchObject({ key: 'A9FQ1', alternates: ['Q16Q1'] });
  });

  it('maps keys back to products, including derived years', () => {
    expect(productForKey(cat, '001Q1')).toEqual({ name: 'AutoCAD', year: 2025 });
    expect(productForKey(cat, '001r1')).toEqual({ name: 'AutoCAD', year: 2026 });
    expect(productForKey(cat, '829M1')).toEqual({ name: 'Revit', year: 2021 });
    expect(productForKey(cat, 'XYZQ1')).toBeUndefined();
    expect(productForKey(cat, 'not a key')).toBeUndefined();
    expect(productNames(cat)).toContain('Civil 3D');
  });
});

describe('admin overrides', () => {
  it('win over the lists and derivation, and may add products', () => {
    const c = loadCatalogue({ 'AutoCAD 2026': '001x1', 'AutoCAD 2025': '999Q1', 'Contoso CAD 2026': 'C01R1' });
    expect(lookupProduct(c, 'AutoCAD 2026')).toMatchObject({ ok: true, value: { key: '001X1', source: 'override' } });
    expect(lookupProduct(c, 'AutoCAD 2025')).toMatchObject({
      ok: true,
      value: { key: '999Q1', source: 'override', alternates: ['001Q1'] },
    });
    expect(lookupProduct(c, 'contoso cad')).toMatchObject({
      ok: true,
      value: { name: 'Contoso CAD', year: 2026, key: 'C01R1' },
    });
    // The shipped catalogue is untouched by another caller's overrides.
    expect(key('AutoCAD 2025').key).toBe('001Q1');
  });

  it('are rejected with a clear message when malformed', () => {
    expect(() => buildCatalogue([], { AutoCAD: '001R1' })).toThrow(/write it as "Product YYYY"/);
    expect(() => buildCatalogue([], { 'AutoCAD 2026': '001R' })).toThrow(/not a 5-character product key/);
    expect(() => buildCatalogue([], { 'AutoCAD 2026': "001R1'; rm -rf /" })).toThrow(/not a 5-character product key/);
  });
});

describe('catalogue parsing rules', () => {
  it('skips point releases, keys of another year and lines without a key', () => {
    const c = buildCatalogue([
      {
        year: 2015,
        text: 'Autodesk Advance Steel 2015;959G1\r\nAutodesk Advance Steel 2015.1;959G2\nAutodesk Odd 2015;123H1\njunk line\n;\n',
      },
    ]);
    expect(productNames(c)).toEqual(['Advance Steel']);
    expect(lookupProduct(c, 'Advance Steel 2015')).toMatchObject({ ok: true, value: { key: '959G1', alternates: [] } });
  });

  it('knows the release letters and splits names from years', () => {
    expect([2015, 2020, 2025, 2026, 2027].map(releaseLetter)).toEqual(['G', 'L', 'Q', 'R', 'S']);
    expect(releaseLetter(2008)).toBeUndefined();
    expect(keyYear('001Q1')).toBe(2025);
    expect(keyYear('001q1')).toBeUndefined();
    expect(splitNameYear('AutoCAD 2025')).toEqual({ name: 'AutoCAD', year: 2025 });
    expect(splitNameYear('3ds Max')).toEqual({ name: '3ds Max' });
  });
});

describe('feature codes', () => {
  it('reads the three Autodesk feature-name shapes and the helper feature_id', () => {
    expect(parseFeatureCode('64300ACD_F')).toEqual({ code: 'ACD', kind: 'perpetual', product: 'AutoCAD' });
    expect(parseFeatureCode('64300ACD_T_F')).toEqual({ code: 'ACD', kind: 'subscription', product: 'AutoCAD' });
    expect(parseFeatureCode('87393ACD_2021_0F')).toEqual({
      code: 'ACD',
      kind: 'versioned',
      year: 2021,
      product: 'AutoCAD',
    });
    expect(parseFeatureCode('86815AECCOL_T_F')).toMatchObject({ code: 'AECCOL', product: 'AEC Collection' });
    expect(parseFeatureCode('64300AMECH_PP_F')).toMatchObject({ code: 'AMECH_PP', product: 'AutoCAD Mechanical' });
    expect(parseFeatureCode('MAYA')).toEqual({ code: 'MAYA', kind: 'id', product: 'Maya' });
  });

  it('maps unknown codes to undefined, and accepts a site table', () => {
    expect(parseFeatureCode('85788BDSADV_F')).toEqual({ code: 'BDSADV', kind: 'perpetual' });
    expect(productForFeature('85788BDSADV_F')).toBeUndefined();
    expect(productForFeature('85788BDSADV_F', { BDSADV: 'Building Design Suite Ultimate' })).toBe(
      'Building Design Suite Ultimate',
    );
    expect(productForFeature('feature1')).toBeUndefined();
    expect(parseFeatureCode('"quoted" junk')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { productGroupId, inviteGroupId } from '../../src/autodesk/entra/group-map.ts';
import { matchProduct, normaliseProductName } from '../../src/autodesk/product-names.ts';

describe('product names', () => {
  it('reduces the ways Autodesk writes a product to one key', () => {
    expect(normaliseProductName('AutoCAD - including specialized toolsets')).toBe('autocad');
    expect(normaliseProductName('AutoCAD including specialized toolsets')).toBe('autocad');
    expect(normaliseProductName('Autodesk Revit 2026')).toBe('revit');
    expect(normaliseProductName('AutoCAD® LT')).toBe('autocad lt');
    expect(normaliseProductName('  Civil   3D ')).toBe('civil 3d');
  });

  it('matches roster products case-insensitively without confusing related products', () => {
    const roster = ['AutoCAD', 'AutoCAD LT', 'Revit'];
    expect(matchProduct('AutoCAD - including specialized toolsets', roster)).toBe('AutoCAD');
    expect(matchProduct('AUTOCAD LT', roster)).toBe('AutoCAD LT');
    expect(matchProduct('Revit LT', roster)).toBeUndefined();
    expect(matchProduct('', roster)).toBeUndefined();
  });

  it('finds the Entra group for a product and for invitations', () => {
    const groups = { _invite: 'g0', 'AutoCAD - including specialized toolsets': 'g1', Revit: 'g2' };
    expect(productGroupId(groups, 'AutoCAD')).toBe('g1');
    expect(productGroupId(groups, 'revit')).toBe('g2');
    expect(productGroupId(groups, 'Maya')).toBeUndefined();
    expect(productGroupId(groups, '_invite')).toBeUndefined();
    expect(inviteGroupId(groups)).toBe('g0');
    expect(inviteGroupId({ '*': 'g9' })).toBe('g9');
    expect(inviteGroupId({ Revit: 'g2' })).toBeUndefined();
  });
});

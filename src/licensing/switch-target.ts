// What a resolved product query becomes in a switch script: one release, or every installed release of a product.
import type { ProductQuery } from './product-catalogue.ts';
import { isFamily, type SwitchTarget } from './switch-script-types.ts';

/** The switch-script target of a query the catalogue resolved. */
export function switchTarget(found: Extract<ProductQuery, { ok: true }>): SwitchTarget {
  if ('family' in found) return { name: found.family.name, codes: found.family.codes };
  const { key, version, alternates, name, year } = found.release;
  return { key, version, alternates, name: `${name} ${year}` };
}

/** How a target is named to a person: "AutoCAD 2027", or `everyRelease` ("AutoCAD, every release") for a product. */
export const targetLabel = (t: SwitchTarget, everyRelease: string): string => (isFamily(t) ? everyRelease : t.name);

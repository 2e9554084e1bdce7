// FlexNet feature names of Autodesk products (`64300ACD_F`, `64300ACD_T_F`, `87393ACD_2021_0F`) and the
// `feature_id` AdskLicensingInstHelper reports (`ACD`, `MAYA`), mapped to catalogue product names.

export type FeatureKind = 'perpetual' | 'subscription' | 'versioned' | 'id';

export interface FeatureCode {
  /** The product code inside the feature name, e.g. "ACD". */
  code: string;
  kind: FeatureKind;
  /** For `…_YYYY_0F` features. */
  year?: number;
  /** The catalogue product name when the code is known. */
  product?: string;
}

// Codes whose product is certain: those in docs/autodesk.md and the fixtures, and Autodesk's best-known ones.
// Suites and collections keep their own names. Extend per site with the `extra` argument.
export const FEATURE_PRODUCTS: Readonly<Record<string, string>> = {
  ACD: 'AutoCAD',
  ACDLT: 'AutoCAD LT',
  ARCHDESK: 'AutoCAD Architecture',
  ACAD_E: 'AutoCAD Electrical',
  AMECH_PP: 'AutoCAD Mechanical',
  MAP: 'AutoCAD Map 3D',
  PLNT3D: 'AutoCAD Plant 3D',
  CIV3D: 'Civil 3D',
  RVT: 'Revit',
  INVPROSA: 'Inventor Professional',
  '3DSMAX': '3ds Max',
  MAYA: 'Maya',
  NAVMAN: 'Navisworks Manage',
  AECCOL: 'AEC Collection',
  PDCOLL: 'Product Design & Manufacturing Collection',
  MECOLL: 'Media & Entertainment Collection',
};

const FLEX_FEATURE = /^\d{5}([A-Z0-9_]+?)(?:_(\d{4})_0F|(_T)?_F)$/;
const BARE_ID = /^[A-Z0-9][A-Z0-9_]{0,31}$/;

/** Reads a FlexNet feature name or a helper `feature_id`; undefined for anything else. */
export function parseFeatureCode(raw: string, extra: Readonly<Record<string, string>> = {}): FeatureCode | undefined {
  const name = raw.trim().toUpperCase();
  const m = FLEX_FEATURE.exec(name);
  let out: FeatureCode;
  if (m) {
    out = { code: m[1]!, kind: m[2] ? 'versioned' : m[3] ? 'subscription' : 'perpetual' };
    if (m[2]) out.year = Number(m[2]);
  } else if (BARE_ID.test(name) && !/^\d{5}/.test(name)) {
    out = { code: name, kind: 'id' };
  } else return undefined;
  const product = extra[out.code] ?? FEATURE_PRODUCTS[out.code];
  if (product) out.product = product;
  return out;
}

/** The product a feature name or feature id stands for, or undefined when the code is not known. */
export function productForFeature(raw: string, extra: Readonly<Record<string, string>> = {}): string | undefined {
  return parseFeatureCode(raw, extra)?.product;
}

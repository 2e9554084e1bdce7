// Autodesk writes the same product several ways ("AutoCAD - including specialized toolsets", "Autodesk Revit 2025");
// the roster uses short display names. One normaliser makes them comparable.

/** Lower-case, without "Autodesk " in front, " - including …" behind, a trailing year, or ®/™ marks. */
export function normaliseProductName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[®™©]/g, '')
    .replace(/\s+(?:[-–—]\s+)?including\b.*$/i, '')
    .replace(/^\s*autodesk\s+/i, '')
    .replace(/\s+\(?(?:19|20)\d\d\)?\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The roster product this Autodesk product name stands for, or undefined. */
export function matchProduct(autodeskName: string, rosterProducts: readonly string[]): string | undefined {
  const wanted = normaliseProductName(autodeskName);
  if (!wanted) return undefined;
  return rosterProducts.find((p) => normaliseProductName(p) === wanted);
}

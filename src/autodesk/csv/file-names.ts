// File names an admin can download on any OS: lower-case ASCII, digits and dashes only.

const MAX_SLUG = 40;

/** "AutoCAD - including specialized toolsets" → "autocad-including-specialized-toolsets"; never empty. */
export function fileSlug(text: string, fallback = 'product'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug || fallback;
}

export const inviteFileName = (part: number): string => `invite-users-${part}.csv`;
export const assignFileName = (product: string, part: number): string => `assign-${fileSlug(product)}-${part}.csv`;

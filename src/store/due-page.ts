// Paging the due set without splitting the people due at one instant (see MigrationStore.duePage).

/**
 * The first `size` of `sorted` (soonest first), cut back to the last whole instant. When one instant alone fills the
 * page it is returned whole, which needs `sorted` to hold all of it (`complete`); a caller that read only `size + 1`
 * entries reads that instant in full first (it throws otherwise).
 */
export function wholeInstants<T extends { at: number }>(sorted: T[], size: number, complete: boolean): T[] {
  if (sorted.length <= size) return sorted;
  const boundary = sorted[size]!.at;
  let end = size;
  while (end > 0 && sorted[end - 1]!.at === boundary) end--;
  if (end > 0) return sorted.slice(0, end);
  if (!complete) throw new Error('wholeInstants: the instant filling the page was not read in full');
  let last = size;
  while (last < sorted.length && sorted[last]!.at === boundary) last++;
  return sorted.slice(0, last);
}

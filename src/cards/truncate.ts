// Long lists are cut in the data, before templating, so a card never grows past what Teams or Slack accept.
import type { Locale } from '../domain/types.ts';
import { tp } from './i18n.ts';

/** Most items of one list a card shows; the rest is summarised as "and N more". */
export const MAX_LIST_ITEMS = 20;

export interface Truncated<T> {
  items: T[];
  /** How many were left out. */
  hidden: number;
  /** "and 12 more" in the locale, or '' when nothing was left out. */
  more: string;
}

export function truncateList<T>(items: readonly T[], locale: Locale, max = MAX_LIST_ITEMS): Truncated<T> {
  const hidden = Math.max(0, items.length - max);
  return { items: items.slice(0, max), hidden, more: hidden > 0 ? tp(locale, 'list_more', hidden) : '' };
}

/** A list as one line for people to read: "Anne, Bart, Chloé and 12 more", or `empty` when there is none. */
export function joinNames(names: readonly string[], locale: Locale, empty: string, max = MAX_LIST_ITEMS): string {
  if (names.length === 0) return empty;
  const { items, more } = truncateList(names, locale, max);
  return more ? `${items.join(', ')} ${more}` : items.join(', ');
}

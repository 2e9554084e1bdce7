// Why people cannot be reached, in the caller's words: the campaign answers, `sync` and `who step4 unreachable`.
import { escapeMarkdown } from '../cards/index.ts';
import { fullName } from '../domain/person.ts';
import type { Locale, Person } from '../domain/types.ts';
import type { Platform } from '../ports/chat-channel.ts';
import type { UnreachableWhy } from '../ports/directory.ts';
import { say } from './say.ts';

/** People named in one answer; the rest are counted and found with `who step4 unreachable`. */
export const MAX_NAMED = 20;

const PLATFORM_NAMES: Record<Platform, string> = { teams: 'Teams', slack: 'Slack', playground: 'Playground' };

/** Each platform's reason, joined: "no Slack user with this e-mail; not in the Teams roster team and …". */
export function whyText(locale: Locale, why: readonly UnreachableWhy[] | undefined): string {
  if (!why || why.length === 0) return say(locale, 'unreachable_unknown');
  return why.map((w) => say(locale, `unreachable_${w.code}`, { platform: PLATFORM_NAMES[w.platform] })).join('; ');
}

/** One fact per person (name → e-mail and reasons), at most MAX_NAMED; `more` counts the others. */
export function unreachableFacts(
  locale: Locale,
  people: readonly { person: Person; why: readonly UnreachableWhy[] | undefined }[],
): { facts: { title: string; value: string }[]; more: number } {
  const shown = people.slice(0, MAX_NAMED);
  return {
    facts: shown.map(({ person, why }) => ({
      title: escapeMarkdown(fullName(person)),
      value: `${escapeMarkdown(person.email)}: ${whyText(locale, why)}`,
    })),
    more: people.length - shown.length,
  };
}

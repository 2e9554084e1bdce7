// The "what you see" checks: render a card as Teams and Slack show it, read the text a person reads, and list what is
// wrong with it (cut text, raw ids, placeholders, English words in another language, empty facts shown as bullets,
// wrong plurals).
import { renderCard, type SlackMessage, type TeamsCard } from '../../src/cards/index.ts';
import type { OutboundCard } from '../../src/ports/chat-channel.ts';
import type { Locale } from '../../src/domain/types.ts';
import {
  adaptiveVisibleText,
  blocksVisibleText,
  visibleString,
  type VisibleText,
} from '../../src/cards/visible-text.ts';

/** Status and enum ids of the model that must never reach a person as they are. */
export const RAW_IDS: readonly string[] = [
  'not_invited',
  'invited',
  'accepted',
  'not_informed',
  'informed',
  'acknowledged',
  'needs_help',
  'not_started',
  'in_progress',
  'not_assigned',
  'assigned',
  'switched',
  'opted_out',
  'optedout',
  'done',
  'failed',
  'pending',
  'partial',
  'all',
  'none',
  'unknown',
  'snoozed',
];

/** English words that give away a string left untranslated (checked outside code spans and outside test data). */
const ENGLISH_TELLS: readonly string[] = [
  'the',
  'and',
  'more',
  'people',
  'invited',
  'assigned',
  'switched',
  'informed',
  'yes',
  'none',
  'with',
  'not',
  'days',
  'your',
  'please',
  'step',
  'reminder',
];

/** "1 <plural noun>" in any of the four languages. */
const WRONG_SINGULAR =
  /(?<![\d.,\u202f\u00a0])\b1 (people|persons|personnes|personen|mensen|days|jours|dagen|tage|rows|lignes|rijen|zeilen|servers|serveurs|products|produits|producten|produkte|commands|commandes)\b/i;

/** A time of day ("17:00") not followed by its zone in parentheses ("17:00 (CET)"). */
const TIME_WITHOUT_ZONE = /\b([01]?\d|2[0-3]):[0-5]\d\b(?!:|\s?\()/;

const PLACEHOLDER = /\{[A-Za-z][A-Za-z0-9]*\}|\$\{|\{[A-Za-z]+, ?(plural|select)/;

export interface Seen {
  platform: 'teams' | 'slack';
  texts: VisibleText[];
  whole: string;
}

/** Both renderings of one outbound card as the visible text a person reads. */
export function see(card: OutboundCard): Seen[] {
  const teams = renderCard(card.name, card.data, card.locale, 'teams') as TeamsCard;
  const slack = renderCard(card.name, card.data, card.locale, 'slack') as SlackMessage;
  const t = adaptiveVisibleText(teams.card);
  const s = blocksVisibleText(slack.blocks);
  return [
    { platform: 'teams', texts: t, whole: visibleString(t) },
    { platform: 'slack', texts: s, whole: visibleString(s) },
  ];
}

/**
 * Text without code spans/blocks (command names and usages stay English by design), without quotations (Autodesk's
 * own screens, quoted as they read) and without the given data.
 */
function prose(text: string, data: readonly string[]): string {
  let out = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/«[^»]*»|“[^”]*”|„[^“]*“|"[^"\n]*"/g, ' ');
  for (const d of [...data].sort((a, b) => b.length - a.length)) if (d !== '') out = out.split(d).join(' ');
  return out;
}

/**
 * What is wrong with what a person sees, as readable lines (empty when nothing is). `data` lists the strings that came
 * from outside (names, e-mails, products) and may be in any language.
 */
export function problems(seen: Seen, locale: Locale, data: readonly string[] = []): string[] {
  const found: string[] = [];
  const where = (t: VisibleText) => `${seen.platform} ${t.kind} "${t.text.slice(0, 80)}"`;
  for (const t of seen.texts) {
    const trimmed = t.text.trim();
    const text = prose(t.text, data);
    if (/…$/.test(trimmed) && !/…`$/.test(trimmed)) found.push(`cut without a "more" marker: ${where(t)}`);
    if (PLACEHOLDER.test(t.text)) found.push(`unexpanded placeholder: ${where(t)}`);
    if (t.kind === 'fact-value' && /^([-*+•]\s*)?$/.test(trimmed))
      found.push(`empty or bullet fact value: ${where(t)}`);
    if (t.kind === 'fact-value' && /^[-*+] /.test(trimmed)) found.push(`fact value shown as a list: ${where(t)}`);
    for (const id of RAW_IDS) {
      if (!id.includes('_') && t.kind !== 'fact-value') continue;
      const re = id.includes('_') ? new RegExp(`\\b${id}\\b`) : new RegExp(`^${id}$`);
      if (re.test(text.trim())) found.push(`raw id "${id}": ${where(t)}`);
    }
    if (/\b[a-z]+_[a-z_]+\b/.test(text)) found.push(`snake_case id: ${where(t)}`);
    if (locale !== 'en') {
      const words: string[] = text.toLowerCase().match(/\p{L}+/gu) ?? [];
      const tells = ENGLISH_TELLS.filter((w) => words.includes(w));
      if (tells.length > 0) found.push(`English word(s) ${tells.join(', ')} in ${locale}: ${where(t)}`);
    }
    if (WRONG_SINGULAR.test(text)) found.push(`wrong plural: ${where(t)}`);
    // Teams drops `<word>` outside code as an HTML tag (seen in Microsoft 365 Agents Playground): the words vanish.
    if (
      seen.platform === 'teams' &&
      t.kind !== 'button' &&
      /(?<!\\)<[A-Za-z][^>]*>/.test(prose(t.markdown ?? t.text, []))
    )
      found.push(`angle-bracket word Teams would drop: ${where(t)}`);
    // A fact title such as "1. Invited" shows as a numbered list in Teams (seen in the Agents Playground).
    if (seen.platform === 'teams' && t.kind === 'fact-title' && /^\s*\d+\.\s/.test(t.text))
      found.push(`fact title Teams shows as a list: ${where(t)}`);
    if (TIME_WITHOUT_ZONE.test(text)) found.push(`time of day without its zone: ${where(t)}`);
  }
  return found;
}

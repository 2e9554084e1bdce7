// renderCard: validated data + locale strings → expanded Adaptive Card (Teams) or Block Kit (Slack).
import type { Locale } from '../domain/types.ts';
import { adaptiveToBlocks, type SlackMessage } from './adaptive-to-blocks.ts';
import { CardError } from './card-error.ts';
import { expandTemplate } from './expand.ts';
import { isLocale } from './i18n.ts';
import { CARDS, isCardName, type CardData, type CardName } from './registry.ts';
import { assertNoBindings, sanitiseDeep } from './sanitize.ts';
import { templateStrings } from './template-strings.ts';
import { loadTemplate } from './templates.ts';
import { withSubmitFallbacks } from './with-submit-fallback.ts';
import { plainPlaces } from './plain-places.ts';
import type { CardModel } from './models/common.ts';

export type Platform = 'teams' | 'slack';
export const PLATFORMS: readonly Platform[] = ['teams', 'slack'];

export interface TeamsCard {
  type: 'adaptive';
  card: Record<string, unknown>;
}
export type { SlackMessage };
export type RenderedCard = TeamsCard | SlackMessage;

/** Teams accepts about 100 KB a message; staying under 80 KB leaves room for the activity around the card. */
export const MAX_ADAPTIVE_BYTES = 80 * 1024;

function adaptiveCard(name: string, data: unknown, locale: Locale): Record<string, unknown> {
  if (!isCardName(name)) throw new CardError('UNKNOWN_CARD', `unknown card "${name}"`);
  if (!isLocale(locale)) throw new CardError('UNKNOWN_LOCALE', `unsupported locale "${String(locale)}"`);
  const model = CARDS[name] as unknown as CardModel;
  const parsed = model.schema.safeParse(sanitiseDeep(data));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');
    throw new CardError('INVALID_DATA', `invalid data for card "${name}": ${issues}`);
  }
  const built = model.build(parsed.data, locale);
  // Second pass: locale strings filled with data can put "$" and "{" side by side (templateStrings sanitises `t`).
  const root = sanitiseDeep({ ...built.fields, lang: locale } as Record<string, unknown>, Infinity);
  root.t = templateStrings(locale, name, built.vars);
  const card = plainPlaces(withSubmitFallbacks(expandTemplate(loadTemplate(name), root)));
  assertNoBindings(card, name);
  return card;
}

/**
 * Renders one card for one platform. Data is validated against the card's schema and every string in it is made
 * inert first; throws CardError (UNKNOWN_CARD, UNKNOWN_LOCALE, INVALID_DATA, TOO_LARGE, TEMPLATE).
 */
export function renderCard<N extends CardName>(
  name: N,
  data: CardData<N>,
  locale: Locale,
  platform: 'teams',
): TeamsCard;
export function renderCard<N extends CardName>(
  name: N,
  data: CardData<N>,
  locale: Locale,
  platform: 'slack',
): SlackMessage;
export function renderCard(name: string, data: unknown, locale: Locale, platform: Platform): RenderedCard;
export function renderCard(name: string, data: unknown, locale: Locale, platform: Platform): RenderedCard {
  const card = adaptiveCard(name, data, locale);
  if (platform === 'teams') {
    const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
    if (bytes > MAX_ADAPTIVE_BYTES)
      throw new CardError('TOO_LARGE', `card "${name}" is ${bytes} bytes (limit ${MAX_ADAPTIVE_BYTES})`);
    return { type: 'adaptive', card };
  }
  if (platform === 'slack') {
    const message = adaptiveToBlocks(card, locale);
    assertNoBindings(message, name);
    return message;
  }
  throw new CardError('INVALID_DATA', `unknown platform "${String(platform)}" (use teams or slack)`);
}

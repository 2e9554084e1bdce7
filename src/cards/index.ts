// The cards module: one message model (Adaptive Card templates + locale strings), two renderings (Teams, Slack).
export { renderCard, PLATFORMS, MAX_ADAPTIVE_BYTES } from './render.ts';
export type { Platform, RenderedCard, TeamsCard, SlackMessage } from './render.ts';
export { CARD_NAMES, isCardName } from './registry.ts';
export type { CardName, CardData } from './registry.ts';
export type * from './types.ts';
export { t, tp, resolveLocale, isLocale, SUPPORTED_LOCALES } from './i18n.ts';
export type { Locale } from '../domain/types.ts';
export { formatDate, formatDateTime, formatNumber, formatPercent } from './format.ts';
export { CARD_ACTIONS, HELP_TEXT_INPUT, isCardAction } from './actions.ts';
export type { CardAction } from './actions.ts';
export { CardError } from './card-error.ts';
export { escapeMarkdown } from './markdown-escape.ts';
export type { CardErrorCode } from './card-error.ts';
export { sampleData } from './samples.ts';
export type { SlackBlock } from './block-kit.ts';

// Stand-in for src/cards' renderCard (same signature) until that module lands on this branch: a plain card with the
// data's title and text, and the actions it lists. Replaced by a re-export of src/cards after merging.
import type { Locale } from '../../domain/types.ts';

export interface RenderedAdaptiveCard {
  type: 'adaptive';
  card: Record<string, unknown>;
}

export function renderCard(name: string, data: Record<string, unknown>, _locale: Locale, _platform: 'teams'): RenderedAdaptiveCard {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const body: Record<string, unknown>[] = [];
  if (text(data.title)) body.push({ type: 'TextBlock', text: text(data.title), weight: 'Bolder', size: 'Medium', wrap: true });
  if (text(data.text)) body.push({ type: 'TextBlock', text: text(data.text), wrap: true });
  if (body.length === 0) body.push({ type: 'TextBlock', text: name, wrap: true });
  const actions = Array.isArray(data.actions)
    ? (data.actions as { verb?: unknown; title?: unknown }[])
        .filter((a) => typeof a.verb === 'string')
        .map((a) => ({ type: 'Action.Execute', verb: a.verb, title: text(a.title) || String(a.verb), data: { card: name } }))
    : [];
  return {
    type: 'adaptive',
    card: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5', body, ...(actions.length ? { actions } : {}) },
  };
}

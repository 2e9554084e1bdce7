import { unescapeMarkdown } from './markdown-escape.ts';

// Where Teams shows text without Markdown: Markdown escapes of outside values (markdown-escape.ts) are dropped there.
const PLAIN_KEYS = new Set(['fallbackText', 'label', 'placeholder', 'altText']);

/** The expanded card with escapes dropped where Teams shows plain text (fallback, labels, buttons, text runs). */
export function plainPlaces<T>(value: T, parentType = ''): T {
  if (Array.isArray(value)) return value.map((v: unknown) => plainPlaces(v, parentType)) as T;
  if (value === null || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  const type = typeof node.type === 'string' ? node.type : parentType;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const plain =
      PLAIN_KEYS.has(k) || (k === 'title' && type.startsWith('Action.')) || (k === 'text' && type === 'TextRun');
    out[k] = typeof v === 'string' ? (plain ? unescapeMarkdown(v) : v) : k === 'data' ? v : plainPlaces(v, type);
  }
  return out as T;
}

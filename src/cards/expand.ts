// Expands a card template against its data with adaptivecards-templating. (Imported from its engine module: the
// package index also re-exports a helper whose typings point at the adaptivecards sources, which do not compile here.)
import { GlobalSettings, type Template } from 'adaptivecards-templating/lib/template-engine.js';
import { expandingWithFastLookups } from './fast-paths.ts';
import { UNDEFINED_MARK } from './sanitize.ts';

// Left alone, an undefined field renders as its own binding text ("${field}"); an empty return is ignored by the
// library, so a private-use mark stands in and is removed below. This setting is process-wide: numbot is the only
// user of the templating library.
GlobalSettings.getUndefinedFieldValueSubstitutionString = () => UNDEFINED_MARK;

function stripMarks(value: unknown): unknown {
  if (typeof value === 'string') return value.includes(UNDEFINED_MARK) ? value.split(UNDEFINED_MARK).join('') : value;
  if (Array.isArray(value)) return value.map(stripMarks);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = stripMarks(v);
    return out;
  }
  return value;
}

/** The expanded card: `$data` repeated, `$when` applied, every `${...}` replaced by its value or by nothing. */
export function expandTemplate(template: Template, root: Record<string, unknown>): Record<string, unknown> {
  return stripMarks(expandingWithFastLookups(() => template.expand({ $root: root }))) as Record<string, unknown>;
}

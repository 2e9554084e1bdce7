// The words people read for the model's ids: step statuses, steps, roles, languages. An id never reaches a person.
import type { Locale, StepName } from '../domain/types.ts';
import { say } from './say.ts';

/** Shown for a value that is not there (a fact with nothing to say): never "-", which Teams renders as a bullet. */
export const NO_VALUE = '—';

/** "every product assigned" for (step2, all). */
export const statusLabel = (locale: Locale, step: StepName, status: string): string =>
  say(locale, `status_${step}`, { status });

/** "Step 2, products" for step2. */
export const stepLabel = (locale: Locale, step: StepName): string => say(locale, 'step_label', { step });

export const roleLabel = (locale: Locale, role: string): string => say(locale, 'role_label', { role });

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', nl: 'nl-NL', de: 'de-DE' };

/** A language's name in the reader's language: "français", "Französisch". */
export function languageLabel(locale: Locale, language: string): string {
  try {
    return new Intl.DisplayNames(INTL_LOCALE[locale], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

// An Autodesk refusal in the reader's language (the provider's reason keys, adsk_why_* in locales/commands/).
import { refusalOf } from '../autodesk/team-admin/autodesk-provider.ts';
import type { Locale } from '../domain/types.ts';
import { say } from './say.ts';

export function autodeskWhy(locale: Locale, e: unknown): string {
  const { why } = refusalOf(e);
  return say(locale, why.key, why.vars);
}

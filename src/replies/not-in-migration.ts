// What the core answers a chat user who is not part of the migration (not in the roster, not a configured admin),
// whatever they typed or clicked and on whichever platform: one localized message.
import { messageCard } from './cards.ts';
import { say } from './say.ts';
import type { Config } from '../config.ts';
import type { Locale } from '../domain/types.ts';
import type { InteractionReply } from '../ports/interaction.ts';

export function notInMigrationReply(
  config: Pick<Config, 'MIGRATION_NAME' | 'ORGANISATION_NAME'>,
  locale: Locale,
): InteractionReply {
  const text = say(locale, 'not_in_migration', {
    migration: config.MIGRATION_NAME,
    organisation: config.ORGANISATION_NAME,
  });
  return { cards: [messageCard(locale, say(locale, 'not_in_migration_title'), text)], refused: true };
}

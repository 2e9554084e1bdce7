// What the step-4 card (or a reminder) becomes after the person clicks one of its buttons.
import { z } from 'zod';
import { count, epochMs, org, text, timeZone, cardModel } from './common.ts';
import { formatDateTime } from '../format.ts';
import { t } from '../i18n.ts';

export const step4OutcomeSchema = z
  .object({
    outcome: z.enum(['signed_in', 'help_requested', 'snoozed']),
    cardId: text,
    round: count.min(1).default(1),
    person: z.object({ id: text, firstName: text }),
    org,
    /** What the person wrote when asking for help. */
    helpText: z.string().default(''),
    /** When the next reminder goes out (outcome "snoozed"). */
    snoozeUntil: epochMs.optional(),
    timeZone,
  })
  .refine((d) => d.outcome !== 'snoozed' || d.snoozeUntil !== undefined, {
    message: 'snoozeUntil is required when outcome is "snoozed"',
    path: ['snoozeUntil'],
  });

export const step4OutcomeCard = cardModel(step4OutcomeSchema, (d, locale) => ({
  vars: {
    firstName: d.person.firstName,
    adminName: d.org.adminName,
    orgName: d.org.name,
    date: d.snoozeUntil === undefined ? '' : formatDateTime(d.snoozeUntil, locale, d.timeZone),
    doneButton: t(locale, 'btn_signed_in'),
  },
  fields: {
    personId: d.person.id,
    cardId: d.cardId,
    round: d.round,
    isSignedIn: d.outcome === 'signed_in',
    isHelp: d.outcome === 'help_requested',
    isSnoozed: d.outcome === 'snoozed',
    helpText: d.helpText.trim(),
    hasHelpText: d.helpText.trim() !== '',
  },
}));

// `person <email>`: where one person stands on every step (managers: only their own people).
import { z } from 'zod';
import { escapeMarkdown, formatDateTime } from '../../cards/index.ts';
import { fullName } from '../../domain/person.ts';
import { borrowPauseUntil } from '../../domain/reminder-policy.ts';
import { productSwitched, step1Status, step2Status, step3Status, step4Status } from '../../domain/status.ts';
import type { Locale, Person, StepName } from '../../domain/types.ts';
import { inScope, scopeOf } from '../../replies/access.ts';
import { email } from '../args.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';
import { languageLabel, NO_VALUE, roleLabel, statusLabel, stepLabel } from '../../replies/labels.ts';

function productLine(p: Person, product: string, locale: Locale): string {
  const assigned = p.assignments[product]?.status === 'assigned';
  return say(locale, 'person_product', {
    product,
    assigned: say(locale, assigned ? 'yes' : 'no'),
    switched: say(locale, productSwitched(p, product) ? 'yes' : 'no'),
  });
}

/** The facts shown for one person at `now`. */
export function personFacts(
  p: Person,
  locale: Locale,
  timeZone: string,
  now: number,
): { title: string; value: string }[] {
  const f = (key: string, value: string) => ({ title: say(locale, key), value });
  // "Step 1, invitation": not "1. Invited", which Teams renders as a numbered list in a fact title.
  const step = (name: StepName, status: string) => ({
    title: stepLabel(locale, name),
    value: statusLabel(locale, name, status),
  });
  const facts = [
    f('person_email', escapeMarkdown(p.email)),
    f('person_manager', p.manager ? escapeMarkdown(p.manager) : NO_VALUE),
    f('person_department', p.department ? escapeMarkdown(p.department) : NO_VALUE),
    f('person_language', p.locale ? languageLabel(locale, p.locale) : NO_VALUE),
    f('person_roles', p.roles.map((r) => roleLabel(locale, r)).join(', ') || NO_VALUE),
    step('step1', step1Status(p)),
    step('step2', step2Status(p)),
    step('step3', step3Status(p)),
    step('step4', step4Status(p)),
    f('person_products', p.products.map((x) => productLine(p, x, locale)).join('; ') || NO_VALUE),
    f('person_reminders', String(p.reminders.sent)),
  ];
  if (p.reminders.snoozeUntil !== undefined)
    facts.push(f('person_snoozed', formatDateTime(p.reminders.snoozeUntil, locale, timeZone)));
  if (p.reminders.optedOut) facts.push(f('person_opted_out', say(locale, 'yes')));
  const borrowed = borrowPauseUntil(p, now);
  if (borrowed !== undefined) facts.push(f('person_borrow_wait', formatDateTime(borrowed, locale, timeZone)));
  return facts;
}

export const person = defineCommand({
  name: 'person',
  access: 'manager',
  usage: 'person <email>',
  summaryKey: 'cmd_person',
  args: z.tuple([email]),
  async run({ ctx, caller, now }, [id]) {
    const { locale } = caller;
    const p = await ctx.store.getPerson(id);
    // One answer for "no such person" and "not one of yours": a manager learns nothing about other teams.
    if (!p || !inScope(scopeOf(caller), p))
      return answer(
        messageCard(locale, say(locale, 'person_not_found_title'), say(locale, 'person_not_found', { email: id }), {
          style: 'warning',
        }),
      );
    return answer(
      messageCard(locale, escapeMarkdown(fullName(p)), '', { facts: personFacts(p, locale, caller.timeZone, now) }),
    );
  },
});

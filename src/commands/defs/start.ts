// `start`: reminders again after a `stop`.
import { noArgs } from '../args.ts';
import { changePerson } from '../../services/change-person.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

export const start = defineCommand({
  name: 'start',
  access: 'person',
  usage: 'start',
  summaryKey: 'cmd_start',
  args: noArgs,
  async run({ ctx, caller, now }) {
    const { locale } = caller;
    const r = await changePerson(ctx.store, caller.personId ?? '', [{ type: 'reminder.opted_in' }], caller.audit, now);
    if (!r.ok) return answer(messageCard(locale, say(locale, 'error_title'), r.error.message, { style: 'attention' }));
    return answer(messageCard(locale, say(locale, 'start_title'), say(locale, 'start_text'), { style: 'good' }));
  },
});

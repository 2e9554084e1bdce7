// `stop`: no more reminders for this person (the first sign-in instructions still count as sent).
import { noArgs } from '../args.ts';
import { changePerson } from '../../services/change-person.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

export const stop = defineCommand({
  name: 'stop',
  access: 'person',
  usage: 'stop',
  summaryKey: 'cmd_stop',
  args: noArgs,
  async run({ ctx, caller, now }) {
    const { locale } = caller;
    const r = await changePerson(ctx.store, caller.personId ?? '', [{ type: 'reminder.opted_out' }], caller.audit, now);
    if (!r.ok) return answer(messageCard(locale, say(locale, 'error_title'), r.error.message, { style: 'attention' }));
    return answer(messageCard(locale, say(locale, 'stop_title'), say(locale, 'stop_text')));
  },
});

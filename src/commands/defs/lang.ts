// `lang <en|fr|nl|de>`: the language the bot writes to this person in.
import { z } from 'zod';
import { LOCALES } from '../../domain/types.ts';
import { keyword } from '../args.ts';
import { changePerson } from '../../services/change-person.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

export const lang = defineCommand({
  name: 'lang',
  access: 'person',
  usage: 'lang <en|fr|nl|de>',
  summaryKey: 'cmd_lang',
  args: z.tuple([keyword(...LOCALES)]),
  async run({ ctx, caller, now }, [locale]) {
    const r = await changePerson(ctx.store, caller.personId ?? '', [{ type: 'locale.set', locale }], caller.audit, now);
    if (!r.ok)
      return answer(
        messageCard(caller.locale, say(caller.locale, 'error_title'), r.error.message, { style: 'attention' }),
      );
    return answer(messageCard(locale, say(locale, 'lang_title'), say(locale, 'lang_text'), { style: 'good' }));
  },
});

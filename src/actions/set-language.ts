// A language picker on a card: the bot writes to this person in that language from now on.
import { changePerson } from '../services/change-person.ts';
import { messageCard } from '../replies/cards.ts';
import { say } from '../replies/say.ts';
import { LOCALES, type Locale } from '../domain/types.ts';
import { dataString, type ActionDef } from './action.ts';
import { actionFailed } from './failure.ts';

export const setLanguage: ActionDef = {
  name: 'set_language',
  aliases: ['language.set'],
  clicker: 'person',
  async run(env) {
    const raw = (dataString(env.data, 'locale') ?? dataString(env.data, 'language') ?? '').toLowerCase();
    if (!(LOCALES as readonly string[]).includes(raw)) {
      const { locale } = env.caller;
      return {
        cards: [
          messageCard(
            locale,
            say(locale, 'action_failed_title'),
            say(locale, 'lang_unknown', { choices: LOCALES.join(', ') }),
            { style: 'warning' },
          ),
        ],
      };
    }
    const locale = raw as Locale;
    const r = await changePerson(
      env.ctx.store,
      env.caller.personId ?? '',
      [{ type: 'locale.set', locale }],
      env.caller.audit,
      env.now,
    );
    if (!r.ok) return actionFailed(env, r.error);
    return {
      cards: [],
      replaceCard: messageCard(locale, say(locale, 'lang_title'), say(locale, 'lang_text'), { style: 'good' }),
    };
  },
};

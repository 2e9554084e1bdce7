// `help`: the commands this caller may run, generated from the registry, in the caller's language.
import { mayRun } from '../../replies/access.ts';
import { noArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

export const help = defineCommand({
  name: 'help',
  access: 'anyone',
  usage: 'help',
  summaryKey: 'cmd_help',
  args: noArgs,
  async run({ caller, commands }) {
    const { locale } = caller;
    // Lines of text rather than facts: a fact set shows at most 20 rows and the registry may grow past that.
    const lines = commands
      .filter((c) => mayRun(c.access, caller))
      .map((c) => `- \`${c.usage}\`: ${say(locale, c.summaryKey)}`);
    return answer(
      messageCard(
        locale,
        say(locale, 'help_title'),
        [say(locale, 'help_intro'), '', ...lines, '', say(locale, 'help_more')].join('\n'),
      ),
    );
  },
});

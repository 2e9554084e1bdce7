// `help`: the commands this caller may run, grouped by who may run them, each with its usage and one line, in the
// caller's language. One card line per command, so the answer is never cut however many commands there are.
import { mayRun, type Access } from '../../replies/access.ts';
import { noArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

/** The groups help shows, in order; `anyone`, `person` and `self` commands are all "for everyone". */
const GROUPS: readonly { key: string; access: readonly Access[] }[] = [
  { key: 'help_group_everyone', access: ['anyone', 'person', 'self'] },
  { key: 'help_group_managers', access: ['manager'] },
  { key: 'help_group_admins', access: ['admin'] },
];

export const help = defineCommand({
  name: 'help',
  access: 'anyone',
  usage: 'help',
  summaryKey: 'cmd_help',
  args: noArgs,
  async run({ caller, commands }) {
    const { locale } = caller;
    const sections = GROUPS.map((g) => ({
      heading: say(locale, g.key),
      lines: commands
        .filter((c) => g.access.includes(c.access) && mayRun(c.access, caller))
        .map((c) => `\`${c.usage}\` — ${say(locale, c.summaryKey)}`),
    })).filter((s) => s.lines.length > 0);
    return answer(
      messageCard(locale, say(locale, 'help_title'), say(locale, 'help_intro'), {
        sections: [...sections, { heading: '', lines: [say(locale, 'help_more')] }],
      }),
    );
  },
});

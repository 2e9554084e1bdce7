// Names, notes and products from outside are shown as written: never turned into bold, italics, code or links by
// Teams Markdown or Slack mrkdwn.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCard, sampleData, type SlackMessage, type TeamsCard } from '../../src/cards/index.ts';
import { escapeMarkdown, unescapeMarkdown } from '../../src/cards/markdown-escape.ts';
import { toMrkdwn } from '../../src/cards/mrkdwn.ts';
import { adaptiveVisibleText, blocksVisibleText, visibleString } from '../../src/cards/visible-text.ts';
import type { OutboundCard } from '../../src/ports/chat-channel.ts';
import { ADMIN, bench } from '../commands/harness.ts';

const FIRST = '*Star*';
const LAST = '_Under_ **Bold** `tick` ~strike~ [link](x) <b>tag</b>';
const NAME = `${FIRST} ${LAST}`;
/** The outside strings as mrkdwn would format them (unguarded). */
const MARKED = ['*Star*', '_Under_', '`tick`', '~strike~', '*urgent*', '_now_', '*AutoCAD*', '_Revit_', '__Ops__'];

/** Emphasis, code or strike that a client would apply: a marker not escaped (Teams) or not guarded (Slack). */
const teamsFormatting = (md: string) => /(?<!\\)(\*\*?|_|`|~)(?=[^\s\\])[^*_`~\n]*?[^\s\\](?<!\\)\1/.test(md);
const slackFormatting = (mrkdwn: string) =>
  /(^|[\s(])([*_`~])[^\s\u200B][^\n]*?[^\s\u200B]\2(?=$|[\s).,!?])/.test(mrkdwn);

function rendered(card: OutboundCard) {
  const teams = renderCard(card.name, card.data, card.locale, 'teams') as TeamsCard;
  const slack = renderCard(card.name, card.data, card.locale, 'slack') as SlackMessage;
  const teamsTexts = adaptiveVisibleText(teams.card);
  return {
    teamsRaw: JSON.stringify(teams.card),
    teamsSeen: visibleString(teamsTexts),
    slackTexts: slack.blocks.flatMap((b) =>
      b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => e.text) : [],
    ),
    slackSeen: visibleString(blocksVisibleText(slack.blocks)),
  };
}

describe('outside text in answers and cards', () => {
  it('person and who show a name full of Markdown as written, on Teams and Slack', async () => {
    const b = bench();
    await b.add({ email: 'star_dust@example.org', firstName: FIRST, lastName: LAST, department: '__Ops__' });
    for (const text of ['person star_dust@example.org', 'who step1 not_invited']) {
      const reply = await b.say(ADMIN, text);
      for (const card of reply.cards) {
        const r = rendered(card);
        expect(r.teamsSeen, text).toContain(NAME);
        expect(r.slackSeen, text).toContain(NAME);
        expect(r.teamsSeen).toContain('star_dust@example.org');
        for (const s of r.slackTexts) for (const m of MARKED) expect(s, s).not.toContain(m);
        expect(r.teamsRaw).toContain('\\\\*Star\\\\*');
      }
    }
  });

  it('cards show names, products and notes as written', () => {
    const step4 = sampleData('step4');
    step4.person.firstName = FIRST;
    step4.products = ['**AutoCAD**', '_Revit_'];
    const help = sampleData('help-request');
    help.person.name = NAME;
    help.text = 'It says *urgent* and _now_';
    for (const [card, expected] of [
      [{ name: 'step4', data: step4, locale: 'en' }, ['*Star*', '**AutoCAD**, _Revit_']],
      [{ name: 'help-request', data: help, locale: 'fr' }, [NAME, 'It says *urgent* and _now_']],
    ] as [OutboundCard, string[]][]) {
      const r = rendered(card);
      for (const e of expected) {
        expect(r.teamsSeen, card.name).toContain(e);
        expect(r.slackSeen, card.name).toContain(e);
      }
      for (const s of r.slackTexts) for (const m of MARKED) expect(s, s).not.toContain(m);
      expect(r.teamsRaw).not.toContain('**AutoCAD**');
    }
  });

  it('escaping is undone exactly, and escaped text never formats', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('*', '_', '`', '~', '\\', '[', ']', '-', '#', '\n', ' ', 'a', '1', '.') }),
        (s) => {
          const escaped = escapeMarkdown(s);
          expect(unescapeMarkdown(escaped)).toBe(s);
          expect(teamsFormatting(escaped)).toBe(false);
          expect(slackFormatting(toMrkdwn(escaped))).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

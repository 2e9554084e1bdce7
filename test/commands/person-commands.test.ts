import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cards/index.ts';
import { ADMIN, assertRenders, bench, INFORMED, textOf } from './harness.ts';

describe('lang, stop, start (any person)', () => {
  it('changes the language and answers in the new one; a repeat changes nothing', async () => {
    const b = bench();
    await b.add({ email: 'anne@example.org' });
    const r = await b.say('anne@example.org', 'lang FR');
    assertRenders(r);
    expect(r.cards[0]?.locale).toBe('fr');
    expect((await b.store.getPerson('anne@example.org'))?.locale).toBe('fr');
    const version = (await b.store.getPerson('anne@example.org'))?.version;
    const again = await b.say('anne@example.org', 'lang fr');
    expect(again.cards[0]?.locale).toBe('fr');
    expect((await b.store.getPerson('anne@example.org'))?.version).toBe(version);
    const audit = await b.store.readAudit(1);
    expect(audit[0]).toMatchObject({ action: 'locale.set', actor: 'anne@example.org', source: 'slack' });
  });

  it('opts out of reminders and back in', async () => {
    const b = bench();
    await b.add({ email: 'anne@example.org' }, INFORMED);
    assertRenders(await b.say('anne@example.org', 'stop'));
    expect((await b.store.getPerson('anne@example.org'))?.reminders.optedOut).toBe(true);
    expect(await b.store.countIndex('optedout')).toBe(1);
    await b.say('anne@example.org', 'start');
    expect((await b.store.getPerson('anne@example.org'))?.reminders.optedOut).toBe(false);
  });
});

describe('unknown and malformed commands', () => {
  it.each([
    'frobnicate',
    'notify',
    'notify someone',
    'who step4',
    'lang xx',
    'invite confirm',
    'decommission',
    'admins add nobody',
    'stop please',
    '',
  ])('%j gets a usage answer and changes nothing', async (text) => {
    const b = bench();
    await b.add({ email: 'anne@example.org' }, INFORMED);
    const before = await b.store.getPerson('anne@example.org');
    const r = await b.say(ADMIN, text);
    assertRenders(r);
    expect(r.refused).toBeUndefined();
    expect(textOf(r)).toMatch(/help/i);
    expect(await b.store.getPerson('anne@example.org')).toEqual(before);
    expect((await b.store.readAudit(5)).filter((e) => e.action !== 'test.seed')).toEqual([]);
    expect(b.delivery.jobs).toEqual([]);
  });

  it('shows the usage of the command that was misused', async () => {
    const b = bench();
    expect(textOf(await b.say(ADMIN, 'who step4'))).toContain('who <step> <status> [page]');
    expect(textOf(await b.say(ADMIN, 'frobnicate'))).toContain('frobnicate');
  });
});

describe('names that look like template expressions', () => {
  it('are shown as written, never evaluated', async () => {
    const b = bench();
    const evil = { firstName: '${1+1}', lastName: '{{7*7}} ${t.help_title}' };
    await b.add({ email: 'evil@example.org', ...evil }, [
      ...INFORMED,
      { type: 'inform.help', text: '${json(t)} {firstName}' },
    ]);
    const reply = await b.say(ADMIN, 'who step4 needs_help');
    // Markdown-escaped in the card (`7\\*7`, `help\\_title`), shown as written.
    expect(textOf(reply).replace(/\\\\/g, '')).toContain('${1+1} {{7*7}} ${t.help_title}');
    const person = await b.say(ADMIN, 'person evil@example.org');
    for (const c of [...reply.cards, ...person.cards]) {
      const rendered = JSON.stringify(renderCard(c.name, c.data, c.locale, 'teams'));
      expect(rendered).not.toContain('"2"');
      expect(rendered).not.toContain('49');
      expect(rendered).not.toContain('Help request from');
      expect(rendered).toContain('1+1');
    }
  });
});

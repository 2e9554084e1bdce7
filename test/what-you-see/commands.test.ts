// What a person reads in every command answer, in every locale, on Teams and on Slack: whole, no raw ids, no
// placeholders, no English left in fr/nl/de, no empty facts shown as bullets, plurals right.
import { describe, expect, it } from 'vitest';
import { createCsvProvider } from '../../src/autodesk/csv/csv-provider.ts';
import { COMMANDS } from '../../src/commands/registry.ts';
import { LOCALES, type Locale } from '../../src/domain/types.ts';
import type { InteractionReply } from '../../src/ports/interaction.ts';
import { ADMIN, ASSIGNED, bench, INFORMED, T0, type Bench } from '../commands/harness.ts';
import { problems, see } from '../helpers/what-you-see.ts';

const BOSS = 'boss@example.org';
/** Strings that come from outside and may appear in any language. */
const DATA = [
  'Anne',
  'Martin',
  'Bart',
  'Peeters',
  'Chloé',
  'Dubois',
  'Design',
  'AutoCAD',
  'Revit',
  'First',
  'Last',
  'Boss',
  'lic01',
  'Windows',
  'macOS',
  'Linux',
  'Acme',
];
const emails = (text: string) => text.match(/[\w.+-]+@[\w.-]+/g) ?? [];

async function world(locale: Locale): Promise<Bench> {
  const b = bench({ env: { DEFAULT_LOCALE: locale }, provisioning: createCsvProvider({ now: () => T0 }) });
  await b.add({ email: BOSS, firstName: 'Boss', lastName: 'Boss', roles: ['manager'], locale });
  await b.add(
    { email: 'anne@example.org', firstName: 'Anne', lastName: 'Martin', manager: BOSS, department: 'Design', locale },
    [...INFORMED, { type: 'inform.help', text: 'AutoCAD says contact admin' }],
  );
  await b.add({ email: 'bart@example.org', firstName: 'Bart', lastName: 'Peeters', manager: BOSS, locale }, ASSIGNED);
  // No manager, department or language: the person card must not show empty values as bullets.
  await b.add({ email: 'chloe@example.org', firstName: 'Chloé', lastName: 'Dubois' });
  return b;
}

async function check(reply: InteractionReply, locale: Locale, label: string): Promise<string[]> {
  const out: string[] = [];
  for (const card of [...reply.cards, ...(reply.replaceCard ? [reply.replaceCard] : [])]) {
    expect(card.locale, `${label}: card locale`).toBe(locale);
    for (const seen of see(card)) {
      const data = [...DATA, ...emails(seen.whole)];
      for (const p of problems(seen, locale, data)) out.push(`${label} [${card.name}] ${p}`);
    }
  }
  return out;
}

const ROSTER = [
  'email,first name,last name,manager,department,products',
  'dirk@example.org,Dirk,Peeters,boss@example.org,Design,AutoCAD',
].join('\n');

/** Every command, as the admin, with arguments that reach its main answer. */
const ADMIN_RUNS = [
  'help',
  'status',
  'status product',
  'status department',
  'status manager',
  'who step4 needs_help',
  'who step2 all',
  'who step4',
  'person anne@example.org',
  'person chloe@example.org',
  'person ghost@example.org',
  `import --dry-run\n${ROSTER}`,
  `import\n${ROSTER}`,
  'invite dirk@example.org',
  'assign AutoCAD pending',
  'notify pending',
  'remind pending',
  'resend failed',
  'cancel',
  'servers',
  'decommission lic01',
  'script windows "AutoCAD 2025"',
  'export',
  'schedule show',
  'admins',
  'frobnicate',
  'stop',
  'start',
];

describe.each(LOCALES)('what an admin, a manager and a person read (%s)', (locale) => {
  it('every command answer is whole, localised and free of raw ids', async () => {
    const b = await world(locale);
    const found: string[] = [];
    for (const text of ADMIN_RUNS) found.push(...(await check(await b.say(ADMIN, text), locale, `admin: ${text}`)));
    for (const text of ['help', 'status', 'who step4 needs_help', 'person anne@example.org', 'invite all'])
      found.push(...(await check(await b.say(BOSS, text), locale, `manager: ${text}`)));
    for (const text of ['help', 'status', 'person bart@example.org'])
      found.push(...(await check(await b.say('bart@example.org', text), locale, `person: ${text}`)));
    expect(found).toEqual([]);
  });

  it('confirming a batch of one says "1 person" in the singular', async () => {
    const b = await world(locale);
    const r = await b.say(ADMIN, 'invite chloe@example.org');
    const command = /`(invite confirm [^`]+)`/.exec(JSON.stringify(r.cards.map((c) => c.data)))?.[1];
    expect(command).toBeDefined();
    expect(await check(await b.say(ADMIN, command!), locale, command!)).toEqual([]);
  });

  it('help lists every command the caller may run, with its usage, and nothing they may not', async () => {
    const b = await world(locale);
    const admin = (await b.say(ADMIN, 'help')).cards.flatMap((c) => see(c).map((s) => s.whole));
    // The configured admin is not in the roster: everything but the commands for people in it.
    for (const whole of admin)
      for (const c of COMMANDS) {
        if (c.access === 'person') expect(whole).not.toContain(`\`${c.usage}\``);
        else expect(whole).toContain(`\`${c.usage}\``);
      }
    const person = (await b.say('bart@example.org', 'help')).cards.flatMap((c) => see(c).map((s) => s.whole));
    for (const whole of person) {
      expect(whole).toContain('lang <en|fr|nl|de>');
      expect(whole).not.toContain('invite <email');
      expect(whole).not.toContain('person <email>');
    }
  });
});

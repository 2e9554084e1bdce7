// What each card says and offers: the step-4 essentials in every language, and the states of the follow-up cards.
import { describe, expect, it } from 'vitest';
import { CARD_ACTIONS, SUPPORTED_LOCALES, renderCard, sampleData } from '../../src/cards/index.ts';

type Node = Record<string, unknown>;
const teams = (name: Parameters<typeof renderCard>[0], data: unknown, locale: 'en' | 'fr' | 'nl' | 'de' = 'en') =>
  renderCard(name, data, locale, 'teams') as { card: Node };
const text = (card: Node) => JSON.stringify(card);
const actions = (card: Node) => (card.actions as Node[]) ?? [];

describe('step4 card', () => {
  it.each(SUPPORTED_LOCALES)('says who sends it, which products, what to do and what messages mean (%s)', (locale) => {
    const s = text(teams('step4', sampleData('step4'), locale).card);
    for (const needle of [
      'Marc Peeters',
      'Acme Engineering',
      'AutoCAD',
      'Revit',
      'Civil 3D',
      'chloe.martin@acme.example',
      "Let's Get Started",
      'Autodesk ID',
      'Manage License',
      'Change license type',
      'Contact your administrator to request permission to use this product',
      'Establish an Internet connection to continue',
      '-15.570.0',
      '24',
      '30',
    ])
      expect(s, needle).toContain(needle);
  });

  it('offers the three buttons, with a text box behind "I need help"', () => {
    const card = teams('step4', sampleData('step4')).card;
    const [done, help, later] = actions(card);
    expect(done).toMatchObject({ type: 'Action.Execute', verb: CARD_ACTIONS.signedIn, title: "I've signed in" });
    expect(done!.data).toEqual({
      action: 'step4.signed_in',
      personId: 'chloe.martin@acme.example',
      cardId: 'step4:chloe.martin@acme.example:1',
      round: 1,
    });
    expect(help).toMatchObject({ type: 'Action.ShowCard', title: 'I need help' });
    const shown = (help!.card as Node).body as Node[];
    expect(shown[0]).toMatchObject({ type: 'Input.Text', id: 'helpText', isMultiline: true });
    expect(((help!.card as Node).actions as Node[])[0]).toMatchObject({ verb: CARD_ACTIONS.needHelp });
    expect(later).toMatchObject({ type: 'Action.Execute', verb: CARD_ACTIONS.remindLater, title: 'Remind me later' });
  });

  it('shows the switch-off date in the person’s time zone, and only when there is one', () => {
    const data = { ...sampleData('step4'), serverOffAt: Date.UTC(2026, 0, 31, 23, 30), timeZone: 'Europe/Brussels' };
    expect(text(teams('step4', data, 'fr').card)).toContain('1 février 2026');
    const { serverOffAt: _omit, ...without } = data;
    expect(text(teams('step4', without).card)).not.toContain('switched off on');
  });

  it('is written formally and naturally in French', () => {
    const s = text(teams('step4', sampleData('step4'), 'fr').card);
    expect(s).toContain('Bonjour Chloé');
    expect(s).toContain("Il ne s'agit pas d'un spam");
    expect(s).toContain("«\u00a0Let's Get Started\u00a0»");
    expect(s).toContain("J'ai besoin d'aide");
    expect(s).not.toMatch(/\btu\b|\bton\b|\bta\b/);
  });
});

describe('step4-outcome card', () => {
  const base = sampleData('step4-outcome');

  it('thanks the person and offers nothing more once signed in', () => {
    const card = teams('step4-outcome', { ...base, outcome: 'signed_in', snoozeUntil: undefined }).card;
    expect(text(card)).toContain('Thank you, Chloé!');
    expect(actions(card)).toEqual([]);
  });

  it('confirms a help request and quotes the person as plain text', () => {
    const card = teams(
      'step4-outcome',
      { ...base, outcome: 'help_requested', helpText: 'Revit **says** no' },
      'de',
    ).card;
    const s = text(card);
    expect(s).toContain('Ihre Anfrage wurde gesendet');
    expect(s).toContain('"type":"TextRun","text":"Revit **says** no"');
    expect(actions(card)).toEqual([]);
  });

  it('gives the reminder date and keeps "I\'ve signed in" when snoozed', () => {
    const card = teams(
      'step4-outcome',
      { ...base, snoozeUntil: Date.UTC(2025, 11, 1, 7, 0), timeZone: 'Europe/Amsterdam' },
      'nl',
    ).card;
    expect(text(card)).toMatch(/1 december 2025.*08:00/);
    expect(actions(card).map((a) => a.verb)).toEqual([CARD_ACTIONS.signedIn]);
  });

  it('refuses a snooze without a date', () => {
    expect(() => teams('step4-outcome', { ...base, snoozeUntil: undefined })).toThrow(/snoozeUntil/);
  });
});

describe('reminder card', () => {
  const base = sampleData('reminder');
  it('counts down the days to the switch-off, in the right plural', () => {
    expect(text(teams('reminder', { ...base, deadline: { at: base.deadline!.at, daysLeft: 1 } }).card)).toContain(
      'in **1 day**',
    );
    expect(text(teams('reminder', { ...base, deadline: { at: base.deadline!.at, daysLeft: 0 } }, 'de').card)).toContain(
      '**heute**',
    );
    expect(text(teams('reminder', base, 'fr').card)).toContain('dans **5 jours**');
    const { deadline: _omit, ...without } = base;
    expect(text(teams('reminder', without).card)).not.toContain('switched off');
  });

  it('has the same three buttons as the step-4 card', () => {
    const card = teams('reminder', base).card;
    expect(actions(card).map((a) => a.verb ?? a.type)).toEqual([
      CARD_ACTIONS.signedIn,
      'Action.ShowCard',
      CARD_ACTIONS.remindLater,
    ]);
  });
});

describe('help-request card', () => {
  const base = sampleData('help-request');
  it('marks products not assigned, and offers Take it and Resolved while open', () => {
    const card = teams('help-request', base).card;
    expect(text(card)).toContain('Revit (**not assigned**)');
    expect(actions(card).map((a) => a.verb)).toEqual([CARD_ACTIONS.helpTake, CARD_ACTIONS.helpResolve]);
    expect(actions(card)[0]!.data).toMatchObject({ requestId: 'req-0001', personId: 'chloe.martin@acme.example' });
  });

  it('says who took it and keeps only Resolved; shows no button once resolved', () => {
    const handledBy = { name: 'Marc Peeters', at: Date.UTC(2025, 10, 27, 10) };
    const taken = teams('help-request', { ...base, status: 'taken', handledBy }).card;
    expect(text(taken)).toContain('Taken by Marc Peeters');
    expect(actions(taken).map((a) => a.verb)).toEqual([CARD_ACTIONS.helpResolve]);
    const resolved = teams('help-request', { ...base, status: 'resolved', handledBy }, 'nl').card;
    expect(text(resolved)).toContain('Opgelost door Marc Peeters');
    expect(actions(resolved)).toEqual([]);
    expect(() => teams('help-request', { ...base, status: 'taken' })).toThrow(/handledBy/);
  });
});

describe('device-script card', () => {
  const base = sampleData('device-script');
  it.each([
    ['en', 'goes straight to the Autodesk sign-in'],
    ['fr', 'arrive directement sur la connexion Autodesk'],
    ['nl', 'komt de gebruiker meteen bij het aanmelden bij Autodesk'],
    ['de', 'kommt die Person direkt zur Autodesk-Anmeldung'],
  ] as const)('says that after the switch (-lm USER) users go straight to sign-in (%s)', (locale, phrase) => {
    const s = text(teams('device-script', base, locale).card);
    expect(s).toContain(phrase);
    // "Let's Get Started" is what a reset shows: named only to say it does not come.
    expect(s).not.toMatch(/(sees|verra|erscheint|ziet)[^.]*Let's Get Started/);
  });

  it('gives the command for the device’s system', () => {
    expect(text(teams('device-script', base).card)).toContain(
      '-ExecutionPolicy Bypass -File .\\\\numbot-switch-PC-0042.ps1',
    );
    const mac = { ...base, device: { ...base.device, os: 'macos' as const }, script: { fileName: 'switch.sh' } };
    const card = teams('device-script', mac).card;
    expect(text(card)).toContain('sudo bash ./switch.sh');
    expect(actions(card).map((a) => a.type)).toEqual(['Action.Execute']);
  });

  it('refuses file names that would change the command, and non-web URLs', () => {
    expect(() => teams('device-script', { ...base, script: { fileName: 'x.sh; rm -rf /' } })).toThrow(/fileName/);
    expect(() => teams('device-script', { ...base, script: { fileName: 'x.sh', url: 'file:///etc/passwd' } })).toThrow(
      /url/,
    );
  });
});

describe('admin-status card', () => {
  it('shows progress bars that are only full when a step is complete', () => {
    const data = {
      ...sampleData('admin-status'),
      steps: [
        { step: 1, done: 239, total: 240 },
        { step: 2, done: 5, total: 5 },
      ],
    };
    const s = text(teams('admin-status', data).card);
    expect(s).toContain('"▓▓▓▓▓▓▓▓▓░"');
    expect(s).toContain('"▓▓▓▓▓▓▓▓▓▓"');
    expect(s).toContain('3 people still on it');
    expect(s).toContain('/migrate notify pending');
  });

  it.each([
    ['en', 'waiting for 2 borrowed licences, the last returns on 11 December 2025 (Jean Dubois, jdoe)'],
    ['fr', 'en attente de 2 licences empruntées, la dernière revient le 11 décembre 2025 (Jean Dubois, jdoe)'],
    ['nl', 'wacht op 2 geleende licenties, de laatste komt terug op 11 december 2025 (Jean Dubois, jdoe)'],
    ['de', 'wartet auf 2 ausgeliehene Lizenzen, die letzte kommt am 11. Dezember 2025 zurück (Jean Dubois, jdoe)'],
  ] as const)('says a server waits for borrowed licences, until when and whose (%s)', (locale, phrase) => {
    const base = sampleData('admin-status');
    const lastReturnAt = base.generatedAt + 14 * 86_400_000;
    const borrowed = { count: 2, lastReturnAt, users: ['Jean Dubois', 'jdoe'] };
    const data = { ...base, servers: [{ host: 'lic01.acme.example', status: 'in_use' as const, users: [], borrowed }] };
    expect(text(teams('admin-status', data, locale).card)).toContain(phrase);
  });

  it('shows a server’s planned switch-off with the days left at the time of the card, and not once it is off', () => {
    const base = sampleData('admin-status');
    const row = (plannedOffAt: number, status: 'in_use' | 'off' = 'in_use') => ({
      ...base,
      servers: [{ host: 'lic01.acme.example', status, users: ['Jean Dubois'], plannedOffAt }],
    });
    const title = (data: unknown, locale: 'en' | 'fr' = 'en') => text(teams('admin-status', data, locale).card);
    const at = base.generatedAt + 14 * 86_400_000;
    expect(title(row(at))).toContain(
      '**lic01.acme.example**: 1 person still on it · switch-off planned on 11 December 2025 (14 days left)',
    );
    expect(title(row(at), 'fr')).toContain('arrêt prévu le 11 décembre 2025 (14 jours restants)');
    expect(title(row(base.generatedAt + 86_400_000))).toContain('(1 day left)');
    expect(title(row(base.generatedAt + 3_600_000))).toContain('switch-off planned today (27 November 2025)');
    expect(title(row(base.generatedAt - 86_400_000))).toContain('switch-off was planned on 26 November 2025');
    expect(title(row(at, 'off'))).not.toContain('planned');
    expect(title({ ...base, servers: [{ host: 'lic01.acme.example', status: 'in_use', users: [] }] })).not.toContain(
      'planned',
    );
  });
});

describe('server-ready card', () => {
  it('shows the planned switch-off when there is one, on both platforms', () => {
    const withPlan = sampleData('server-ready');
    expect(text(teams('server-ready', withPlan).card)).toContain(
      '{"title":"Planned switch-off","value":"2 December 2025 at 10:00 (CET)"}',
    );
    expect(JSON.stringify(renderCard('server-ready', withPlan, 'de', 'slack'))).toContain(
      '*Geplante Abschaltung*: 2. Dezember 2025 um 10:00 (MEZ)',
    );
    const { plannedOffAt: _omit, ...without } = withPlan;
    expect(text(teams('server-ready', without).card)).not.toContain('Planned switch-off');
    expect(JSON.stringify(renderCard('server-ready', without, 'en', 'slack'))).not.toContain('Planned switch-off');
  });
});

describe('manager-summary card', () => {
  it('compares with yesterday, or says there is nothing to compare with', () => {
    expect(text(teams('manager-summary', sampleData('manager-summary')).card)).toContain(
      'done +2, still to do -2, needing help 0',
    );
    const { yesterday: _omit, ...first } = sampleData('manager-summary');
    expect(text(teams('manager-summary', first, 'fr').card)).toContain('Pas encore de chiffres de la veille');
  });
});

// Built-in sample data for every card: what `numbot card <name>` shows without --data, and what the tests render.
import type { CardData, CardName } from './registry.ts';

const DAY = 86_400_000;
/** Thursday 27 November 2025, 09:00 UTC: a fixed "now" so samples render the same every time. */
export const SAMPLE_NOW = Date.UTC(2025, 10, 27, 9, 0);

const org = { name: 'Acme Engineering', adminName: 'Marc Peeters' };
const chloe = { id: 'chloe.martin@acme.example', firstName: 'Chloé', email: 'chloe.martin@acme.example' };
const TZ = 'Europe/Brussels';

type Samples = { [N in CardName]: CardData<N> };

const SAMPLES: Samples = {
  step4: {
    cardId: 'step4:chloe.martin@acme.example:1',
    round: 1,
    person: chloe,
    org,
    products: ['AutoCAD', 'Revit', 'Civil 3D'],
    serverOffAt: SAMPLE_NOW + 30 * DAY,
    timeZone: TZ,
  },
  'step4-outcome': {
    outcome: 'snoozed',
    cardId: 'step4:chloe.martin@acme.example:1',
    round: 1,
    person: { id: chloe.id, firstName: chloe.firstName },
    org,
    snoozeUntil: SAMPLE_NOW + 2 * DAY,
    timeZone: TZ,
  },
  reminder: {
    cardId: 'step4:chloe.martin@acme.example:2',
    round: 2,
    person: chloe,
    org,
    products: ['AutoCAD', 'Revit'],
    deadline: { at: SAMPLE_NOW + 5 * DAY, daysLeft: 5 },
    timeZone: TZ,
  },
  'help-request': {
    cardId: 'help:chloe.martin@acme.example:1',
    requestId: 'req-0001',
    person: { id: chloe.id, name: 'Chloé Martin', email: chloe.email, department: 'Structural design' },
    products: [
      { name: 'AutoCAD', assigned: true },
      { name: 'Revit', assigned: false },
    ],
    text: 'Revit says "Contact your administrator to request permission to use this product". AutoCAD works.',
    sentAt: SAMPLE_NOW - 2 * 3_600_000,
    status: 'open',
    timeZone: TZ,
  },
  'admin-status': {
    cardId: 'admin-status:default',
    orgName: org.name,
    generatedAt: SAMPLE_NOW,
    timeZone: TZ,
    totals: { people: 240, done: 96, pending: 130, needsHelp: 14 },
    steps: [
      { step: 1, done: 236, total: 240 },
      { step: 2, done: 228, total: 240 },
      { step: 3, done: 150, total: 240 },
      { step: 4, done: 110, total: 240 },
      { step: 5, done: 1, total: 2 },
    ],
    products: [
      { name: 'AutoCAD', total: 210, assigned: 205, switched: 140 },
      { name: 'Revit', total: 120, assigned: 112, switched: 60 },
      { name: 'Civil 3D', total: 35, assigned: 35, switched: 20 },
    ],
    servers: [
      {
        host: 'lic01.acme.example',
        status: 'in_use',
        users: ['Jean Dubois', 'Anke Maes', 'Tom Janssens'],
        plannedOffAt: SAMPLE_NOW + 14 * DAY,
      },
      { host: 'lic02.acme.example', status: 'ready', users: [], quietSince: SAMPLE_NOW - 14 * DAY },
    ],
    nextActions: [
      { kind: 'invite', count: 4, command: '/migrate invite pending' },
      { kind: 'notify', count: 118, command: '/migrate notify pending' },
      { kind: 'help', count: 14 },
      { kind: 'switch_off', target: 'lic02.acme.example' },
    ],
  },
  'manager-summary': {
    manager: { id: 'sophie.leclercq@acme.example', firstName: 'Sophie' },
    date: SAMPLE_NOW,
    timeZone: TZ,
    team: {
      done: ['Chloé Martin', 'Pieter De Smet', 'Lucas Bernard'],
      pending: ['Jean Dubois', 'Anke Maes'],
      needsHelp: ['Tom Janssens'],
    },
    yesterday: { done: 1, pending: 4, needsHelp: 1 },
  },
  'server-ready': {
    cardId: 'server:lic02',
    server: { id: 'lic02', host: 'lic02.acme.example' },
    quietSince: SAMPLE_NOW - 14 * DAY,
    quietDays: 14,
    lastUseAt: SAMPLE_NOW - 15 * DAY,
    plannedOffAt: SAMPLE_NOW + 5 * DAY,
    commands: [
      'lmutil lmdown -c 27000@lic02.acme.example -q',
      'sc.exe stop "FLEXlm Service 1"',
      'sc.exe delete "FLEXlm Service 1"',
    ],
    timeZone: TZ,
  },
  'device-script': {
    cardId: 'device:PC-0042',
    device: { id: 'PC-0042', name: 'PC-0042', os: 'windows' },
    person: { id: 'jean.dubois@acme.example', name: 'Jean Dubois' },
    products: ['AutoCAD 2025', 'Revit 2025'],
    script: {
      fileName: 'numbot-switch-PC-0042.ps1',
      url: 'https://numbot.acme.example/scripts/numbot-switch-PC-0042.ps1',
      sha256: '9f2b5c1e7a4d3b8c6e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d',
    },
  },
  'provisioning-result': {
    counts: { people: 240, toInvite: 12, toAssign: 30, skipped: 226, errors: 2 },
    files: [
      { name: 'invite-users-1.csv', rows: 12, kind: 'invite' },
      { name: 'assign-AutoCAD-1.csv', rows: 18, kind: 'assign', product: 'AutoCAD' },
      { name: 'assign-Revit-1.csv', rows: 12, kind: 'assign', product: 'Revit' },
    ],
    errors: [
      {
        row: 41,
        email: 'support.desk@acme.example',
        message: 'first name contains "support", which Autodesk Account rejects',
      },
      { row: 97, email: 'k.wouters@acme', message: 'not a valid e-mail address' },
    ],
  },
  message: {
    title: 'Reminders sent',
    text: '118 people received a reminder. The next round is due on Monday.',
    facts: [
      { title: 'Sent', value: '118' },
      { title: 'Failed', value: '0' },
    ],
    style: 'good',
  },
};

/** A fresh copy of a card's sample data, safe to modify. */
export function sampleData<N extends CardName>(name: N): CardData<N> {
  return structuredClone(SAMPLES[name]);
}

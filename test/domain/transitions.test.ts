import { describe, expect, it } from 'vitest';
import type { PersonEvent } from '../../src/domain/events.ts';
import { newPerson } from '../../src/domain/person.ts';
import { overallStatus, step2Status, step3Status } from '../../src/domain/status.ts';
import { applyEvent, applyEvents } from '../../src/domain/transitions.ts';
import type { Person } from '../../src/domain/types.ts';

const T = Date.UTC(2026, 10, 2, 9, 0);
const base = () =>
  newPerson({ email: ' Jane.Doe@Example.ORG ', firstName: 'Jane', lastName: 'Doe', products: ['AutoCAD', 'Revit'] }, T);

function at(events: PersonEvent[], p: Person = base()): Person {
  const r = applyEvents(p, events, T + 1000);
  if (!r.ok) throw r.error;
  return r.value;
}
function errorCode(p: Person, e: PersonEvent): string | undefined {
  const r = applyEvent(p, e, T + 5000);
  return r.ok ? undefined : r.error.code;
}

const assignedBoth: PersonEvent[] = [
  { type: 'product.assigned', product: 'AutoCAD' },
  { type: 'product.assigned', product: 'Revit' },
];

describe('a new person', () => {
  it('is keyed by the lower-case e-mail and starts every step at the beginning', () => {
    const p = base();
    expect(p.id).toBe('jane.doe@example.org');
    expect(p.email).toBe('Jane.Doe@Example.ORG');
    expect(p.invite.status).toBe('not_invited');
    expect(p.inform.status).toBe('not_informed');
    expect(p.roles).toEqual(['user']);
    expect(p.version).toBe(0);
  });
});

describe('step 1: invitation', () => {
  it('not invited → invited → active, counting resends and keeping the first send', () => {
    const once = at([{ type: 'invite.sent' }]);
    expect(once.invite).toEqual({ status: 'invited', at: T + 1000, firstAt: T + 1000, sends: 1 });
    const r = applyEvent(once, { type: 'invite.sent' }, T + 8 * 86_400_000);
    expect(r.ok && r.value.invite).toEqual({ status: 'invited', at: T + 8 * 86_400_000, firstAt: T + 1000, sends: 2 });
    expect(at([{ type: 'invite.accepted' }], once).invite.status).toBe('active');
  });
  it('failed can be retried; accepted cannot fail or be re-sent', () => {
    const failed = at([{ type: 'invite.sent' }, { type: 'invite.failed', reason: 'bounced' }]);
    expect(failed.invite).toMatchObject({ status: 'failed', reason: 'bounced' });
    expect(at([{ type: 'invite.sent' }], failed).invite).toMatchObject({ status: 'invited', sends: 1 });
    const active = at([{ type: 'invite.accepted' }]);
    expect(errorCode(active, { type: 'invite.failed', reason: 'x' })).toBe('ILLEGAL_TRANSITION');
    expect(errorCode(active, { type: 'invite.sent' })).toBe('ALREADY_DONE');
    expect(errorCode(active, { type: 'invite.accepted' })).toBe('ALREADY_DONE');
  });
});

describe('step 2: assignment per product', () => {
  it('assigns products in scope case-insensitively and reports none/partial/all', () => {
    expect(step2Status(base())).toBe('none');
    const one = at([{ type: 'product.assigned', product: 'autocad' }]);
    expect(one.assignments.AutoCAD?.status).toBe('assigned');
    expect(step2Status(one)).toBe('partial');
    expect(step2Status(at(assignedBoth))).toBe('all');
  });
  it('refuses products out of scope, repeats, and unassigning what is not assigned', () => {
    expect(errorCode(base(), { type: 'product.assigned', product: 'Maya' })).toBe('UNKNOWN_PRODUCT');
    const one = at([{ type: 'product.assigned', product: 'AutoCAD' }]);
    expect(errorCode(one, { type: 'product.assigned', product: 'AutoCAD' })).toBe('ALREADY_DONE');
    expect(errorCode(base(), { type: 'product.unassigned', product: 'AutoCAD' })).toBe('ALREADY_DONE');
    expect(at([{ type: 'product.unassigned', product: 'AutoCAD' }], one).assignments.AutoCAD?.status).toBe(
      'not_assigned',
    );
  });
});

describe('step 3: switch per product and device', () => {
  it('network → named, by user or by script; a product is switched when no device stays on the network', () => {
    const p = at([
      ...assignedBoth,
      { type: 'device.network', product: 'AutoCAD', device: 'PC-1' },
      { type: 'device.network', product: 'AutoCAD', device: 'PC-2' },
    ]);
    expect(step3Status(p)).toBe('not_started');
    const one = at([{ type: 'device.switched', product: 'AutoCAD', device: 'PC-1', by: 'script' }], p);
    expect(one.switches.AutoCAD?.['PC-1']).toMatchObject({ status: 'named', by: 'script' });
    expect(step3Status(one)).toBe('not_started');
    const both = at([{ type: 'device.switched', product: 'AutoCAD', device: 'PC-2', by: 'user' }], one);
    expect(step3Status(both)).toBe('partial');
    expect(step3Status(at([{ type: 'device.switched', product: 'Revit', device: 'PC-1', by: 'user' }], both))).toBe(
      'switched',
    );
  });
  it('refuses a switch before the product is assigned (Autodesk would ask to contact the administrator), and repeats', () => {
    expect(errorCode(base(), { type: 'device.switched', product: 'AutoCAD', device: 'PC-1', by: 'user' })).toBe(
      'NOT_ASSIGNED',
    );
    const s = at([...assignedBoth, { type: 'device.switched', product: 'AutoCAD', device: 'PC-1', by: 'user' }]);
    expect(errorCode(s, { type: 'device.switched', product: 'AutoCAD', device: 'PC-1', by: 'script' })).toBe(
      'ALREADY_DONE',
    );
    expect(errorCode(s, { type: 'device.network', product: 'Maya', device: 'PC-1' })).toBe('UNKNOWN_PRODUCT');
    const n = at([{ type: 'device.network', product: 'Revit', device: 'PC-1' }], s);
    expect(errorCode(n, { type: 'device.network', product: 'Revit', device: 'PC-1' })).toBe('ALREADY_DONE');
  });
});

describe('step 4: sign-in instructions', () => {
  it('cannot be sent before any product is assigned', () => {
    expect(errorCode(base(), { type: 'inform.sent' })).toBe('NOT_ASSIGNED');
  });
  it('records a round once: the same card applied again (a crash re-running its effects) changes nothing', () => {
    const once = at([...assignedBoth, { type: 'inform.sent', round: 1 }]);
    expect(errorCode(once, { type: 'inform.sent', round: 1 })).toBe('ALREADY_DONE');
    expect(at([{ type: 'inform.sent', round: 2 }], once).inform).toMatchObject({ rounds: 2 });
    const reminded = at([{ type: 'reminder.sent', round: 1 }], once);
    expect(errorCode(reminded, { type: 'reminder.sent', round: 1 })).toBe('ALREADY_DONE');
    expect(at([{ type: 'reminder.sent', round: 2 }], reminded).reminders.sent).toBe(2);
  });
  it('not informed → informed (rounds) → acknowledged, which also records the switch of assigned products', () => {
    const informed = at([...assignedBoth, { type: 'inform.sent' }, { type: 'inform.sent' }]);
    expect(informed.inform).toMatchObject({ status: 'informed', rounds: 2 });
    const ack = at([{ type: 'inform.acknowledged' }], informed);
    expect(ack.inform).toMatchObject({ status: 'acknowledged', informedAt: T + 1000 });
    expect(ack.switches.AutoCAD?.['self-reported']).toMatchObject({ status: 'named', by: 'user' });
    expect(overallStatus(ack)).toBe('done');
  });
  it('acknowledging one product records only that one', () => {
    const ack = at([...assignedBoth, { type: 'inform.sent' }, { type: 'inform.acknowledged', product: 'revit' }]);
    expect(ack.switches.Revit?.['self-reported']?.status).toBe('named');
    expect(ack.switches.AutoCAD).toBeUndefined();
    expect(overallStatus(ack)).toBe('pending');
  });
  it('a device already known as switched is not overridden by the self-report', () => {
    const ack = at([
      ...assignedBoth,
      { type: 'device.switched', product: 'AutoCAD', device: 'PC-9', by: 'script' },
      { type: 'inform.sent' },
      { type: 'inform.acknowledged' },
    ]);
    expect(Object.keys(ack.switches.AutoCAD ?? {})).toEqual(['PC-9']);
  });
  it('illegal: acknowledging or asking for help before being informed; acknowledging twice; informing while help is pending', () => {
    const p = at(assignedBoth);
    expect(errorCode(p, { type: 'inform.acknowledged' })).toBe('ILLEGAL_TRANSITION');
    expect(errorCode(p, { type: 'inform.help', text: 'help' })).toBe('ILLEGAL_TRANSITION');
    const ack = at([{ type: 'inform.sent' }, { type: 'inform.acknowledged' }], p);
    expect(errorCode(ack, { type: 'inform.acknowledged' })).toBe('ALREADY_DONE');
    expect(errorCode(ack, { type: 'inform.sent' })).toBe('ALREADY_DONE');
    const help = at([{ type: 'inform.sent' }, { type: 'inform.help', text: 'Error -15.570.0' }], p);
    expect(help.inform).toMatchObject({ status: 'needs_help', text: 'Error -15.570.0' });
    expect(overallStatus(help)).toBe('needs_help');
    expect(errorCode(help, { type: 'inform.sent' })).toBe('ILLEGAL_TRANSITION');
    expect(errorCode(help, { type: 'inform.help', text: 'Error -15.570.0' })).toBe('ALREADY_DONE');
    expect(at([{ type: 'inform.acknowledged' }], help).inform.status).toBe('acknowledged');
  });
  it('keeps help text bounded and trimmed', () => {
    const help = at([
      ...assignedBoth,
      { type: 'inform.sent' },
      { type: 'inform.help', text: `  ${'x'.repeat(5000)}  ` },
    ]);
    expect(help.inform.status === 'needs_help' && help.inform.text.length).toBe(2000);
  });
});

describe('reminders, language, roles, chat and profile', () => {
  it('counts reminders, escalates once, snoozes only into the future, opts out and in', () => {
    const r = at([{ type: 'reminder.sent' }, { type: 'reminder.sent' }, { type: 'reminder.escalated' }]);
    expect(r.reminders).toMatchObject({ sent: 2, lastAt: T + 1000, escalatedAt: T + 1000 });
    expect(errorCode(r, { type: 'reminder.escalated' })).toBe('ALREADY_DONE');
    expect(errorCode(r, { type: 'reminder.snoozed', until: T })).toBe('INVALID_INPUT');
    expect(at([{ type: 'reminder.snoozed', until: T + 86_400_000 }], r).reminders.snoozeUntil).toBe(T + 86_400_000);
    const out = at([{ type: 'reminder.opted_out' }], r);
    expect(errorCode(out, { type: 'reminder.sent' })).toBe('ILLEGAL_TRANSITION');
    expect(errorCode(out, { type: 'reminder.opted_out' })).toBe('ALREADY_DONE');
    expect(at([{ type: 'reminder.opted_in' }], out).reminders.optedOut).toBe(false);
    expect(errorCode(r, { type: 'reminder.opted_in' })).toBe('ALREADY_DONE');
  });
  it('sets a supported language once and refuses others', () => {
    const fr = at([{ type: 'locale.set', locale: 'fr' }]);
    expect(fr.locale).toBe('fr');
    expect(errorCode(fr, { type: 'locale.set', locale: 'fr' })).toBe('ALREADY_DONE');
    expect(errorCode(fr, { type: 'locale.set', locale: 'es' as never })).toBe('INVALID_INPUT');
  });
  it('grants and revokes roles, never leaving a person with none', () => {
    const admin = at([{ type: 'role.granted', role: 'admin' }]);
    expect(admin.roles).toEqual(['user', 'admin']);
    expect(errorCode(admin, { type: 'role.granted', role: 'admin' })).toBe('ALREADY_DONE');
    expect(
      at(
        [
          { type: 'role.revoked', role: 'user' },
          { type: 'role.revoked', role: 'admin' },
        ],
        admin,
      ).roles,
    ).toEqual(['user']);
    expect(errorCode(base(), { type: 'role.revoked', role: 'manager' })).toBe('ALREADY_DONE');
  });
  it('merges chat identities and reports an unchanged link', () => {
    const t = at([{ type: 'chat.linked', chat: { teams: { userId: '29:1', tenantId: 't' } } }]);
    const both = at(
      [{ type: 'chat.linked', chat: { slack: { userId: 'U1' }, teams: { userId: '29:1', conversationId: 'a:1' } } }],
      t,
    );
    expect(both.chat).toEqual({
      teams: { userId: '29:1', tenantId: 't', conversationId: 'a:1' },
      slack: { userId: 'U1' },
    });
    expect(errorCode(both, { type: 'chat.linked', chat: { slack: { userId: 'U1' } } })).toBe('ALREADY_DONE');
    const gone = applyEvents(both, [{ type: 'chat.unlinked', platform: 'slack' }], 3);
    expect(gone.ok && gone.value.chat).toEqual({ teams: { userId: '29:1', conversationId: 'a:1', tenantId: 't' } });
    expect(gone.ok && errorCode(gone.value, { type: 'chat.unlinked', platform: 'slack' })).toBe('ALREADY_DONE');
  });
  it('updates the profile, adding products and logins, and reports an unchanged one', () => {
    const p = at([
      {
        type: 'profile.updated',
        profile: { department: 'BIM', manager: 'Boss@X.org', products: ['revit', 'Inventor'], logins: ['JDOE'] },
      },
    ]);
    expect(p).toMatchObject({
      department: 'BIM',
      manager: 'boss@x.org',
      products: ['AutoCAD', 'Revit', 'Inventor'],
      logins: ['jdoe'],
    });
    expect(errorCode(p, { type: 'profile.updated', profile: { department: 'BIM', products: ['Revit'] } })).toBe(
      'ALREADY_DONE',
    );
  });
});

describe('every transition', () => {
  it('returns a new person with version + 1 and updatedAt = now, never mutating its input', () => {
    const p = base();
    const frozen = JSON.stringify(p);
    const r = applyEvent(p, { type: 'invite.sent' }, T + 42);
    expect(r.ok && r.value.version).toBe(1);
    expect(r.ok && r.value.updatedAt).toBe(T + 42);
    expect(JSON.stringify(p)).toBe(frozen);
  });
  it('stops a chain at the first illegal event and returns its error', () => {
    const r = applyEvents(
      base(),
      [{ type: 'invite.sent' }, { type: 'inform.acknowledged' }, { type: 'invite.accepted' }],
      T,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/never sent/);
  });
});

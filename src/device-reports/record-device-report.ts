// A switch script's report, applied to the person its token names: facts from the report, events planned by the core,
// written atomically (re-planned when someone else changed the person meanwhile).
import { planDeviceSwitch, type DeviceFactOutcome } from '../domain/device-switch-plan.ts';
import { normaliseLogin } from '../domain/license-user-match.ts';
import type { Person } from '../domain/types.ts';
import { updatePerson } from '../services/update-person.ts';
import type { MigrationStore } from '../store/store.ts';
import { deviceSwitchFacts, type DeviceReport } from '../licensing/device-report.ts';
import type { ProductCatalogue } from '../licensing/product-catalogue.ts';

export type DeviceReportOutcome =
  | { ok: true; personId: string; device: string; outcomes: DeviceFactOutcome[] }
  | { ok: false; status: 403 | 404 | 409; error: string };

const ATTEMPTS = 3;

/**
 * True when the report's login is another roster person's (their e-mail local part at the token person's domain):
 * the token's person cannot report for them. A login nobody has (a local admin account) is accepted.
 */
export async function reportIsForAnotherPerson(
  store: MigrationStore,
  person: Person,
  user: string | undefined,
): Promise<boolean> {
  const login = user ? normaliseLogin(user) : '';
  if (!login) return false;
  if ((person.logins ?? []).some((l) => normaliseLogin(l) === login)) return false;
  const [local, domain] = person.email.trim().toLowerCase().split('@');
  if (local === login || !domain) return false;
  const other = await store.getPerson(`${login}@${domain}`);
  return other !== undefined && other.id !== person.id;
}

export async function recordDeviceReport(
  store: MigrationStore,
  personId: string,
  report: DeviceReport,
  catalogue: ProductCatalogue,
  now: number,
): Promise<DeviceReportOutcome> {
  const facts = deviceSwitchFacts(report, catalogue);
  const device = report.hostname.toLowerCase();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const person = await store.getPerson(personId);
    if (!person)
      return { ok: false, status: 404, error: 'the person this token was issued for is not in this migration' };
    if (await reportIsForAnotherPerson(store, person, report.user))
      return { ok: false, status: 403, error: 'this report names another person: use their own device token' };
    const plan = planDeviceSwitch(person, facts, now);
    if (!plan.events.length) return { ok: true, personId, device, outcomes: plan.outcomes };
    const r = await updatePerson(store, personId, plan.events, { id: personId, source: 'api' }, now, {
      detail: `device report ${device}`,
    });
    if (r.ok) return { ok: true, personId, device, outcomes: plan.outcomes };
  }
  return { ok: false, status: 409, error: 'the person kept changing while the report was recorded: send it again' };
}

// `invite`/`assign` with PROVISIONING=autodesk: the run is recorded and worked at Autodesk's pace (one call a second
// for the whole team), so the command answers at once with what it started and about how long it takes.
import type { Locale, Person } from '../domain/types.ts';
import type { InteractionReply } from '../ports/interaction.ts';
import type { AutodeskRuns } from '../ports/autodesk-runs.ts';
import type { ReplyEnv } from './reply-env.ts';
import { messageCard } from './cards.ts';
import { say } from './say.ts';

/** Calls a run makes besides one per person: the read-back (users, pools, assignments). */
const READ_BACK_CALLS = 3;

export async function startAutodeskRun(
  env: ReplyEnv,
  runs: AutodeskRuns,
  kind: 'invite' | 'assign',
  people: Person[],
  unknown: string[],
  product?: string,
): Promise<InteractionReply> {
  const { locale } = env.caller;
  const title = say(locale, kind === 'invite' ? 'invite_title' : 'assign_title', { product: product ?? '' });
  const facts = unknown.map((id) => ({ title: id, value: say(locale, 'skip_not_found') }));
  if (!people.length)
    return { cards: [messageCard(locale, title, say(locale, 'adsk_run_nobody'), { facts, style: 'warning' })] };
  // Not connected: said now, before anything is queued (the run would stop at once).
  if (env.ctx.autodesk && !(await env.ctx.autodesk.status()).connected) {
    const reason = say(locale, 'adsk_why_not_connected');
    return {
      cards: [messageCard(locale, title, say(locale, 'prov_stopped', { reason }), { facts, style: 'warning' })],
    };
  }
  const before = await runs.open();
  const { ahead } = await runs.start({
    kind,
    ...(product ? { product } : {}),
    personIds: people.map((p) => p.id),
    by: env.caller.audit,
    locale,
  });
  const calls =
    people.length + READ_BACK_CALLS + before.reduce((n, r) => n + r.personIds.length - r.done + READ_BACK_CALLS, 0);
  const minutes = Math.max(1, Math.ceil(calls / env.ctx.config.AUTODESK_CALLS_PER_MINUTE));
  const what = runWhat(locale, kind, people.length, product);
  const seats = product ? await seatsLine(env, product, people.length) : '';
  const text =
    seats +
    (ahead
      ? say(locale, 'adsk_run_queued', { what, ahead, minutes })
      : say(locale, 'adsk_run_started', { what, minutes }));
  return { cards: [messageCard(locale, title, text, { facts, ...(unknown.length ? { style: 'warning' } : {}) })] };
}

/** "invite 200 people to the Autodesk team" / "assign Revit to 200 people", in the reader's language. */
export const runWhat = (locale: Locale, kind: 'invite' | 'assign', people: number, product?: string) =>
  kind === 'invite'
    ? say(locale, 'adsk_run_invite', { people })
    : say(locale, 'adsk_run_assign', { people, product: product ?? '' });

/** "Revit: 12 seats free, 30 people to assign." before the run, when Autodesk answers (the run checks again). */
async function seatsLine(env: ReplyEnv, product: string, count: number): Promise<string> {
  const { locale } = env.caller;
  const seats = await env.ctx.autodesk?.seats(product).catch(() => undefined);
  if (!seats) return '';
  const line =
    seats.free === null
      ? say(locale, 'prov_seats_unlimited', { product, count })
      : say(locale, 'prov_seats', { product, free: seats.free, count });
  return `${line}\n\n`;
}

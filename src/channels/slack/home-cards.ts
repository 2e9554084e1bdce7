// What the App Home shows, as cards: the person's own progress (a message card with one line per step, figures and
// symbols only, so every locale reads it) and, for admins, the admin-status card built from the store's counters.
import type { OutboundCard } from '../../ports/chat-channel.ts';
import { fullName } from '../../domain/person.ts';
import type { Progress } from '../../domain/progress.ts';
import { productSwitched, step1Status, step4Status } from '../../domain/status.ts';
import type { Locale, Person } from '../../domain/types.ts';
import { t } from '../../cards/index.ts';

const STEP1_MARK = { not_invited: '—', invited: '✉️', active: '✅', failed: '⚠️' } as const;
const STEP4_MARK = { not_informed: '—', informed: '✉️', acknowledged: '✅', needs_help: '🆘' } as const;

const fraction = (done: number, total: number) => `${done}/${total}${total > 0 && done === total ? ' ✅' : ''}`;

/** The person's own status; an unknown user gets the organisation's title and nothing else. */
export function personalStatusCard(person: Person | undefined, locale: Locale, orgName: string): OutboundCard {
  if (!person) return { name: 'message', data: { title: t(locale, 'admin_title', { orgName }) }, locale };
  const products = person.products;
  const assigned = products.filter((p) => person.assignments[p]?.status === 'assigned');
  const switched = products.filter((p) => productSwitched(person, p));
  const facts = [
    { title: t(locale, 'admin_step_1'), value: STEP1_MARK[step1Status(person)] },
    { title: t(locale, 'admin_step_2'), value: fraction(assigned.length, products.length) },
    { title: t(locale, 'admin_step_3'), value: fraction(switched.length, products.length) },
    { title: t(locale, 'admin_step_4'), value: STEP4_MARK[step4Status(person)] },
  ];
  if (products.length > 0) {
    const list = products
      .map((product) =>
        t(locale, assigned.includes(product) ? 'help_product_assigned' : 'help_product_not_assigned', { product }),
      )
      .join(', ');
    facts.push({ title: t(locale, 'help_fact_products'), value: list });
  }
  return { name: 'message', data: { title: fullName(person), facts }, locale };
}

/** The admins' dashboard from the progress counters (licence servers and next actions come with the status command). */
export function adminHomeCard(
  progress: Progress,
  orgName: string,
  now: number,
  timeZone: string,
  locale: Locale,
): OutboundCard {
  const total = progress.total;
  const s = progress.steps;
  return {
    name: 'admin-status',
    locale,
    data: {
      cardId: `home:${now}`,
      orgName,
      generatedAt: now,
      timeZone,
      totals: { people: total, done: s.overall.done, pending: s.overall.pending, needsHelp: s.overall.needs_help },
      steps: [
        { step: 1, done: s.step1.active, total },
        { step: 2, done: s.step2.all, total },
        { step: 3, done: s.step3.switched, total },
        { step: 4, done: s.step4.acknowledged, total },
      ],
      products: Object.entries(progress.products).map(([name, p]) => ({ name, ...p })),
    },
  };
}

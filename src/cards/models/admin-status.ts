// The admins' overview: progress per step and per product, licence servers and who still uses them, what to do next.
import { escapeMarkdown } from '../markdown-escape.ts';
import { z } from 'zod';
import { daysLeft } from '../../domain/days-left.ts';
import { SERVER_STATES } from '../../domain/server-state.ts';
import type { Locale } from '../../domain/types.ts';
import { count, epochMs, text, timeZone, cardModel } from './common.ts';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../format.ts';
import { t, tp } from '../i18n.ts';
import { joinNames, truncateList } from '../truncate.ts';

const step = z.object({ step: z.number().int().min(1).max(5), done: count, total: count });
const product = z.object({ name: text, total: count, assigned: count, switched: count });
const server = z.object({
  host: text,
  /** A state of src/domain/server-state.ts, e.g. `quiet`: nobody on it at the last reading, but not ready yet. */
  status: z.enum(SERVER_STATES),
  /** Display names of the people still checking out licences from it. */
  users: z.array(text).default([]),
  quietSince: epochMs.optional(),
  /** When the admins plan to switch it off (`servers plan`): the card shows the days left at `generatedAt`. */
  plannedOffAt: epochMs.optional(),
  /** Borrowed licences still out: how many, when the last returns by itself, and whose (display names). */
  borrowed: z.object({ count, lastReturnAt: epochMs, users: z.array(text).default([]) }).optional(),
});
const nextAction = z.object({
  kind: z.enum(['invite', 'assign', 'switch', 'notify', 'unreachable', 'help', 'switch_off']),
  count: count.default(0),
  target: z.string().default(''),
  /** A numbot command that does it, shown as code. */
  command: z.string().default(''),
});

export const adminStatusSchema = z.object({
  cardId: text,
  orgName: text,
  generatedAt: epochMs,
  timeZone,
  totals: z.object({ people: count, done: count, pending: count, needsHelp: count }),
  steps: z.array(step).max(5),
  products: z.array(product).default([]),
  servers: z.array(server).default([]),
  nextActions: z.array(nextAction).default([]),
});

// Spelled out so a search for a key finds where it is used.
const STEP_KEYS = ['admin_step_1', 'admin_step_2', 'admin_step_3', 'admin_step_4', 'admin_step_5'] as const;
const NEXT_KEYS: Record<z.output<typeof nextAction>['kind'], string> = {
  invite: 'admin_next_invite',
  assign: 'admin_next_assign',
  switch: 'admin_next_switch',
  notify: 'admin_next_notify',
  unreachable: 'admin_next_unreachable',
  help: 'admin_next_help',
  switch_off: 'admin_next_switch_off',
};

const BAR_WIDTH = 10;
const ratio = (done: number, total: number) => (total > 0 ? Math.min(1, done / total) : 0);

function bar(r: number): string {
  // Rounded down, so a full bar means everyone is done.
  const filled = Math.floor(r * BAR_WIDTH);
  return '▓'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

const fraction = (done: number, total: number, locale: Locale) =>
  `${formatNumber(done, locale)}/${formatNumber(total, locale)}`;

function serverStatus(s: z.output<typeof server>, locale: Locale, timeZone: string): string {
  switch (s.status) {
    case 'in_use':
      return tp(locale, 'admin_server_in_use', s.users.length);
    case 'quiet':
      return s.quietSince === undefined
        ? t(locale, 'admin_server_quiet_now')
        : t(locale, 'admin_server_quiet', { date: formatDate(s.quietSince, locale, timeZone) });
    case 'unpolled':
      return t(locale, 'admin_server_unpolled');
    case 'ready':
      return t(locale, 'admin_server_ready');
    case 'off':
      return t(locale, 'admin_server_off');
    case 'down':
      return t(locale, 'admin_server_down');
  }
}

/** " · waiting for 2 borrowed licences, the last returns on 14 December 2026 (Jane Doe, jdoe)", or ''. */
function borrowedText(s: z.output<typeof server>, locale: Locale, timeZone: string): string {
  if (!s.borrowed || s.borrowed.count === 0 || s.status === 'off') return '';
  const date = formatDate(s.borrowed.lastReturnAt, locale, timeZone);
  const who = s.borrowed.users.length ? ` (${joinNames(s.borrowed.users.map(escapeMarkdown), locale, '')})` : '';
  return ` · ${tp(locale, 'admin_server_borrowed', s.borrowed.count, { date })}${who}`;
}

/** " · switch-off planned on 11 December 2026 (8 days left)", or '' without a plan (or once switched off). */
function planned(s: z.output<typeof server>, now: number, locale: Locale, timeZone: string): string {
  if (s.plannedOffAt === undefined || s.status === 'off') return '';
  const date = formatDate(s.plannedOffAt, locale, timeZone);
  const left = daysLeft(now, s.plannedOffAt, timeZone);
  const text =
    left === undefined
      ? t(locale, 'admin_server_planned_passed', { date })
      : left === 0
        ? t(locale, 'admin_server_planned_today', { date })
        : tp(locale, 'admin_server_planned', left, { date });
  return ` · ${text}`;
}

export const adminStatusCard = cardModel(adminStatusSchema, (d, locale) => {
  const products = truncateList(d.products, locale);
  const servers = truncateList(d.servers, locale);
  const nobody = t(locale, 'list_nobody');
  return {
    vars: {
      orgName: d.orgName,
      date: formatDateTime(d.generatedAt, locale, d.timeZone),
      done: formatNumber(d.totals.done, locale),
      total: formatNumber(d.totals.people, locale),
      percent: formatPercent(ratio(d.totals.done, d.totals.people), locale),
      pending: formatNumber(d.totals.pending, locale),
      needsHelp: formatNumber(d.totals.needsHelp, locale),
    },
    fields: {
      cardId: d.cardId,
      steps: [...d.steps]
        .sort((a, b) => a.step - b.step)
        .map((s) => ({
          label: t(locale, STEP_KEYS[s.step - 1] ?? 'admin_step_1'),
          bar: bar(ratio(s.done, s.total)),
          figure: `${fraction(s.done, s.total, locale)} (${formatPercent(ratio(s.done, s.total), locale)})`,
        })),
      hasProducts: d.products.length > 0,
      products: products.items.map((p) => ({
        name: p.name,
        assigned: fraction(p.assigned, p.total, locale),
        switched: fraction(p.switched, p.total, locale),
      })),
      productsMore: products.more,
      hasServers: d.servers.length > 0,
      servers: servers.items.map((s) => ({
        title: `**${escapeMarkdown(s.host)}**: ${serverStatus(s, locale, d.timeZone)}${borrowedText(s, locale, d.timeZone)}${planned(s, d.generatedAt, locale, d.timeZone)}`,
        users: s.users.length > 0 ? t(locale, 'admin_server_users', { names: joinNames(s.users, locale, nobody) }) : '',
      })),
      serversMore: servers.more,
      hasNext: d.nextActions.length > 0,
      nextActions: truncateList(d.nextActions, locale).items.map((a) => ({
        text: t(locale, NEXT_KEYS[a.kind], { count: formatNumber(a.count, locale), target: a.target }),
        command: a.command,
      })),
    },
  };
});

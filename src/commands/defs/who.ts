// `who <step> <status> [page]`: the people at one status of one step, a page at a time (managers: their people only).
import { escapeMarkdown } from '../../cards/index.ts';
import { z } from 'zod';
import { fullName } from '../../domain/person.ts';
import { personIndexes } from '../../domain/progress.ts';
import { STEP_STATUSES, type Person, type StepName } from '../../domain/types.ts';
import { indexIds, loadPeople } from '../../services/people-query.ts';
import { scopeOf } from '../../replies/access.ts';
import { keyword, pageNumber } from '../args.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';
import { whyText } from '../../replies/unreachable.ts';
import type { InteractionReply } from '../../ports/interaction.ts';
import { statusLabel, stepLabel } from '../../replies/labels.ts';

export const WHO_PAGE_SIZE = 20;
const UNREACHABLE = 'unreachable';

const STEPS = Object.keys(STEP_STATUSES) as [StepName, ...StepName[]];

const whoArgs = z
  .union([z.tuple([keyword(...STEPS), z.string()]), z.tuple([keyword(...STEPS), z.string(), pageNumber])])
  .transform(([step, status, page], ctx) => {
    // `who step4 unreachable`: not a status, the people the last directory sync found no chat platform for.
    const allowed = [...STEP_STATUSES[step], ...(step === 'step4' ? [UNREACHABLE] : [])] as readonly string[];
    const s = status.toLowerCase();
    if (!allowed.includes(s)) {
      ctx.addIssue({ code: 'custom', message: `${step} statuses: ${allowed.join(', ')}` });
      return z.NEVER;
    }
    return { step, status: s, page: page ?? 1 };
  });

// The whole index is read and sorted (ids only, a few calls even for 10,000 people) so pages are stable: the store's
// own cursor pages have no order and may run over the page size on Redis.
async function adminPage(env: CommandEnv, index: string, page: number): Promise<{ people: Person[]; total: number }> {
  const ids = (await indexIds(env.ctx.store, index)).sort();
  const slice = ids.slice((page - 1) * WHO_PAGE_SIZE, page * WHO_PAGE_SIZE);
  return {
    people: (await loadPeople(env.ctx.store, slice)).sort((a, b) => a.id.localeCompare(b.id)),
    total: ids.length,
  };
}

async function managerPage(
  managerId: string,
  env: CommandEnv,
  index: string,
  page: number,
): Promise<{ people: Person[]; total: number }> {
  const team = await loadPeople(env.ctx.store, await indexIds(env.ctx.store, `manager:${managerId}`));
  const matching = team.filter((p) => personIndexes(p).includes(index)).sort((a, b) => a.id.localeCompare(b.id));
  return { people: matching.slice((page - 1) * WHO_PAGE_SIZE, page * WHO_PAGE_SIZE), total: matching.length };
}

/** The people no chat platform could reach at the last directory sync, with each platform's reason. */
async function unreachablePage(env: CommandEnv, page: number): Promise<InteractionReply> {
  const { locale } = env.caller;
  const report = await env.ctx.directory.latest();
  const title = say(locale, 'who_unreachable_title', { count: 0 });
  if (!report) return answer(messageCard(locale, title, say(locale, 'who_unreachable_never')));
  const scope = scopeOf(env.caller);
  const team = scope.kind === 'all' ? undefined : new Set(await indexIds(env.ctx.store, `manager:${scope.managerId}`));
  const entries = report.unreachable.filter((u) => !team || team.has(u.id)).sort((a, b) => a.id.localeCompare(b.id));
  const total = entries.length;
  const slice = entries.slice((page - 1) * WHO_PAGE_SIZE, page * WHO_PAGE_SIZE);
  const people = new Map(
    (
      await loadPeople(
        env.ctx.store,
        slice.map((u) => u.id),
      )
    ).map((p) => [p.id, p] as const),
  );
  const facts = slice.flatMap((u) => {
    const p = people.get(u.id);
    return p
      ? [{ title: escapeMarkdown(fullName(p)), value: `${escapeMarkdown(p.email)}: ${whyText(locale, u.why)}` }]
      : [];
  });
  const pages = Math.max(1, Math.ceil(total / WHO_PAGE_SIZE));
  const lines = [total === 0 ? say(locale, 'who_none') : say(locale, 'who_page', { page, pages })];
  if (page < pages) lines.push(say(locale, 'who_next', { command: `who step4 ${UNREACHABLE} ${page + 1}` }));
  return answer(
    messageCard(locale, say(locale, 'who_unreachable_title', { count: total }), lines.join('\n\n'), { facts }),
  );
}

export const who = defineCommand({
  name: 'who',
  access: 'manager',
  usage: 'who <step> <status> [page]',
  summaryKey: 'cmd_who',
  args: whoArgs,
  async run(env, { step, status, page }) {
    const { locale } = env.caller;
    if (step === 'step4' && status === UNREACHABLE) return unreachablePage(env, page);
    const index = `${step}:${status}`;
    const scope = scopeOf(env.caller);
    const { people, total } =
      scope.kind === 'all' ? await adminPage(env, index, page) : await managerPage(scope.managerId, env, index, page);
    const pages = Math.max(1, Math.ceil(total / WHO_PAGE_SIZE));
    const facts = people.map((p) => ({ title: escapeMarkdown(fullName(p)), value: escapeMarkdown(p.email) }));
    const lines = [total === 0 ? say(locale, 'who_none') : say(locale, 'who_page', { page, pages })];
    if (page < pages) lines.push(say(locale, 'who_next', { command: `who ${step} ${status} ${page + 1}` }));
    return answer(
      messageCard(
        locale,
        say(locale, 'who_title', {
          step: stepLabel(locale, step),
          status: statusLabel(locale, step, status),
          count: total,
        }),
        lines.join('\n\n'),
        { facts },
      ),
    );
  },
});

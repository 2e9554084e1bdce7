// `admins list | add <email> | remove <email>`: who runs the migration. ADMIN_EMAILS are fixed by configuration.
import { escapeMarkdown } from '../../cards/index.ts';
import { z } from 'zod';
import { fullName } from '../../domain/person.ts';
import { indexIds } from '../../services/people-query.ts';
import { email, keyword } from '../args.ts';
import { changePerson } from '../../services/change-person.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

/** Admins granted in chat live in the `role:admin` index; configured admins are admins whatever the store says. */
const ADMIN_INDEX = 'role:admin';

type AdminsArgs = { op: 'list' } | { op: 'add' | 'remove'; id: string };

async function list({ ctx, caller }: CommandEnv) {
  const { locale } = caller;
  const granted = await indexIds(ctx.store, ADMIN_INDEX);
  const ids = [...new Set([...ctx.config.ADMIN_EMAILS, ...granted])].sort();
  const people = await ctx.store.getPeople(ids);
  const facts = ids.map((id, i) => ({
    title: escapeMarkdown(people[i] ? fullName(people[i]) : id),
    value: ctx.config.ADMIN_EMAILS.includes(id) ? say(locale, 'admins_from_config', { email: id }) : escapeMarkdown(id),
  }));
  return answer(messageCard(locale, say(locale, 'admins_title', { count: ids.length }), '', { facts }));
}

async function add({ ctx, caller, now }: CommandEnv, id: string) {
  const { locale } = caller;
  const r = await changePerson(ctx.store, id, [{ type: 'role.granted', role: 'admin' }], caller.audit, now);
  if (!r.ok)
    return answer(
      messageCard(locale, say(locale, 'admins_title_change'), say(locale, 'not_in_roster', { email: id }), {
        style: 'warning',
      }),
    );
  return answer(
    messageCard(locale, say(locale, 'admins_title_change'), say(locale, 'admins_added', { email: id }), {
      style: 'good',
    }),
  );
}

async function remove({ ctx, caller, now }: CommandEnv, id: string) {
  const { locale } = caller;
  const title = say(locale, 'admins_title_change');
  if (ctx.config.ADMIN_EMAILS.includes(id))
    return answer(messageCard(locale, title, say(locale, 'admins_config_fixed', { email: id }), { style: 'warning' }));
  // Without configured admins, the store refuses the revocation that would empty the admin index, atomically with the
  // write: two admins removing each other at the same moment leave one of them.
  const keep = ctx.config.ADMIN_EMAILS.length === 0 ? { keep: { index: ADMIN_INDEX, atLeast: 1 } } : {};
  const r = await changePerson(ctx.store, id, [{ type: 'role.revoked', role: 'admin' }], caller.audit, now, keep);
  if (!r.ok && r.error.code === 'REFUSED') {
    await ctx.store.appendAudit({
      at: now,
      actor: caller.audit.id,
      source: caller.audit.source,
      action: 'refused:admins.remove',
      person: id,
      detail: 'last_admin',
    });
    return answer(messageCard(locale, title, say(locale, 'admins_last'), { style: 'warning' }));
  }
  if (!r.ok)
    return answer(messageCard(locale, title, say(locale, 'not_in_roster', { email: id }), { style: 'warning' }));
  return answer(messageCard(locale, title, say(locale, 'admins_removed', { email: id }), { style: 'good' }));
}

export const admins = defineCommand({
  name: 'admins',
  access: 'admin',
  usage: 'admins [list | add <email> | remove <email>]',
  summaryKey: 'cmd_admins',
  args: z.union([
    z.tuple([]).transform((): AdminsArgs => ({ op: 'list' })),
    z.tuple([keyword('list')]).transform((): AdminsArgs => ({ op: 'list' })),
    z.tuple([keyword('add', 'remove'), email]).transform(([op, id]): AdminsArgs => ({ op, id })),
  ]),
  async run(env, args) {
    if (args.op === 'list') return list(env);
    return args.op === 'add' ? add(env, args.id) : remove(env, args.id);
  },
});

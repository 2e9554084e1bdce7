// `invite <email…|pending|all>` (step 1) and `invite confirm <batch>` once the CSV files are uploaded.
import { z } from 'zod';
import type { Person } from '../../domain/types.ts';
import { peopleInIndexes } from '../../services/people-query.ts';
import { email, keyword } from '../args.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { confirmBatch, provisioningReply } from '../../replies/provisioning-reply.ts';
import { say } from '../../replies/say.ts';
import { startAutodeskRun } from '../../replies/autodesk-run-reply.ts';

type InviteArgs = { op: 'pending' | 'all' } | { op: 'people'; ids: string[] } | { op: 'confirm'; batch: string };

export const batchId = z.string().regex(/^b[a-z0-9]{1,20}(-\d{1,4})?$/, { error: 'not a batch id' });

async function chosen(
  env: CommandEnv,
  args: Exclude<InviteArgs, { op: 'confirm' }>,
): Promise<{ people: Person[]; unknown: string[] }> {
  const { store } = env.ctx;
  if (args.op === 'people') {
    const found = await store.getPeople(args.ids);
    return { people: found.filter((p): p is Person => !!p), unknown: args.ids.filter((_, i) => !found[i]) };
  }
  // `all` also hands pending invitations to the provider: it re-invites expired ones and flags those due a resend.
  const indexes =
    args.op === 'all' ? ['step1:not_invited', 'step1:failed', 'step1:invited'] : ['step1:not_invited', 'step1:failed'];
  return { people: await peopleInIndexes(store, indexes), unknown: [] };
}

export const invite = defineCommand({
  name: 'invite',
  access: 'admin',
  usage: 'invite <email… | pending | all> · invite confirm <batch>',
  summaryKey: 'cmd_invite',
  args: z.union([
    z.tuple([keyword('pending', 'all')]).transform(([op]): InviteArgs => ({ op })),
    z.tuple([keyword('confirm'), batchId]).transform(([, batch]): InviteArgs => ({ op: 'confirm', batch })),
    z
      .array(email)
      .min(1)
      .transform((ids): InviteArgs => ({ op: 'people', ids: [...new Set(ids)] })),
  ]),
  async run(env, args) {
    const { locale } = env.caller;
    if (args.op === 'confirm') return confirmBatch(env, 'invite', args.batch);
    const provider = env.ctx.provisioning;
    const { people, unknown } = await chosen(env, args);
    const runs = env.ctx.autodeskRuns;
    if (runs) return startAutodeskRun(env, runs, 'invite', people, unknown);
    const result = await provider.invite(people);
    result.rejected.push(...unknown.map((personId) => ({ personId, reason: say(locale, 'skip_not_found') })));
    return provisioningReply(env, 'invite', result, people.length + unknown.length);
  },
});

// `assign <product> <email…|pending>` (step 2) and `assign confirm <batch>` once the CSV files are uploaded.
import { z } from 'zod';
import { productInScope } from '../../autodesk/screen-people.ts';
import { progressFromCounters } from '../../domain/progress.ts';
import type { Person } from '../../domain/types.ts';
import { peopleInIndexes } from '../../services/people-query.ts';
import { keyword, targets, type Targets } from '../args.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { confirmBatch, provisioningReply } from '../../replies/provisioning-reply.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';
import { startAutodeskRun } from '../../replies/autodesk-run-reply.ts';
import { batchId } from './invite.ts';

type AssignArgs = { op: 'confirm'; batch: string } | { op: 'assign'; product: string; who: Targets };

async function chosen(
  env: CommandEnv,
  product: string,
  who: Targets,
): Promise<{ people: Person[]; unknown: string[] }> {
  const { store } = env.ctx;
  if (who.kind === 'pending') {
    const candidates = await peopleInIndexes(store, ['step2:none', 'step2:partial']);
    return {
      people: candidates.filter((p) => {
        const key = productInScope(p, product);
        return key !== undefined && p.assignments[key]?.status !== 'assigned';
      }),
      unknown: [],
    };
  }
  const found = await store.getPeople(who.ids);
  return { people: found.filter((p): p is Person => !!p), unknown: who.ids.filter((_, i) => !found[i]) };
}

export const assign = defineCommand({
  name: 'assign',
  access: 'admin',
  usage: 'assign <product> <email… | pending> · assign confirm <batch>',
  summaryKey: 'cmd_assign',
  args: z.union([
    z.tuple([keyword('confirm'), batchId]).transform(([, batch]): AssignArgs => ({ op: 'confirm', batch })),
    z
      .tuple([z.string().min(1).max(100)], z.string())
      .transform(([product, ...rest]) => ({ product, rest }))
      .pipe(z.object({ product: z.string(), rest: targets }))
      .transform(({ product, rest }): AssignArgs => ({ op: 'assign', product, who: rest })),
  ]),
  async run(env, args) {
    const { locale } = env.caller;
    if (args.op === 'confirm') return confirmBatch(env, 'assign', args.batch);
    const provider = env.ctx.provisioning;
    // The roster's spelling of the product, from the counters: no scan, and a typo is answered, not sent.
    const known = Object.keys(progressFromCounters(await env.ctx.store.counters()).products);
    const product = known.find((x) => x.toLowerCase() === args.product.trim().toLowerCase());
    if (!product)
      return answer(
        messageCard(
          locale,
          say(locale, 'assign_title', { product: args.product }),
          say(locale, 'assign_unknown_product', { product: args.product, known: known.sort().join(', ') || '-' }),
          { style: 'warning' },
        ),
      );
    const { people, unknown } = await chosen(env, product, args.who);
    const runs = env.ctx.autodeskRuns;
    if (runs) return startAutodeskRun(env, runs, 'assign', people, unknown, product);
    const result = await provider.assign(product, people);
    result.rejected.push(...unknown.map((personId) => ({ personId, reason: say(locale, 'skip_not_found') })));
    return provisioningReply(env, 'assign', result, people.length + unknown.length, product);
  },
});

// `status [product|department|manager]`: the admins' overview (the same card the scheduler posts daily, from the
// counters and licence-server records); managers get the same figures for their own people only.
import { z } from 'zod';
import { statusReply, type Breakdown } from '../../replies/status-reply.ts';
import { keyword } from '../args.ts';
import { defineCommand } from '../command.ts';

export const status = defineCommand({
  name: 'status',
  access: 'manager',
  usage: 'status [product|department|manager]',
  summaryKey: 'cmd_status',
  args: z.union([
    z.tuple([]).transform((): Breakdown => 'product'),
    z.tuple([keyword('product', 'department', 'manager')]).transform(([b]): Breakdown => b),
  ]),
  run: (env, by) => statusReply(env, by),
});

// What an answer is built from, whether a command or a card button asked for it: the services, who is asking, and
// the instant (one per interaction).
import type { InteractionDeps } from '../ports/deps.ts';
import type { Caller } from '../services/resolve-caller.ts';

export interface ReplyEnv {
  ctx: InteractionDeps;
  caller: Caller;
  now: number;
}

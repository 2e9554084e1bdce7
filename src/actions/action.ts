// What a card action is: a verb, who may click it, and what it does.
import type { InteractionReply } from '../ports/interaction.ts';
import type { ReplyEnv } from '../replies/reply-env.ts';

/** Everything an action runs with. The clicker has been checked already (see handle-card-action.ts). */
export interface ActionEnv extends ReplyEnv {
  /** The data the card carried, merged with its inputs. Never trusted beyond the checks made on it. */
  data: Record<string, unknown>;
}

export interface ActionDef {
  /** The verb as the core knows it, e.g. `signed_in`. */
  name: string;
  /** Other verbs cards send for it (`step4.signed_in`). */
  aliases: readonly string[];
  /**
   * `person`: only the person the card was for (data.personId) may click;
   * `admin`: only a migration admin; `manager`: an admin or a manager.
   */
  clicker: 'person' | 'admin' | 'manager';
  run(env: ActionEnv): Promise<InteractionReply>;
}

/** A string field of the card data, trimmed; undefined when absent or not a string. */
export function dataString(data: Record<string, unknown>, key: string): string | undefined {
  const v = data[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A positive whole number from the card data (templates may send numbers as strings). */
export function dataRound(data: Record<string, unknown>): number {
  const n = Number(data.round);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

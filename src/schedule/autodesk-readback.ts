// Once a day with PROVISIONING=autodesk: read the team back through the Team Admin API and record what the roster does
// not know yet (invited, active, seats) — the daily `reconcile`. It also keeps the sign-in alive (a read refreshes the
// access token, which rotates the refresh token) and tells the admins to connect again when Autodesk refuses the
// sign-in or the refresh token nears its 15 days, before a long job needs it.
import type { SchedulerDeps } from './deps.ts';
import type { MessageData } from '../cards/types.ts';
import type { AutodeskReconcileCounts } from '../ports/autodesk-link.ts';
import { onceADay, type DailyOutcome } from './daily-once.ts';
import { say } from './texts.ts';

export const AUTODESK_READBACK_DOC = 'autodesk-readback';

export interface AutodeskTickResult {
  outcome: DailyOutcome | 'not_autodesk';
  counts?: AutodeskReconcileCounts;
  told?: 'expiring' | 'reconnect';
}

export async function autodeskReadbackTick(ctx: SchedulerDeps, now: number): Promise<AutodeskTickResult> {
  const link = ctx.autodesk;
  if (!link) return { outcome: 'not_autodesk' };
  const result: AutodeskTickResult = { outcome: 'not_yet' };
  const locale = ctx.config.DEFAULT_LOCALE;
  const tell = async (text: string) => {
    const data: MessageData = { title: say(locale, 'adsk_title'), text, facts: [], style: 'warning' };
    return (await ctx.postToAdmins({ name: 'message', data, locale, timeZone: ctx.config.DEFAULT_TIMEZONE })) > 0;
  };
  result.outcome = await onceADay(ctx, AUTODESK_READBACK_DOC, now, async () => {
    const status = await link.status();
    if (!status.connected) return true;
    if (status.health === 'refused') {
      result.told = 'reconnect';
      return tell(say(locale, 'adsk_reconnect', { reason: 'refresh token' }));
    }
    try {
      result.counts = await link.reconcile({ id: 'scheduler', source: 'scheduler' }, now);
      ctx.logger.info({ job: 'autodesk', ...result.counts }, 'autodesk read-back');
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'unknown';
      ctx.logger.warn({ job: 'autodesk', code }, 'autodesk read-back failed');
      if (code === 'AUTODESK_RECONNECT' || code === 'AUTODESK_FORBIDDEN') {
        result.told = 'reconnect';
        return tell(say(locale, 'adsk_reconnect', { reason: code === 'AUTODESK_FORBIDDEN' ? '403' : 'refresh token' }));
      }
      return false; // unreachable: try again at the next hourly tick
    }
    const after = await link.status();
    if (after.connected && after.health === 'expiring') {
      result.told = 'expiring';
      return tell(say(locale, 'adsk_expiring'));
    }
    return true;
  });
  return result;
}

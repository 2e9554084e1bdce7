// A card for the admins, posted in every configured chat channel's admin conversation.
import type { AppContext } from '../app/context.ts';
import type { OutboundCard } from '../channels/channel.ts';

/** Posts to the admins everywhere; returns how many channels took it (0 when none is configured or all failed). */
export async function postToAdmins(ctx: Pick<AppContext, 'channels' | 'logger'>, card: OutboundCard): Promise<number> {
  let sent = 0;
  for (const channel of Object.values(ctx.channels)) {
    if (!channel) continue;
    try {
      const outcome = await channel.postToAdmins(card);
      if (outcome.kind === 'sent') sent++;
      else
        ctx.logger.warn(
          { platform: channel.platform, cardName: card.name, outcome: outcome.kind },
          'admin post not delivered',
        );
    } catch (err) {
      ctx.logger.warn(
        { platform: channel.platform, cardName: card.name, err: (err as Error).name },
        'admin post failed',
      );
    }
  }
  return sent;
}

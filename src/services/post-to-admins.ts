// A card for the admins, posted in every configured chat channel's admin conversation.
import type { Logger } from '../log.ts';
import type { Channels, PostToAdmins } from '../ports/deps.ts';

/** Posts to the admins everywhere; each post resolves to how many channels took it (0 when none or all failed). */
export function createAdminPoster(channels: Channels, logger: Logger): PostToAdmins {
  return async (card) => {
    let sent = 0;
    for (const channel of Object.values(channels)) {
      if (!channel) continue;
      try {
        const outcome = await channel.postToAdmins(card);
        if (outcome.kind === 'sent') sent++;
        else
          logger.warn(
            { platform: channel.platform, cardName: card.name, outcome: outcome.kind },
            'admin post not delivered',
          );
      } catch (err) {
        logger.warn({ platform: channel.platform, cardName: card.name, err: (err as Error).name }, 'admin post failed');
      }
    }
    return sent;
  };
}

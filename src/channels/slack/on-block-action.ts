// Card buttons. The button's value carries the card's action and data; the core decides (and checks that the
// clicker is the person the card was for). "I need help" with no text yet opens the help modal instead.
import type { App, BlockAction, ButtonAction as SlackButtonAction } from '@slack/bolt';
import { CARD_ACTIONS, HELP_TEXT_INPUT } from '../../cards/index.ts';
import type { SlackInbound } from './edge.ts';
import { formInputs, parseButtonValue } from './action-payload.ts';
import { publishHome } from './app-home.ts';
import { openHelpModal } from './help-modal.ts';
import { deliverReply } from './send-reply.ts';
import { actorLocale, resolveActor } from './resolve-actor.ts';

export function registerBlockActions(app: App, edge: SlackInbound): void {
  app.action<BlockAction<SlackButtonAction>>({ type: 'block_actions' }, async ({ ack, body, action }) => {
    await ack();
    if (action.type !== 'button') return;
    const button = parseButtonValue(action.action_id, action.value);
    if (!button) return;
    const userId = body.user.id;
    const log = edge.log.child({ slackUser: userId, action: button.action });
    try {
      const actor = await resolveActor(edge, userId);
      const locale = await actorLocale(edge, actor);
      const onHome = body.view?.type === 'home';
      if (onHome && button.action === CARD_ACTIONS.adminRefresh) return await publishHome(edge, userId);

      const channel = body.container?.channel_id ?? body.channel?.id;
      const ts = body.container?.message_ts ?? body.message?.ts;
      const inputs = formInputs(body.state);
      if (button.action === CARD_ACTIONS.needHelp && !inputs[HELP_TEXT_INPUT]?.trim()) {
        return await openHelpModal(edge, body.trigger_id, locale, {
          d: button.data,
          ...(channel && ts ? { c: channel, t: ts } : {}),
        });
      }
      const reply = await edge.handle({
        kind: 'card_action',
        actor,
        action: button.action,
        data: { ...button.data, ...inputs },
      });
      await deliverReply(
        edge,
        reply,
        {
          userId,
          ...(channel ? { channelId: channel, inDm: channel.startsWith('D') } : {}),
          ...(body.response_url ? { responseUrl: body.response_url } : {}),
          ...(channel && ts && !onHome ? { message: { channel, ts } } : {}),
        },
        locale,
      );
      if (onHome) await publishHome(edge, userId);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'card action failed');
    }
  });
}

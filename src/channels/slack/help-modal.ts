// "I need help" in Slack: the button opens a modal with a text box (views.open with the click's trigger_id); the
// submission goes to the core as the same need-help card action Teams sends, and the original message is replaced.
// The message's channel and ts, and the button's data, travel in the modal's private_metadata.
import type { App } from '@slack/bolt';
import type { Locale } from '../../domain/types.ts';
import { CARD_ACTIONS, HELP_TEXT_INPUT, t } from '../../cards/index.ts';
import type { SlackInbound } from './edge.ts';
import { formInputs } from './action-payload.ts';
import { deliverReply } from './send-reply.ts';
import { actorLocale, resolveActor } from './resolve-actor.ts';

export const HELP_CALLBACK_ID = 'numbot.help';
const MAX_HELP_CHARS = 1000;
const MAX_TITLE = 24;
const MAX_PLACEHOLDER = 150;
const MAX_METADATA = 3000;

interface HelpMetadata {
  /** Channel and ts of the message whose button opened the modal. */
  c?: string;
  t?: string;
  /** The button's data (person id, card id, round). */
  d: Record<string, unknown>;
}

const cap = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export function helpModal(locale: Locale, meta: HelpMetadata) {
  let privateMetadata = JSON.stringify(meta);
  if (privateMetadata.length > MAX_METADATA) privateMetadata = JSON.stringify({ ...meta, d: {} });
  return {
    type: 'modal' as const,
    callback_id: HELP_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: { type: 'plain_text' as const, text: cap(t(locale, 'btn_need_help'), MAX_TITLE) },
    submit: { type: 'plain_text' as const, text: cap(t(locale, 'btn_send_help'), MAX_TITLE) },
    blocks: [
      {
        type: 'input' as const,
        block_id: HELP_TEXT_INPUT,
        label: { type: 'plain_text' as const, text: t(locale, 'help_input_label') },
        element: {
          type: 'plain_text_input' as const,
          action_id: HELP_TEXT_INPUT,
          multiline: true,
          max_length: MAX_HELP_CHARS,
          placeholder: { type: 'plain_text' as const, text: cap(t(locale, 'help_input_placeholder'), MAX_PLACEHOLDER) },
        },
      },
    ],
  };
}

export async function openHelpModal(
  edge: SlackInbound,
  triggerId: string,
  locale: Locale,
  meta: HelpMetadata,
): Promise<void> {
  await edge.client.views.open({ trigger_id: triggerId, view: helpModal(locale, meta) });
}

function parseMetadata(raw: string): HelpMetadata | undefined {
  try {
    const m = JSON.parse(raw) as Partial<HelpMetadata>;
    if (m === null || typeof m !== 'object' || typeof m.d !== 'object' || m.d === null) return undefined;
    return {
      d: m.d,
      ...(typeof m.c === 'string' ? { c: m.c } : {}),
      ...(typeof m.t === 'string' ? { t: m.t } : {}),
    };
  } catch {
    return undefined;
  }
}

export function registerHelpModal(app: App, edge: SlackInbound): void {
  app.view(HELP_CALLBACK_ID, async ({ ack, body, view }) => {
    const meta = parseMetadata(view.private_metadata);
    const text = (formInputs(view.state)[HELP_TEXT_INPUT] ?? '').trim();
    if (!meta || !text) {
      await ack({
        response_action: 'errors',
        errors: { [HELP_TEXT_INPUT]: t(edge.deps.config.DEFAULT_LOCALE, 'help_input_label') },
      });
      return;
    }
    await ack();
    const userId = body.user.id;
    try {
      const actor = await resolveActor(edge, userId);
      const reply = await edge.handle({
        kind: 'card_action',
        actor,
        action: CARD_ACTIONS.needHelp,
        data: { ...meta.d, [HELP_TEXT_INPUT]: text },
      });
      const message = meta.c && meta.t ? { channel: meta.c, ts: meta.t } : undefined;
      await deliverReply(
        edge,
        reply,
        {
          userId,
          ...(meta.c ? { channelId: meta.c, inDm: meta.c.startsWith('D') } : {}),
          ...(message ? { message } : {}),
        },
        await actorLocale(edge, actor),
      );
    } catch (err) {
      edge.log.error({ slackUser: userId, err: (err as Error).message }, 'help request failed');
    }
  });
}

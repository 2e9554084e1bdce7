// Buttons on the admins' cards: refresh the status card, and "It's switched off" / "Not yet" on a server-ready card.
import { formatDateTime } from '../cards/format.ts';
import { markDecommissioned } from '../server-watch/mark-decommissioned.ts';
import { confirmBatch } from '../replies/provisioning-reply.ts';
import { messageCard } from '../replies/cards.ts';
import { say } from '../replies/say.ts';
import { statusReply } from '../replies/status-reply.ts';
import { dataString, type ActionDef } from './action.ts';

export const adminRefresh: ActionDef = {
  name: 'admin_refresh',
  aliases: ['admin.refresh'],
  clicker: 'manager',
  async run({ ctx, caller, now }) {
    const reply = await statusReply({ ctx, caller, now }, 'product');
    return { cards: reply.cards.slice(1), ...(reply.cards[0] ? { replaceCard: reply.cards[0] } : {}) };
  },
};

export const serverSwitchedOff: ActionDef = {
  name: 'server_switched_off',
  aliases: ['server.switched_off'],
  clicker: 'admin',
  async run({ ctx, caller, data, now }) {
    const { locale, timeZone } = caller;
    const id = dataString(data, 'serverId') ?? '';
    const server = ctx.config.LICENSE_SERVERS.find((s) => s.id === id);
    if (!server)
      return {
        cards: [
          messageCard(
            locale,
            say(locale, 'action_failed_title'),
            say(locale, 'decommission_unknown', {
              server: id.slice(0, 64),
              known: ctx.config.LICENSE_SERVERS.map((s) => s.id).join(', ') || '-',
            }),
            { style: 'warning' },
          ),
        ],
      };
    const at = await markDecommissioned(ctx, server, caller.audit, now);
    const text = say(locale, 'server_marked_off', { server: server.id, when: formatDateTime(at, locale, timeZone) });
    return {
      cards: [],
      replaceCard: messageCard(locale, say(locale, 'decommission_title', { server: server.id }), text, {
        style: 'good',
      }),
    };
  },
};

export const serverLater: ActionDef = {
  name: 'server_later',
  aliases: ['server.later'],
  clicker: 'admin',
  async run({ caller }) {
    const { locale } = caller;
    return { cards: [messageCard(locale, say(locale, 'servers_title'), say(locale, 'server_later'))] };
  },
};

/** "I uploaded the files" as a button (`data.batch`, `data.kind`): the same as `invite|assign confirm <batch>`. */
export const confirmUpload: ActionDef = {
  name: 'confirm_upload',
  aliases: ['confirm-upload', 'provisioning.confirm'],
  clicker: 'admin',
  async run({ ctx, caller, data, now }) {
    const kind = dataString(data, 'kind') === 'assign' ? 'assign' : 'invite';
    const batch = (dataString(data, 'batch') ?? '').slice(0, 40);
    const reply = await confirmBatch({ ctx, caller, now }, kind, batch);
    return { cards: reply.cards.slice(1), ...(reply.cards[0] ? { replaceCard: reply.cards[0] } : {}) };
  },
};

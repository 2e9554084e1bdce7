// The ChatChannel for Teams: proactive 1:1 cards, in-place updates, the admins' conversation, roster sync.
import type { Attachment, CloudAdapter } from 'botbuilder';
import type { TeamsDeps } from './deps.ts';
import type { Person } from '../../domain/types.ts';
import { updatePerson } from '../../services/update-person.ts';
import type { ChatChannel, OutboundCard, SendOutcome, SentRef } from '../../ports/chat-channel.ts';
import { conversationInfo, rememberConversation } from './conversations.ts';
import { syncTeamsDirectory } from './directory-sync.ts';
import { createGraphInstaller } from './graph-install.ts';
import { mapTeamsError } from './map-error.ts';
import { openAndPost, postToConversation, updateInConversation, type ProactiveDeps, type Target } from './proactive.ts';
import { CardError } from '../../cards/index.ts';
import { cardAttachment } from './render.ts';

export interface TeamsChannelDeps {
  ctx: TeamsDeps;
  adapter: CloudAdapter;
  appId: string;
}

export function createTeamsChannel({ ctx, adapter, appId }: TeamsChannelDeps): ChatChannel {
  const deps: ProactiveDeps = { adapter, appId };
  const defaultServiceUrl = ctx.config.TEAMS_SERVICE_URL;
  const log = ctx.logger.child({ platform: 'teams' });
  const installer = createGraphInstaller(ctx.config, log);

  const sent = (conversationId: string, messageId: string): SendOutcome => ({
    kind: 'sent',
    ref: { platform: 'teams', conversationId, messageId },
  });

  async function targetOf(conversationId: string): Promise<Target> {
    const info = await conversationInfo(ctx.store, conversationId);
    return {
      conversationId,
      serviceUrl: info?.serviceUrl ?? defaultServiceUrl,
      ...(info?.tenantId ? { tenantId: info.tenantId } : {}),
    };
  }

  async function storeOpenedConversation(person: Person, conversationId: string, serviceUrl: string): Promise<void> {
    const teams = person.chat.teams;
    const r = await updatePerson(
      ctx.store,
      person.id,
      [{ type: 'chat.linked', chat: { teams: { ...teams, userId: teams?.userId ?? '', conversationId, serviceUrl } } }],
      { id: 'teams', source: 'system' },
      ctx.clock.now(),
      { detail: 'teams conversation opened' },
    );
    if (!r.ok && r.error.code !== 'ALREADY_DONE')
      log.warn({ person: person.id, code: r.error.code }, 'could not store the new teams conversation');
    await rememberConversation(ctx.store, conversationId, {
      serviceUrl,
      ...(teams?.tenantId ? { tenantId: teams.tenantId } : {}),
    });
  }

  return {
    platform: 'teams',

    canReach: (person) => Boolean(person.chat.teams?.userId),

    async sendCard(person, card) {
      const teams = person.chat.teams;
      if (!teams?.userId) return { kind: 'not_found', reason: 'no Teams identity' };
      const attachment = attach(card);
      if (isOutcome(attachment)) return attachment;
      const serviceUrl = teams.serviceUrl ?? defaultServiceUrl;
      if (teams.conversationId) {
        const target: Target = {
          conversationId: teams.conversationId,
          serviceUrl,
          ...(teams.tenantId ? { tenantId: teams.tenantId } : {}),
        };
        const r = await postToConversation(deps, target, attachment);
        return r.ok ? sent(teams.conversationId, r.value) : mapTeamsError(r.error);
      }
      const tenantId = teams.tenantId ?? ctx.config.MICROSOFT_APP_TENANT_ID;
      const opened = await openAndPost(
        deps,
        { userId: teams.userId, ...(tenantId ? { tenantId } : {}) },
        serviceUrl,
        attachment,
      );
      if (opened.conversationId) await storeOpenedConversation(person, opened.conversationId, serviceUrl);
      if (!opened.result.ok) return mapTeamsError(opened.result.error);
      return sent(opened.conversationId ?? '', opened.result.value);
    },

    async updateCard(ref: SentRef, card) {
      const attachment = attach(card);
      if (isOutcome(attachment)) return attachment;
      const r = await updateInConversation(deps, await targetOf(ref.conversationId), ref.messageId, attachment);
      return r.ok ? { kind: 'sent', ref } : mapTeamsError(r.error);
    },

    async postToAdmins(card) {
      const conversationId = ctx.config.TEAMS_ADMIN_CONVERSATION_ID;
      if (!conversationId) return { kind: 'not_found', reason: 'TEAMS_ADMIN_CONVERSATION_ID is not set' };
      const attachment = attach(card);
      if (isOutcome(attachment)) return attachment;
      const r = await postToConversation(deps, await targetOf(conversationId), attachment);
      return r.ok ? sent(conversationId, r.value) : mapTeamsError(r.error);
    },

    syncDirectory: (options) =>
      syncTeamsDirectory({ ctx, adapter, appId, installer, installNow: options?.slowWork !== false }),
  };
}

/** The card as an attachment, or the `invalid` outcome when it cannot be sent at all. */
function attach(card: OutboundCard): Attachment | SendOutcome {
  try {
    return cardAttachment(card);
  } catch (err) {
    return {
      kind: 'invalid',
      reason: `card ${card.name}: ${err instanceof CardError ? err.code : 'could not be rendered'}`,
    };
  }
}

const isOutcome = (x: Attachment | SendOutcome): x is SendOutcome => 'kind' in x;

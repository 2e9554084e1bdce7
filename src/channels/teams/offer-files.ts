// Files the core gives the actor (CSV exports, device scripts, import files), as Teams can carry them. In the user's
// 1:1 chat: a file consent card, the content kept in the store until they accept (see on-file-consent.ts). In group
// chats and channels, where consent cards do not work: the inline preview, cut, and a pointer to the 1:1 chat.
import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { TeamsDeps } from './deps.ts';
import type { InteractionReply } from '../../ports/interaction.ts';
import { t } from '../../cards/index.ts';
import type { Locale } from '../../domain/types.ts';
import { personForChatUser } from '../../services/chat-identity.ts';
import { createOffer, MAX_OFFER_BYTES } from './file-offers.ts';
import { isPersonalChat } from './identity.ts';
import { fileConsentAttachment, filePreviewAttachment } from './render.ts';

export type ReplyFile = NonNullable<InteractionReply['files']>[number];

/**
 * Every file the core gives today (`export`, `script`, the import files of `invite` / `assign`) is admin-only content:
 * each offer says so, and the accept checks it again (the recipient may have lost the admin role meanwhile).
 */
const FILE_REQUIREMENT = 'admin' as const;

/** One activity per file: a consent card in a 1:1 chat, else an inline preview. */
export async function fileActivities(
  ctx: TeamsDeps,
  turn: TurnContext,
  files: readonly ReplyFile[],
  locale: Locale,
): Promise<Partial<Activity>[]> {
  const a = turn.activity;
  if (!isPersonalChat(a)) {
    return files.map((f) =>
      MessageFactory.attachment(filePreviewAttachment(f, locale, t(locale, 'teams_file_ask_personal'))),
    );
  }
  const personId = await personForChatUser(ctx.store, 'teams', a.from.id);
  const out: Partial<Activity>[] = [];
  for (const file of files) {
    const bytes = Buffer.byteLength(file.content, 'utf8');
    if (bytes === 0) {
      out.push(MessageFactory.attachment(filePreviewAttachment(file, locale)));
      continue;
    }
    if (bytes > MAX_OFFER_BYTES) {
      ctx.logger.warn({ platform: 'teams', bytes, max: MAX_OFFER_BYTES }, 'file too large to offer; shown inline, cut');
      out.push(MessageFactory.attachment(filePreviewAttachment(file, locale, t(locale, 'teams_file_too_large'))));
      continue;
    }
    const offer = await createOffer(
      ctx.store,
      {
        requires: FILE_REQUIREMENT,
        userId: a.from.id,
        ...(personId ? { personId } : {}),
        conversationId: a.conversation.id,
        name: file.name,
        mimeType: file.mimeType,
        content: file.content,
        locale,
      },
      ctx.clock.now(),
    );
    ctx.logger.info({ platform: 'teams', offer: offer.id, bytes }, 'file offered');
    out.push(consentActivity(offer.id, file.name, bytes, locale));
  }
  return out;
}

export function consentActivity(consentId: string, name: string, bytes: number, locale: Locale): Partial<Activity> {
  return MessageFactory.attachment(
    fileConsentAttachment(consentId, name, bytes, t(locale, 'teams_file_consent_description')),
  );
}

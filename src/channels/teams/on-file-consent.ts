// The user answered a file consent card: a `fileConsent/invoke` whose value carries the action, the consent id we put
// in the card's context and, on accept, the OneDrive upload session Teams opened for the file. Only the person the file
// was offered to may accept it, once, within its expiry, and only while they still have the right to it (an admin, by
// the shared rule, for every file offered today); anything else gets a clear answer and uploads nothing. The invoke is
// always answered at once (200 once handled, 400 for a value that is not a consent answer): an accepted file is
// uploaded after the answer (send-accepted-file.ts). A used card (sent, declined, refused, expired) is replaced by a
// plain card saying so; that replacement, or the message saying what happened, failing is logged, nothing more (the
// answer is recorded and the invoke still answered). Logs carry ids only.
import type { TurnContext } from 'botbuilder';
import type { TeamsDeps } from './deps.ts';
import { normaliseEmail } from '../../domain/email.ts';
import type { Locale } from '../../domain/types.ts';
import { personForChatUser } from '../../services/chat-identity.ts';
import { callerLocale, isAdminPerson } from '../../services/resolve-caller.ts';
import {
  messageActivity,
  outcomeOfVerdict,
  replaceConsentCard,
  verdictText,
  type CardOutcome,
  type TextKeys,
} from './consent-messages.ts';
import {
  claimOffer,
  judgeOffer,
  mayReceive,
  offerBytes,
  pruneOffers,
  readOffer,
  requirementOf,
  settleOffer,
  type FileOffer,
} from './file-offers.ts';
import type { UploadInfo } from './render.ts';
import { inTurn } from './send-reply.ts';
import type { FileSender } from './send-accepted-file.ts';

export interface FileConsentOptions {
  /** Accept plain-http upload URLs (only when the endpoint runs without auth: local use and tests). */
  allowHttp: boolean;
  /** Uploads accepted files after the invoke is answered. */
  sender: FileSender;
}

interface ConsentAnswer {
  action: 'accept' | 'decline';
  consentId: string;
  uploadInfo?: UploadInfo;
}

export async function onFileConsent(ctx: TeamsDeps, turn: TurnContext, options: FileConsentOptions): Promise<void> {
  const answer = consentAnswerOf(turn.activity.value);
  if (!answer) return respond(turn, 400);
  const a = turn.activity;
  const now = ctx.clock.now();
  const log = ctx.logger.child({ platform: 'teams', offer: answer.consentId, action: answer.action });
  const offer = await readOffer(ctx.store, answer.consentId);
  const verdict = judgeOffer(offer, a.from.id, now);
  const personId = await personForChatUser(ctx.store, 'teams', a.from.id);
  const actor = { id: personId ?? `teams:${a.from.id}`, source: 'teams' as const };
  const detail = `offer=${answer.consentId}`;
  const replaceCard = (o: FileOffer, outcome: CardOutcome) => {
    const cardId = consentCardOf(turn, o);
    return cardId ? replaceConsentCard(turn, log, cardId, o, outcome) : undefined;
  };
  const tell = (locale: Locale, ...text: TextKeys) =>
    inTurn(log, turn, 'message', () => turn.sendActivity(messageActivity(locale, ...text)));

  if (!offer || verdict !== 'ok') {
    const why = verdict === 'ok' ? 'unknown' : verdict;
    log.info({ verdict: why }, 'file consent answer not acted on');
    if (why === 'expired') await pruneOffers(ctx.store, now);
    if (why === 'not_yours')
      await ctx.store.appendAudit({ at: now, actor: actor.id, source: actor.source, action: 'refused:file', detail });
    const locale =
      offer && why !== 'not_yours'
        ? offer.locale
        : callerLocale(ctx, personId ? await ctx.store.getPerson(personId) : undefined, a.locale);
    const outcome = outcomeOfVerdict(why);
    if (offer && outcome) await replaceCard(offer, outcome);
    await tell(locale, ...verdictText(why, offer?.name ?? ''));
    return respond(turn, 200);
  }

  if (answer.action === 'decline') {
    await settleOffer(ctx.store, offer, 'declined');
    await ctx.store.appendAudit({ at: now, actor: actor.id, source: actor.source, action: 'file.declined', detail });
    log.info('file declined');
    await replaceCard(offer, 'declined');
    await tell(offer.locale, 'teams_file_declined_title', 'teams_file_declined', offer.name);
    return respond(turn, 200);
  }

  // The right to the file is judged again now: the recipient may have lost the admin role, or left the migration,
  // since the offer. Settled as refused, so no later accept of this card can upload it either.
  if (!(await stillEntitled(ctx, offer, personId))) {
    const settled = await settleOffer(ctx.store, offer, 'refused');
    await ctx.store.appendAudit({
      at: now,
      actor: actor.id,
      source: actor.source,
      action: 'refused:file',
      detail: `${detail} requires=${requirementOf(offer)}`,
    });
    log.info(
      { verdict: 'not_entitled', requires: requirementOf(offer), settled },
      'file consent accept refused: no longer entitled',
    );
    await replaceCard(offer, 'refused');
    await tell(offer.locale, ...verdictText('refused', offer.name));
    return respond(turn, 200);
  }

  const info = answer.uploadInfo;
  if (!info || !uploadUrlAllowed(info.uploadUrl, options.allowHttp)) {
    log.warn('file consent accept without a usable upload session');
    return respond(turn, 400);
  }
  const claimed = await claimOffer(ctx.store, offer, now);
  if (!claimed) {
    await tell(offer.locale, ...verdictText('busy', offer.name));
    return respond(turn, 200);
  }
  const bytes = await offerBytes(ctx.store, offer.id);
  if (!bytes) {
    // The content is gone (pruned under us): nothing to upload, say so as for an expired file.
    await settleOffer(ctx.store, claimed, 'declined');
    await replaceCard(offer, 'expired');
    await tell(offer.locale, ...verdictText('unknown', offer.name));
    return respond(turn, 200);
  }
  // Teams wants the answer within seconds; the upload may take longer. It goes on after the answer, and the file card
  // (or the failure) is posted when it ends. A second accept meanwhile is told the file is on its way (busy).
  const cardId = consentCardOf(turn, offer);
  const tenantId = tenantOf(turn);
  const target = { conversationId: a.conversation.id, serviceUrl: a.serviceUrl, ...(tenantId ? { tenantId } : {}) };
  options.sender.send({ claimed, bytes, info, actor, target, ...(cardId ? { cardId } : {}) }, log);
  log.info({ bytes: bytes.length, attempt: claimed.attempts }, 'file upload started');
  return respond(turn, 200);
}

/** The consent card this invoke answers (its replyToId), when it is in the chat the file was offered in. */
function consentCardOf(turn: TurnContext, offer: FileOffer): string | undefined {
  const cardId = turn.activity.replyToId;
  return cardId && turn.activity.conversation.id === offer.conversationId ? cardId : undefined;
}

/** The tenant of the conversation, as Teams puts it on the activity. */
function tenantOf(turn: TurnContext): string | undefined {
  const a = turn.activity;
  const fromChannel = asRecord(asRecord(a.channelData).tenant).id;
  return a.conversation.tenantId ?? (typeof fromChannel === 'string' ? fromChannel : undefined);
}

/** Whether the person behind the chat user still has what the offer requires, by the shared admin rule. */
async function stillEntitled(ctx: TeamsDeps, offer: FileOffer, linkedPersonId: string | undefined): Promise<boolean> {
  const personId = linkedPersonId ? normaliseEmail(linkedPersonId) : undefined;
  const person = personId ? await ctx.store.getPerson(personId) : undefined;
  return mayReceive(offer, { isAdmin: isAdminPerson(ctx, personId, person) });
}

/** The consent answer in an invoke's value, or undefined when it is not one. */
export function consentAnswerOf(value: unknown): ConsentAnswer | undefined {
  const v = asRecord(value);
  const consentId = asRecord(v.context).consentId;
  if ((v.action !== 'accept' && v.action !== 'decline') || typeof consentId !== 'string' || !consentId)
    return undefined;
  const u = asRecord(v.uploadInfo);
  const fields = ['name', 'uploadUrl', 'contentUrl', 'uniqueId', 'fileType'] as const;
  const complete = fields.every((f) => typeof u[f] === 'string');
  return {
    action: v.action,
    consentId,
    ...(v.action === 'accept' && complete
      ? { uploadInfo: Object.fromEntries(fields.map((f) => [f, u[f]])) as unknown as UploadInfo }
      : {}),
  };
}

/** Where the bytes may go: https only, plain http too when the endpoint runs without auth (local use, tests). */
export function uploadUrlAllowed(url: string, allowHttp: boolean): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || (allowHttp && protocol === 'http:');
  } catch {
    return false;
  }
}

async function respond(turn: TurnContext, status: number): Promise<void> {
  await turn.sendActivity({ type: 'invokeResponse', value: { status } });
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

// The user answered a file consent card: a `fileConsent/invoke` whose value carries the action, the consent id we put
// in the card's context and, on accept, the OneDrive upload session Teams opened for the file. Only the person the file
// was offered to may accept it, once, within its expiry, and only while they still have the right to it (an admin, by
// the shared rule, for every file offered today); anything else gets a clear answer and uploads nothing. The invoke is
// always answered (200 once handled, 400 for a value that is not a consent answer). Logs carry ids only.
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { AppContext } from '../../app/context.ts';
import { t } from '../../cards/index.ts';
import { normaliseEmail } from '../../domain/email.ts';
import type { Locale } from '../../domain/types.ts';
import { personForChatUser } from '../../services/chat-identity.ts';
import { callerLocale, isAdminPerson } from '../../services/resolve-caller.ts';
import {
  claimOffer,
  judgeOffer,
  mayReceive,
  OFFER_TTL_MS,
  offerBytes,
  pruneOffers,
  readOffer,
  releaseOffer,
  requirementOf,
  settleOffer,
  type FileOffer,
  type Verdict,
} from './file-offers.ts';
import { consentActivity } from './offer-files.ts';
import { cardAttachment, fileInfoAttachment, type UploadInfo } from './render.ts';
import { uploadToSession, UploadError } from './upload-session.ts';

export interface FileConsentOptions {
  /** Accept plain-http upload URLs (only when the endpoint runs without auth: local use and tests). */
  allowHttp: boolean;
  timeoutMs: number;
}

interface ConsentAnswer {
  action: 'accept' | 'decline';
  consentId: string;
  uploadInfo?: UploadInfo;
}

export async function onFileConsent(ctx: AppContext, turn: TurnContext, options: FileConsentOptions): Promise<void> {
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

  if (!offer || verdict !== 'ok') {
    const why = verdict === 'ok' ? 'unknown' : verdict;
    log.info({ verdict: why }, 'file consent answer not acted on');
    if (why === 'expired') await pruneOffers(ctx.store, now);
    if (why === 'not_yours') await ctx.store.appendAudit({ at: now, actor: actor.id, source: actor.source, action: 'refused:file', detail });
    const locale = offer && why !== 'not_yours' ? offer.locale : callerLocale(ctx, personId ? await ctx.store.getPerson(personId) : undefined, a.locale);
    await turn.sendActivity(messageActivity(locale, ...verdictText(why, offer?.name ?? '')));
    return respond(turn, 200);
  }

  if (answer.action === 'decline') {
    await settleOffer(ctx.store, offer, 'declined');
    await ctx.store.appendAudit({ at: now, actor: actor.id, source: actor.source, action: 'file.declined', detail });
    log.info('file declined');
    await turn.sendActivity(messageActivity(offer.locale, 'teams_file_declined_title', 'teams_file_declined', offer.name));
    return respond(turn, 200);
  }

  // The right to the file is judged again now: the recipient may have lost the admin role, or left the migration,
  // since the offer. Settled as refused, so no later accept of this card can upload it either.
  if (!(await stillEntitled(ctx, offer, personId))) {
    const settled = await settleOffer(ctx.store, offer, 'refused');
    await ctx.store.appendAudit({ at: now, actor: actor.id, source: actor.source, action: 'refused:file', detail: `${detail} requires=${requirementOf(offer)}` });
    log.info({ verdict: 'not_entitled', requires: requirementOf(offer), settled }, 'file consent accept refused: no longer entitled');
    await turn.sendActivity(messageActivity(offer.locale, ...verdictText('refused', offer.name)));
    return respond(turn, 200);
  }

  const info = answer.uploadInfo;
  if (!info || !uploadUrlAllowed(info.uploadUrl, options.allowHttp)) {
    log.warn('file consent accept without a usable upload session');
    return respond(turn, 400);
  }
  const claimed = await claimOffer(ctx.store, offer, now);
  if (!claimed) {
    await turn.sendActivity(messageActivity(offer.locale, ...verdictText('busy', offer.name)));
    return respond(turn, 200);
  }
  const bytes = await offerBytes(ctx.store, offer.id);
  if (!bytes) {
    // The content is gone (pruned under us): nothing to upload, say so as for an expired file.
    await settleOffer(ctx.store, claimed, 'declined');
    await turn.sendActivity(messageActivity(offer.locale, ...verdictText('unknown', offer.name)));
    return respond(turn, 200);
  }
  try {
    await uploadToSession(info.uploadUrl, bytes, { timeoutMs: options.timeoutMs });
  } catch (err) {
    const reason = err instanceof UploadError ? err.reason : 'error';
    log.warn({ reason, attempt: claimed.attempts, bytes: bytes.length }, 'file upload failed; offered again');
    await releaseOffer(ctx.store, claimed);
    await ctx.store.appendAudit({ at: ctx.clock.now(), actor: actor.id, source: actor.source, action: 'file.upload_failed', detail: `${detail} reason=${reason}` });
    await turn.sendActivities([
      messageActivity(offer.locale, 'teams_file_failed_title', 'teams_file_failed', offer.name, 'attention'),
      consentActivity(offer.id, offer.name, offer.bytes, offer.locale),
    ]);
    return respond(turn, 200);
  }
  await settleOffer(ctx.store, claimed, 'sent');
  await ctx.store.appendAudit({ at: ctx.clock.now(), actor: actor.id, source: actor.source, action: 'file.sent', detail: `${detail} bytes=${bytes.length}` });
  log.info({ bytes: bytes.length, attempt: claimed.attempts }, 'file uploaded');
  await turn.sendActivity({ ...MessageFactory.attachment(fileInfoAttachment(info)), text: t(offer.locale, 'teams_file_sent', { name: info.name }) });
  return respond(turn, 200);
}

/** Whether the person behind the chat user still has what the offer requires, by the shared admin rule. */
async function stillEntitled(ctx: AppContext, offer: FileOffer, linkedPersonId: string | undefined): Promise<boolean> {
  const personId = linkedPersonId ? normaliseEmail(linkedPersonId) : undefined;
  const person = personId ? await ctx.store.getPerson(personId) : undefined;
  return mayReceive(offer, { isAdmin: isAdminPerson(ctx, personId, person) });
}

/** The consent answer in an invoke's value, or undefined when it is not one. */
export function consentAnswerOf(value: unknown): ConsentAnswer | undefined {
  const v = asRecord(value);
  const consentId = asRecord(v.context).consentId;
  if ((v.action !== 'accept' && v.action !== 'decline') || typeof consentId !== 'string' || !consentId) return undefined;
  const u = asRecord(v.uploadInfo);
  const fields = ['name', 'uploadUrl', 'contentUrl', 'uniqueId', 'fileType'] as const;
  const complete = fields.every((f) => typeof u[f] === 'string');
  return {
    action: v.action,
    consentId,
    ...(v.action === 'accept' && complete ? { uploadInfo: Object.fromEntries(fields.map((f) => [f, u[f]])) as unknown as UploadInfo } : {}),
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

type TextKeys = [title: string, text: string, name: string, style?: 'attention'];

function verdictText(verdict: Exclude<Verdict, 'ok'>, name: string): TextKeys {
  switch (verdict) {
    case 'not_yours':
      return ['teams_file_not_yours_title', 'teams_file_not_yours', name, 'attention'];
    case 'sent':
      return ['teams_file_already_sent_title', 'teams_file_already_sent', name];
    case 'declined':
      return ['teams_file_declined_title', 'teams_file_declined', name];
    case 'refused':
      return ['teams_file_refused_title', 'teams_file_refused', name, 'attention'];
    case 'busy':
      return ['teams_file_busy_title', 'teams_file_busy', name];
    case 'expired':
    case 'unknown':
      return ['teams_file_expired_title', 'teams_file_expired', name, 'attention'];
  }
}

function messageActivity(locale: Locale, ...[title, text, name, style]: TextKeys) {
  const vars = { name, hours: Math.round(OFFER_TTL_MS / 3_600_000) };
  const card = { name: 'message', data: { title: t(locale, title, vars), text: t(locale, text, vars), style: style ?? 'default', facts: [] }, locale };
  return MessageFactory.attachment(cardAttachment(card));
}

async function respond(turn: TurnContext, status: number): Promise<void> {
  await turn.sendActivity({ type: 'invokeResponse', value: { status } });
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}


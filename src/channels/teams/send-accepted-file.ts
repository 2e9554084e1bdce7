// An accepted file, uploaded after the invoke was answered: Teams wants its answer to a `fileConsent/invoke` within a
// few seconds, and a large file on a slow link takes longer than that. The upload runs outside the turn; its outcome
// (the file card, or the failure and a new consent card) is posted in a proactive turn, where the consent card is
// replaced too. Uploads under way are tracked so that a graceful stop waits for them. Logs carry ids and sizes only.
import { MessageFactory } from 'botbuilder';
import type { TeamsDeps } from './deps.ts';
import { t } from '../../cards/index.ts';
import type { Logger } from '../../log.ts';
import { messageActivity, replaceConsentCard } from './consent-messages.ts';
import { releaseOffer, settleOffer, type FileOffer } from './file-offers.ts';
import { mapTeamsError } from './map-error.ts';
import { consentActivity } from './offer-files.ts';
import { inConversation, type ProactiveDeps, type Target } from './proactive.ts';
import { fileInfoAttachment, type UploadInfo } from './render.ts';
import { uploadToSession, UploadError } from './upload-session.ts';

export interface AcceptedFile {
  /** The offer as claimed for this upload (state `uploading`). */
  claimed: FileOffer;
  bytes: Buffer;
  /** The upload session Teams opened in the user's OneDrive. */
  info: UploadInfo;
  /** Who accepted, for the audit. */
  actor: { id: string; source: 'teams' };
  /** The conversation the consent card is in: the outcome goes there. */
  target: Target;
  /** The consent card's activity id (the invoke's replyToId), replaced once the outcome is known. */
  cardId?: string;
}

export interface FileSender {
  /** Starts uploading and returns at once; the outcome is posted when the upload ends. */
  send(file: AcceptedFile, log: Logger): void;
  /** Uploads started and not yet finished (outcome posted). */
  pending(): number;
  /** Resolves once every upload started has finished and its outcome was posted. */
  drain(): Promise<void>;
}

export interface FileSenderOptions {
  /** Time allowed for each upload request. */
  timeoutMs: number;
}

export function createFileSender(ctx: TeamsDeps, deps: ProactiveDeps, options: FileSenderOptions): FileSender {
  const running = new Set<Promise<void>>();
  return {
    send(file, log) {
      const work = uploadAndTell(ctx, deps, options, file, log).catch((err: unknown) => {
        // A store or programming error after the upload: the offer stays `uploading` and may be taken again later.
        log.error({ err: { name: (err as Error)?.name } }, 'file upload could not be finished');
      });
      running.add(work);
      void work.finally(() => running.delete(work));
    },
    pending: () => running.size,
    async drain() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}

async function uploadAndTell(
  ctx: TeamsDeps,
  deps: ProactiveDeps,
  options: FileSenderOptions,
  file: AcceptedFile,
  log: Logger,
): Promise<void> {
  const { claimed, bytes, info, actor, target, cardId } = file;
  const detail = `offer=${claimed.id}`;
  let failure: string | undefined;
  try {
    await uploadToSession(info.uploadUrl, bytes, { timeoutMs: options.timeoutMs });
  } catch (err) {
    failure = err instanceof UploadError ? err.reason : 'error';
  }

  const audit = (action: string, more: string) =>
    ctx.store.appendAudit({
      at: ctx.clock.now(),
      actor: actor.id,
      source: actor.source,
      action,
      detail: `${detail} ${more}`,
    });
  if (failure !== undefined) {
    log.warn({ reason: failure, attempt: claimed.attempts, bytes: bytes.length }, 'file upload failed; offered again');
    await releaseOffer(ctx.store, claimed);
    await audit('file.upload_failed', `reason=${failure}`);
  } else {
    await settleOffer(ctx.store, claimed, 'sent');
    await audit('file.sent', `bytes=${bytes.length}`);
    log.info({ bytes: bytes.length, attempt: claimed.attempts }, 'file uploaded');
  }

  const outcome = failure === undefined ? 'sent' : 'failed';
  const told = await inConversation(deps, target, async (turn) => {
    if (cardId) await replaceConsentCard(turn, log, cardId, claimed, outcome);
    if (outcome === 'sent') {
      await turn.sendActivity({
        ...MessageFactory.attachment(fileInfoAttachment(info)),
        text: t(claimed.locale, 'teams_file_sent', { name: info.name }),
      });
    } else {
      await turn.sendActivities([
        messageActivity(claimed.locale, 'teams_file_failed_title', 'teams_file_failed', claimed.name, 'attention'),
        consentActivity(claimed.id, claimed.name, claimed.bytes, claimed.locale),
      ]);
    }
  });
  if (!told.ok) log.warn({ outcome, err: mapTeamsError(told.error) }, 'could not post the outcome of a file upload');
}

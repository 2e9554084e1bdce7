// Steps 1–2 from chat: what a provider did, applied to people or kept as an upload batch to confirm, and the answer.
import type { InteractionReply } from '../ports/interaction.ts';
import { applyConfirmedUpload } from '../autodesk/csv/apply-confirmed-upload.ts';
import type { ImportFile, ProvisioningResult, ReasonKey } from '../ports/provisioning.ts';
import type { Locale } from '../domain/types.ts';
import { applyProvisioningResult } from '../autodesk/result-events.ts';
import { formatDateTime } from '../cards/format.ts';
import type { ReplyEnv } from './reply-env.ts';
import type { OutboundCard } from '../ports/chat-channel.ts';
import { card, messageCard } from './cards.ts';
import { say } from './say.ts';

/** Doc kind of upload batches: the files handed to the admin, waiting for "I uploaded them". */
export const BATCH_DOC = 'provisioning-batch';

export interface UploadBatch {
  id: string;
  kind: 'invite' | 'assign';
  product?: string;
  /** The files without their content (people, kind, product, createdAt are what a confirmation needs). */
  files: Omit<ImportFile, 'content'>[];
  createdAt: number;
  by: string;
  confirmedAt?: number;
  confirmedBy?: string;
}

async function newBatch(env: ReplyEnv, batch: Omit<UploadBatch, 'id'>): Promise<string> {
  const base = `b${env.now.toString(36)}`;
  for (let i = 0; ; i++) {
    const id = i === 0 ? base : `${base}-${i}`;
    if (await env.ctx.store.putDocIfAbsent<UploadBatch>(BATCH_DOC, id, { ...batch, id })) return id;
  }
}

/** A reason in the reader's language when the provider gave its key (autodesk), else as the provider wrote it. */
const reasonText = (locale: Locale, e: { reason: string; why?: ReasonKey }) =>
  e.why ? say(locale, e.why.key, e.why.vars) : e.reason;

function errorsOf(r: ProvisioningResult, locale: Locale) {
  return [...r.rejected, ...r.failed].map((e, i) => ({
    row: i + 1,
    email: e.personId,
    message: reasonText(locale, e),
  }));
}

/** The answer to an applied result (simulator, Entra, Autodesk): seats, counts, why it stopped, each failure. */
export function appliedCard(locale: Locale, title: string, result: ProvisioningResult): OutboundCard {
  const errors = errorsOf(result, locale);
  const text = say(locale, 'prov_applied', {
    done: result.done.length,
    already: result.alreadyDone.length,
    failed: result.failed.length,
    rejected: result.rejected.length,
  });
  const resend = result.resendDue?.length
    ? `\n\n${say(locale, 'prov_resend_due', { count: result.resendDue.length })}`
    : '';
  const seats = result.seats
    ? `${
        result.seats.free === null
          ? say(locale, 'prov_seats_unlimited', { product: result.seats.product, count: result.seats.toAssign })
          : say(locale, 'prov_seats', {
              product: result.seats.product,
              free: result.seats.free,
              count: result.seats.toAssign,
            })
      }\n\n`
    : '';
  const stopped = result.stopped
    ? `\n\n${say(locale, 'prov_stopped', { reason: reasonText(locale, { reason: result.stopped, ...(result.stoppedWhy ? { why: result.stoppedWhy } : {}) }) })}`
    : '';
  const facts = errors.map((e) => ({ title: e.email, value: e.message }));
  return messageCard(locale, title, seats + text + resend + stopped, {
    facts,
    style: result.failed.length || result.rejected.length ? 'warning' : 'good',
  });
}

/**
 * Turns a provider's result into changes and an answer. Applied results (simulator, Entra) move people now
 * (applyProvisioningResult); file results (CSV) are kept as a batch the admin confirms after uploading.
 */
export async function provisioningReply(
  env: ReplyEnv,
  kind: 'invite' | 'assign',
  result: ProvisioningResult,
  people: number,
  product?: string,
): Promise<InteractionReply> {
  const { locale } = env.caller;
  const title = say(locale, kind === 'invite' ? 'invite_title' : 'assign_title', { product: product ?? '' });
  const errors = errorsOf(result, locale);
  if (result.applied) {
    const action = kind === 'invite' ? { kind } : { kind, product: product ?? '' };
    const outcome = await applyProvisioningResult(env.ctx.store, result, action, env.caller.audit, env.now);
    if (outcome.errors.length)
      env.ctx.logger.warn({ kind, errors: outcome.errors.length }, 'provisioning changes refused by the domain');
    return { cards: [appliedCard(locale, title, result)] };
  }
  const files = result.files.map((f) => ({
    name: f.name,
    rows: f.rows,
    kind: f.kind ?? kind,
    product: f.product ?? product ?? '',
  }));
  const counts = {
    people,
    toInvite: kind === 'invite' ? result.done.length : 0,
    toAssign: kind === 'assign' ? result.done.length : 0,
    skipped: result.alreadyDone.length,
    errors: errors.length,
  };
  const cards = [card('provisioning-result', { counts, files, errors }, locale)];
  if (result.files.length) {
    const id = await newBatch(env, {
      kind,
      ...(product ? { product } : {}),
      files: result.files.map(({ content: _content, ...rest }) => rest),
      createdAt: env.now,
      by: env.caller.audit.id,
    });
    const parts = [say(locale, 'prov_confirm', { command: `${kind} confirm ${id}` })];
    if (result.inviteMultiple)
      parts.push(
        say(locale, 'prov_paste', { where: result.inviteMultiple.uploadTo }),
        `\`\`\`\n${result.inviteMultiple.text}\n\`\`\``,
      );
    cards.push(messageCard(locale, say(locale, 'prov_confirm_title'), parts.join('\n\n')));
  }
  return { cards, files: result.files.map((f) => ({ name: f.name, content: f.content, mimeType: 'text/csv' })) };
}

/** `invite confirm <batch>` / `assign confirm <batch>`: the people in the uploaded files move on, once. */
export async function confirmBatch(env: ReplyEnv, kind: 'invite' | 'assign', id: string): Promise<InteractionReply> {
  const { ctx, caller, now } = env;
  const { locale } = caller;
  const title = say(locale, 'prov_confirm_title');
  const batch = await ctx.store.getDoc<UploadBatch>(BATCH_DOC, id);
  if (!batch || batch.kind !== kind)
    return {
      cards: [messageCard(locale, title, say(locale, 'prov_batch_unknown', { batch: id, kind }), { style: 'warning' })],
    };
  if (batch.confirmedAt !== undefined) {
    const when = formatDateTime(batch.confirmedAt, locale, caller.timeZone);
    return { cards: [messageCard(locale, title, say(locale, 'prov_batch_done', { batch: id, when }))] };
  }
  const files = batch.files.map((f) => ({ ...f, content: '' }));
  const outcome = await applyConfirmedUpload(ctx.store, files, caller.audit, now);
  await ctx.store.putDoc<UploadBatch>(BATCH_DOC, id, { ...batch, confirmedAt: now, confirmedBy: caller.audit.id });
  const text = say(locale, 'prov_confirmed', {
    people: outcome.people,
    already: outcome.alreadyDone,
    missing: outcome.missing.length,
  });
  const facts = outcome.errors.map((e) => ({ title: e.personId, value: e.message }));
  return { cards: [messageCard(locale, title, text, { style: 'good', facts })] };
}

// A Bolt receiver that lives on our own HTTP router (POST /slack/events) instead of opening a second server.
// Signature and freshness are checked on the raw body before anything is parsed: a forged or replayed request gets
// 401 and reaches no listener. ack() writes the HTTP response; listeners keep working after it.
import type { ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { sendJson, type HttpRequest, type RouteGuard } from '../../http/router.ts';
import type { Logger } from '../../log.ts';
import { deliveryKey, isFirstDelivery, type FirstDelivery } from './first-delivery.ts';
import { MAX_SKEW_SECONDS, verifySlackSignature } from './verify-signature.ts';

type Body = Record<string, unknown>;

export interface RouterReceiverOptions {
  signingSecret: string;
  now: () => number;
  log: Logger;
  /** A key seen before is a Slack retry or a replayed request: acknowledged, not run again. */
  firstDelivery?: FirstDelivery;
}

/** The delivery key of an HTTP request: see first-delivery.ts; a replayed request carries the same signature. */
export const httpDeliveryKey = (body: Body, signature: string | undefined): string | undefined =>
  deliveryKey(body, signature ? `signature:${signature}` : undefined);

export class RouterReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly opts: RouterReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  // The HTTP server belongs to the app host, which starts and stops it.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Before the body is read: a request without Slack's headers, or with a stale timestamp, cannot be Slack's. */
  readonly guard: RouteGuard = (req, res) => {
    const timestamp = header(req, 'x-slack-request-timestamp');
    const fresh =
      timestamp !== undefined &&
      /^\d{1,12}$/.test(timestamp) &&
      Math.abs(Math.floor(this.opts.now() / 1000) - Number(timestamp)) <= MAX_SKEW_SECONDS;
    if (fresh && header(req, 'x-slack-signature')) return true;
    sendJson(res, 401, { error: 'invalid request signature' });
    return false;
  };

  readonly handle = async (req: HttpRequest, res: ServerResponse): Promise<void> => {
    const { log } = this.opts;
    const check = verifySlackSignature(
      this.opts.signingSecret,
      {
        timestamp: header(req, 'x-slack-request-timestamp'),
        signature: header(req, 'x-slack-signature'),
        rawBody: req.rawBody,
      },
      this.opts.now(),
    );
    if (!check.ok) {
      log.warn({ reason: check.reason }, 'slack request refused');
      return sendJson(res, 401, { error: 'invalid request signature' });
    }
    const body = parseBody(header(req, 'content-type'), req.rawBody);
    if (!body) return sendJson(res, 400, { error: 'unreadable body' });
    if (body.ssl_check === '1') return sendJson(res, 200, {});
    if (body.type === 'url_verification') return sendJson(res, 200, { challenge: String(body.challenge ?? '') });
    if (!this.app) return sendJson(res, 503, { error: 'slack app not ready' });
    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const retryReason = header(req, 'x-slack-retry-reason');
    const key = httpDeliveryKey(body, header(req, 'x-slack-signature'));
    if (key && this.opts.firstDelivery) {
      if (!(await isFirstDelivery(this.opts.firstDelivery, key, log))) {
        log.info(
          { retryNum: Number.isInteger(retryNum) ? retryNum : undefined, retryReason },
          'slack retry acknowledged',
        );
        res.writeHead(200, { 'content-length': 0 });
        res.end();
        return;
      }
    }

    let acked = false;
    const ack = async (response?: unknown): Promise<void> => {
      if (acked) return;
      acked = true;
      if (response === undefined || response === '') {
        res.writeHead(200, { 'content-length': 0 });
        res.end();
      } else if (typeof response === 'string') {
        res.writeHead(200, {
          'content-type': 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(response),
        });
        res.end(response);
      } else sendJson(res, 200, response);
    };
    const event: ReceiverEvent = {
      body,
      ack,
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(retryReason ? { retryReason } : {}),
    };
    try {
      await this.app.processEvent(event);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'slack event failed');
      if (!acked) {
        acked = true;
        return sendJson(res, 500, { error: 'internal error' });
      }
    }
    // Nothing listened (an event type we do not use): Slack only needs to hear 200.
    await ack();
  };
}

function header(req: Pick<HttpRequest, 'headers'>, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Slash commands are form fields, interactivity is a form field `payload` holding JSON, events are JSON. */
export function parseBody(contentType: string | undefined, raw: Buffer): Body | undefined {
  try {
    const text = raw.toString('utf8');
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(text);
      const payload = form.get('payload');
      if (payload !== null) return asObject(JSON.parse(payload));
      return Object.fromEntries(form);
    }
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

const asObject = (v: unknown): Body | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : undefined;

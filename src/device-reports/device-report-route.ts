// POST /api/devices/report — a switch script reports what the device now runs, with the person's device token.
import type { ServerResponse } from 'node:http';
import type { CoreDeps } from '../ports/deps.ts';
import { validateDeviceReport } from '../licensing/device-report.ts';
import type { ProductCatalogue } from '../licensing/product-catalogue.ts';
import { loadCatalogue } from '../licensing/product-keys-data.ts';
import { recordDeviceReport } from './record-device-report.ts';
import { verifyDeviceToken } from './device-token.ts';
import { sendJson, type HttpRequest, type RouteGuard, type RouteHandler } from '../http/router.ts';
import { bearerToken } from '../http/bearer.ts';

export const DEVICE_REPORT_PATH = '/api/devices/report';
/** 500 products of a few hundred bytes each fit easily. */
export const MAX_DEVICE_REPORT_BYTES = 512 * 1024;
const MAX_ERRORS_SHOWN = 20;

/** The device token, checked before the body is read (an unauthenticated caller costs no buffered memory). */
export function deviceReportGuard(ctx: Pick<CoreDeps, 'config'>): RouteGuard {
  return (req, res) => {
    const secret = ctx.config.DEVICE_TOKEN_SECRET;
    if (!secret) {
      sendJson(res, 503, { error: 'not configured', detail: 'set DEVICE_TOKEN_SECRET to accept device reports' });
      return false;
    }
    const token = bearerToken(req.headers);
    if (token && verifyDeviceToken(token, secret)) return true;
    sendJson(res, 401, { error: 'missing or invalid device token' }, { 'www-authenticate': 'Bearer' });
    return false;
  };
}

export function deviceReportHandler(ctx: Pick<CoreDeps, 'config' | 'store' | 'logger' | 'clock'>): RouteHandler {
  let catalogue: ProductCatalogue | undefined;
  return async (req: HttpRequest, res: ServerResponse) => {
    const secret = ctx.config.DEVICE_TOKEN_SECRET;
    if (!secret)
      return sendJson(res, 503, {
        error: 'not configured',
        detail: 'set DEVICE_TOKEN_SECRET to accept device reports',
      });
    const token = bearerToken(req.headers);
    const personId = token ? verifyDeviceToken(token, secret) : undefined;
    if (!personId)
      return sendJson(res, 401, { error: 'missing or invalid device token' }, { 'www-authenticate': 'Bearer' });
    if (req.rawBody.length > MAX_DEVICE_REPORT_BYTES)
      return sendJson(res, 413, { error: `report larger than ${MAX_DEVICE_REPORT_BYTES} bytes` });
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'malformed', reason: 'the body is not JSON' });
    }
    const valid = validateDeviceReport(body);
    if (!valid.ok)
      return sendJson(res, 422, { error: 'invalid report', details: valid.errors.slice(0, MAX_ERRORS_SHOWN) });
    catalogue ??= loadCatalogue();
    const r = await recordDeviceReport(ctx.store, personId, valid.value, catalogue, ctx.clock.now());
    if (!r.ok) return sendJson(res, r.status, { error: r.error });
    ctx.logger.info(
      { personId, recorded: r.outcomes.filter((o) => o.status !== 'skipped' && o.status !== 'unchanged').length },
      'device report',
    );
    sendJson(res, 200, {
      personId: r.personId,
      device: r.device,
      recorded: r.outcomes.filter((o) => o.status === 'switched' || o.status === 'network'),
      unchanged: r.outcomes.filter((o) => o.status === 'unchanged'),
      skipped: r.outcomes.filter((o) => o.status === 'skipped'),
    });
  };
}

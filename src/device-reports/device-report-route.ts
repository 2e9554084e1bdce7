// POST /api/devices/report — a switch script reports what the device now runs, with a person's device token or the
// migration's fleet token (then the report's signed-in user names the person).
import type { ServerResponse } from 'node:http';
import type { CoreDeps } from '../ports/deps.ts';
import { validateDeviceReport } from '../licensing/device-report.ts';
import type { ProductCatalogue } from '../licensing/product-catalogue.ts';
import { loadCatalogue } from '../licensing/product-keys-data.ts';
import { recordDeviceReport } from './record-device-report.ts';
import { verifyDeviceToken } from './device-token.ts';
import { isFleetToken, verifyFleetToken } from './fleet-token.ts';
import { personForReport } from './person-for-report.ts';
import { keepUnmapped } from './unmapped-devices.ts';
import { sendJson, type HttpRequest, type RouteGuard, type RouteHandler } from '../http/router.ts';
import { bearerToken } from '../http/bearer.ts';

export const DEVICE_REPORT_PATH = '/api/devices/report';
/** 500 products of a few hundred bytes each fit easily. */
export const MAX_DEVICE_REPORT_BYTES = 512 * 1024;
const MAX_ERRORS_SHOWN = 20;

/**
 * The device token (a person's, or the migration's fleet token), checked before the body is read: an
 * unauthenticated caller costs no buffered memory.
 */
export function deviceReportGuard(ctx: Pick<CoreDeps, 'config' | 'store'>): RouteGuard {
  return async (req, res) => {
    const secret = ctx.config.DEVICE_TOKEN_SECRET;
    if (!secret) {
      sendJson(res, 503, { error: 'not configured', detail: 'set DEVICE_TOKEN_SECRET to accept device reports' });
      return false;
    }
    const token = bearerToken(req.headers);
    if (token && !isFleetToken(token) && verifyDeviceToken(token, secret)) return true;
    if (token && isFleetToken(token) && (await verifyFleetToken(ctx.store, token, secret))) return true;
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
    const fleet = token !== undefined && isFleetToken(token);
    const personToken = token && !fleet ? verifyDeviceToken(token, secret) : undefined;
    if (!personToken && !(fleet && (await verifyFleetToken(ctx.store, token, secret))))
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
    const now = ctx.clock.now();
    // A fleet report names its person by the signed-in user; one nobody matches is kept for the admins, never dropped.
    const personId =
      personToken ?? (await personForReport(ctx.store, valid.value.user, valid.value.hostname, valid.value.email));
    if (!personId) {
      await keepUnmapped(ctx.store, valid.value, now);
      ctx.logger.info({ unmapped: true }, 'device report kept: no person matches its user');
      return sendJson(res, 202, { unmapped: true, device: valid.value.hostname.toLowerCase() });
    }
    const r = await recordDeviceReport(ctx.store, personId, valid.value, catalogue, now);
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

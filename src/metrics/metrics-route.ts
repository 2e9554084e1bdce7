// GET /metrics: the Prometheus exposition of this app instance's registry.
import type { Registry } from 'prom-client';
import type { RouteHandler } from '../http/router.ts';

export const METRICS_PATH = '/metrics';

export function metricsHandler(registry: Registry): RouteHandler {
  return async (_req, res) => {
    const body = await registry.metrics();
    res.writeHead(200, {
      'content-type': registry.contentType,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
    res.end(body);
  };
}

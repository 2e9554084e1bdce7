// What a switch script POSTs back (`<bot>/api/devices/report`): the helper's `list` after the switch.
// Validated here, then turned into per-product facts the step-3 transitions understand.
import { z } from 'zod';
import { productForFeature } from './feature-codes.ts';
import { productForKey, type ProductCatalogue } from './product-catalogue.ts';
import { PRODUCT_KEY, PRODUCT_VERSION } from './product-names.ts';

const key = z.string().regex(PRODUCT_KEY, 'a 5-character product key such as 001Q1');
const version = z.string().regex(PRODUCT_VERSION, 'a version such as 2025.0.0.F');
// eslint-disable-next-line no-control-regex -- control characters and spaces are what a host name must not carry
const HOST_NAME = /^[^\s\u0000-\u001f\u007f]+$/;
const hostname = z.string().trim().min(1).max(255).regex(HOST_NAME, 'a host name without spaces');

/** One entry of `AdskLicensingInstHelper list`; fields the helper adds later are kept as they are. */
export const listEntrySchema = z.looseObject({
  feature_id: z.string().min(1).max(64),
  def_prod_key: key,
  def_prod_ver: version,
  sel_prod_key: z.union([key, z.literal('')]).optional(),
  sel_prod_ver: z.union([version, z.literal('')]).optional(),
  /** 0 unknown, 1 network, 2 standalone, 3 MSSA, 4 user (named). */
  lic_method: z.number().int().min(0).max(4).optional(),
  lic_servers: z.array(z.string().max(256)).max(16).optional(),
  /** 1 single, 2 redundant, 3 distributed. */
  lic_server_type: z.number().int().min(0).max(3).optional(),
});

/** The script's own verdict, matching its exit code (see EXIT_CODES_DOC in switch-script-bash.ts). */
export const DEVICE_REPORT_STATUSES = [
  'named',
  'not-applicable',
  'network',
  'manual',
  'no-helper',
  'not-root',
] as const;

export const deviceReportSchema = z.object({
  hostname,
  user: z.string().trim().max(256).optional(),
  /** The signed-in user's directory e-mail, when the script could read it (macOS: dscl EMailAddress). */
  email: z.string().trim().max(256).optional(),
  status: z.enum(DEVICE_REPORT_STATUSES).optional(),
  /** 2019-or-older releases found installed, to be switched by hand (shown names). */
  manual: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  products: z.array(listEntrySchema).max(500),
});

export type DeviceReport = z.infer<typeof deviceReportSchema>;
export type LicenseMethod = 'unknown' | 'network' | 'standalone' | 'mssa' | 'named';
const METHODS: readonly LicenseMethod[] = ['unknown', 'network', 'standalone', 'mssa', 'named'];

/** One product on one device, as the report shows it. */
export interface DeviceSwitchFact {
  /** The device id: the host name, lower case. */
  device: string;
  user?: string;
  featureId: string;
  key: string;
  version: string;
  year: number;
  /** The catalogue product name ("AutoCAD"), when the key or feature id is known. */
  product?: string;
  method: LicenseMethod;
  /** True when the product now uses named-user licensing (lic_method 4). */
  switched: boolean;
  servers: string[];
}

export type DeviceReportResult = { ok: true; value: DeviceReport } | { ok: false; errors: string[] };

/** Validates a parsed JSON body; errors name the field, e.g. `products.0.def_prod_key: ...`. */
export function validateDeviceReport(body: unknown): DeviceReportResult {
  const r = deviceReportSchema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) };
}

/**
 * Per-product facts of a valid report. The selected key and version win over the defaults (they are what the
 * product runs); the product name comes from the catalogue by key, else from the feature id.
 */
export function deviceSwitchFacts(
  report: DeviceReport,
  catalogue: ProductCatalogue,
  featureProducts: Readonly<Record<string, string>> = {},
): DeviceSwitchFact[] {
  const device = report.hostname.toLowerCase();
  return report.products.map((p) => {
    const usedKey = p.sel_prod_key || p.def_prod_key;
    const usedVersion = p.sel_prod_ver || p.def_prod_ver;
    const method = METHODS[p.lic_method ?? 0] ?? 'unknown';
    const fact: DeviceSwitchFact = {
      device,
      featureId: p.feature_id,
      key: usedKey,
      version: usedVersion,
      year: Number(usedVersion.slice(0, 4)),
      method,
      switched: method === 'named',
      servers: [...(p.lic_servers ?? [])],
    };
    if (report.user) fact.user = report.user;
    const product = productForKey(catalogue, usedKey)?.name ?? productForFeature(p.feature_id, featureProducts);
    if (product) fact.product = product;
    return fact;
  });
}

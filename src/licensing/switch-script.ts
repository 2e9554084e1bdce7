// Step 3b: a script an admin runs on a device (or pushes with Intune, SCCM, Jamf...) that switches Autodesk
// products to named-user licensing with AdskLicensingInstHelper and can report the result back to the bot.
import { PRODUCT_KEY, PRODUCT_VERSION } from './product-names.ts';
import { assertPrintable } from './script-quote.ts';
import { windowsSwitchScript } from './switch-script-windows.ts';
import { macosSwitchScript } from './switch-script-macos.ts';
import { linuxSwitchScript } from './switch-script-linux.ts';

export type {
  ScriptOs,
  SwitchFamily,
  SwitchProduct,
  SwitchScriptOptions,
  SwitchTarget,
  ValidScriptInput,
} from './switch-script-types.ts';
export { SCRIPT_OSES, isFamily } from './switch-script-types.ts';
import {
  SCRIPT_OSES,
  isFamily,
  type SwitchFamily,
  type SwitchTarget,
  type SwitchProduct,
  type SwitchScriptOptions,
  type ValidScriptInput,
} from './switch-script-types.ts';
import { InvalidInputError } from '../errors.ts';

const TOKEN = /^[A-Za-z0-9._~+/=-]{8,4096}$/;
const URL_CHARS = /^[A-Za-z0-9._~:/%[\]-]+$/;

function validReportUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError(`report URL "${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InvalidInputError('report URL must start with https:// (or http://)');
  if (url.username || url.password || url.search || url.hash)
    throw new InvalidInputError('report URL must not carry credentials, a query or a fragment');
  const base = url.href.replace(/\/+$/, '');
  if (!URL_CHARS.test(base))
    throw new InvalidInputError('report URL may only contain letters, digits and . _ ~ : / % - [ ]');
  return base;
}

const PRODUCT_CODE = /^[0-9A-Z]{3}$/;

function validTarget(t: SwitchTarget): SwitchTarget {
  return isFamily(t) ? validFamily(t) : validProduct(t);
}

function validFamily(f: SwitchFamily): SwitchFamily {
  const name = assertPrintable('product name', f.name, 120);
  if (!Array.isArray(f.codes) || f.codes.length === 0 || f.codes.length > 20)
    throw new InvalidInputError(`${name}: give 1 to 20 product codes`);
  for (const c of f.codes)
    if (!PRODUCT_CODE.test(c))
      throw new InvalidInputError(`product code "${c}" of ${name} is not 3 characters of 0-9, A-Z`);
  return { name, codes: [...new Set(f.codes)] };
}

function validProduct(p: SwitchProduct): SwitchProduct {
  const name = assertPrintable('product name', p.name, 120);
  if (!PRODUCT_KEY.test(p.key))
    throw new InvalidInputError(`product key "${p.key}" of ${name} is not 5 characters of 0-9 and A-Z`);
  if (!PRODUCT_VERSION.test(p.version))
    throw new InvalidInputError(`product version "${p.version}" of ${name} is not YYYY.0.0.F`);
  const alternates = (p.alternates ?? []).filter((k) => k !== p.key);
  for (const k of alternates)
    if (!PRODUCT_KEY.test(k)) throw new InvalidInputError(`alternate key "${k}" of ${name} is not a product key`);
  return { key: p.key, version: p.version, name, alternates };
}

/** Checks every value a script will carry; throws with a clear message on the first bad one. */
export function validateScriptOptions(o: SwitchScriptOptions): ValidScriptInput {
  if (!SCRIPT_OSES.includes(o.os))
    throw new InvalidInputError(`unknown OS "${String(o.os)}": use ${SCRIPT_OSES.join(', ')}`);
  let products: ValidScriptInput['products'] = 'all-installed';
  if (o.products !== 'all-installed') {
    if (!Array.isArray(o.products) || o.products.length === 0)
      throw new InvalidInputError('name at least one product, or ask for all installed products');
    const seen = new Set<string>();
    const id = (t: SwitchTarget) => (isFamily(t) ? `family|${t.codes.join(' ')}` : `${t.key}|${t.version}`);
    products = o.products.map(validTarget).filter((t) => !seen.has(id(t)) && seen.add(id(t)));
  }
  const out: ValidScriptInput = { products };
  if ((o.reportUrl === undefined) !== (o.deviceToken === undefined))
    throw new InvalidInputError('give both the report URL and the device token, or neither');
  if (o.reportUrl !== undefined && o.deviceToken !== undefined) {
    if (!TOKEN.test(o.deviceToken))
      throw new InvalidInputError('device token must be 8 to 4096 characters of letters, digits and . _ ~ + / = -');
    out.report = { url: validReportUrl(o.reportUrl), token: o.deviceToken };
  }
  return out;
}

/**
 * Generates the switch script: PowerShell for Windows, bash for macOS and Linux. Named products are switched only where
 * installed; 'all-installed' switches every product the helper lists. Throws on any invalid value.
 */
export function generateSwitchScript(options: SwitchScriptOptions): string {
  const input = validateScriptOptions(options);
  const mode = options.windowsMode ?? 'switch';
  if (mode !== 'switch' && options.os !== 'windows')
    throw new InvalidInputError('detection scripts for Intune and SCCM are Windows scripts');
  if (options.os === 'windows') return windowsSwitchScript(input, mode);
  return (options.os === 'macos' ? macosSwitchScript : linuxSwitchScript)(input);
}

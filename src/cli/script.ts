// `numbot script`: prints the step-3b script that switches a device's Autodesk products to named-user licensing.
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { lookupProduct } from '../licensing/product-catalogue.ts';
import { loadCatalogue } from '../licensing/product-keys-data.ts';
import { generateSwitchScript, SCRIPT_OSES, type ScriptOs, type SwitchProduct } from '../licensing/switch-script.ts';

const USAGE = `Usage: numbot script --os windows|macos|linux (--product "AutoCAD 2025" [--product ...] | --all-installed)
                     [--report-url https://bot.example.org --device-token TOKEN]

Prints a script (PowerShell for Windows, bash for macOS and Linux) that switches the named products, where installed,
or every installed Autodesk product, to named-user licensing with AdskLicensingInstHelper, removes network
licensing leftovers, and with --report-url and --device-token reports the result to the bot.
A product without a year means the latest year known; keys for later years are derived.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        os: { type: 'string' },
        product: { type: 'string', multiple: true },
        'all-installed': { type: 'boolean' },
        'report-url': { type: 'string' },
        'device-token': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return usage(io, err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const os = values.os as ScriptOs | undefined;
  if (!os || !SCRIPT_OSES.includes(os)) return usage(io, `--os must be ${SCRIPT_OSES.join(', ')}`);
  const wanted = values.product ?? [];
  if (Boolean(values['all-installed']) === wanted.length > 0)
    return usage(io, 'give either --product (one or more) or --all-installed');

  let products: SwitchProduct[] | 'all-installed' = 'all-installed';
  if (wanted.length) {
    const catalogue = loadCatalogue();
    products = [];
    for (const q of wanted) {
      const found = lookupProduct(catalogue, q);
      if (!found.ok) {
        io.err(`numbot script: ${found.message}`);
        return 1;
      }
      const { key, version, alternates, name, year } = found.value;
      products.push({ key, version, alternates, name: `${name} ${year}` });
    }
  }
  const script = generateSwitchScript({
    os,
    products,
    ...(values['report-url'] !== undefined && { reportUrl: values['report-url'] }),
    ...(values['device-token'] !== undefined && { deviceToken: values['device-token'] }),
  });
  io.out(script);
  return 0;
}

function usage(io: CliIo, problem: string): number {
  io.err(`numbot script: ${problem}\n\n${USAGE}`);
  return 2;
}

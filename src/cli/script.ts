// `numbot script`: prints the step-3b script that switches a device's Autodesk products to named-user licensing.
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { resolveProductQuery } from '../licensing/product-catalogue.ts';
import { loadCatalogue } from '../licensing/product-keys-data.ts';
import { switchTarget } from '../licensing/switch-target.ts';
import { DEPLOYMENT_TOOLS, deploymentKit, type DeploymentTool } from '../licensing/deployment-kits.ts';
import { InvalidInputError } from '../errors.ts';
import { loadConfig } from '../config.ts';
import { currentFleetToken } from '../device-reports/fleet-token.ts';
import { openCliStore } from './open.ts';
import { generateSwitchScript, SCRIPT_OSES, type ScriptOs, type SwitchTarget } from '../licensing/switch-script.ts';

const USAGE = `Usage: numbot script --os windows|macos|linux (--product "AutoCAD 2025" [--product ...] | --all-installed)
                     [--report-url https://bot.example.org --device-token TOKEN | --no-report]
                     [--for intune|sccm|jamf]

Prints a script (PowerShell for Windows, bash for macOS and Linux) that switches the named products, where installed,
or every installed Autodesk product, to named-user licensing with AdskLicensingInstHelper, removes network
licensing leftovers, and with --report-url and --device-token reports the result to the bot.
A product without a year ("AutoCAD") means every installed release of it, whatever the year; with a year
("AutoCAD 2027") that release (keys for years after the shipped lists are derived from the release letter).
With PUBLIC_URL and DEVICE_TOKEN_SECRET set (and the bot's Redis), the script reports by default with the
migration's fleet token (\`devices rotate-token\` in chat replaces it); --no-report leaves the report out.
Exit codes of the script: 0 done or not applicable, 1 still on network or failed, 2 not run, 3 hand switches left.
--for intune (Windows): a detection + remediation pair; --for sccm (Windows): a discovery + remediation pair for a
configuration item; --for jamf (macOS): the script with the Jamf Pro settings. Each file starts with a line
"# ===== <file name> =====" and its settings as comments.`;

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
        for: { type: 'string' },
        'no-report': { type: 'boolean' },
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

  let products: SwitchTarget[] | 'all-installed' = 'all-installed';
  if (wanted.length) {
    const catalogue = loadCatalogue();
    products = [];
    for (const q of wanted) {
      const found = resolveProductQuery(catalogue, q);
      if (!found.ok) {
        io.err(`numbot script: ${found.message}`);
        return 1;
      }
      products.push(switchTarget(found));
    }
  }
  const tool = values.for as DeploymentTool | undefined;
  if (tool !== undefined && !DEPLOYMENT_TOOLS.includes(tool))
    return usage(io, `--for must be ${DEPLOYMENT_TOOLS.join(', ')}`);
  const explicit = values['report-url'] !== undefined || values['device-token'] !== undefined;
  const fleet = explicit || values['no-report'] ? undefined : await fleetReport(io);
  const options = {
    os,
    products,
    ...(values['report-url'] !== undefined && { reportUrl: values['report-url'] }),
    ...(values['device-token'] !== undefined && { deviceToken: values['device-token'] }),
    ...fleet,
  };
  try {
    if (!tool) io.out(generateSwitchScript(options));
    else for (const f of deploymentKit(tool, options)) io.out(`# ===== ${f.name} =====\n${f.content}`);
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    io.err(`numbot script: ${err.message}`);
    return 1;
  }
  return 0;
}

/**
 * With PUBLIC_URL and DEVICE_TOKEN_SECRET set and the bot's store (Redis) reachable, scripts report by default with
 * the migration's fleet token, as the chat `script` command does.
 */
async function fleetReport(io: CliIo): Promise<{ reportUrl: string; deviceToken: string } | undefined> {
  if (!io.env.PUBLIC_URL?.trim() || !io.env.DEVICE_TOKEN_SECRET?.trim()) return undefined;
  const config = loadConfig(io.env);
  if (config.embedded || !config.PUBLIC_URL || !config.DEVICE_TOKEN_SECRET) {
    io.err('numbot script: no Redis configured, so no fleet token to report with: the script will not report');
    return undefined;
  }
  const { store } = await openCliStore(io);
  try {
    return { reportUrl: config.PUBLIC_URL, deviceToken: await currentFleetToken(store, config.DEVICE_TOKEN_SECRET) };
  } finally {
    await store.close();
  }
}

function usage(io: CliIo, problem: string): number {
  io.err(`numbot script: ${problem}\n\n${USAGE}`);
  return 2;
}

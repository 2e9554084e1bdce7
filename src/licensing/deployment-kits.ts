// Deployment kits: the switch script as Intune, Jamf Pro and SCCM (ConfigMgr) expect it, with the settings to use.
import { generateSwitchScript, type SwitchScriptOptions } from './switch-script.ts';
import { InvalidInputError } from '../errors.ts';

export type DeploymentTool = 'intune' | 'jamf' | 'sccm';
export const DEPLOYMENT_TOOLS: readonly DeploymentTool[] = ['intune', 'jamf', 'sccm'];

/** One file of a kit: its name and its text. */
export interface KitFile {
  name: string;
  content: string;
}

const INTUNE_NOTES = `Intune > Devices > Scripts and remediations > Remediations > Create:
  Detection script file: numbot-detect.ps1; Remediation script file: numbot-remediate.ps1
  Run this script using the logged-on credentials: No (runs as SYSTEM)
  Enforce script signature check: No (unless you sign them)
  Run script in 64-bit PowerShell: Yes (the scripts also relaunch themselves in 64-bit)
  Assignments: the devices to switch; Schedule: Hourly or Daily (a run that finds nothing to do changes nothing)
Detection exits 1 while a product asked for still uses network licensing; the remediation exits 0 once all are
named-user, 1 while something is still on network, 2 when nothing was tried, 3 when only hand switches are left.`;

const SCCM_NOTES = `ConfigMgr > Assets and Compliance > Compliance Settings > Configuration Items > Create (Windows Desktops and Servers):
  Setting type: Script, data type: String
  Discovery script (Windows PowerShell): numbot-discovery.ps1 (prints Compliant or NonCompliant, exits 0)
  Remediation script (Windows PowerShell): numbot-remediate.ps1
  Run scripts by using the 64-bit scripting host on 64-bit devices: Yes
  Compliance rule: value equals Compliant; Run the specified remediation script when this setting is noncompliant: Yes
Add it to a Configuration Baseline, deploy with "Remediate noncompliant rules when supported", schedule: daily.
(Client Settings > Computer Agent > PowerShell execution policy: Bypass, or sign the scripts.)
As a package/program instead: powershell.exe -NoProfile -ExecutionPolicy Bypass -File numbot-remediate.ps1,
"Run with administrative rights", "Whether or not a user is logged on"; exit 0 is success, anything else a failure.`;

const JAMF_NOTES = `Jamf Pro > Settings > Computer management > Scripts > New: paste numbot-switch.sh (Priority: After).
Policy: Scripts payload with this script; Trigger: Recurring Check-in; Execution Frequency: Ongoing (or Once per
computer); Scope: the Macs to switch. Jamf runs it as root; a non-zero exit marks the policy run "Failed" in its logs:
1 = still on network or failed, 2 = nothing tried (no helper), 3 = only hand switches left. Re-running changes nothing.`;

const commented = (notes: string) =>
  notes
    .split('\n')
    .map((l) => `# ${l}`)
    .join('\n');

/** The files of a kit: Intune and SCCM a detection + remediation pair (Windows), Jamf the macOS script with notes. */
export function deploymentKit(tool: DeploymentTool, options: SwitchScriptOptions): KitFile[] {
  if (tool === 'jamf') {
    if (options.os !== 'macos') throw new InvalidInputError('the Jamf kit is a macOS script: use --os macos');
    const script = generateSwitchScript(options);
    const [shebang, ...rest] = script.split('\n');
    return [{ name: 'numbot-switch.sh', content: [shebang, commented(JAMF_NOTES), ...rest].join('\n') }];
  }
  if (options.os !== 'windows') throw new InvalidInputError(`the ${tool} kit is a Windows pair: use --os windows`);
  const notes = commented(tool === 'intune' ? INTUNE_NOTES : SCCM_NOTES).replace(/\n/g, '\r\n');
  const detect = generateSwitchScript({ ...options, windowsMode: tool === 'intune' ? 'detect-intune' : 'detect-sccm' });
  const remediate = generateSwitchScript({ ...options, windowsMode: 'switch' });
  return [
    { name: tool === 'intune' ? 'numbot-detect.ps1' : 'numbot-discovery.ps1', content: `${notes}\r\n${detect}` },
    { name: 'numbot-remediate.ps1', content: `${notes}\r\n${remediate}` },
  ];
}

// Step 5 as data: the exact commands that switch off one licence server, for cards and the CLI to show.
// Step ids are stable so a card can look up translated titles; the English text is the default.
import { InvalidInputError } from '../errors.ts';

export type GuideShell = 'cmd' | 'powershell' | 'sh' | 'gui';

export interface GuideCommand {
  shell: GuideShell;
  text: string;
}

export type GuideStepId = 'confirm-idle' | 'stop-server' | 'remove-service' | 'uninstall';

export interface GuideStep {
  id: GuideStepId;
  title: string;
  commands: GuideCommand[];
  note?: string;
}

export interface GuideOptions {
  /** `27000@host`, `@host`, or a triad `27000@a,27000@b,27000@c`. */
  address: string;
  os?: 'windows' | 'unix';
  /** The service name LMTOOLS registered (Config Services tab). */
  serviceName?: string;
  /** Where lmutil lives on the server. */
  lmutilDir?: string;
}

const ADDRESS = /^(\d{1,5})?@[A-Za-z0-9._-]{1,253}(,(\d{1,5})?@[A-Za-z0-9._-]{1,253}){0,2}$/;
const SERVICE = /^[A-Za-z0-9 ._()-]{1,80}$/;
const DIR = /^[A-Za-z0-9 :._()\\/-]{1,200}$/;

/** The commands that retire one licence server. Throws on an address, service name or folder that is not plain. */
export function decommissionGuide(options: GuideOptions): GuideStep[] {
  const address = options.address.trim();
  if (!ADDRESS.test(address))
    throw new InvalidInputError(`licence server address "${options.address}" is not port@host (or a triad of three)`);
  const service = options.serviceName ?? 'FlexLM Service 1';
  if (!SERVICE.test(service))
    throw new InvalidInputError('service name may only contain letters, digits, spaces and . _ ( ) -');
  const windows = (options.os ?? 'windows') === 'windows';
  const dir = options.lmutilDir ?? (windows ? 'C:\\Autodesk\\Network License Manager' : '/opt/flexnetserver');
  if (!DIR.test(dir))
    throw new InvalidInputError('lmutil folder may only contain letters, digits, spaces and : . _ ( ) \\ / -');
  const lmutil = windows ? 'lmutil' : './lmutil';
  const inDir: GuideCommand = windows ? { shell: 'cmd', text: `cd /d "${dir}"` } : { shell: 'sh', text: `cd '${dir}'` };
  const shell: GuideShell = windows ? 'cmd' : 'sh';

  const stop: GuideStep = {
    id: 'stop-server',
    title: 'Stop the licence server',
    commands: [inDir, { shell, text: `${lmutil} lmdown -c ${address} -q` }],
  };
  if (address.includes(',')) stop.note = 'A redundant triad stops as a whole: the command reaches all three servers.';
  const steps: GuideStep[] = [
    {
      id: 'confirm-idle',
      title: 'Check that nobody holds a licence',
      commands: [inDir, { shell, text: `${lmutil} lmstat -a -c ${address}` }],
      note: 'Every "Users of" line must show "Total of 0 licenses in use".',
    },
    stop,
  ];
  if (windows) {
    steps.push(
      {
        id: 'remove-service',
        title: 'Stop and remove the Windows service',
        commands: [
          {
            shell: 'gui',
            text: `LMTOOLS (lmtools.exe) > Service/License File: select "${service}" > Start/Stop/Reread: Stop Server > Config Services: Remove Service`,
          },
          { shell: 'cmd', text: `sc stop "${service}"` },
          { shell: 'cmd', text: `sc delete "${service}"` },
        ],
        note: 'Run as administrator. sc is the alternative to LMTOOLS; use one or the other.',
      },
      {
        id: 'uninstall',
        title: 'Uninstall the Network License Manager',
        commands: [
          {
            shell: 'gui',
            text: 'Settings > Apps (or Control Panel > Programs and Features) > Autodesk Network License Manager > Uninstall',
          },
          {
            shell: 'powershell',
            text: `Get-CimInstance -ClassName Win32_Product -Filter "Name LIKE 'Autodesk Network License Manager%'" | Invoke-CimMethod -MethodName Uninstall`,
          },
        ],
        note: 'Keep a copy of the licence file and the debug log first, for your records.',
      },
    );
  } else {
    steps.push({
      id: 'remove-service',
      title: 'Stop lmgrd from starting at boot',
      commands: [{ shell: 'sh', text: `sudo systemctl disable --now '${service}'` }],
      note: 'If lmgrd starts from an init script or a launchd plist instead, remove that entry.',
    });
  }
  return steps;
}

// The decisions of the Windows switch script, as data: which installed products it targets, which exit code each
// result gives, and which registry keys, files and profiles it touches. The PowerShell reads this plan (embedded as
// JSON) and only carries it out, so the decisions are checked here without PowerShell.
import { compactName } from './product-names.ts';
import { isFamily, type ValidScriptInput } from './switch-script-types.ts';

/** The script's result and the exit code a deployment tool sees (the bash scripts use the same codes). */
export const EXIT_CODES = {
  /** Every product asked for that is installed now uses named-user licensing. */
  named: 0,
  /** None of the products asked for is installed here. */
  'not-applicable': 0,
  /** Something asked for still uses network licensing, a switch failed, or the report could not be sent. */
  network: 1,
  /** Only 2019-or-older releases are left: switched by hand. */
  manual: 3,
  /** Nothing was tried: the licensing helper is missing. */
  'no-helper': 2,
  /** Nothing was tried: not run as administrator / SYSTEM. */
  'not-root': 2,
} as const;

export type ScriptStatus = keyof typeof EXIT_CODES;

/**
 * A detection script's exit codes: 1 (run the remediation) only while a product asked for is still on network
 * licensing here; a missing helper or a hand switch is nothing a remediation can fix. Intune reads the exit code;
 * SCCM's compliance rule reads the output (Compliant / NonCompliant) and wants exit 0.
 */
export const DETECT_EXIT_CODES: Record<'intune' | 'sccm', Record<ScriptStatus, number>> = {
  intune: { named: 0, 'not-applicable': 0, network: 1, manual: 0, 'no-helper': 0, 'not-root': 1 },
  sccm: { named: 0, 'not-applicable': 0, network: 0, manual: 0, 'no-helper': 0, 'not-root': 0 },
};

/** What a script run does: switch, or only detect for a deployment tool. */
export type WindowsMode = 'switch' | 'detect-intune' | 'detect-sccm';

/** One product asked for: a release by its keys and exact version, or every release by its product codes. */
export type PlanWanted =
  | { name: string; compact: string; keys: string[]; version: string }
  | { name: string; compact: string; codes: string[] };

export interface WindowsPlan {
  /** 'all' = every product the helper lists. */
  wanted: PlanWanted[] | 'all';
  /** Only detect (no change, no report): 'intune' answers with the exit code, 'sccm' with Compliant/NonCompliant. */
  detect: 'intune' | 'sccm' | null;
  exitCodes: Record<ScriptStatus, number>;
  /** Below HKLM, in the 64-bit view (the script relaunches itself in 64-bit PowerShell first). */
  machineKeys: string[];
  /** Below each user's hive (HKEY_USERS\<SID>, loaded from NTUSER.DAT when the user is not logged on). */
  userKeys: string[];
  /** The value the network keys and environments carry. */
  flexValue: string;
  /** Profiles whose SID starts with one of these are people (AD/local S-1-5-21, Entra ID S-1-12-1). */
  profileSidPrefixes: string[];
  /** Below each profile folder; cleared only before the first switch of a run. */
  loginState: string;
  /** Below %ProgramData%: <key>_<ver>\LICPATH.lic, removed after a product is switched. */
  licensingData: string;
  /** Below %ProgramData%: <key>_<ver>, the licence state of 2019-or-older releases, cleared before their switch. */
  clmLgs: string;
  /** Uninstall keys (HKLM, both views) read for 2019-or-older releases the helper does not list. */
  uninstallKeys: string[];
  /** The last release year that is switched by hand when the helper does not list it. */
  lastHandYear: number;
  /** Uninstall entries that are shared components, not products (matched in their compact name). */
  handIgnore: string[];
}

/** The plan for validated input. */
export function windowsPlan(input: ValidScriptInput, mode: WindowsMode = 'switch'): WindowsPlan {
  const detect = mode === 'detect-intune' ? 'intune' : mode === 'detect-sccm' ? 'sccm' : null;
  const wanted: WindowsPlan['wanted'] =
    input.products === 'all-installed'
      ? 'all'
      : input.products.map((p) =>
          isFamily(p)
            ? { name: p.name, compact: compactName(p.name), codes: [...p.codes] }
            : {
                name: p.name,
                compact: compactName(p.name.replace(/\s(19|20)\d{2}$/, '')),
                keys: [p.key, ...(p.alternates ?? [])],
                version: p.version,
              },
        );
  return {
    wanted,
    detect,
    exitCodes: detect ? { ...DETECT_EXIT_CODES[detect] } : { ...EXIT_CODES },
    machineKeys: ['SOFTWARE\\FLEXlm License Manager', 'SOFTWARE\\WOW6432Node\\FLEXlm License Manager'],
    userKeys: ['Software\\FLEXlm License Manager', 'Environment'],
    flexValue: 'ADSKFLEX_LICENSE_FILE',
    profileSidPrefixes: ['S-1-5-21-', 'S-1-12-1-'],
    loginState: 'AppData\\Local\\Autodesk\\Web Services\\LoginState.xml',
    licensingData: 'Autodesk\\AdskLicensingService',
    clmLgs: 'Autodesk\\CLM\\LGS',
    uninstallKeys: [
      'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
      'SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
    ],
    lastHandYear: 2019,
    handIgnore: [
      'materiallibrary',
      'singlesignon',
      'genuineservice',
      'desktopapp',
      'licensing',
      'languagepack',
      'networklicensemanager',
      'featuredapps',
      'appmanager',
      'savetoweb',
      'contentpack',
      'offlinehelp',
      'desktopconnector',
    ],
  };
}

// What a switch script is made from: the OS, the products, and where it reports (shared by the facade and the OS
// variants, so neither imports the other).
export type ScriptOs = 'windows' | 'macos' | 'linux';
export const SCRIPT_OSES: readonly ScriptOs[] = ['windows', 'macos', 'linux'];

export interface SwitchProduct {
  key: string;
  /** `YYYY.0.0.F`. */
  version: string;
  name: string;
  /** Other keys the same product may be installed under (see ProductKeyInfo.alternates). */
  alternates?: string[];
}

/** A product named without a year: every installed release of it, recognised by its 3-character product codes. */
export interface SwitchFamily {
  /** "AutoCAD": the script logs "AutoCAD 2027" for each release it finds. */
  name: string;
  codes: string[];
}

export type SwitchTarget = SwitchProduct | SwitchFamily;

export const isFamily = (t: SwitchTarget): t is SwitchFamily => 'codes' in t;

export interface SwitchScriptOptions {
  os: ScriptOs;
  products: readonly SwitchTarget[] | 'all-installed';
  /** The bot's public base URL; with deviceToken, the script POSTs the helper's `list` to <reportUrl>/api/devices/report. */
  reportUrl?: string;
  deviceToken?: string;
  /** Windows only: a detection script for Intune remediations or an SCCM configuration item instead of the switch. */
  windowsMode?: 'switch' | 'detect-intune' | 'detect-sccm';
}

/** What the OS-specific templates receive: every value already validated. */
export interface ValidScriptInput {
  products: SwitchTarget[] | 'all-installed';
  report?: { url: string; token: string };
}

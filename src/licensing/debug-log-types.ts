// One checkout line of a FlexNet debug log, as the parser and the last-use summary both read it.
export type LicenseEventKind = 'OUT' | 'IN' | 'DENIED' | 'UNSUPPORTED';

export interface LicenseEvent {
  /** Epoch milliseconds. */
  at: number;
  kind: LicenseEventKind;
  daemon: string;
  feature: string;
  user: string;
  host: string;
  /** When the line says `(N licenses)`. */
  licenses?: number;
  /** The bracketed text after user@host: why a request was denied, or e.g. "INACTIVE" on IN. */
  reason?: string;
}

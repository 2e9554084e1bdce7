export { parseRoster, type ParsedRoster, type ParseRosterResult, type Rejection } from './parse-roster.ts';
export { importRoster, type ImportOptions, type ImportResult } from './import-roster.ts';
export type { RosterRow } from './validate-row.ts';

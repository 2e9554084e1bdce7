// Autodesk's import files: `First Name,Last Name,Email`, at most 5,000 users a file, one product per assignment file.
import type { Person } from '../../domain/types.ts';
import type { ImportFile } from '../../ports/provisioning.ts';
import { csvRecords } from '../../domain/csv-writer.ts';
import { assignFileName, inviteFileName } from './file-names.ts';
import { INVITE_IMPORT_LOCATION, assignImportLocation } from './upload-locations.ts';

export const IMPORT_HEADER = ['First Name', 'Last Name', 'Email'] as const;
/** Autodesk Account's limit for one import. */
export const MAX_ROWS_PER_FILE = 5000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const row = (p: Person): string[] => [p.firstName.trim(), p.lastName.trim(), p.email.trim()];

function build(
  people: Person[],
  name: (part: number) => string,
  meta: Pick<ImportFile, 'uploadTo' | 'kind' | 'product'>,
  createdAt: number,
  maxRows: number,
): ImportFile[] {
  return chunks(people, maxRows).map((part, i) => ({
    name: name(i + 1),
    content: csvRecords([IMPORT_HEADER, ...part.map(row)]),
    rows: part.length,
    personIds: part.map((p) => p.id),
    createdAt,
    ...meta,
  }));
}

/** Invitation files (`invite-users-N.csv`); none when nobody is left to invite. */
export function inviteFiles(people: Person[], createdAt: number, maxRows = MAX_ROWS_PER_FILE): ImportFile[] {
  return build(people, inviteFileName, { uploadTo: INVITE_IMPORT_LOCATION, kind: 'invite' }, createdAt, maxRows);
}

/** Assignment files for one product (`assign-<product>-N.csv`); none when nobody is left to assign. */
export function assignFiles(
  product: string,
  people: Person[],
  createdAt: number,
  maxRows = MAX_ROWS_PER_FILE,
): ImportFile[] {
  return build(
    people,
    (part) => assignFileName(product, part),
    { uploadTo: assignImportLocation(product), kind: 'assign', product },
    createdAt,
    maxRows,
  );
}

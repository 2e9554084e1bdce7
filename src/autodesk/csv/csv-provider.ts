// The default provider, for every plan: it only builds files. Nothing changes in Autodesk until the admin uploads
// them, so results say `applied: false` and people move when the admin confirms (confirm-upload.ts).
import type { ProvisioningProvider, ProvisioningResult } from '../../ports/provisioning.ts';
import { screenAssignments, screenInvites, type Screened } from '../screen-people.ts';
import { assignFiles, inviteFiles, MAX_ROWS_PER_FILE } from './import-files.ts';
import { inviteMultipleText } from './invite-multiple.ts';

export interface CsvProviderOptions {
  now?: () => number;
  /** Rows per file; Autodesk's limit unless a test wants smaller files. */
  maxRowsPerFile?: number;
}

const base = (s: Screened): Omit<ProvisioningResult, 'files'> => ({
  done: s.todo.map((p) => p.id),
  alreadyDone: s.alreadyDone,
  rejected: s.rejected,
  failed: [],
  applied: false,
});

export function createCsvProvider(options: CsvProviderOptions = {}): ProvisioningProvider {
  const now = options.now ?? Date.now;
  const maxRows = options.maxRowsPerFile ?? MAX_ROWS_PER_FILE;
  return {
    name: 'csv',
    async invite(people) {
      const at = now();
      const s = screenInvites(people, at);
      const result: ProvisioningResult = { ...base(s), files: inviteFiles(s.todo, at, maxRows) };
      if (s.resendDue.length) result.resendDue = s.resendDue;
      const paste = inviteMultipleText(s.todo);
      if (paste.ok) result.inviteMultiple = { text: paste.text, uploadTo: paste.uploadTo };
      return result;
    },
    async assign(product, people) {
      const at = now();
      const s = screenAssignments(product, people);
      return { ...base(s), files: assignFiles(product, s.todo, at, maxRows) };
    },
  };
}

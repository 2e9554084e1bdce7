// Files a person shares in their DM with the bot (a CSV for `import`), fetched from url_private with the bot token.
// The token is only ever sent to Slack's own file host (or the configured API's host, i.e. a test fake), redirects
// are refused, and only text files of a sane size are read.
import type { AttachedFile } from '../../ports/interaction.ts';
import type { SlackEdge } from './edge.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const TEXT_FILE = /\.(csv|tsv|txt)$/i;
const TEXT_TYPES = new Set(['csv', 'tsv', 'text']);

export interface SharedFile {
  id?: string;
  name?: string;
  filetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

export function isImportable(f: SharedFile): boolean {
  return TEXT_FILE.test(f.name ?? '') || TEXT_TYPES.has(f.filetype ?? '');
}

/** True for URLs that may receive the bot token. */
export function isTrustedFileUrl(url: string, apiUrl: string): boolean {
  try {
    const u = new URL(url);
    if (u.origin === new URL(apiUrl).origin) return true;
    return u.protocol === 'https:' && (u.hostname === 'files.slack.com' || u.hostname.endsWith('.slack.com'));
  } catch {
    return false;
  }
}

export async function downloadFiles(edge: SlackEdge, files: SharedFile[]): Promise<AttachedFile[]> {
  const out: AttachedFile[] = [];
  for (const shared of files) {
    if (!isImportable(shared) || (shared.size ?? 0) > MAX_FILE_BYTES) {
      edge.log.info({ fileId: shared.id }, 'shared file ignored (not a text file, or too large)');
      continue;
    }
    const file = shared.url_private || shared.url_private_download ? shared : await fileInfo(edge, shared.id);
    const url = file?.url_private_download ?? file?.url_private;
    if (!url || !isTrustedFileUrl(url, edge.deps.config.SLACK_API_URL)) {
      edge.log.warn({ fileId: shared.id }, 'shared file has no trusted download URL');
      continue;
    }
    const content = await fetchFile(edge, url);
    if (content) out.push({ name: shared.name ?? 'file.csv', content });
  }
  return out;
}

async function fileInfo(edge: SlackEdge, id: string | undefined): Promise<SharedFile | undefined> {
  if (!id) return undefined;
  const res = await edge.client.files.info({ file: id });
  return res.file as SharedFile | undefined;
}

async function fetchFile(edge: SlackEdge, url: string): Promise<Buffer | undefined> {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${edge.deps.config.SLACK_BOT_TOKEN}` },
    redirect: 'error',
    signal: AbortSignal.timeout(edge.deps.config.SLACK_TIMEOUT_MS),
  });
  if (!res.ok || Number(res.headers.get('content-length') ?? 0) > MAX_FILE_BYTES) {
    await res.body?.cancel();
    edge.log.warn({ status: res.status }, 'shared file download refused');
    return undefined;
  }
  const body = Buffer.from(await res.arrayBuffer());
  return body.length > MAX_FILE_BYTES ? undefined : body;
}

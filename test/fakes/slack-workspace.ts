// The state of the fake Slack workspace (members, conversations, messages, views, files) and the Web API methods
// that read and change it. Transport, tokens, faults and rate limits are the server's business (slack-api.ts).
import { checkMessage } from './slack-blocks-check.ts';
import { FAKE_TEAM_ID, type SlackMember } from './slack-directory.ts';
import type { Params } from './slack-http.ts';
import type { RateLimiter } from './slack-rate-limits.ts';

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  params: Params;
}

export interface UploadedFile {
  id: string;
  filename: string;
  title?: string;
  content: Buffer;
  channel?: string;
  initialComment?: string;
}

/** A method's answer: its fields (ok:true is added), a Slack error code, or a 429 with Retry-After seconds. */
export type MethodResult = Params | { error: string } | { retryAfter: number };

const BOT = { user_id: 'UNUMBOT', bot_id: 'BNUMBOT' };
const dmFor = (userId: string) => `D${userId.slice(1)}`;

function withoutLocale(m: SlackMember): Omit<SlackMember, 'locale'> {
  const { locale: _locale, ...rest } = m;
  return rest;
}

export class FakeWorkspace {
  members: SlackMember[] = [];
  private byId = new Map<string, SlackMember>();
  readonly userErrors = new Map<string, string>();
  private readonly messages = new Map<string, StoredMessage[]>();
  readonly posted: StoredMessage[] = [];
  readonly updated: StoredMessage[] = [];
  readonly ephemerals: StoredMessage[] = [];
  readonly published: Params[] = [];
  readonly opened: Params[] = [];
  readonly files = new Map<string, { meta: Params; content: Buffer }>();
  readonly pendingUploads = new Map<string, { filename: string; length: number; content?: Buffer }>();
  readonly uploads: UploadedFile[] = [];
  /** Successful chat.postMessage calls per channel. */
  readonly delivered: Record<string, number> = {};
  origin = '';
  private seq = 0;

  constructor(
    private readonly now: () => number,
    private readonly limiter: RateLimiter,
    members: SlackMember[] = [],
  ) {
    this.setMembers(members);
  }

  setMembers(members: SlackMember[]): void {
    this.members = members;
    this.byId = new Map(members.map((m) => [m.id, m]));
  }

  nextId(prefix: string): string {
    return `${prefix}${String(++this.seq).padStart(8, '0')}`;
  }

  private nextTs(): string {
    return `${Math.floor(this.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
  }

  /** A channel id for a `channel` argument: a user id opens (or finds) the app's DM with that user. */
  private resolveChannel(channel: unknown): { channel: string } | { error: string } {
    if (typeof channel !== 'string' || channel === '') return { error: 'channel_not_found' };
    if (channel.startsWith('U') || channel.startsWith('W')) return this.userChannel(channel);
    if (channel.startsWith('D')) {
      const user = `U${channel.slice(1)}`;
      return this.byId.has(user) ? this.userChannel(user) : { error: 'channel_not_found' };
    }
    if (/^[CG][A-Z0-9]+$/.test(channel)) return { channel };
    return { error: 'channel_not_found' };
  }

  private userChannel(userId: string): { channel: string } | { error: string } {
    const m = this.byId.get(userId);
    if (!m) return { error: 'user_not_found' };
    const forced = this.userErrors.get(userId);
    if (forced) return { error: forced };
    if (m.deleted) return { error: 'user_disabled' };
    if (m.is_bot) return { error: 'cannot_dm_bot' };
    return { channel: dmFor(userId) };
  }

  private store(channel: string, ts: string, p: Params): StoredMessage {
    const blocks = Array.isArray(p.blocks) ? (p.blocks as unknown[]) : undefined;
    return {
      channel,
      ts,
      ...(typeof p.text === 'string' ? { text: p.text } : {}),
      ...(blocks ? { blocks } : {}),
      params: p,
    };
  }

  readonly methods: Record<string, (p: Params) => MethodResult> = {
    'auth.test': () => ({ ...BOT, team_id: FAKE_TEAM_ID, team: 'Fake', user: 'numbot', url: `${this.origin}/` }),
    'chat.postMessage': (p) => {
      const r = this.resolveChannel(p.channel);
      if ('error' in r) return r;
      const bad = checkMessage(p);
      if (bad) return { error: bad };
      const wait =
        this.limiter.check('chat.postMessage:channel', r.channel) ?? this.limiter.check('chat.postMessage:workspace');
      if (wait !== undefined) return { retryAfter: wait };
      const ts = this.nextTs();
      const msg = this.store(r.channel, ts, p);
      const list = this.messages.get(r.channel) ?? [];
      this.messages.set(r.channel, [...list, msg]);
      this.posted.push(msg);
      this.delivered[r.channel] = (this.delivered[r.channel] ?? 0) + 1;
      return { channel: r.channel, ts, message: { ts, text: p.text ?? '' } };
    },
    'chat.update': (p) => {
      const r = this.resolveChannel(p.channel);
      if ('error' in r) return r;
      const existing = this.messages.get(r.channel)?.find((m) => m.ts === p.ts);
      if (!existing) return { error: 'message_not_found' };
      const bad = checkMessage(p);
      if (bad) return { error: bad };
      const msg = this.store(r.channel, existing.ts, p);
      Object.assign(existing, msg);
      this.updated.push(msg);
      return { channel: r.channel, ts: existing.ts, text: p.text ?? '' };
    },
    'chat.postEphemeral': (p) => {
      const r = this.resolveChannel(p.channel);
      if ('error' in r) return r;
      if (typeof p.user !== 'string' || !this.byId.has(p.user)) return { error: 'user_not_in_channel' };
      const bad = checkMessage(p);
      if (bad) return { error: bad };
      const ts = this.nextTs();
      this.ephemerals.push(this.store(r.channel, ts, p));
      return { message_ts: ts };
    },
    'conversations.open': (p) => {
      const users = typeof p.users === 'string' ? p.users.split(',') : [];
      if (users.length !== 1) return { error: users.length === 0 ? 'users_list_not_supplied' : 'not_supported' };
      const r = this.userChannel(users[0]!);
      return 'error' in r ? r : { channel: { id: r.channel } };
    },
    'users.list': (p) => {
      const limit = Math.min(1000, Math.max(1, Number(p.limit ?? 0) || 1000));
      let offset = 0;
      if (typeof p.cursor === 'string' && p.cursor !== '') {
        const m = /^offset:(\d+)$/.exec(Buffer.from(p.cursor, 'base64').toString('utf8'));
        if (!m) return { error: 'invalid_cursor' };
        offset = Number(m[1]);
      }
      const withLocale = String(p.include_locale) === 'true';
      const page = this.members.slice(offset, offset + limit).map((m) => (withLocale ? m : withoutLocale(m)));
      const next =
        offset + limit < this.members.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
      return { members: page, cache_ts: Math.floor(this.now() / 1000), response_metadata: { next_cursor: next } };
    },
    'users.lookupByEmail': (p) => {
      const email = typeof p.email === 'string' ? p.email.toLowerCase() : '';
      const m = this.members.find((x) => x.profile.email?.toLowerCase() === email);
      return m ? { user: m } : { error: 'users_not_found' };
    },
    'users.info': (p) => {
      const m = typeof p.user === 'string' ? this.byId.get(p.user) : undefined;
      if (!m) return { error: 'user_not_found' };
      return { user: String(p.include_locale) === 'true' ? m : withoutLocale(m) };
    },
    'views.publish': (p) => {
      if (typeof p.user_id !== 'string' || !this.byId.has(p.user_id)) return { error: 'user_not_found' };
      return this.view(p, 'home', this.published);
    },
    'views.open': (p) => {
      if (typeof p.trigger_id !== 'string' || p.trigger_id === '') return { error: 'invalid_trigger_id' };
      return this.view(p, 'modal', this.opened);
    },
    'files.info': (p) => {
      const f = typeof p.file === 'string' ? this.files.get(p.file) : undefined;
      return f ? { file: f.meta } : { error: 'file_not_found' };
    },
    'files.getUploadURLExternal': (p) => {
      const length = Number(p.length);
      if (typeof p.filename !== 'string' || !Number.isInteger(length) || length <= 0)
        return { error: 'invalid_arguments' };
      const id = this.nextId('F');
      this.pendingUploads.set(id, { filename: p.filename, length });
      return { upload_url: `${this.origin}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (p) => this.completeUploads(p),
  };

  private view(p: Params, type: 'home' | 'modal', into: Params[]): MethodResult {
    const view = p.view as Params | undefined;
    if (!view || view.type !== type) return { error: 'invalid_arguments' };
    if (checkMessage({ blocks: view.blocks }, 'view')) return { error: 'invalid_blocks' };
    into.push(p);
    return { view: { id: this.nextId('V'), ...view } };
  }

  private completeUploads(p: Params): MethodResult {
    const list = Array.isArray(p.files) ? (p.files as Params[]) : [];
    if (list.length === 0) return { error: 'invalid_arguments' };
    const out: Params[] = [];
    for (const f of list) {
      const pending = this.pendingUploads.get(String(f.id));
      if (!pending?.content) return { error: 'file_not_found' };
      this.pendingUploads.delete(String(f.id));
      this.uploads.push({
        id: String(f.id),
        filename: pending.filename,
        ...(typeof f.title === 'string' ? { title: f.title } : {}),
        content: pending.content,
        ...(typeof p.channel_id === 'string' ? { channel: p.channel_id } : {}),
        ...(typeof p.initial_comment === 'string' ? { initialComment: p.initial_comment } : {}),
      });
      out.push({ id: f.id, name: pending.filename, title: f.title ?? pending.filename });
    }
    return { files: out };
  }

  /** Stores a file as if a user shared it; returns the file object of a file_share event. */
  addFile(file: { name: string; content: string | Buffer; filetype?: string; mimetype?: string }): Params {
    const id = this.nextId('F');
    const content = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8');
    const url = `${this.origin}/files/${id}/${encodeURIComponent(file.name)}`;
    const meta: Params = {
      id,
      name: file.name,
      title: file.name,
      filetype: file.filetype ?? file.name.split('.').pop() ?? 'text',
      mimetype: file.mimetype ?? 'text/csv',
      size: content.length,
      url_private: url,
      url_private_download: `${url}?download=1`,
    };
    this.files.set(id, { meta, content });
    return { ...meta };
  }
}

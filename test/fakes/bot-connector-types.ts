// The fake Bot Connector's public types: what tests and the delivery benchmark configure and read back.
import type { FakeGraphInstalls } from './bot-connector-graph.ts';
import type { FakeUploadInfo, RecordedUpload, UploadFault, UploadHold } from './bot-connector-uploads.ts';

export type { FakeUploadInfo, RecordedUpload, UploadFault, UploadHold } from './bot-connector-uploads.ts';

/** A roster member as Teams returns it (TeamsChannelAccount). */
export interface FakeMember {
  id: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  name?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
}

export type BlockedCode =
  'ConversationBlockedByUser' | 'BotNotInConversationRoster' | 'BotDisabledByAdmin' | 'MessageWritesBlocked';

/** A fault to answer with instead of the normal response. A superset of the contract suite's InjectedFault. */
export type BotConnectorFault =
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'blocked'; code?: BlockedCode }
  | { kind: 'not_found' }
  | { kind: 'server_error'; status: 500 | 502 | 503 | 504 }
  | { kind: 'precondition_failed' }
  /** `hang` never answers (the caller must time out); `slow` answers normally after delayMs. */
  | { kind: 'timeout'; mode?: 'hang' | 'slow'; delayMs?: number }
  | { kind: 'invalid'; status?: 400 | 413 }
  /** Closes the socket without an answer (ECONNRESET on the caller's side). */
  | { kind: 'reset' };

/** Which requests a fault applies to. `write` = any send, reply, update or create (the default). */
export type FaultTarget = 'write' | 'send' | 'update' | 'create' | 'member' | 'any';

export interface FaultOptions {
  target?: FaultTarget;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** Only requests on this conversation. */
  conversationId?: string;
}

export type Operation = 'create' | 'send' | 'reply' | 'update' | 'member' | 'pagedmembers' | 'other';

export interface ReceivedRequest {
  method: string;
  path: string;
  /** The query parameters (page size, continuation token). */
  query: Record<string, string>;
  op: Operation;
  conversationId?: string;
  activityId?: string;
  tenantId: string;
  body: unknown;
  /** True when the request carried an Authorization header (the fake does not check tokens). */
  authorized: boolean;
  status: number;
  at: number;
}

export interface RecordedActivity {
  conversationId: string;
  messageId: string;
  replyToId?: string;
  payload: Record<string, unknown>;
}

export interface CreatedConversation {
  conversationId: string;
  memberIds: string[];
  tenantId: string;
  params: Record<string, unknown>;
}

export interface FakeBotConnectorStats {
  requests: number;
  throttled: number;
  faults: number;
  /** Successful posts per recipient: the member of a conversation the fake created or was told about, else the conversation id. */
  delivered: Record<string, number>;
}

export interface FakeBotConnectorOptions {
  members?: FakeMember[];
  /** Users of the tenant outside the roster team: Graph knows them, the team's paged members do not. */
  tenantUsers?: FakeMember[];
  /** The app's catalog id Graph installs (default FAKE_CATALOG_ID). */
  catalogId?: string;
  /** Requests per second per tenant before 429 (default 50); Infinity disables the limit. */
  ratePerSecond?: number;
  /** Added to every answer, to model network and service latency (default 0). */
  latencyMs?: number;
  /** Largest page getPagedMembers serves (Teams: 500). */
  maxPageSize?: number;
}

export interface FakeBotConnector {
  /** The serviceUrl to put on activities (ends with `/`). */
  url: string;
  received(): ReceivedRequest[];
  /** New activities (sends and replies), in order. */
  posted(): RecordedActivity[];
  updated(): RecordedActivity[];
  created(): CreatedConversation[];
  stats(): FakeBotConnectorStats;
  injectFault(fault: BotConnectorFault, options?: FaultOptions): void;
  setLimit(ratePerSecond: number): void;
  setMembers(members: FakeMember[]): void;
  /** A OneDrive upload session on this fake, as Teams opens one when a user accepts a file consent card. */
  openUploadSession(name: string): FakeUploadInfo;
  /** Upload sessions that received a request, with the bytes they accepted. */
  uploads(): RecordedUpload[];
  /** The next `times` upload requests (default 1) get this fault and store nothing. */
  failUploads(fault: UploadFault, times?: number): void;
  /** Holds every upload request from now on unanswered (a slow OneDrive) until the returned hold is released. */
  holdUploads(): UploadHold;
  /** Declares who a conversation belongs to (for conversations the fake did not create), so stats count per person. */
  registerConversation(conversationId: string, memberId: string, tenantId?: string): void;
  /** The Graph side (proactive installation) served under /graph/v1.0/. */
  graph: FakeGraphInstalls;
  /** Forgets everything received, upload sessions included (not members, limits or conversations). */
  reset(): void;
  close(): Promise<void>;
}

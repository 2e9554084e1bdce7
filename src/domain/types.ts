// The migration model: plain data, JSON-serialisable, times as epoch milliseconds.

export const LOCALES = ['en', 'fr', 'nl', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['user', 'admin', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/** Step 1: the invitation to the Autodesk team. */
export type InviteState =
  | { status: 'not_invited' }
  | { status: 'invited'; at: number; firstAt: number; sends: number }
  | { status: 'active'; at: number }
  | { status: 'failed'; at: number; reason: string };

/** Step 2: one product's seat. */
export type AssignmentState = { status: 'not_assigned' } | { status: 'assigned'; at: number };

/** Step 3: one product on one device. */
export type SwitchState =
  /** `borrowedUntil`: seen there only as a borrowed licence (lmstat's linger), which returns by itself then. */
  | { status: 'network'; at: number; borrowedUntil?: number }
  | { status: 'named'; at: number; by: 'user' | 'script' | 'autodesk' };

/** Step 4: the sign-in instructions. */
export type InformState =
  | { status: 'not_informed' }
  | { status: 'informed'; at: number; rounds: number }
  | { status: 'acknowledged'; at: number; informedAt?: number }
  | { status: 'needs_help'; at: number; text: string; informedAt?: number };

export interface TeamsIdentity {
  userId: string;
  aadObjectId?: string;
  tenantId?: string;
  serviceUrl?: string;
  conversationId?: string;
}
export interface SlackIdentity {
  userId: string;
  teamId?: string;
  channelId?: string;
}
export interface ChatIdentities {
  teams?: TeamsIdentity;
  slack?: SlackIdentity;
}

/** Where a person's reminders stand. */
export interface ReminderState {
  sent: number;
  lastAt?: number;
  escalatedAt?: number;
  snoozeUntil?: number;
  optedOut?: boolean;
  /** The latest return date of a borrowed licence the person was told how to return (the borrow card was sent). */
  borrowToldUntil?: number;
}

export interface Person {
  /** The normalised (lower-case) e-mail address: the key. */
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  locale?: Locale;
  timeZone?: string;
  /** The manager's id (normalised e-mail). */
  manager?: string;
  department?: string;
  roles: Role[];
  /** Products in scope for this person (display names, e.g. "AutoCAD"). */
  products: string[];
  /** Login names and host names this person uses on licence servers, for matching lmstat users. */
  logins?: string[];
  chat: ChatIdentities;
  invite: InviteState;
  assignments: Record<string, AssignmentState>;
  /** product -> device id -> switch state. */
  switches: Record<string, Record<string, SwitchState>>;
  inform: InformState;
  reminders: ReminderState;
  createdAt: number;
  updatedAt: number;
  /** Incremented on every change; the store uses it for optimistic concurrency. */
  version: number;
}

export type Step1Status = InviteState['status'];
export type Step2Status = 'none' | 'partial' | 'all';
export type Step3Status = 'not_started' | 'partial' | 'switched';
export type Step4Status = InformState['status'];
export type OverallStatus = 'pending' | 'needs_help' | 'done';

export const STEP_STATUSES = {
  step1: ['not_invited', 'invited', 'active', 'failed'],
  step2: ['none', 'partial', 'all'],
  step3: ['not_started', 'partial', 'switched'],
  step4: ['not_informed', 'informed', 'acknowledged', 'needs_help'],
  overall: ['pending', 'needs_help', 'done'],
} as const;
export type StepName = keyof typeof STEP_STATUSES;

/** Who did something and from where: carried into the audit stream. */
export interface Actor {
  /** A person id, or a system name such as 'scheduler' or 'cli'. */
  id: string;
  source: 'slack' | 'teams' | 'playground' | 'cli' | 'scheduler' | 'api' | 'import' | 'system';
}

// The one place that reads the environment. Everything else receives a typed Config.
import { z } from 'zod';
import { NumbotError } from './errors.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const csvList = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const json = <T extends z.ZodType>(schema: T) =>
  z.string().transform((s, ctx): z.infer<T> => {
    try {
      const parsed = schema.safeParse(JSON.parse(s));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: `invalid value: ${z.prettifyError(parsed.error)}` });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
    }
    return z.NEVER;
  });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, 24-hour clock');
const locale = z.enum(['en', 'fr', 'nl', 'de']);

/** `host:port,host:port,…` (IPv6 as `[::1]:6379`): the seed nodes of a Redis Cluster or the Sentinels. */
const hostPortList = z.string().transform((s, ctx): HostPort[] => {
  const out: HostPort[] = [];
  for (const item of s.split(',').map((x) => x.trim())) {
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9_.-]+)):(\d{1,5})$/.exec(item);
    const port = m ? Number(m[3]) : 0;
    if (!m || port < 1 || port > 65535) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not host:port (e.g. 10.0.0.5:6379,10.0.0.6:6379)` });
      return z.NEVER;
    }
    out.push({ host: m[1] ?? m[2]!, port });
  }
  return out;
});

/** A 256-bit key as base64 (`openssl rand -base64 32`): AES-256-GCM for the Autodesk tokens at rest. */
const tokenKey = z.string().refine((s) => /^[A-Za-z0-9+/]{43}=$/.test(s) && Buffer.from(s, 'base64').length === 32, {
  message: '32 random bytes as base64 (openssl rand -base64 32)',
});

const licenseServer = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  address: z.string().min(1),
  command: z.array(z.string()).min(1).optional(),
  products: z.array(z.string()).optional(),
});

/** Every variable the bot reads, with its default. `.env.example` documents each one. */
/** The organisation name when ORGANISATION_NAME is unset (a placeholder: the bot warns, the playground replaces it). */
export const DEFAULT_ORGANISATION_NAME = 'IT department';

export const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Unset: 127.0.0.1 when only the playground runs, else 0.0.0.0 (see loadConfig). */
  HOST: z.string().optional(),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  HTTP_KEEPALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(1024),
  HTTP_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(1024 * 1024),

  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_CLUSTER_NODES: hostPortList.optional(),
  REDIS_SENTINELS: hostPortList.optional(),
  REDIS_SENTINEL_NAME: z.string().optional(),
  REDIS_USERNAME: z.string().optional(),
  REDIS_PASSWORD: z.string().optional(),
  REDIS_SENTINEL_USERNAME: z.string().optional(),
  REDIS_SENTINEL_PASSWORD: z.string().optional(),
  REDIS_TLS: bool.default(false),
  REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(16).optional(),
  REDIS_WAIT_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  MIGRATION_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only')
    .default('default'),
  MIGRATION_NAME: z.string().default('Autodesk named-user migration'),
  ORGANISATION_NAME: z.string().default(DEFAULT_ORGANISATION_NAME),
  DEFAULT_LOCALE: locale.default('en'),
  DEFAULT_TIMEZONE: z.string().default('Europe/Brussels'),
  ADMIN_EMAILS: csvList.default([]),

  MICROSOFT_APP_ID: z.string().optional(),
  MICROSOFT_APP_PASSWORD: z.string().optional(),
  MICROSOFT_APP_TENANT_ID: z.string().optional(),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
  TEAMS_ADMIN_CONVERSATION_ID: z.string().optional(),
  TEAMS_ROSTER_TEAM_ID: z.string().optional(),
  TEAMS_SERVICE_URL: z.url({ protocol: /^https?$/ }).default('https://smba.trafficmanager.net/teams/'),
  TEAMS_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  TEAMS_LOCAL_NO_AUTH: bool.default(false),
  /**
   * Tests only: where the Teams edge reads the Bot Framework's OpenID configuration (and from it the signing keys) to
   * verify inbound tokens, instead of https://login.botframework.com. Never set it in production.
   */
  TEAMS_OPENID_METADATA_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The app's id in the tenant's app catalog: set it to install numbot for people outside TEAMS_ROSTER_TEAM_ID. */
  TEAMS_APP_CATALOG_ID: z.string().optional(),
  TEAMS_INSTALLS_PER_SYNC: z.coerce.number().int().min(0).default(500),
  TEAMS_INSTALL_RATE_PER_SEC: z.coerce.number().positive().default(5),

  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z.string().optional(),
  SLACK_SOCKET_MODE: bool.default(false),
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  SLACK_COMMAND: z
    .string()
    .regex(/^\/[a-z0-9_-]+$/, 'a slash command such as /migrate')
    .default('/migrate'),
  SLACK_ADMIN_CHANNEL: z.string().optional(),
  SLACK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),

  PLAYGROUND: z.enum(['auto', 'on', 'off']).default('auto'),
  PLAYGROUND_HOSTS: csvList.default([]),
  PLAYGROUND_MIGRATION_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only')
    .optional(),
  PLAYGROUND_PORT: z.coerce.number().int().min(0).max(65535).default(3979),

  PROVISIONING: z.enum(['csv', 'entra', 'simulator', 'autodesk']).default('csv'),
  ENTRA_TENANT_ID: z.string().optional(),
  ENTRA_CLIENT_ID: z.string().optional(),
  ENTRA_CLIENT_SECRET: z.string().optional(),
  ENTRA_GROUPS: json(z.record(z.string(), z.string())).default({}),
  GRAPH_URL: z.url().default('https://graph.microsoft.com/v1.0/'),
  ENTRA_LOGIN_URL: z.url().default('https://login.microsoftonline.com/'),
  AUTODESK_CLIENT_ID: z.string().optional(),
  AUTODESK_CLIENT_SECRET: z.string().optional(),
  AUTODESK_API_URL: z.url().default('https://developer.api.autodesk.com/'),
  AUTODESK_TEAM_ID: z.string().max(64).optional(),
  AUTODESK_TOKEN_KEY: tokenKey.optional(),
  AUTODESK_TOKEN_KEY_PREVIOUS: tokenKey.optional(),
  AUTODESK_CALLS_PER_MINUTE: z.coerce.number().int().min(1).max(60).default(57),

  LICENSE_SERVERS: json(z.array(licenseServer)).default([]),
  LMSTAT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  LICENSE_POLL_CRON: z.string().default('*/15 * * * *'),
  QUIET_WINDOW_DAYS: z.coerce.number().positive().default(7),
  MIN_QUIET_POLLS: z.coerce.number().int().positive().default(20),
  AGENT_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  DEVICE_TOKEN_SECRET: z.string().min(16, 'at least 16 characters').optional(),

  REMINDER_CRON: z.string().default('*/10 * * * *'),
  FIRST_REMINDER_WORKING_DAYS: z.coerce.number().int().min(1).default(2),
  REMINDER_INTERVAL_WORKING_DAYS: z.coerce.number().int().min(1).default(3),
  MAX_REMINDERS: z.coerce.number().int().min(0).default(5),
  WORKING_HOURS: z
    .string()
    .regex(/^\d\d:\d\d-\d\d:\d\d$/, 'use HH:MM-HH:MM')
    .default('09:00-17:00'),
  WORKING_DAYS: z
    .string()
    .regex(/^[1-7](,[1-7])*$/, 'ISO weekdays, 1 = Monday, e.g. 1,2,3,4,5')
    .default('1,2,3,4,5'),
  HOLIDAYS: csvList.pipe(z.array(z.iso.date())).default([]),
  SUMMARY_TIME: hhmm.default('08:30'),
  SNOOZE_WORKING_DAYS: z.coerce.number().int().min(1).default(1),

  DIRECTORY_SYNC_CRON: z.string().default('17 * * * *'),
  PREFERRED_PLATFORM: z.enum(['teams', 'slack']).default('teams'),

  TEAMS_RATE_PER_SEC: z.coerce.number().positive().default(48),
  SLACK_RATE_PER_MIN: z.coerce.number().positive().default(60),
  DELIVERY_CONCURRENCY: z.coerce.number().int().positive().default(16),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().positive().default(6),
});

export type Env = z.infer<typeof envSchema>;

export interface HostPort {
  host: string;
  port: number;
}

/** Where Redis is, derived from exactly one of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS. */
export type RedisTopology =
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: HostPort[] }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string; sentinelUsername?: string; sentinelPassword?: string };

/** Everything needed to open Redis connections (src/store/redis-connection.ts builds them). */
export interface RedisSettings {
  topology: RedisTopology;
  /** Credentials of the data nodes (Cluster and Sentinel; a REDIS_URL carries its own). */
  username?: string;
  password?: string;
  tls: boolean;
  /** Replicas a write acknowledged to a person must reach (Redis WAIT) before it counts as done; 0 = no wait. */
  waitReplicas: number;
  waitTimeoutMs: number;
}

/** The HTTP server's limits (see docs/OPERATIONS.md, "HTTP edge"). */
export interface HttpSettings {
  defaultMaxBodyBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

export interface Config extends Omit<Env, 'HOST'> {
  /** Where the server listens (resolved: 127.0.0.1 for the playground alone, else 0.0.0.0, unless HOST says). */
  HOST: string;
  http: HttpSettings;
  /**
   * PLAYGROUND=on beside Teams or Slack: the playground runs as a separate app (see playgroundConfig) on its own
   * migration and port, loopback only, with no platform; this app serves no playground.
   */
  playgroundAlongside?: { migrationId: string; port: number };
  /** True when no Redis is configured: state lives in this process only. */
  embedded: boolean;
  /** Set when Redis is configured (any topology). */
  redis?: RedisSettings;
  teamsEnabled: boolean;
  slackEnabled: boolean;
  playgroundEnabled: boolean;
}

/** A start-up error that names the variable to fix. */
export class ConfigError extends NumbotError<'CONFIG_INVALID'> {
  constructor(readonly problems: string[]) {
    super(
      'CONFIG_INVALID',
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`,
    );
  }
}

/** What a Teams app package needs: the bot's app id, its public URL and the organisation name, nothing secret. */
export type ManifestSettings = Pick<Config, 'MICROSOFT_APP_ID' | 'PUBLIC_URL' | 'ORGANISATION_NAME'>;

/**
 * The manifest's settings alone, validated with the same rules as the bot's: `npm run package:teams` builds from the
 * app id and public URL without the client secret or tenant id the running bot needs (a manifest holds neither).
 */
export function loadManifestSettings(env: Record<string, string | undefined> = process.env): ManifestSettings {
  const shape = envSchema.pick({ MICROSOFT_APP_ID: true, PUBLIC_URL: true, ORGANISATION_NAME: true });
  const input: Record<string, string> = {};
  for (const key of Object.keys(shape.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') input[key] = v.trim();
  }
  const parsed = shape.safeParse(input);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  return parsed.data;
}

/**
 * Reads and validates the configuration once. Throws a ConfigError listing each variable to set and how.
 * Empty strings count as unset, so a blank line in a .env file falls back to the default.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(envSchema.shape);
  const input: Record<string, string> = {};
  for (const key of known) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') input[key] = v.trim();
  }
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const teamsEnabled = Boolean(e.MICROSOFT_APP_ID);
  if (teamsEnabled && !e.MICROSOFT_APP_PASSWORD && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI')
    problems.push('MICROSOFT_APP_PASSWORD: set it to the Azure Bot client secret (MICROSOFT_APP_ID is set)');
  if (teamsEnabled && e.MICROSOFT_APP_TYPE === 'SingleTenant' && !e.MICROSOFT_APP_TENANT_ID)
    problems.push('MICROSOFT_APP_TENANT_ID: set it to your Entra tenant id (single-tenant bots need it)');
  // Allowed only where NODE_ENV says so explicitly: unset, "prod", "Production" or a typo start no open endpoint.
  if (e.TEAMS_LOCAL_NO_AUTH && !['development', 'test'].includes((env.NODE_ENV ?? '').trim().toLowerCase()))
    problems.push(
      `TEAMS_LOCAL_NO_AUTH: an unauthenticated Teams endpoint is allowed only with NODE_ENV=development or test (NODE_ENV is ${env.NODE_ENV?.trim() ? `"${env.NODE_ENV.trim()}"` : 'unset'}); unset it and set MICROSOFT_APP_ID`,
    );
  const slackEnabled = Boolean(e.SLACK_BOT_TOKEN);
  if (slackEnabled && !e.SLACK_SIGNING_SECRET && !e.SLACK_SOCKET_MODE)
    problems.push('SLACK_SIGNING_SECRET: set it from your Slack app\'s "Basic Information" page');
  if (e.SLACK_SOCKET_MODE && !e.SLACK_APP_TOKEN)
    problems.push('SLACK_APP_TOKEN: Socket Mode needs an xapp- app-level token');
  else if (e.SLACK_SOCKET_MODE && !e.SLACK_APP_TOKEN?.startsWith('xapp-'))
    problems.push(
      'SLACK_APP_TOKEN: Socket Mode needs the app-level token (xapp-...), not the bot token; create one with connections:write under Basic Information',
    );
  if (e.TEAMS_APP_CATALOG_ID && !e.TEAMS_LOCAL_NO_AUTH)
    for (const k of ['ENTRA_TENANT_ID', 'ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET'] as const)
      if (!e[k])
        problems.push(
          `${k}: required when TEAMS_APP_CATALOG_ID is set (the Entra app that installs numbot through Microsoft Graph)`,
        );
  if (e.PROVISIONING === 'entra') {
    for (const k of ['ENTRA_TENANT_ID', 'ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET'] as const)
      if (!e[k]) problems.push(`${k}: required when PROVISIONING=entra`);
    if (Object.keys(e.ENTRA_GROUPS).length === 0)
      problems.push('ENTRA_GROUPS: map each product to its Entra group id, e.g. {"AutoCAD":"<group-id>"}');
  }
  watchSettings(e, problems);
  if (e.PROVISIONING === 'autodesk') {
    for (const k of ['AUTODESK_CLIENT_ID', 'AUTODESK_CLIENT_SECRET', 'AUTODESK_TOKEN_KEY', 'PUBLIC_URL'] as const)
      if (!e[k])
        problems.push(`${k}: required when PROVISIONING=autodesk (see docs/OPERATIONS.md, "Autodesk Team Admin API")`);
  }
  if (e.AUTODESK_TOKEN_KEY_PREVIOUS && e.AUTODESK_TOKEN_KEY_PREVIOUS === e.AUTODESK_TOKEN_KEY)
    problems.push('AUTODESK_TOKEN_KEY_PREVIOUS: the previous key must differ from AUTODESK_TOKEN_KEY');
  // A real platform (TEAMS_LOCAL_NO_AUTH is local use only, refused outside development and test).
  const beside = e.PLAYGROUND === 'on' && (teamsEnabled || slackEnabled);
  if (beside && !e.PLAYGROUND_MIGRATION_ID)
    problems.push(
      'PLAYGROUND_MIGRATION_ID: PLAYGROUND=on beside Teams or Slack needs a separate migration for the playground (its sample people must never reach the real store or platform); set it, e.g. PLAYGROUND_MIGRATION_ID=playground, or set PLAYGROUND=off',
    );
  else if (beside && e.PLAYGROUND_MIGRATION_ID === e.MIGRATION_ID)
    problems.push(`PLAYGROUND_MIGRATION_ID: must differ from MIGRATION_ID ("${e.MIGRATION_ID}"), the real migration`);
  const redis = redisSettings(e, problems);
  if (problems.length) throw new ConfigError(problems);
  const playgroundAlone = e.PLAYGROUND !== 'off' && !teamsEnabled && !slackEnabled && !e.TEAMS_LOCAL_NO_AUTH;
  return {
    ...e,
    ADMIN_EMAILS: e.ADMIN_EMAILS.map((x) => x.toLowerCase()),
    HOST: e.HOST ?? (playgroundAlone ? '127.0.0.1' : '0.0.0.0'),
    PLAYGROUND_HOSTS: e.PLAYGROUND_HOSTS.map((h) => h.toLowerCase()),
    ...(beside ? { playgroundAlongside: { migrationId: e.PLAYGROUND_MIGRATION_ID!, port: e.PLAYGROUND_PORT } } : {}),
    http: {
      defaultMaxBodyBytes: e.HTTP_MAX_BODY_BYTES,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: Math.max(e.HTTP_REQUEST_TIMEOUT_MS, e.HTTP_HEADERS_TIMEOUT_MS),
      keepAliveTimeoutMs: e.HTTP_KEEPALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    embedded: !redis,
    ...(redis ? { redis } : {}),
    teamsEnabled,
    slackEnabled,
    playgroundEnabled:
      !beside && (e.PLAYGROUND === 'on' || (e.PLAYGROUND === 'auto' && !teamsEnabled && !slackEnabled)),
  };
}

/**
 * The configuration of the separate playground app that runs beside a real platform: its own migration (and so its
 * own keys in the store), its own port on loopback, no Teams and no Slack, so its sample people's cards can only ever
 * reach the playground's page.
 */
export function playgroundConfig(config: Config): Config | undefined {
  const beside = config.playgroundAlongside;
  if (!beside) return undefined;
  return {
    ...config,
    MIGRATION_ID: beside.migrationId,
    PORT: beside.port,
    HOST: '127.0.0.1',
    MICROSOFT_APP_ID: undefined,
    MICROSOFT_APP_PASSWORD: undefined,
    TEAMS_LOCAL_NO_AUTH: false,
    SLACK_BOT_TOKEN: undefined,
    SLACK_APP_TOKEN: undefined,
    SLACK_SOCKET_MODE: false,
    teamsEnabled: false,
    slackEnabled: false,
    playgroundEnabled: true,
    playgroundAlongside: undefined,
  };
}

/** The longest quiet window the step-5 rule can prove: the daily poll summaries keep a little more (poll-days.ts). */
export const MAX_QUIET_WINDOW_DAYS = 365;

/**
 * The licence-watch settings, together: the quiet window must fit in what is kept, and with a poll every N minutes
 * (`*\/N * * * *`, or hourly `M * * * *`) the window must hold MIN_QUIET_POLLS polls, or a server could never be ready.
 */
function watchSettings(e: Env, problems: string[]): void {
  if (e.QUIET_WINDOW_DAYS > MAX_QUIET_WINDOW_DAYS)
    problems.push(
      `QUIET_WINDOW_DAYS: at most ${MAX_QUIET_WINDOW_DAYS} days (daily poll summaries are kept a little longer); it is ${e.QUIET_WINDOW_DAYS}`,
    );
  const cron = e.LICENSE_POLL_CRON.trim().split(/\s+/);
  const every = /^\*\/(\d+)$/.exec(cron[0] ?? '');
  const minutes = every ? Number(every[1]) : /^\d+$/.test(cron[0] ?? '') && cron[1] === '*' ? 60 : undefined;
  if (cron.length !== 5 || minutes === undefined || cron.slice(2).some((f) => f !== '*') || minutes === 0) return;
  if (every && cron[1] !== '*') return;
  const polls = Math.floor((e.QUIET_WINDOW_DAYS * 1440) / minutes);
  if (polls < e.MIN_QUIET_POLLS)
    problems.push(
      `MIN_QUIET_POLLS: ${e.MIN_QUIET_POLLS} polls never fit in a ${e.QUIET_WINDOW_DAYS}-day window polled every ${minutes} minutes (LICENSE_POLL_CRON ${e.LICENSE_POLL_CRON}: ${polls} polls); lower it, poll more often or lengthen QUIET_WINDOW_DAYS`,
    );
}

const REDIS_TOPOLOGY_VARS = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const;

/** The Redis topology asked for: exactly one of the three variables, with the settings that go with it. */
function redisSettings(e: Env, problems: string[]): RedisSettings | undefined {
  const set = REDIS_TOPOLOGY_VARS.filter((k) => e[k] !== undefined);
  if (set.length > 1) {
    problems.push(
      `${set.join(', ')}: set only one of REDIS_URL (one server), REDIS_CLUSTER_NODES (a Redis Cluster) or REDIS_SENTINELS (Sentinel); they are ${set.length} now`,
    );
    return undefined;
  }
  const sentinelOnly = ['REDIS_SENTINEL_NAME', 'REDIS_SENTINEL_USERNAME', 'REDIS_SENTINEL_PASSWORD'] as const;
  if (!e.REDIS_SENTINELS)
    for (const k of sentinelOnly) if (e[k] !== undefined) problems.push(`${k}: only used with REDIS_SENTINELS`);
  if (e.REDIS_URL) {
    for (const k of ['REDIS_USERNAME', 'REDIS_PASSWORD'] as const)
      if (e[k] !== undefined)
        problems.push(`${k}: with REDIS_URL put the credentials in the URL (redis://user:password@host:6379)`);
    if (e.REDIS_TLS) problems.push('REDIS_TLS: with REDIS_URL use a rediss:// URL for TLS');
  }
  if (set.length === 0) {
    for (const k of ['REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_WAIT_REPLICAS'] as const)
      if (e[k] !== undefined) problems.push(`${k}: set REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS too`);
    return undefined;
  }
  const common = {
    ...(e.REDIS_USERNAME ? { username: e.REDIS_USERNAME } : {}),
    ...(e.REDIS_PASSWORD ? { password: e.REDIS_PASSWORD } : {}),
    tls: e.REDIS_TLS,
    waitTimeoutMs: e.REDIS_WAIT_TIMEOUT_MS,
  };
  if (e.REDIS_URL)
    return { topology: { kind: 'single', url: e.REDIS_URL }, ...common, waitReplicas: e.REDIS_WAIT_REPLICAS ?? 0 };
  // Cluster and Sentinel exist for high availability: an acknowledged write waits for one replica unless told not to.
  const waitReplicas = e.REDIS_WAIT_REPLICAS ?? 1;
  if (e.REDIS_CLUSTER_NODES)
    return { topology: { kind: 'cluster', nodes: e.REDIS_CLUSTER_NODES }, ...common, waitReplicas };
  if (!e.REDIS_SENTINEL_NAME) {
    problems.push('REDIS_SENTINEL_NAME: set it to the name the Sentinels monitor the primary under (e.g. mymaster)');
    return undefined;
  }
  return {
    topology: {
      kind: 'sentinel',
      sentinels: e.REDIS_SENTINELS!,
      name: e.REDIS_SENTINEL_NAME,
      ...(e.REDIS_SENTINEL_USERNAME ? { sentinelUsername: e.REDIS_SENTINEL_USERNAME } : {}),
      ...(e.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: e.REDIS_SENTINEL_PASSWORD } : {}),
    },
    ...common,
    waitReplicas,
  };
}

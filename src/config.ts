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
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
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

  PROVISIONING: z.enum(['csv', 'entra', 'simulator']).default('csv'),
  ENTRA_TENANT_ID: z.string().optional(),
  ENTRA_CLIENT_ID: z.string().optional(),
  ENTRA_CLIENT_SECRET: z.string().optional(),
  ENTRA_GROUPS: json(z.record(z.string(), z.string())).default({}),
  GRAPH_URL: z.url().default('https://graph.microsoft.com/v1.0/'),
  ENTRA_LOGIN_URL: z.url().default('https://login.microsoftonline.com/'),

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

  TEAMS_RATE_PER_SEC: z.coerce.number().positive().default(48),
  SLACK_RATE_PER_MIN: z.coerce.number().positive().default(60),
  DELIVERY_CONCURRENCY: z.coerce.number().int().positive().default(16),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().positive().default(6),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** True when no Redis is configured: state lives in this process only. */
  embedded: boolean;
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
  if (e.TEAMS_LOCAL_NO_AUTH && e.NODE_ENV === 'production')
    problems.push(
      'TEAMS_LOCAL_NO_AUTH: unauthenticated Teams endpoint is for local use only; unset it and set MICROSOFT_APP_ID',
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
  if (e.PROVISIONING === 'entra') {
    for (const k of ['ENTRA_TENANT_ID', 'ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET'] as const)
      if (!e[k]) problems.push(`${k}: required when PROVISIONING=entra`);
    if (Object.keys(e.ENTRA_GROUPS).length === 0)
      problems.push('ENTRA_GROUPS: map each product to its Entra group id, e.g. {"AutoCAD":"<group-id>"}');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    ...e,
    ADMIN_EMAILS: e.ADMIN_EMAILS.map((x) => x.toLowerCase()),
    embedded: !e.REDIS_URL,
    teamsEnabled,
    slackEnabled,
    playgroundEnabled: e.PLAYGROUND === 'on' || (e.PLAYGROUND === 'auto' && !teamsEnabled && !slackEnabled),
  };
}

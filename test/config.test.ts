import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, MAX_QUIET_WINDOW_DAYS } from '../src/config.ts';
import { MAX_POLL_DAYS } from '../src/domain/poll-days.ts';

describe('loadConfig', () => {
  it('runs on embedded defaults with no variables at all: memory state and the playground', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3978,
      embedded: true,
      teamsEnabled: false,
      slackEnabled: false,
      playgroundEnabled: true,
      MIGRATION_ID: 'default',
    });
  });
  it('treats blank values as unset and lower-cases admin e-mails', () => {
    const c = loadConfig({ PORT: '  ', ADMIN_EMAILS: 'Ann@X.org, bob@x.org ,' });
    expect(c.PORT).toBe(3978);
    expect(c.ADMIN_EMAILS).toEqual(['ann@x.org', 'bob@x.org']);
  });
  it('names the variable to fix and how', () => {
    const attempt = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
    };
    expect(attempt({ PORT: 'eighty' })).toMatch(/PORT/);
    expect(attempt({ REDIS_URL: 'http://x' })).toMatch(/REDIS_URL/);
    expect(attempt({ MICROSOFT_APP_ID: 'abc' })).toMatch(/MICROSOFT_APP_PASSWORD/);
    expect(attempt({ MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'p' })).toMatch(/MICROSOFT_APP_TENANT_ID/);
    expect(attempt({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/SLACK_SIGNING_SECRET/);
    expect(attempt({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SOCKET_MODE: 'true' })).toMatch(/SLACK_APP_TOKEN/);
    expect(attempt({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SOCKET_MODE: 'true', SLACK_APP_TOKEN: 'xoxb-1' })).toMatch(
      /SLACK_APP_TOKEN: .*xapp-/,
    );
    expect(attempt({ PROVISIONING: 'entra' })).toMatch(/ENTRA_TENANT_ID[\s\S]*ENTRA_GROUPS/);
    expect(attempt({ LICENSE_SERVERS: '[{"id":"lic01"}]' })).toMatch(/LICENSE_SERVERS/);
    expect(attempt({ ENTRA_GROUPS: '{not json' })).toMatch(/ENTRA_GROUPS: not valid JSON/);
    expect(attempt({ SUMMARY_TIME: '25:00' })).toMatch(/SUMMARY_TIME/);
    expect(attempt({ HOLIDAYS: '2026-12-25,someday' })).toMatch(/HOLIDAYS/);
  });
  it('checks the licence-watch settings together: a window that cannot hold MIN_QUIET_POLLS, or is too long', () => {
    expect(() => loadConfig({ QUIET_WINDOW_DAYS: '90' })).not.toThrow();
    expect(() => loadConfig({ QUIET_WINDOW_DAYS: '0.1', MIN_QUIET_POLLS: '20' })).toThrow(
      /MIN_QUIET_POLLS: 20 polls never fit in a 0.1-day window polled every 15 minutes \(LICENSE_POLL_CRON \*\/15 \* \* \* \*: 9 polls\)/,
    );
    expect(() => loadConfig({ QUIET_WINDOW_DAYS: '0.5', LICENSE_POLL_CRON: '5 * * * *' })).toThrow(/every 60 minutes/);
    // A schedule not of these simple forms is not second-guessed.
    expect(() => loadConfig({ QUIET_WINDOW_DAYS: '0.1', LICENSE_POLL_CRON: '0 9 * * 1-5' })).not.toThrow();
    expect(() => loadConfig({ QUIET_WINDOW_DAYS: '400' })).toThrow(/QUIET_WINDOW_DAYS: at most 365 days/);
    expect(MAX_POLL_DAYS).toBeGreaterThan(MAX_QUIET_WINDOW_DAYS);
  });

  it('turns platforms on from their credentials and the playground off with them', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(c).toMatchObject({ slackEnabled: true, teamsEnabled: false, playgroundEnabled: false, embedded: false });
    // PLAYGROUND=on beside a platform runs a separate playground app (test/playground/playground-safety.test.ts).
    const beside = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      PLAYGROUND: 'on',
      PLAYGROUND_MIGRATION_ID: 'sandbox',
    });
    expect(beside).toMatchObject({ playgroundEnabled: false, playgroundAlongside: { migrationId: 'sandbox' } });
  });
  it('parses licence servers and holidays', () => {
    const c = loadConfig({
      LICENSE_SERVERS: '[{"id":"lic01","address":"27000@lic01"}]',
      HOLIDAYS: '2026-12-25,2027-01-01',
    });
    expect(c.LICENSE_SERVERS).toEqual([{ id: 'lic01', address: '27000@lic01' }]);
    expect(c.HOLIDAYS).toEqual(['2026-12-25', '2027-01-01']);
  });
});

// Slack user objects for the fake Web API, shaped as users.list and users.info return them.

export interface SlackMember {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  is_bot: boolean;
  /** A guest (multi-channel); `is_ultra_restricted` for a single-channel guest. */
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  real_name?: string;
  tz?: string;
  tz_offset?: number;
  /** Only returned when the caller asks for include_locale. */
  locale?: string;
  profile: { email?: string; real_name?: string; display_name?: string };
}

export const FAKE_TEAM_ID = 'T0FAKE';

export function member(id: string, email: string | undefined, extra: Partial<SlackMember> = {}): SlackMember {
  const name = email?.split('@')[0] ?? id.toLowerCase();
  return {
    id,
    team_id: FAKE_TEAM_ID,
    name,
    deleted: false,
    is_bot: false,
    real_name: name,
    tz: 'Europe/Brussels',
    tz_offset: 3600,
    locale: 'en-US',
    ...extra,
    profile: { ...(email ? { email } : {}), real_name: name, display_name: name, ...extra.profile },
  };
}

/** The user id the directory generator gives the n-th person (U + 8 digits). */
export const userIdFor = (n: number) => `U${String(n).padStart(8, '0')}`;

/** The e-mail the directory generator gives the n-th person. */
export const emailFor = (n: number, domain = 'example.org') => `user${n}@${domain}`;

/**
 * A workspace of `people` humans (user0@… onwards, mixed-case e-mails so matching must normalise), plus Slackbot,
 * `bots` bot users and `deleted` deactivated accounts, interleaved the way a real directory lists them.
 */
export function makeDirectory(
  people: number,
  opts: { bots?: number; deleted?: number; domain?: string } = {},
): SlackMember[] {
  const out: SlackMember[] = [member('USLACKBOT', undefined, { name: 'slackbot', real_name: 'Slackbot' })];
  const bots = opts.bots ?? 0;
  const deleted = opts.deleted ?? 0;
  for (let i = 0; i < people; i++) {
    const email = emailFor(i, opts.domain);
    out.push(
      member(userIdFor(i), i % 7 === 0 ? email.toUpperCase() : email, { locale: i % 3 === 0 ? 'fr-FR' : 'en-US' }),
    );
    if (i < bots) out.push(member(`UBOT${i}`, undefined, { is_bot: true, name: `bot${i}` }));
    if (i < deleted) out.push(member(`UDEL${i}`, `gone${i}@${opts.domain ?? 'example.org'}`, { deleted: true }));
  }
  return out;
}

// `connect autodesk` (sign in as a team administrator; the bot then acts with that authorisation), `connect autodesk
// team <id>` (choose the team), `disconnect autodesk` (revoke and forget). PROVISIONING=autodesk only.
import { z } from 'zod';
import { formatDateTime } from '../../cards/format.ts';
import type { AutodeskLink } from '../../ports/autodesk-link.ts';
import { STATE_TTL_MS } from '../../autodesk/team-admin/autodesk-link.ts';
import { fullName } from '../../domain/person.ts';
import { keyword } from '../args.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';
import { autodeskWhy } from '../../replies/autodesk-why.ts';

const teamId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'not a team id' });

function unavailable(env: CommandEnv, titleKey: string) {
  const { locale } = env.caller;
  return answer(messageCard(locale, say(locale, titleKey), say(locale, 'connect_unavailable'), { style: 'warning' }));
}

const teamList = (teams: { id: string; name: string }[]) => teams.map((t) => `${t.name} (${t.id})`).join(', ') || '-';

async function chooseTeam(env: CommandEnv, link: AutodeskLink, id: string) {
  const { locale } = env.caller;
  const title = say(locale, 'connect_title');
  const status = await link.status();
  if (!status.connected)
    return answer(messageCard(locale, title, say(locale, 'connect_not_connected'), { style: 'warning' }));
  if (status.teamFixed)
    return answer(
      messageCard(locale, title, say(locale, 'connect_team_fixed', { team: status.team?.id ?? '' }), {
        style: 'warning',
      }),
    );
  try {
    const team = await link.chooseTeam(id);
    if (team) {
      await env.ctx.store.appendAudit({
        at: env.now,
        actor: env.caller.audit.id,
        source: env.caller.audit.source,
        action: 'autodesk.team',
        detail: `team:${team.id}`,
      });
      return answer(
        messageCard(locale, title, say(locale, 'connect_team_set', { team: team.name }), { style: 'good' }),
      );
    }
    const teams = await link.teams();
    return answer(
      messageCard(locale, title, say(locale, 'connect_team_unknown', { team: id, teams: teamList(teams) }), {
        style: 'warning',
      }),
    );
  } catch (e) {
    return answer(
      messageCard(locale, title, say(locale, 'connect_failed', { reason: autodeskWhy(locale, e) }), {
        style: 'warning',
      }),
    );
  }
}

export const connect = defineCommand({
  name: 'connect',
  access: 'admin',
  usage: 'connect autodesk · connect autodesk team <id>',
  summaryKey: 'cmd_connect',
  args: z.union([
    z.tuple([keyword('autodesk')]).transform(() => ({ team: undefined as string | undefined })),
    z.tuple([keyword('autodesk'), keyword('team'), teamId]).transform(([, , team]) => ({ team })),
  ]),
  async run(env, args) {
    const link = env.ctx.autodesk;
    if (!link) return unavailable(env, 'connect_title');
    if (args.team) return chooseTeam(env, link, args.team);
    const { locale, timeZone } = env.caller;
    const parts: string[] = [];
    const status = await link.status();
    if (status.connected) {
      const who = await env.ctx.store.getPerson(status.adminId);
      parts.push(
        say(locale, 'connect_status', {
          admin: who ? fullName(who) : status.adminId,
          date: formatDateTime(status.connectedAt, locale, timeZone),
          team: status.team?.name ?? say(locale, 'connect_no_team'),
        }),
      );
      if (status.health === 'expiring') parts.push(say(locale, 'connect_expiring'));
      if (status.health === 'refused') parts.push(say(locale, 'connect_refused'));
      if (!status.team && status.health !== 'refused') {
        try {
          parts.push(`${say(locale, 'connect_choose')} ${teamList(await link.teams())}`);
        } catch (e) {
          parts.push(say(locale, 'connect_failed', { reason: autodeskWhy(locale, e) }));
        }
      }
    }
    const { url } = await link.startSignIn(env.caller.audit.id, locale);
    parts.push(say(locale, 'connect_signin', { minutes: Math.round(STATE_TTL_MS / 60_000) }));
    await env.ctx.store.appendAudit({
      at: env.now,
      actor: env.caller.audit.id,
      source: env.caller.audit.source,
      action: 'autodesk.signin_started',
    });
    return answer(
      messageCard(locale, say(locale, 'connect_title'), parts.join('\n\n'), {
        link: { title: say(locale, 'connect_button'), url },
      }),
    );
  },
});

export const disconnect = defineCommand({
  name: 'disconnect',
  access: 'admin',
  usage: 'disconnect autodesk',
  summaryKey: 'cmd_disconnect',
  args: z.tuple([keyword('autodesk')]).transform(() => ({})),
  async run(env) {
    const link = env.ctx.autodesk;
    if (!link) return unavailable(env, 'disconnect_title');
    const { locale } = env.caller;
    const title = say(locale, 'disconnect_title');
    const r = await link.disconnect();
    if (!r) return answer(messageCard(locale, title, say(locale, 'disconnect_none')));
    await env.ctx.store.appendAudit({
      at: env.now,
      actor: env.caller.audit.id,
      source: env.caller.audit.source,
      action: 'autodesk.disconnected',
      detail: r.revoked ? 'revoked' : 'revoke-unconfirmed',
    });
    return answer(
      messageCard(locale, title, say(locale, r.revoked ? 'disconnect_done' : 'disconnect_unconfirmed'), {
        style: r.revoked ? 'good' : 'warning',
      }),
    );
  },
});

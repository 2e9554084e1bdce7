// The admins' "this licence server may be switched off" card, with the step-5 commands for it.
import type { ServerReadyData } from '../cards/types.ts';
import type { OutboundCard } from '../ports/chat-channel.ts';
import type { Config } from '../config.ts';
import type { DecommissionReadiness } from '../domain/decommission.ts';
import { decommissionGuide } from '../licensing/decommission-guide.ts';

const MAX_COMMANDS = 20;

/** `27000@lic01.example.org` → `lic01.example.org`; a triad lists its three hosts. */
export function hostOf(address: string): string {
  const hosts = address
    .split(',')
    .map((a) => a.trim().slice(a.trim().indexOf('@') + 1))
    .filter(Boolean);
  return hosts.length ? hosts.join(', ') : address;
}

/** The commands to show, in order; a plain lmdown when the address is not one the guide can quote safely. */
export function switchOffCommands(address: string): string[] {
  try {
    return decommissionGuide({ address })
      .flatMap((s) => s.commands.map((c) => c.text))
      .slice(0, MAX_COMMANDS);
  } catch {
    return [`lmutil lmdown -c <port@host of ${hostOf(address)}> -q`];
  }
}

/** `plannedOffAt`: the switch-off the admins planned (`servers plan`), shown when given. */
export function serverReadyCard(
  server: { id: string; address: string },
  readiness: DecommissionReadiness,
  config: Pick<Config, 'QUIET_WINDOW_DAYS' | 'DEFAULT_LOCALE' | 'DEFAULT_TIMEZONE'>,
  plannedOffAt?: number,
): OutboundCard {
  const data: ServerReadyData = {
    cardId: `server-ready:${server.id}`,
    server: { id: server.id, host: hostOf(server.address) },
    quietSince: readiness.windowStart,
    quietDays: Math.max(0, Math.floor(config.QUIET_WINDOW_DAYS)),
    commands: switchOffCommands(server.address),
    timeZone: config.DEFAULT_TIMEZONE,
  };
  if (readiness.lastUsedAt !== undefined) data.lastUseAt = readiness.lastUsedAt;
  if (plannedOffAt !== undefined) data.plannedOffAt = plannedOffAt;
  return { name: 'server-ready', data, locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIMEZONE };
}

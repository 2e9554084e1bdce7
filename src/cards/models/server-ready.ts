// Step 5: a licence server nobody uses any more, with the exact commands to switch it off.
import { z } from 'zod';
import { count, epochMs, text, timeZone, cardModel } from './common.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { t, tp } from '../i18n.ts';

export const serverReadySchema = z.object({
  cardId: text,
  server: z.object({ id: text, host: text }),
  /** Start of the quiet window: no checkout since then. */
  quietSince: epochMs,
  quietDays: count,
  lastUseAt: epochMs.optional(),
  /** When the admins plan to switch it off (`servers plan`), if they said. */
  plannedOffAt: epochMs.optional(),
  /** The commands to run, in order (e.g. `lmutil lmdown -c 27000@lic01 -q`). */
  commands: z.array(text).min(1).max(20),
  timeZone,
});

export const serverReadyCard = cardModel(serverReadySchema, (d, locale) => ({
  vars: { host: d.server.host, date: formatDate(d.quietSince, locale, d.timeZone) },
  fields: {
    cardId: d.cardId,
    serverId: d.server.id,
    host: d.server.host,
    quietText: tp(locale, 'server_quiet', d.quietDays),
    lastUse:
      d.lastUseAt === undefined ? t(locale, 'server_never_used') : formatDateTime(d.lastUseAt, locale, d.timeZone),
    plannedOff: d.plannedOffAt === undefined ? '' : formatDateTime(d.plannedOffAt, locale, d.timeZone),
    commands: d.commands.map((line) => ({ line })),
  },
}));

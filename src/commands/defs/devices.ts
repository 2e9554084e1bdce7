// `devices`: fleet reports the bot could not map to a person; `devices assign <device> <email>` applies one to that
// person; `devices rotate-token` replaces the fleet token every handed-out script carries (earlier ones stop working).
import { z } from 'zod';
import { loadCatalogue } from '../../licensing/product-keys-data.ts';
import { rotateFleetToken } from '../../device-reports/fleet-token.ts';
import { recordDeviceReport } from '../../device-reports/record-device-report.ts';
import { keepUnmapped, listUnmapped, takeUnmapped } from '../../device-reports/unmapped-devices.ts';
import { formatDateTime } from '../../cards/format.ts';
import { email, keyword } from '../args.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

const device = z.string().regex(/^[^\s]{1,255}$/, { error: 'not a device name' });
type DevicesArgs = { op: 'list' } | { op: 'assign'; device: string; id: string } | { op: 'rotate' };
const SHOWN = 50;

async function list({ ctx, caller }: CommandEnv) {
  const { locale, timeZone } = caller;
  const all = await listUnmapped(ctx.store);
  const facts = all.slice(-SHOWN).map((d) => ({
    title: d.device,
    value: say(locale, 'devices_line', { user: d.user ?? '-', when: formatDateTime(d.at, locale, timeZone) }),
  }));
  const text = all.length ? say(locale, 'devices_text', { count: all.length }) : say(locale, 'devices_none');
  return answer(messageCard(locale, say(locale, 'devices_title'), text, { facts }));
}

async function assign({ ctx, caller, now }: CommandEnv, name: string, id: string) {
  const { locale } = caller;
  const title = say(locale, 'devices_title');
  const entry = await takeUnmapped(ctx.store, name);
  if (!entry)
    return answer(messageCard(locale, title, say(locale, 'devices_unknown', { device: name }), { style: 'warning' }));
  const r = await recordDeviceReport(ctx.store, id, entry.report, loadCatalogue(), now);
  if (!r.ok) {
    await keepUnmapped(ctx.store, entry.report, entry.at);
    return answer(messageCard(locale, title, say(locale, 'devices_not_applied', { email: id }), { style: 'warning' }));
  }
  await ctx.store.appendAudit({
    at: now,
    actor: caller.audit.id,
    source: caller.audit.source,
    action: 'devices.assign',
    person: id,
    detail: `device=${entry.device}`,
  });
  return answer(
    messageCard(locale, title, say(locale, 'devices_assigned', { device: entry.device, email: id }), { style: 'good' }),
  );
}

async function rotate({ ctx, caller, now }: CommandEnv) {
  const { locale } = caller;
  const title = say(locale, 'devices_title');
  const secret = ctx.config.DEVICE_TOKEN_SECRET;
  if (!secret) return answer(messageCard(locale, title, say(locale, 'devices_no_secret'), { style: 'warning' }));
  await rotateFleetToken(ctx.store, secret, now);
  await ctx.store.appendAudit({ at: now, actor: caller.audit.id, source: caller.audit.source, action: 'fleet.rotate' });
  return answer(messageCard(locale, title, say(locale, 'devices_rotated'), { style: 'good' }));
}

export const devices = defineCommand({
  name: 'devices',
  access: 'admin',
  usage: 'devices [assign <device> <email> | rotate-token]',
  summaryKey: 'cmd_devices',
  args: z.union([
    z.tuple([]).transform((): DevicesArgs => ({ op: 'list' })),
    z.tuple([keyword('rotate-token')]).transform((): DevicesArgs => ({ op: 'rotate' })),
    z
      .tuple([keyword('assign'), device, email])
      .transform(([, d, id]): DevicesArgs => ({ op: 'assign', device: d, id })),
  ]),
  async run(env, args) {
    if (args.op === 'list') return list(env);
    return args.op === 'rotate' ? rotate(env) : assign(env, args.device, args.id);
  },
});

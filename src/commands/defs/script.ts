// `script <windows|macos|linux> [product…]`: the step-3b script as a file (every installed product when none is named).
// An admin's script is for the fleet (it reports with the migration's fleet token, the signed-in user naming the
// person); anyone else's is for their own computer and reports with a token of their own, whoever is signed in.
import { z } from 'zod';
import { resolveProductQuery } from '../../licensing/product-catalogue.ts';
import { switchTarget, targetLabel } from '../../licensing/switch-target.ts';
import { loadCatalogue } from '../../licensing/product-keys-data.ts';
import { generateSwitchScript, type SwitchTarget } from '../../licensing/switch-script.ts';
import { issueDeviceToken } from '../../device-reports/device-token.ts';
import { currentFleetToken } from '../../device-reports/fleet-token.ts';
import { keyword } from '../args.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

const FILE = {
  windows: 'switch-to-named-user.ps1',
  macos: 'switch-to-named-user.sh',
  linux: 'switch-to-named-user-linux.sh',
} as const;
const RUN = { windows: 'script_run_windows', macos: 'script_run_macos', linux: 'script_run_linux' } as const;
const RUN_OWN = {
  windows: 'script_run_own_windows',
  macos: 'script_run_own_macos',
  linux: 'script_run_own_linux',
} as const;

export const script = defineCommand({
  name: 'script',
  access: 'self',
  usage: 'script <windows|macos|linux> ["product year"…]',
  summaryKey: 'cmd_script',
  args: z
    .tuple([keyword('windows', 'macos', 'linux')], z.string().min(1).max(120))
    .transform(([os, ...products]) => ({ os, products: products.slice(0, 50) })),
  async run({ ctx, caller, now }, { os, products: wanted }) {
    const { locale } = caller;
    const title = say(locale, 'script_title');
    let products: SwitchTarget[] | 'all-installed' = 'all-installed';
    if (wanted.length) {
      const catalogue = loadCatalogue();
      products = [];
      const problems: string[] = [];
      for (const q of wanted) {
        const found = resolveProductQuery(catalogue, q);
        if (!found.ok) problems.push(found.message);
        else products.push(switchTarget(found));
      }
      if (problems.length) return answer(messageCard(locale, title, problems.join('\n'), { style: 'warning' }));
    }
    // With a public URL and the device secret, every script handed out reports back: an admin's with the fleet
    // token, a person's with their own (access 'self': a caller who is not an admin is in the roster).
    const { PUBLIC_URL, DEVICE_TOKEN_SECRET } = ctx.config;
    const own = !caller.isAdmin;
    const reports = Boolean(PUBLIC_URL && DEVICE_TOKEN_SECRET);
    const report =
      PUBLIC_URL && DEVICE_TOKEN_SECRET
        ? {
            reportUrl: PUBLIC_URL,
            deviceToken: own
              ? issueDeviceToken(caller.person!.id, DEVICE_TOKEN_SECRET)
              : await currentFleetToken(ctx.store, DEVICE_TOKEN_SECRET),
          }
        : {};
    const content = generateSwitchScript({ os, products, ...report });
    const name = FILE[os];
    await ctx.store.appendAudit({
      at: now,
      actor: caller.audit.id,
      source: caller.audit.source,
      action: 'script',
      detail: `${os} products=${wanted.length || 'all'} for=${own ? 'self' : 'fleet'} report=${reports ? 'yes' : 'no'}`,
    });
    const which =
      products === 'all-installed'
        ? say(locale, 'script_all')
        : products.map((p) => targetLabel(p, say(locale, 'script_every_release', { product: p.name }))).join(', ');
    const run = own
      ? [say(locale, RUN_OWN[os], { file: name }), ...(reports ? [say(locale, 'script_reports_for_you')] : [])].join(
          ' ',
        )
      : say(locale, RUN[os], { file: name });
    return answer(
      messageCard(locale, title, `${say(locale, 'script_text', { products: which })}\n\n${run}`, { style: 'good' }),
      {
        files: [{ name, content, mimeType: 'text/plain' }],
      },
    );
  },
});

// Step 3b: a script that switches one device's products to named-user licensing, and how to run it.
import { escapeMarkdown } from '../markdown-escape.ts';
import { z } from 'zod';
import { httpUrl, text, cardModel } from './common.ts';
import { t } from '../i18n.ts';
import { joinNames } from '../truncate.ts';

const OS_KEYS = { windows: 'device_os_windows', macos: 'device_os_macos', linux: 'device_os_linux' } as const;

export const deviceScriptSchema = z.object({
  cardId: text,
  device: z.object({ id: text, name: text, os: z.enum(['windows', 'macos', 'linux']) }),
  person: z.object({ id: text, name: text }).optional(),
  /** Products the script switches, e.g. "AutoCAD 2025". */
  products: z.array(text).min(1),
  script: z.object({
    // Shown inside a shell command, so only characters that need no quoting.
    fileName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, ".", "_" and "-" only'),
    url: httpUrl.optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/i, '64 hexadecimal digits')
      .optional(),
  }),
});

export const deviceScriptCard = cardModel(deviceScriptSchema, (d, locale) => {
  const file = d.script.fileName;
  const windows = d.device.os === 'windows';
  return {
    vars: {
      device: d.device.name,
      os: t(locale, OS_KEYS[d.device.os]),
      name: d.person?.name ?? '',
      file,
      sha256: d.script.sha256 ?? '',
    },
    fields: {
      cardId: d.cardId,
      deviceId: d.device.id,
      personId: d.person?.id ?? '',
      hasPerson: d.person !== undefined,
      productsText: joinNames(d.products.map(escapeMarkdown), locale, ''),
      runText: t(locale, windows ? 'device_run_windows' : 'device_run_unix', { file }),
      command: windows ? `powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\${file}` : `sudo bash ./${file}`,
      hasUrl: d.script.url !== undefined,
      url: d.script.url ?? '',
      hasChecksum: d.script.sha256 !== undefined,
    },
  };
});

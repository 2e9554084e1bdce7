// `numbot card <name>`: prints a card as Teams or Slack would receive it, from sample data or a JSON file.
import {
  CARD_NAMES,
  CardError,
  PLATFORMS,
  SUPPORTED_LOCALES,
  isCardName,
  isLocale,
  renderCard,
  sampleData,
} from '../cards/index.ts';
import type { Platform } from '../cards/index.ts';
import type { CliIo } from './io.ts';

const USAGE = `Usage: numbot card <name> [--locale ${SUPPORTED_LOCALES.join('|')}] [--platform ${PLATFORMS.join('|')}] [--data <file.json>|-]

Prints the rendered card as JSON: an Adaptive Card for Teams, Block Kit for Slack.
Without --data, the card's built-in sample data is used.

Cards: ${CARD_NAMES.join(', ')}`;

interface Options {
  name?: string;
  locale: string;
  platform: string;
  data?: string;
}

function parse(args: string[]): Options | string {
  const opts: Options = { locale: 'en', platform: 'teams' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (flag === '--locale' || flag === '--platform' || flag === '--data') {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return `${flag} needs a value`;
      opts[flag.slice(2) as 'locale' | 'platform' | 'data'] = value;
    } else if (arg.startsWith('-') && arg !== '-') return `unknown option "${arg}"`;
    else if (opts.name === undefined) opts.name = arg;
    else return `unexpected argument "${arg}"`;
  }
  return opts;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const opts = parse(args);
  const fail = (message: string) => {
    io.err(`numbot card: ${message}`);
    return 2;
  };
  if (typeof opts === 'string') return fail(`${opts}\n\n${USAGE}`);
  if (opts.name === undefined) return fail(`which card? One of: ${CARD_NAMES.join(', ')}`);
  if (!isCardName(opts.name)) return fail(`unknown card "${opts.name}". Cards: ${CARD_NAMES.join(', ')}`);
  if (!isLocale(opts.locale)) return fail(`unknown locale "${opts.locale}". Locales: ${SUPPORTED_LOCALES.join(', ')}`);
  if (!(PLATFORMS as readonly string[]).includes(opts.platform))
    return fail(`unknown platform "${opts.platform}". Platforms: ${PLATFORMS.join(', ')}`);

  let data: unknown = sampleData(opts.name);
  if (opts.data !== undefined) {
    let raw: Buffer;
    try {
      raw = await io.readInput(opts.data);
    } catch (err) {
      return fail(`cannot read ${opts.data}: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      data = JSON.parse(raw.toString('utf8'));
    } catch {
      return fail(`${opts.data} is not valid JSON`);
    }
  }
  try {
    io.out(JSON.stringify(renderCard(opts.name, data, opts.locale, opts.platform as Platform), null, 2));
    return 0;
  } catch (err) {
    if (err instanceof CardError && err.code === 'INVALID_DATA') return fail(err.message);
    throw err;
  }
}

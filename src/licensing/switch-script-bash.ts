// Parts the macOS and Linux (bash) switch scripts share. Values reach them only through shQuote, after validation.
// Both scripts define HELPER and list_fields (one `list` entry a line, fields separated by $US) before BASH_START and
// BASH_READ_INSTALLED, and AFTER (the helper's `list` after the switch) before the report block.
import { shQuote } from './script-quote.ts';
import type { ValidScriptInput } from './switch-script-types.ts';

/** The field separator and the shapes of a product key and version, set before any value is read. */
export const BASH_PATTERNS = ["US=$'\\x1f'", "KEY_RE='^[0-9A-Z]{5}$'", "VER_RE='^[0-9]{4}[.]0[.]0[.]F$'"];

/** The counters, `log`, and the checks before anything is touched: the helper is there and the script runs as root. */
export const BASH_START = [
  'switched=0',
  'failed=0',
  'log() { printf \'[numbot] %s\\n\' "$*"; }',
  '',
  'if [ ! -x "$HELPER" ]; then log "AdskLicensingInstHelper not found at $HELPER: install or update Autodesk Licensing first"; exit 2; fi',
  'if [ "$(id -u)" -ne 0 ]; then log \'run this script with sudo: the licensing helper needs root\'; exit 2; fi',
];

/** INSTALLED from the helper's `list`, through the script's own `list_fields`. */
export const BASH_READ_INSTALLED = [
  'LIST_JSON="$("$HELPER" list)" || { log \'AdskLicensingInstHelper list failed\'; exit 1; }',
  'INSTALLED="$(list_fields "$LIST_JSON")" || { log \'could not read the product list\'; exit 1; }',
  'log "installed Autodesk products: $(printf \'%s\' "$INSTALLED" | grep -c .)"',
];

/** Calls switch_one for every installed product, or for the products asked for where installed. */
export function bashTargetsBlock(input: ValidScriptInput): string[] {
  if (input.products === 'all-installed')
    return [
      '# Every product the helper lists.',
      'while IFS=$US read -r fid key ver sel method; do',
      '  [ -n "$key" ] && switch_one "$key" "$ver" "$fid" "$method"',
      'done <<< "$INSTALLED"',
    ];
  const names = input.products.map((p) => shQuote(p.name)).join(' ');
  const keys = input.products.map((p) => shQuote([p.key, ...(p.alternates ?? [])].join(' '))).join(' ');
  const versions = input.products.map((p) => shQuote(p.version)).join(' ');
  return [
    '# The products asked for, where installed (matched on any of their keys and the exact version).',
    `WANT_NAMES=(${names})`,
    `WANT_KEYS=(${keys})`,
    `WANT_VERS=(${versions})`,
    'i=0',
    'while [ "$i" -lt "${#WANT_NAMES[@]}" ]; do',
    '  found=0',
    '  while IFS=$US read -r fid key ver sel method; do',
    '    [ "$ver" = "${WANT_VERS[$i]}" ] || continue',
    '    for k in ${WANT_KEYS[$i]}; do',
    '      if [ "$k" = "$key" ] || [ "$k" = "$sel" ]; then found=1; switch_one "$key" "$ver" "${WANT_NAMES[$i]}" "$method"; break; fi',
    '    done',
    '  done <<< "$INSTALLED"',
    '  [ "$found" = 1 ] || log "${WANT_NAMES[$i]} is not installed: skipped"',
    '  i=$((i + 1))',
    'done',
  ];
}

/**
 * POSTs the report to <url>/api/devices/report when the input asks for it. `bodyCommand` prints the JSON body
 * ({ hostname, user, products }) from $AFTER; `device` names the machine in the comment ("this Mac").
 */
export function bashReportBlock(input: ValidScriptInput, device: string, bodyCommand: string): string[] {
  if (!input.report) return [];
  return [
    '',
    `# Tell the migration bot what ${device} now runs. The token goes through a private curl config file,`,
    '# so it never appears in the process list.',
    `REPORT_URL=${shQuote(`${input.report.url}/api/devices/report`)}`,
    `DEVICE_TOKEN=${shQuote(input.report.token)}`,
    'CURL_CONFIG="$(mktemp)" || exit 1',
    'trap \'rm -f "$CURL_CONFIG"\' EXIT',
    'chmod 600 "$CURL_CONFIG"',
    'printf \'header = "Authorization: Bearer %s"\\n\' "$DEVICE_TOKEN" > "$CURL_CONFIG"',
    `BODY="$(${bodyCommand})"`,
    'if printf \'%s\' "$BODY" | curl -fsS -K "$CURL_CONFIG" -X POST -H \'Content-Type: application/json\' --data-binary @- "$REPORT_URL" > /dev/null; then',
    "  log 'reported the result to the migration bot'",
    'else',
    "  log 'could not report the result'",
    '  failed=$((failed + 1))',
    'fi',
  ];
}

/**
 * The bash `switch_one key ver name method` function: checks the values, skips products already on named-user
 * licensing, runs `before` (per-OS clean-up), switches the product, counts it, and removes its LICPATH.lic (a network
 * leftover) from `licensingData` (a bash expression for the licensing service's data folder).
 */
export function bashSwitchOne(licensingData: string, before: string[] = []): string[] {
  return [
    'switch_one() {',
    '  local key="$1" ver="$2" name="$3" method="$4"',
    '  if ! [[ $key =~ $KEY_RE && $ver =~ $VER_RE ]]; then log "skipped $name: unexpected key or version"; return; fi',
    '  if [ "$method" = 4 ]; then log "$name ($key $ver) already uses named-user licensing"; return; fi',
    ...before,
    '  if "$HELPER" change -pk "$key" -pv "$ver" -lm USER < /dev/null; then',
    '    switched=$((switched + 1))',
    '    log "switched $name ($key $ver) to named-user licensing"',
    '    # The per-product pointer to the licence server is a network leftover.',
    `    local licpath="${licensingData}/\${key}_\${ver}/LICPATH.lic"`,
    '    if [ -f "$licpath" ]; then rm -f "$licpath" && log "removed $licpath"; fi',
    '  else',
    '    failed=$((failed + 1))',
    '    log "could not switch $name ($key $ver)"',
    '  fi',
    '}',
  ];
}

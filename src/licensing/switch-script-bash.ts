// Parts the macOS and Linux (bash) switch scripts share. Values reach them only through shQuote, after validation.
// Each script defines HELPER, list_fields (one `list` entry a line, fields separated by $US) and report_body (the JSON
// the bot receives, from hostname, user, status, the hand-switch list and $AFTER) before these blocks.
import { shQuote } from './script-quote.ts';
import { isFamily, type ValidScriptInput } from './switch-script-types.ts';
import { compactName } from './product-names.ts';

/** The exit codes, as the script header and docs/OPERATIONS.md state them. */
export const EXIT_CODES_DOC = [
  '# Exit codes (for Intune, Jamf, SCCM or any deployment tool):',
  '#   0  every product asked for that is installed here now uses named-user licensing, or none is installed',
  '#      ("not applicable" in the report)',
  '#   1  something asked for still uses network licensing, a switch failed, or the report could not be sent',
  '#   2  nothing was tried: the licensing helper (or what reads its output) is missing, or not run as root/admin',
  '#   3  only 2019-or-older releases are left: they are switched by hand (see the log)',
  '# Safe to run again: a product already on named-user licensing is left alone and nobody is signed out.',
];

/** The field separator and the shapes of a product key and version, set before any value is read. */
export const BASH_PATTERNS = [
  "US=$'\\x1f'",
  "KEY_RE='^[0-9A-Z]{5}$'",
  "VER_RE='^[0-9]{4}[.]0[.]0[.]F$'",
  "PRE_RE='^(.*[a-z])((19|20)[0-9][0-9])$'",
];

/** Counters, `log`, `finish` (reports, then exits with its code) and the checks before anything is touched. */
export function bashStart(input: ValidScriptInput, preChecks: string[] = []): string[] {
  return [
    'switched=0',
    'failed=0',
    'remaining=0',
    'manual=0',
    'report_failed=0',
    "TARGETS=''",
    "TARGET_IDS=''",
    "MANUAL_NAMES=''",
    'LOGIN_CLEARED=0',
    "AFTER='[]'",
    "AFTER_FIELDS=''",
    'log() { printf \'[numbot] %s\\n\' "$*"; }',
    ...bashReportFunction(input),
    '# Reports (always, when the script reports at all), logs the totals and exits.',
    'finish() {',
    '  local code="$1" status="$2"',
    '  report_result "$status"',
    '  if [ "$code" -eq 0 ] && [ "$report_failed" -ne 0 ]; then code=1; fi',
    '  log "switched: $switched, failed: $failed, still on network: $remaining, switch by hand: $manual; result: $status (exit $code)"',
    '  exit "$code"',
    '}',
    '',
    'if [ ! -x "$HELPER" ]; then log "AdskLicensingInstHelper not found at $HELPER: install or update Autodesk Licensing first"; finish 2 no-helper; fi',
    'if [ "$(id -u)" -ne 0 ]; then log \'run this script with sudo: the licensing helper needs root\'; finish 2 not-root; fi',
    ...preChecks,
  ];
}

/** INSTALLED from the helper's `list`, through the script's own `list_fields`. */
export const BASH_READ_INSTALLED = [
  'LIST_JSON="$("$HELPER" list)" || { log \'AdskLicensingInstHelper list failed\'; finish 1 failed; }',
  'INSTALLED="$(list_fields "$LIST_JSON")" || { log \'could not read the product list\'; finish 1 failed; }',
  'log "installed Autodesk products: $(printf \'%s\' "$INSTALLED" | grep -c .)"',
];

/** `add_target key ver name method`: one installed product to switch, once. */
const ADD_TARGET = [
  'add_target() {',
  '  case "$TARGET_IDS$US" in *"$US$1 $2$US"*) return ;; esac',
  '  TARGET_IDS="$TARGET_IDS$US$1 $2"',
  '  TARGETS="$TARGETS$1$US$2$US$3$US$4"$\'\\n\'',
  '}',
];

/**
 * `pre2020_installs folder...`: the 2019-or-older releases found as folders (the helper does not list them), one a
 * line: shown name, compact name (lower-case letters and digits, no "autodesk"), year.
 */
const PRE2020_INSTALLS = [
  'pre2020_installs() {',
  '  local d base c',
  '  for d in "$@"; do',
  '    [ -e "$d" ] || continue',
  '    base="${d##*/}"; base="${base%.app}"',
  "    c=\"$(printf '%s' \"$base\" | tr 'A-Z' 'a-z' | tr -cd 'a-z0-9')\"; c=\"${c#autodesk}\"",
  '    [[ $c =~ $PRE_RE ]] || continue',
  '    [ "${BASH_REMATCH[2]}" -le 2019 ] || continue',
  '    printf \'%s\\037%s\\037%s\\n\' "$base" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"',
  '  done',
  '}',
  '# `hand_switch name`: a release the helper cannot switch; the user switches it in the product.',
  'hand_switch() {',
  '  manual=$((manual + 1))',
  '  MANUAL_NAMES="$MANUAL_NAMES$1"$\'\\n\'',
  '  log "$1 is a 2019-or-older release: switch it by hand (start it, Help > About > Manage License > Change license type > Autodesk ID; or delete its licence state and choose Sign in at the next start)"',
  '}',
];

/**
 * Collects TARGETS: every installed product, or the products asked for where installed. A product named without a
 * year matches every installed release by its product code; one with a year, its keys and exact version. What is
 * asked for but not listed is looked for among the 2019-or-older installs (`preFolders`, a bash word list) and
 * reported as a hand switch, never as "not installed" when it is there.
 */
export function bashTargetsBlock(input: ValidScriptInput, preFolders: string): string[] {
  const common = [...ADD_TARGET, ...PRE2020_INSTALLS, `PRE2020="$(pre2020_installs ${preFolders})"`];
  if (input.products === 'all-installed')
    return [
      ...common,
      '# Every product the helper lists.',
      'while IFS=$US read -r fid key ver sel method; do',
      '  [ -n "$key" ] && add_target "$key" "$ver" "$fid" "$method"',
      'done <<< "$INSTALLED"',
      '# 2019-or-older releases the helper does not list (none of that year in its list).',
      'while IFS=$US read -r shown compact year; do',
      '  [ -n "$year" ] || continue',
      '  case "$INSTALLED" in *"$US$year.0.0.F$US"*) continue ;; esac',
      '  hand_switch "$shown"',
      'done <<< "$PRE2020"',
    ];
  const q = (v: string) => shQuote(v);
  const names = input.products.map((p) => q(p.name)).join(' ');
  const keys = input.products.map((p) => q(isFamily(p) ? '' : [p.key, ...(p.alternates ?? [])].join(' '))).join(' ');
  const versions = input.products.map((p) => q(isFamily(p) ? '' : p.version)).join(' ');
  const codes = input.products.map((p) => q(isFamily(p) ? p.codes.join(' ') : '')).join(' ');
  const compacts = input.products.map((p) => q(compactName(p.name.replace(/\s(19|20)\d{2}$/, '')))).join(' ');
  return [
    ...common,
    '# The products asked for, where installed: a release by its keys and exact version, a product named without a',
    '# year (codes given) by its product code, whatever the release.',
    `WANT_NAMES=(${names})`,
    `WANT_KEYS=(${keys})`,
    `WANT_VERS=(${versions})`,
    `WANT_CODES=(${codes})`,
    `WANT_COMPACT=(${compacts})`,
    'i=0',
    'while [ "$i" -lt "${#WANT_NAMES[@]}" ]; do',
    '  found=0',
    '  while IFS=$US read -r fid key ver sel method; do',
    '    [ -n "$key" ] || continue',
    '    if [ -n "${WANT_CODES[$i]}" ]; then',
    '      for c in ${WANT_CODES[$i]}; do',
    '        if [ "$c" = "${key:0:3}" ] || [ "$c" = "${sel:0:3}" ]; then found=1; add_target "$key" "$ver" "${WANT_NAMES[$i]} ${ver%%.*}" "$method"; break; fi',
    '      done',
    '    elif [ "$ver" = "${WANT_VERS[$i]}" ]; then',
    '      for k in ${WANT_KEYS[$i]}; do',
    '        if [ "$k" = "$key" ] || [ "$k" = "$sel" ]; then found=1; add_target "$key" "$ver" "${WANT_NAMES[$i]}" "$method"; break; fi',
    '      done',
    '    fi',
    '  done <<< "$INSTALLED"',
    '  wanted_year="${WANT_VERS[$i]%%.*}"',
    '  while IFS=$US read -r shown compact year; do',
    '    [ -n "$year" ] && [ "$compact" = "${WANT_COMPACT[$i]}" ] || continue',
    '    [ -z "$wanted_year" ] || [ "$wanted_year" = "$year" ] || continue',
    '    case "$INSTALLED" in *"$US$year.0.0.F$US"*) [ "$found" = 1 ] && continue ;; esac',
    '    found=1',
    '    hand_switch "$shown"',
    '  done <<< "$PRE2020"',
    '  [ "$found" = 1 ] || log "${WANT_NAMES[$i]} is not installed here"',
    '  i=$((i + 1))',
    'done',
  ];
}

/** Switches every target (switch_one skips those already on named-user licensing). */
export const BASH_SWITCH_TARGETS = [
  'while IFS=$US read -r key ver name method; do',
  '  [ -n "$key" ] && switch_one "$key" "$ver" "$name" "$method"',
  'done <<< "$TARGETS"',
];

/**
 * Reads the helper's `list` again and counts each target not on named-user licensing as still on network
 * (`remaining`); NETWORK_AFTER counts every product on network licensing ("unknown" when the list cannot be read).
 */
export const BASH_VERIFY = [
  'NETWORK_AFTER=unknown',
  'if AFTER="$("$HELPER" list)" && AFTER_FIELDS="$(list_fields "$AFTER")"; then',
  '  NETWORK_AFTER=0',
  '  while IFS=$US read -r fid key ver sel method; do',
  '    if [ "$method" = 1 ]; then NETWORK_AFTER=$((NETWORK_AFTER + 1)); fi',
  '  done <<< "$AFTER_FIELDS"',
  'else',
  "  AFTER='[]'",
  "  AFTER_FIELDS=''",
  "  log 'could not read the product list after the switch'",
  'fi',
  'while IFS=$US read -r key ver name method; do',
  '  [ -n "$key" ] || continue',
  '  now=""',
  '  while IFS=$US read -r fid k v sel m; do',
  '    if [ "$k" = "$key" ] && [ "$v" = "$ver" ]; then now="$m"; fi',
  '  done <<< "$AFTER_FIELDS"',
  '  if [ "$now" != 4 ]; then',
  '    remaining=$((remaining + 1))',
  '    log "$name ($key $ver) does not use named-user licensing yet (lic_method ${now:-unknown})"',
  '  fi',
  'done <<< "$TARGETS"',
];

/** The result: exit 1 while something asked for is not named-user, 3 when only hand switches are left, else 0. */
export const BASH_FINISH = [
  'if [ "$failed" -gt 0 ] || [ "$remaining" -gt 0 ]; then finish 1 network',
  'elif [ "$manual" -gt 0 ]; then finish 3 manual',
  'elif [ -z "$TARGETS" ]; then log \'none of the products asked for is installed here: not applicable\'; finish 0 not-applicable',
  'else finish 0 named',
  'fi',
];

/**
 * `report_result status`: POSTs the report to <url>/api/devices/report when the input asks for it (a no-op
 * otherwise). The script's `report_body status` prints the JSON body; `report_failed` is set when it cannot be sent.
 */
function bashReportFunction(input: ValidScriptInput): string[] {
  if (!input.report) return ['report_result() { :; }'];
  return [
    '# Tells the migration bot what this device now runs. The token goes through a private curl config file,',
    '# so it never appears in the process list.',
    `REPORT_URL=${shQuote(`${input.report.url}/api/devices/report`)}`,
    `DEVICE_TOKEN=${shQuote(input.report.token)}`,
    'report_result() {',
    '  local cfg body',
    '  cfg="$(mktemp)" || { report_failed=1; log \'could not report the result\'; return; }',
    '  chmod 600 "$cfg"',
    '  printf \'header = "Authorization: Bearer %s"\\n\' "$DEVICE_TOKEN" > "$cfg"',
    '  body="$(report_body "$1")"',
    '  if printf \'%s\' "$body" | curl -fsS -K "$cfg" -X POST -H \'Content-Type: application/json\' --data-binary @- "$REPORT_URL" > /dev/null; then',
    "    log 'reported the result to the migration bot'",
    '  else',
    "    log 'could not report the result'",
    '    report_failed=1',
    '  fi',
    '  rm -f "$cfg"',
    '}',
  ];
}

/**
 * The bash `switch_one key ver name method` function: checks the values, skips products already on named-user
 * licensing, runs `beforeFirst` once before the first switch of the run (e.g. clearing cached sign-ins: only when
 * something is switched, so a second run signs nobody out), `before` per product, switches it, counts it, and removes
 * its LICPATH.lic (a network leftover) from `licensingData` (a bash expression for the licensing service's data folder).
 */
export function bashSwitchOne(licensingData: string, before: string[] = [], beforeFirst: string[] = []): string[] {
  return [
    'switch_one() {',
    '  local key="$1" ver="$2" name="$3" method="$4"',
    '  if ! [[ $key =~ $KEY_RE && $ver =~ $VER_RE ]]; then log "skipped $name: unexpected key or version"; return; fi',
    '  if [ "$method" = 4 ]; then log "$name ($key $ver) already uses named-user licensing"; return; fi',
    '  if [ "$LOGIN_CLEARED" = 0 ]; then',
    '    LOGIN_CLEARED=1',
    ...beforeFirst.map((l) => `  ${l}`),
    '  fi',
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

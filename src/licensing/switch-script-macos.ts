// The macOS (bash 3.2+) switch script. Values reach it only through shQuote, after validation.
// JSON is read and written with JavaScript for Automation (osascript), present on every Mac: no jq, no python.
import { shQuote } from './script-quote.ts';
import {
  BASH_FINISH,
  BASH_PATTERNS,
  BASH_READ_INSTALLED,
  BASH_SWITCH_TARGETS,
  BASH_VERIFY,
  EXIT_CODES_DOC,
  bashStart,
  bashSwitchOne,
  bashTargetsBlock,
} from './switch-script-bash.ts';
import type { ValidScriptInput } from './switch-script-types.ts';

// Fields of one `list` entry, separated by the ASCII unit separator (tabs would collapse empty fields in `read`).
const LIST_FIELDS_JS =
  'function run(argv) { var l = JSON.parse(argv[0] || "[]"); if (!Array.isArray(l)) l = [l]; ' +
  'return l.map(function (p) { return [p.feature_id, p.def_prod_key, p.def_prod_ver, p.sel_prod_key, p.lic_method]' +
  '.map(function (v) { return v === undefined || v === null ? "" : String(v); }).join("\\u001f"); }).join("\\n"); }';
// argv: hostname, user, status, the hand-switch names (one a line), the helper's `list` after the switch, the user's
// directory e-mail (may be empty: then left out).
const REPORT_BODY_JS =
  'function run(argv) { var l = JSON.parse(argv[4] || "[]"); ' +
  'return JSON.stringify({ hostname: argv[0], user: argv[1], email: argv[5] || undefined, status: argv[2], ' +
  'manual: argv[3].split("\\n").filter(function (m) { return m; }), products: Array.isArray(l) ? l : [l] }); }';

/** The bash script for validated input. */
export function macosSwitchScript(input: ValidScriptInput): string {
  const lines = [
    '#!/bin/bash',
    '# numbot: switch Autodesk products on this Mac to named-user licensing (step 3b).',
    '# Run with sudo (the licensing helper needs root), e.g. from Jamf or another MDM.',
    ...EXIT_CODES_DOC,
    'set -u',
    'export LC_ALL=C',
    "HELPER='/Library/Application Support/Autodesk/AdskLicensing/Current/helper/AdskLicensingInstHelper'",
    "OSASCRIPT='/usr/bin/osascript'",
    "ADSK_ROOT='/Library/Application Support/Autodesk'",
    "USERS_ROOT='/Users'",
    '# Where 2019-or-older releases (which the helper does not list) are installed, e.g. /Applications/Autodesk/maya2019.',
    "APPS_ROOT='/Applications/Autodesk'",
    "CONSOLE='/dev/console'",
    "DSCL='/usr/bin/dscl'",
    ...BASH_PATTERNS,
    `list_fields() { "$OSASCRIPT" -l JavaScript -e ${shQuote(LIST_FIELDS_JS)} "$1"; }`,
    '# The user the report names: the one logged in at the screen (Jamf runs scripts as root), else the sudo user.',
    'report_user() {',
    '  local u',
    '  u="$(stat -f %Su "$CONSOLE" 2>/dev/null)"',
    '  case "$u" in "" | root | _mbsetupuser | loginwindow) u="${SUDO_USER:-$(id -un)}" ;; esac',
    '  printf \'%s\' "$u"',
    '}',
    '# Its directory e-mail, when the account has one: the local node (mobile and local accounts), then the search',
    '# path (Active Directory, LDAP: their mail attribute is mapped to EMailAddress). Either output form of dscl.',
    'report_email() {',
    '  local node e',
    '  for node in . /Search; do',
    '    e="$("$DSCL" "$node" -read "/Users/$1" EMailAddress 2>/dev/null | awk \'/^EMailAddress:/ { sub(/^EMailAddress:[ \\t]*/, ""); if ($0 == "") { getline; sub(/^[ \\t]+/, "") } print; exit }\')"',
    '    case "$e" in *@*) printf \'%s\' "$e"; return ;; esac',
    '  done',
    '}',
    'report_body() {',
    '  local u',
    '  u="$(report_user)"',
    `  "$OSASCRIPT" -l JavaScript -e ${shQuote(REPORT_BODY_JS)} "$(hostname)" "$u" "$1" "$MANUAL_NAMES" "$AFTER" "$(report_email "$u")"`,
    '}',
    ...bashStart(input),
    ...BASH_READ_INSTALLED,
    '',
    '# A cached sign-in would keep the old licence type: cleared before the first switch of a run only, so a run',
    '# that switches nothing signs nobody out. It is rebuilt at the next start.',
    ...bashSwitchOne(
      '$ADSK_ROOT/AdskLicensingService',
      [
        '  if [ "${ver%%.*}" -le 2019 ]; then',
        '    # 2019 and older releases keep their licence state in CLM/LGS.',
        '    local lgs="$ADSK_ROOT/CLM/LGS/${key}_${ver}"',
        '    if [ -d "$lgs" ]; then rm -rf "${lgs:?}"/* && log "cleared $lgs"; fi',
        '  fi',
      ],
      [
        'for home in "$USERS_ROOT"/*; do',
        '  f="$home/Library/Application Support/Autodesk/Web Services/LoginState.xml"',
        '  if [ -f "$f" ]; then rm -f "$f" && log "deleted $f"; fi',
        'done',
      ],
    ),
    '',
    ...bashTargetsBlock(input, '"$APPS_ROOT"/*'),
    '',
    ...BASH_SWITCH_TARGETS,
    '',
    ...BASH_VERIFY,
    '',
    ...BASH_FINISH,
    '',
  ];
  return lines.join('\n');
}

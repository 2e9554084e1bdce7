// The macOS (bash 3.2+) switch script. Values reach it only through shQuote, after validation.
// JSON is read and written with JavaScript for Automation (osascript), present on every Mac: no jq, no python.
import { shQuote } from './script-quote.ts';
import {
  BASH_PATTERNS,
  BASH_READ_INSTALLED,
  BASH_START,
  bashReportBlock,
  bashSwitchOne,
  bashTargetsBlock,
} from './switch-script-bash.ts';
import type { ValidScriptInput } from './switch-script-types.ts';

// Fields of one `list` entry, separated by the ASCII unit separator (tabs would collapse empty fields in `read`).
const LIST_FIELDS_JS =
  'function run(argv) { var l = JSON.parse(argv[0] || "[]"); if (!Array.isArray(l)) l = [l]; ' +
  'return l.map(function (p) { return [p.feature_id, p.def_prod_key, p.def_prod_ver, p.sel_prod_key, p.lic_method]' +
  '.map(function (v) { return v === undefined || v === null ? "" : String(v); }).join("\\u001f"); }).join("\\n"); }';
const REPORT_BODY_JS =
  'function run(argv) { var l = JSON.parse(argv[2] || "[]"); ' +
  'return JSON.stringify({ hostname: argv[0], user: argv[1], products: Array.isArray(l) ? l : [l] }); }';

/** The bash script for validated input. */
export function macosSwitchScript(input: ValidScriptInput): string {
  const lines = [
    '#!/bin/bash',
    '# numbot: switch Autodesk products on this Mac to named-user licensing (step 3b).',
    '# Run with sudo (the licensing helper needs root), e.g. from Jamf or another MDM.',
    'set -u',
    'export LC_ALL=C',
    "HELPER='/Library/Application Support/Autodesk/AdskLicensing/Current/helper/AdskLicensingInstHelper'",
    "OSASCRIPT='/usr/bin/osascript'",
    "ADSK_ROOT='/Library/Application Support/Autodesk'",
    "USERS_ROOT='/Users'",
    ...BASH_PATTERNS,
    ...BASH_START,
    `list_fields() { "$OSASCRIPT" -l JavaScript -e ${shQuote(LIST_FIELDS_JS)} "$1"; }`,
    ...BASH_READ_INSTALLED,
    '',
    '# A cached sign-in would keep the old licence type; it is rebuilt at the next start.',
    'for home in "$USERS_ROOT"/*; do',
    '  f="$home/Library/Application Support/Autodesk/Web Services/LoginState.xml"',
    '  if [ -f "$f" ]; then rm -f "$f" && log "deleted $f"; fi',
    'done',
    '',
    ...bashSwitchOne('$ADSK_ROOT/AdskLicensingService', [
      '  if [ "${ver%%.*}" -le 2019 ]; then',
      '    # 2019 and older releases keep their licence state in CLM/LGS.',
      '    local lgs="$ADSK_ROOT/CLM/LGS/${key}_${ver}"',
      '    if [ -d "$lgs" ]; then rm -rf "${lgs:?}"/* && log "cleared $lgs"; fi',
      '  fi',
    ]),
    '',
    ...bashTargetsBlock(input),
    '',
    'AFTER="$("$HELPER" list)" || AFTER=\'[]\'',
    ...bashReportBlock(
      input,
      'this Mac',
      `"$OSASCRIPT" -l JavaScript -e ${shQuote(REPORT_BODY_JS)} "$(hostname)" "\${SUDO_USER:-$(id -un)}" "$AFTER"`,
    ),
    '',
    'log "switched: $switched, failed: $failed"',
    '[ "$failed" -eq 0 ]',
    '',
  ];
  return lines.join('\n');
}

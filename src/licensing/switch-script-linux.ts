// The Linux (bash 4+) switch script. Values reach it only through shQuote, after validation.
// JSON is read and written with python3 (or RHEL's /usr/libexec/platform-python): no jq needed. The programs read
// bytes and write ASCII or UTF-8 themselves, so they work under LC_ALL=C on Python 3.6 too.
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

// Fields of one `list` entry, separated by the ASCII unit separator (tabs would collapse empty fields in `read`);
// line breaks and separators inside a value become spaces, so one entry stays one line.
const LIST_FIELDS_PY =
  'import json, sys; l = json.loads(sys.stdin.buffer.read().strip() or b"[]"); l = l if isinstance(l, list) else [l]; ' +
  'sys.stdout.buffer.write("\\n".join("\\x1f".join("" if p.get(f) is None else str(p[f]).translate({10: 32, 13: 32, 31: 32}) ' +
  'for f in ("feature_id", "def_prod_key", "def_prod_ver", "sel_prod_key", "lic_method")) for p in l).encode("utf-8") + b"\\n")';
// argv: hostname, user, status, the hand-switch names (one a line); stdin: the helper's `list` after the switch.
const REPORT_BODY_PY =
  'import json, sys; l = json.loads(sys.stdin.buffer.read().strip() or b"[]"); ' +
  'print(json.dumps({"hostname": sys.argv[1], "user": sys.argv[2], "status": sys.argv[3], ' +
  '"manual": [m for m in sys.argv[4].split("\\n") if m], "products": l if isinstance(l, list) else [l]}))';

// A line of /etc/environment or /etc/profile.d/*.sh that sets the variable (pam_env or shell syntax).
const FLEX_LINE = '^[[:space:]]*(export[[:space:]]+)?ADSKFLEX_LICENSE_FILE=';
// The same in csh/tcsh start-up files (/etc/csh.cshrc, /etc/csh.login, /etc/profile.d/*.csh).
const FLEX_CSH_LINE = '^[[:space:]]*setenv[[:space:]]+ADSKFLEX_LICENSE_FILE([[:space:]]|$)';

/** The bash script for validated input. */
export function linuxSwitchScript(input: ValidScriptInput): string {
  const lines = [
    '#!/bin/bash',
    '# numbot: switch Autodesk products on this Linux machine to named-user licensing (step 3b).',
    '# Run with sudo (the licensing helper needs root), e.g. from Ansible, Salt or another configuration tool.',
    ...EXIT_CODES_DOC,
    '# Not touched here, as their Linux locations are not documented: the cached sign-in (LoginState.xml) and the',
    '# CLM/LGS state of 2019 and older releases (found under /usr/autodesk and /opt/Autodesk, reported as hand switches).',
    'set -u',
    'export LC_ALL=C',
    "HELPER='/opt/Autodesk/AdskLicensing/Current/helper/AdskLicensingInstHelper'",
    'PYTHON="$(command -v python3 || echo /usr/libexec/platform-python)"',
    '# <key>_<ver>/LICPATH.lic below this folder: by analogy with macOS, still to be checked on a real Linux install.',
    "LICENSING_DATA='/var/opt/Autodesk/AdskLicensingService'",
    "ETC_ROOT='/etc'",
    '# Where 2019-or-older releases (which the helper does not list) are installed, e.g. /usr/autodesk/maya2019.',
    "APPS_A='/usr/autodesk'",
    "APPS_B='/opt/Autodesk'",
    ...BASH_PATTERNS,
    `FLEX_RE=${shQuote(FLEX_LINE)}`,
    `FLEX_CSH_RE=${shQuote(FLEX_CSH_LINE)}`,
    `list_fields() { printf '%s' "$1" | "$PYTHON" -c ${shQuote(LIST_FIELDS_PY)}; }`,
    '# The user the report names: the one who ran sudo, else the console user, else root.',
    'report_user() { printf \'%s\' "${SUDO_USER:-$(logname 2>/dev/null || id -un)}"; }',
    `report_body() { printf '%s' "$AFTER" | "$PYTHON" -c ${shQuote(REPORT_BODY_PY)} "$(uname -n)" "$(report_user)" "$1" "$MANUAL_NAMES"; }`,
    ...bashStart(input, [
      'if [ ! -x "$PYTHON" ]; then log \'python3 not found: install it first (it reads the licensing helper output)\'; finish 2 no-helper; fi',
    ]),
    ...BASH_READ_INSTALLED,
    '',
    ...bashSwitchOne('$LICENSING_DATA'),
    '',
    ...bashTargetsBlock(input, '"$APPS_A"/* "$APPS_B"/*'),
    '',
    ...BASH_SWITCH_TARGETS,
    '',
    ...BASH_VERIFY,
    '',
    '# ADSKFLEX_LICENSE_FILE points every product at the licence server: comment out the lines that set it once none',
    '# uses the network, in sh and csh start-up files. Other lines stay as they are; each edited file keeps a copy as',
    '# <file>.numbot-backup.',
    'comment_out_flex() {',
    '  [ -f "$1" ] && grep -Eq "$2" "$1" || return 0',
    '  if sed --follow-symlinks -i.numbot-backup -E "s/$2/# numbot: &/" "$1"; then',
    '    log "commented out ADSKFLEX_LICENSE_FILE in $1 (copy of the old file: $1.numbot-backup; takes effect at the next login)"',
    '  else',
    '    failed=$((failed + 1))',
    '    log "could not edit $1"',
    '  fi',
    '}',
    'if [ "$NETWORK_AFTER" = unknown ]; then',
    "  log 'kept ADSKFLEX_LICENSE_FILE: could not read the product list after the switch'",
    'elif [ "$NETWORK_AFTER" -gt 0 ]; then',
    '  log "kept ADSKFLEX_LICENSE_FILE: $NETWORK_AFTER product(s) still use network licensing"',
    'else',
    '  for f in "$ETC_ROOT/environment" "$ETC_ROOT"/profile.d/*.sh; do comment_out_flex "$f" "$FLEX_RE"; done',
    '  for f in "$ETC_ROOT/csh.cshrc" "$ETC_ROOT/csh.login" "$ETC_ROOT"/profile.d/*.csh; do comment_out_flex "$f" "$FLEX_CSH_RE"; done',
    'fi',
    '',
    ...BASH_FINISH,
    '',
  ];
  return lines.join('\n');
}

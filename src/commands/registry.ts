// Every chat command, in the order `help` lists them. Add a command: one file in defs/, one line here.
import type { AnyCommand } from './command.ts';
import { admins } from './defs/admins.ts';
import { assign } from './defs/assign.ts';
import { cancel } from './defs/cancel.ts';
import { connect, disconnect } from './defs/connect.ts';
import { decommission } from './defs/decommission.ts';
import { devices } from './defs/devices.ts';
import { exportReport } from './defs/export.ts';
import { help } from './defs/help.ts';
import { importCommand } from './defs/import.ts';
import { invite } from './defs/invite.ts';
import { lang } from './defs/lang.ts';
import { notify } from './defs/notify.ts';
import { person } from './defs/person.ts';
import { reconcile } from './defs/reconcile.ts';
import { remind } from './defs/remind.ts';
import { resend } from './defs/resend.ts';
import { schedule } from './defs/schedule.ts';
import { script } from './defs/script.ts';
import { servers } from './defs/servers.ts';
import { start } from './defs/start.ts';
import { status } from './defs/status.ts';
import { stop } from './defs/stop.ts';
import { sync } from './defs/sync.ts';
import { who } from './defs/who.ts';

export const COMMANDS: readonly AnyCommand[] = [
  help,
  status,
  who,
  person,
  importCommand,
  invite,
  assign,
  reconcile,
  notify,
  remind,
  sync,
  resend,
  cancel,
  connect,
  disconnect,
  servers,
  decommission,
  script,
  devices,
  exportReport,
  schedule,
  admins,
  lang,
  stop,
  start,
];

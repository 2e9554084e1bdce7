// What the scheduled jobs need: the core, the delivery engine they enqueue on, the channels (to know who can be
// reached) and the admins' feed; the licence-server polls use the same.
import type { Channels, CoreDeps, PostToAdmins } from '../ports/deps.ts';
import type { Delivery } from '../ports/delivery.ts';
import type { Directory } from '../ports/directory.ts';
import type { AutodeskLink } from '../ports/autodesk-link.ts';

export interface SchedulerDeps extends CoreDeps {
  delivery: Delivery;
  channels: Channels;
  postToAdmins: PostToAdmins;
  directory: Directory;
  /** PROVISIONING=autodesk: the daily read-back through the Team Admin API. */
  autodesk?: AutodeskLink;
}

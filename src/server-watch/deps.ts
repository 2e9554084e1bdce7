// What the licence-server watch needs: the core, and a way to tell the admins a server may be switched off.
import type { CoreDeps, PostToAdmins } from '../ports/deps.ts';
import type { Delivery } from '../ports/delivery.ts';

export interface ServerWatchDeps extends Pick<CoreDeps, 'config' | 'store' | 'logger' | 'clock'> {
  postToAdmins: PostToAdmins;
  /** Tells a person holding a borrowed licence how to return it; without it nobody is told. */
  delivery?: Pick<Delivery, 'enqueue'>;
}

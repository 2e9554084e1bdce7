// Directory sync (Business Success Plan): Autodesk assigns products to synced Entra groups, so inviting and
// assigning both mean "add the person to the right group". Graph acts at once (`applied: true`); the IdP pushes the
// change to Autodesk within about 40 minutes.
import type { Logger } from '../../log.ts';
import type { Person } from '../../domain/types.ts';
import { createLimiter } from '../limit.ts';
import type { ProvisioningProvider, ProvisioningResult } from '../../ports/provisioning.ts';
import { screenAssignments, screenInvites, type Screened } from '../screen-people.ts';
import { createGraphClient, GraphUnavailableError, type GraphClientOptions } from './graph-client.ts';
import { memberAddOutcome, type MemberOutcome } from './graph-errors.ts';
import { inviteGroupId, productGroupId } from './group-map.ts';
import { createUserResolver } from './resolve-user.ts';

export interface EntraProviderOptions extends GraphClientOptions {
  /** ENTRA_GROUPS: product → group id, plus `_invite` (or `*`) for invitations. */
  groups: Record<string, string>;
  /** People being added at once, across every call on this provider (Graph throttles per app and tenant). */
  concurrency?: number;
  logger?: Logger;
}

export function createEntraProvider(o: EntraProviderOptions): ProvisioningProvider {
  const graph = createGraphClient(o);
  const resolveUser = createUserResolver(graph);
  const limit = createLimiter(o.concurrency ?? 4);
  const now = o.now ?? Date.now;
  const log = o.logger?.child({ provider: 'entra' });

  async function addMember(groupId: string, p: Person): Promise<MemberOutcome> {
    const user = await resolveUser(p.email);
    if (!user.ok) return { kind: 'failed', reason: user.reason };
    const r = await graph.request('POST', `groups/${encodeURIComponent(groupId)}/members/$ref`, {
      '@odata.id': `${graph.graphUrl}directoryObjects/${user.id}`,
    });
    return memberAddOutcome(r.status, r.body, r.attempts, groupId);
  }

  async function addAll(
    action: string,
    groupId: string | undefined,
    s: Screened,
    missingGroup: string,
  ): Promise<ProvisioningResult> {
    const result: ProvisioningResult = {
      done: [],
      alreadyDone: [...s.alreadyDone],
      rejected: [...s.rejected],
      failed: [],
      files: [],
      applied: true,
    };
    if (s.resendDue.length) result.resendDue = s.resendDue;
    if (!groupId) {
      result.rejected.push(...s.todo.map((p) => ({ personId: p.id, reason: missingGroup })));
      return result;
    }
    // Once Graph is out of reach or refuses a token, nobody else in this batch can succeed: stop calling it.
    let fatal: string | undefined;
    const outcomes = await Promise.all(
      s.todo.map((p) =>
        limit(async (): Promise<MemberOutcome> => {
          if (fatal) return { kind: 'failed', reason: fatal };
          try {
            return await addMember(groupId, p);
          } catch (e) {
            if (!(e instanceof GraphUnavailableError)) throw e;
            fatal ??= e.message;
            return { kind: 'failed', reason: e.message };
          }
        }),
      ),
    );
    s.todo.forEach((p, i) => {
      const out = outcomes[i];
      if (out?.kind === 'done') result.done.push(p.id);
      else if (out?.kind === 'already') result.alreadyDone.push(p.id);
      else if (out) result.failed.push({ personId: p.id, reason: out.reason });
    });
    log?.info(
      {
        action,
        groupId,
        done: result.done.length,
        alreadyDone: result.alreadyDone.length,
        failed: result.failed.length,
        rejected: result.rejected.length,
      },
      'entra group sync',
    );
    return result;
  }

  return {
    name: 'entra',
    invite(people) {
      return addAll(
        'invite',
        inviteGroupId(o.groups),
        screenInvites(people, now()),
        'no Entra group for invitations: add "_invite" to ENTRA_GROUPS',
      );
    },
    assign(product, people) {
      return addAll(
        'assign',
        productGroupId(o.groups, product),
        screenAssignments(product, people),
        `no Entra group for ${product}: add it to ENTRA_GROUPS`,
      );
    },
  };
}

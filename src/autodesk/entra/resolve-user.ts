// E-mail → Entra object id, cached: by user principal name first, then by the mail attribute (UPN and mail differ
// in many tenants).
import { graphFailure } from './graph-errors.ts';
import type { GraphClient } from './graph-client.ts';

export type Resolved = { ok: true; id: string } | { ok: false; reason: string };

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

export function createUserResolver(graph: GraphClient): (email: string) => Promise<Resolved> {
  const cache = new Map<string, Promise<Resolved>>();

  async function lookup(email: string): Promise<Resolved> {
    const byUpn = await graph.request('GET', `users/${encodeURIComponent(email)}?$select=id`);
    const id = (byUpn.body as { id?: unknown } | undefined)?.id;
    if (byUpn.status === 200 && typeof id === 'string') return { ok: true, id };
    if (byUpn.status !== 404)
      return { ok: false, reason: graphFailure(byUpn.status, byUpn.body, byUpn.attempts, ' looking the user up') };
    const filter = encodeURIComponent(`mail eq ${quote(email)}`);
    const byMail = await graph.request('GET', `users?$filter=${filter}&$select=id`);
    const first = (byMail.body as { value?: { id?: unknown }[] } | undefined)?.value?.[0]?.id;
    if (byMail.status === 200 && typeof first === 'string') return { ok: true, id: first };
    if (byMail.status === 200)
      return { ok: false, reason: 'no Entra ID user has this e-mail address (as user principal name or mail)' };
    return { ok: false, reason: graphFailure(byMail.status, byMail.body, byMail.attempts, ' looking the user up') };
  }

  return (email) => {
    const key = email.trim().toLowerCase();
    let hit = cache.get(key);
    if (!hit) {
      // Only successes are remembered: a missing user may be created in Entra before the next run.
      hit = lookup(key).then(
        (r) => {
          if (!r.ok) cache.delete(key);
          return r;
        },
        (e: unknown) => {
          cache.delete(key);
          throw e;
        },
      );
      cache.set(key, hit);
    }
    return hit;
  };
}

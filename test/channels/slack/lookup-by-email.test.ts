// users.lookupByEmail for the few a campaign would leave waiting: links a human, says why not otherwise, keeps to its
// budget under Slack's Tier 3 (no call past it).
import { afterEach, describe, expect, it } from 'vitest';
import { createEmailLookup } from '../../../src/channels/slack/lookup-by-email.ts';
import { newPerson } from '../../../src/domain/person.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.ts';
import { member } from '../../fakes/slack-directory.ts';
import { makeEdge } from './edge-harness.ts';

describe('Slack users.lookupByEmail', () => {
  let fake: FakeSlackApi;
  afterEach(async () => {
    await fake.close();
  });

  it('links the one person, reports deactivated and unknown addresses, and stops at its budget', async () => {
    fake = await startFakeSlackApi({
      members: [
        member('U0ANN', 'Ann@Example.org'),
        member('U0GONE', 'gone@example.org', { deleted: true }),
        member('B0BOT', 'bot@example.org', { is_bot: true }),
      ],
    });
    const store = createMemoryStore('lookup');
    const now = Date.now();
    const people = ['ann', 'gone', 'bot', 'nobody', 'late'].map((n) =>
      newPerson({ email: `${n}@example.org`, firstName: n, lastName: 'X' }, now),
    );
    await store.writePeople(
      people.map((after) => ({ expectedVersion: -1, after, action: 'person.created' })),
      { id: 'test', source: 'import' },
      now,
    );
    const lookup = createEmailLookup(makeEdge(fake, { store }), 4);
    const outcomes = [];
    for (const p of people) outcomes.push(await lookup(p));
    expect(outcomes).toEqual(['linked', 'deactivated', 'not_found', 'not_found', 'over_budget']);
    expect(fake.calls('users.lookupByEmail')).toHaveLength(4);
    expect((await store.getPerson('ann@example.org'))?.chat.slack?.userId).toBe('U0ANN');
    expect((await store.getPerson('bot@example.org'))?.chat.slack).toBeUndefined();
  });
});

// Step 3 as the licence server sees it: who is back on the network, and what a borrowed licence does not mean.
import { describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import type { LicenseServerPoll } from '../../src/domain/license-server.ts';
import { networkEventsFor, networkUses } from '../../src/server-watch/network-use.ts';

const NOW = Date.UTC(2026, 11, 1, 10);
const poll = (borrowedUntil?: number): LicenseServerPoll => ({
  at: NOW,
  status: 'up',
  inUse: 1,
  features: [
    {
      name: '87545ACD_2024_0F',
      inUse: 1,
      users: [{ user: 'jdoe', host: 'LAPTOP-07', ...(borrowedUntil !== undefined && { borrowedUntil }) }],
    },
  ],
});
const matched = [{ user: 'jdoe', host: 'LAPTOP-07', personId: 'jdoe@acme.example', via: 'login' as const }];

function jane(switched: boolean) {
  const p = newPerson({ email: 'jdoe@acme.example', firstName: 'J', lastName: 'Doe', products: ['AutoCAD'] }, NOW);
  if (switched) p.switches = { AutoCAD: { 'laptop-07': { status: 'named', at: NOW - 1000, by: 'script' } } };
  return p;
}

describe('network use from a poll', () => {
  it('marks a borrowed checkout (with its return date), and a plain one, of a person not switched yet as on the network', () => {
    for (const until of [undefined, NOW + 86_400_000]) {
      const uses = networkUses(poll(until), matched).get('jdoe@acme.example')!;
      const borrowed = until !== undefined && { borrowedUntil: until };
      expect(uses).toEqual([{ product: 'AutoCAD', device: 'laptop-07', ...borrowed }]);
      expect(networkEventsFor(jane(false), uses)).toEqual([
        { type: 'device.network', product: 'AutoCAD', device: 'laptop-07', ...borrowed },
      ]);
    }
  });

  it('changes the device only when the borrow date changes, and a plain use clears it', () => {
    const until = NOW + 86_400_000;
    const p = jane(false);
    p.switches = { AutoCAD: { 'laptop-07': { status: 'network', at: NOW - 1000, borrowedUntil: until } } };
    expect(networkEventsFor(p, networkUses(poll(until), matched).get('jdoe@acme.example')!)).toEqual([]);
    expect(networkEventsFor(p, networkUses(poll(), matched).get('jdoe@acme.example')!)).toEqual([
      { type: 'device.network', product: 'AutoCAD', device: 'laptop-07' },
    ]);
    // A plain line beside a borrowed one for the same device in one poll is a plain use.
    const both = poll(until);
    both.features[0]!.users.push({ user: 'jdoe', host: 'laptop-07' });
    expect(networkUses(both, matched).get('jdoe@acme.example')).toEqual([{ product: 'AutoCAD', device: 'laptop-07' }]);
  });

  it('does not put a switched person back on the network for a licence borrowed before the switch', () => {
    const uses = networkUses(poll(NOW + 86_400_000), matched).get('jdoe@acme.example')!;
    expect(networkEventsFor(jane(true), uses)).toEqual([]);
    // A plain checkout is a real use of the network licence: the device is back on it.
    const plain = networkUses(poll(), matched).get('jdoe@acme.example')!;
    expect(networkEventsFor(jane(true), plain)).toEqual([
      { type: 'device.network', product: 'AutoCAD', device: 'laptop-07' },
    ]);
  });
});

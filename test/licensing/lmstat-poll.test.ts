import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pollFromLmstat } from '../../src/licensing/lmstat-poll.ts';
import { parseLmstat } from '../../src/licensing/parse-lmstat.ts';

const parse = (name: string) =>
  parseLmstat(readFileSync(new URL(`../fixtures/lmstat/${name}`, import.meta.url), 'utf8'));

describe('pollFromLmstat', () => {
  it('sums the in-use counts and keeps who holds what', () => {
    const poll = pollFromLmstat(parse('adsk_lic01_crlf.txt'), 1000);
    expect(poll).toMatchObject({ at: 1000, status: 'up', inUse: 5 });
    expect(poll.features.map((f) => [f.name, f.inUse, f.users.map((u) => `${u.user}@${u.host}`)])).toEqual([
      ['86815AECCOL_T_F', 4, ['jdoe@PC-0042', '1@GM-007028', 'amartin@PC-0107']],
      ['85788BDSADV_F', 0, []],
      ['87393ACD_2021_0F', 1, ['Jean-Luc Picard@PC-1701']],
    ]);
  });

  it('is down when the server is down, when any server of the output is down, or when there is none', () => {
    expect(pollFromLmstat(parse('adsk_down_connect.txt'), 1)).toEqual({
      at: 1,
      status: 'down',
      inUse: 0,
      features: [],
    });
    expect(pollFromLmstat(parse('adsk_multi.txt'), 1)).toEqual({ at: 1, status: 'down', inUse: 0, features: [] });
    expect(pollFromLmstat(parse('lmstat_new.txt'), 1).status).toBe('down');
    expect(pollFromLmstat(parse('adsk_triad_node_down.txt'), 1)).toMatchObject({ status: 'up', inUse: 1 });
  });
});

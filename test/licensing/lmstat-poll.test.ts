import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { borrowedCheckouts } from '../../src/domain/license-server.ts';
import { borrowedUntil, checkoutStartAt, pollFromLmstat } from '../../src/licensing/lmstat-poll.ts';
import { parseLmstat } from '../../src/licensing/parse-lmstat.ts';
import { parseCheckoutLine } from '../../src/licensing/parse-lmstat-user.ts';

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

describe('borrowed licences (linger)', () => {
  const line = (tail: string) =>
    parseCheckoutLine(`jdoe LAPTOP-07 LAPTOP-07 (v1.000) (lic01/27000 410), start Mon 11/30 8:00${tail}`);

  it('reads both linger forms, and none', () => {
    expect(line(' (linger: 1209600)')?.linger).toEqual([1209600]);
    expect(line('  (linger: 4263164 / 5487240)')?.linger).toEqual([4263164, 5487240]);
    expect(line(', 2 licenses (linger: 60)')).toMatchObject({ licenses: 2, linger: [60] });
    expect(line('')?.linger).toBeUndefined();
  });

  it('reads any linger number in either form (property)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.option(fc.nat(), { nil: undefined }), fc.constantFrom('', ' ', '  '), (a, b, sp) => {
        const text = b === undefined ? `(linger: ${a})` : `(linger:${sp}${a}${sp}/${sp}${b})`;
        expect(line(` ${text}`)?.linger).toEqual(b === undefined ? [a] : [a, b]);
      }),
    );
  });

  it('dates the return from the start and the longest linger, the year from the poll', () => {
    const at = Date.UTC(2026, 11, 1, 10);
    expect(checkoutStartAt('Mon 11/30 8:00', at)).toBe(Date.UTC(2026, 10, 30, 8));
    // Started in late December, polled in January: last year.
    expect(checkoutStartAt('Wed 12/30 23:10', Date.UTC(2027, 0, 2))).toBe(Date.UTC(2026, 11, 30, 23, 10));
    expect(checkoutStartAt('Mon 13/30 8:00', at)).toBeUndefined();
    expect(borrowedUntil({ start: 'Mon 11/30 8:00', linger: [1209600] }, at)).toBe(Date.UTC(2026, 11, 14, 8));
    expect(borrowedUntil({ start: 'Mon 11/30 8:00', linger: [60, 3600] }, at)).toBe(Date.UTC(2026, 10, 30, 9));
    expect(borrowedUntil({ start: 'Mon 11/30 8:00' }, at)).toBeUndefined();
  });

  it('keeps "borrowed until" on the checkouts of a poll', () => {
    const report = parseLmstat(
      readFileSync(new URL('../fixtures/lmstat/adsk_lic01_crlf.txt', import.meta.url), 'utf8'),
    );
    const poll = pollFromLmstat(report, Date.UTC(2026, 11, 1, 10));
    const borrowed = poll.features.flatMap((f) => f.users).filter((u) => u.borrowedUntil !== undefined);
    expect(borrowed.map((u) => u.user)).toEqual(['1']);
    expect(borrowedCheckouts(poll)).toEqual([
      { user: '1', host: 'GM-007028', borrowedUntil: borrowed[0]!.borrowedUntil },
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDebugLog } from '../../src/licensing/parse-debug-log.ts';

const log = readFileSync(new URL('../fixtures/lmstat/adsk_debug.lmlog', import.meta.url), 'utf8');
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('parseDebugLog', () => {
  it('dates OUT / IN / DENIED / UNSUPPORTED lines from the start line and TIMESTAMP lines', () => {
    const r = parseDebugLog(log);
    expect(r.events.map((e) => [e.kind, new Date(e.at).toISOString(), e.user, e.host, e.feature])).toEqual([
      ['OUT', '2017-06-23T11:00:04.000Z', 'jdoe', 'PC-0042', '87393ACD_2021_0F'],
      ['IN', '2017-06-23T11:42:10.000Z', 'jdoe', 'PC-0042', '87393ACD_2021_0F'],
      ['DENIED', '2017-06-23T11:43:00.000Z', 'amartin', 'PC-0107', '86063ACD_2014_0F'],
      ['OUT', '2017-06-23T23:58:30.000Z', 'JDoe', 'PC-0042', '87393ACD_2021_0F'],
      ['IN', '2017-06-24T00:15:00.000Z', 'JDoe', 'PC-0042', '87393ACD_2021_0F'],
      ['UNSUPPORTED', '2017-06-24T08:05:12.000Z', 'amartin', 'PC-0107', '64300ACD_T_F'],
      ['OUT', '2017-06-24T09:10:00.000Z', 'Jean-Luc Picard', 'PC-1701', '64300ACD_F'],
    ]);
  });

  it('keeps licence counts and reasons, and counts events before any date as undated', () => {
    const r = parseDebugLog(log);
    expect(r.events[2]!.reason).toBe('Licensed number of users already reached. (-4,342)');
    expect(r.events[3]!.licenses).toBe(2);
    expect(r.events[4]!.reason).toBe('INACTIVE');
    expect(r.events[0]!.licenses).toBeUndefined();
    expect(r.undated).toBe(1);
    expect(r.logLines).toBe(17);
    expect(r.lastOutAt).toBe(utc('2017-06-24T09:10:00'));
  });

  it('reads the times in the time zone given', () => {
    const r = parseDebugLog(log, { timeZone: 'Europe/Brussels' });
    expect(new Date(r.events[0]!.at).toISOString()).toBe('2017-06-23T09:00:04.000Z');
    expect(() => parseDebugLog(log, { timeZone: 'Mars/Olympus' })).toThrow(/unknown time zone "Mars\/Olympus"/);
  });

  it('summarises the last use per user and feature, users grouped case-insensitively', () => {
    const { lastUse } = parseDebugLog(log);
    expect(lastUse).toEqual([
      {
        user: 'amartin',
        feature: '64300ACD_T_F',
        checkouts: 0,
        hosts: ['PC-0107'],
        lastDeniedAt: utc('2017-06-24T08:05:12'),
      },
      {
        user: 'amartin',
        feature: '86063ACD_2014_0F',
        checkouts: 0,
        hosts: ['PC-0107'],
        lastDeniedAt: utc('2017-06-23T11:43:00'),
      },
      {
        user: 'jdoe',
        feature: '87393ACD_2021_0F',
        checkouts: 2,
        hosts: ['PC-0042'],
        lastOutAt: utc('2017-06-23T23:58:30'),
        lastInAt: utc('2017-06-24T00:15:00'),
        lastUsedAt: utc('2017-06-24T00:15:00'),
      },
      {
        user: 'Jean-Luc Picard',
        feature: '64300ACD_F',
        checkouts: 1,
        hosts: ['PC-1701'],
        lastOutAt: utc('2017-06-24T09:10:00'),
        lastUsedAt: utc('2017-06-24T09:10:00'),
      },
    ]);
  });

  it('takes the date of a line that carries one, CRLF line ends included', () => {
    const text =
      '10/23/2020 9:49:41 (adskflex) OUT: "64300ACD_F" jdoe@PC-1\r\n 9:50:00 (adskflex) IN: "64300ACD_F" jdoe@PC-1\r\n';
    const r = parseDebugLog(text);
    expect(r.events.map((e) => e.at)).toEqual([utc('2020-10-23T09:49:41'), utc('2020-10-23T09:50:00')]);
  });

  it('returns nothing for text that is not a debug log', () => {
    expect(parseDebugLog('hello\nworld')).toEqual({ events: [], lastUse: [], undated: 0, logLines: 0 });
  });
});

// Log lines carry people as opaque references, never their e-mail addresses, whichever module logs them and however
// deep the address sits in the line; the same person always gets the same reference, so lines can be followed.
import { describe, expect, it } from 'vitest';
import { createLogger, personRef } from '../src/log.ts';
import { captureLogs } from './helpers/log-capture.ts';

describe('log privacy', () => {
  it('replaces e-mail addresses in fields, nested fields, arrays and child bindings with a stable reference', () => {
    const logs = captureLogs();
    const log = createLogger('debug', logs.sink).child({ actor: 'Jane.Doe@Example.org' });
    log.info(
      { personId: 'jane.doe@example.org', who: ['bob@example.org'], detail: { text2: 'to bob@example.org now' } },
      'x',
    );
    log.debug({ holder: 'ann@example.org' }, 'y');
    const text = logs.lines.join('\n');
    expect(text).not.toMatch(/@example\.org/i);
    const [first, second] = logs.parsed();
    expect(first!.personId).toBe(personRef('jane.doe@example.org'));
    expect(first!.actor).toBe(personRef('jane.doe@example.org'));
    expect(first!.who).toEqual([personRef('bob@example.org')]);
    expect(second!.holder).toBe(personRef('ann@example.org'));
    expect(personRef('jane.doe@example.org')).toMatch(/^person:[0-9a-f]{12}$/);
  });
  it('leaves other values alone', () => {
    const logs = captureLogs();
    createLogger('info', logs.sink).info({ serverId: 'lic1', count: 3, ok: true, url: 'https://x.example/a' }, 'z');
    expect(logs.parsed()[0]).toMatchObject({ serverId: 'lic1', count: 3, ok: true, url: 'https://x.example/a' });
  });
});

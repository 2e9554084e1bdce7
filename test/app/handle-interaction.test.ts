import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.ts';
import { createInteractionHandler } from '../../src/app/handle-interaction.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { ADMIN, assertRenders, bench, INFORMED, textOf } from '../commands/harness.ts';

function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}

describe('handleInteraction', () => {
  it('turns an error into a polite card with a reference, and logs ids only', async () => {
    const b = bench();
    await b.add({ email: 'anne@example.org' }, INFORMED);
    const { logger, lines } = capturingLogger();
    const store = b.store;
    const broken = { ...store, counters: async () => Promise.reject(new Error('connection reset')) };
    const handle = createInteractionHandler({ ...b.ctx, store: broken, logger });
    const r = await handle({
      kind: 'command',
      actor: { platform: 'teams', userId: '29:abc', personId: ADMIN },
      text: 'status secret-word',
    });
    // "status secret-word" is malformed: a usage answer, no error.
    expect(textOf(r)).toContain('Usage');
    const failed = await handle({
      kind: 'command',
      actor: { platform: 'teams', userId: '29:abc', personId: ADMIN, locale: 'de-DE' },
      text: 'status',
    });
    assertRenders(failed);
    expect(failed.cards[0]?.locale).toBe('de');
    const ref = /\(reference ([0-9a-f]{8})\)|([0-9a-f]{8})/.exec(textOf(failed));
    expect(ref).not.toBeNull();
    const log = lines.join('\n');
    expect(log).toContain('interaction failed');
    expect(log).toContain('connection reset');
    expect(log).not.toContain('secret-word');
    const helpText = 'my password is hunter2';
    await handle({
      kind: 'card_action',
      actor: { platform: 'teams', userId: '29:abc', personId: 'anne@example.org' },
      action: 'need_help',
      data: { personId: 'anne@example.org', helpText },
    });
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('is installed by buildApp with the provisioning provider of the configuration', async () => {
    const config = loadConfig({ ADMIN_EMAILS: ADMIN, LOG_LEVEL: 'silent', PROVISIONING: 'simulator' });
    const app = await buildApp(config, createLogger('silent'), { store: createMemoryStore('app') });
    expect(app.services.provisioning?.name).toBe('simulator');
    const r = await app.services.handle({
      kind: 'command',
      actor: { platform: 'playground', userId: ADMIN, personId: ADMIN },
      text: '/migrate help',
    });
    expect(textOf(r)).toContain('What I can do');
    await app.stop();
  });
});

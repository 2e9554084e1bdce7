// Files both ways: a CSV shared in the bot's DM reaches the core as `import`, and files the core answers with
// reach the person as an upload (or, where Slack lacks the upload methods, as a code block).
import { afterEach, describe, expect, it } from 'vitest';
import { member } from '../../fakes/slack-directory.ts';
import { eventually, startSlackApp, type SlackAppHarness } from './app-harness.ts';

const CSV = 'email,firstName,lastName\nchloe@example.org,Chloé,Martin\n';

describe('Slack files', () => {
  let h: SlackAppHarness;
  afterEach(async () => {
    await h.close();
  });

  async function start(disabledMethods: string[] = []) {
    h = await startSlackApp({ fake: { members: [member('U0ADMIN', 'admin@example.org')], disabledMethods } });
    await h.addPerson({ email: 'admin@example.org', firstName: 'Ada', lastName: 'Admin' }, 'U0ADMIN');
  }

  const share = (files: Record<string, unknown>[], text = '') =>
    h.event({
      type: 'message',
      subtype: 'file_share',
      channel: 'D0ADMIN',
      channel_type: 'im',
      user: 'U0ADMIN',
      text,
      ts: '10.1',
      files,
    });

  it('downloads a CSV shared in the DM with the bot token and hands it to the core as an import', async () => {
    await start();
    h.answer(async () => ({ cards: [{ name: 'message', data: { title: 'Imported 1 person' }, locale: 'en' }] }));
    await share([h.fake.addFile({ name: 'roster.csv', content: CSV })]);
    await eventually(() => h.interactions.length === 1);
    const got = h.interactions[0]!;
    expect(got.kind).toBe('command');
    if (got.kind !== 'command') return;
    expect(got.text).toBe('import');
    expect(got.actor.personId).toBe('admin@example.org');
    expect(got.files?.map((f) => [f.name, f.content.toString('utf8')])).toEqual([['roster.csv', CSV]]);
    const reply = await eventually(() => h.fake.posted().length > 0 && h.fake.posted());
    expect(reply[0]).toMatchObject({ channel: 'D0ADMIN', text: 'Imported 1 person' });
  });

  it('keeps the typed text with the file, ignores non-text files and never sends the token elsewhere', async () => {
    await start();
    const csv = h.fake.addFile({ name: 'people.csv', content: CSV });
    const image = h.fake.addFile({ name: 'screen.png', content: 'png', filetype: 'png', mimetype: 'image/png' });
    const foreign = {
      ...h.fake.addFile({ name: 'evil.csv', content: CSV }),
      url_private: 'https://attacker.example/evil.csv',
      url_private_download: undefined,
    };
    await share([csv, image, foreign], 'import --dry-run');
    await eventually(() => h.interactions.length === 1);
    const got = h.interactions[0]!;
    expect(got.kind === 'command' && got.text).toBe('import --dry-run');
    expect(got.kind === 'command' && got.files?.map((f) => f.name)).toEqual(['people.csv']);
  });

  it('treats other DM text as a command and ignores the bot’s own messages', async () => {
    await start();
    await h.event({
      type: 'message',
      channel: 'D0ADMIN',
      channel_type: 'im',
      user: 'UNUMBOT',
      bot_id: 'BNUMBOT',
      text: 'echo',
      ts: '1.1',
    });
    await h.event({
      type: 'message',
      channel: 'D0ADMIN',
      channel_type: 'im',
      user: 'U0ADMIN',
      text: 'status',
      ts: '1.2',
    });
    await eventually(() => h.interactions.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.interactions.map((i) => i.kind === 'command' && i.text)).toEqual(['status']);
  });

  it('uploads files the core answers with to the person’s DM (files.uploadV2)', async () => {
    await start();
    h.answer(async () => ({ cards: [], files: [{ name: 'invite.csv', content: CSV, mimeType: 'text/csv' }] }));
    await h.command('U0ADMIN', 'export invite');
    const uploads = await eventually(() => h.fake.uploads().length > 0 && h.fake.uploads());
    expect(uploads[0]).toMatchObject({ filename: 'invite.csv', channel: 'D0ADMIN' });
    expect(uploads[0]?.content.toString('utf8')).toBe(CSV);
    expect(h.fake.calls('files.getUploadURLExternal')).toHaveLength(1);
    expect(h.fake.calls('files.completeUploadExternal')).toHaveLength(1);
  });

  it('sends the file as a code block when this Slack has no upload methods, saying what did not fit', async () => {
    await start(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    const long = ['email'].concat(Array.from({ length: 400 }, (_, i) => `person${i}@example.org`)).join('\n');
    h.answer(async () => ({ cards: [], files: [{ name: 'big.csv', content: long, mimeType: 'text/csv' }] }));
    await h.command('U0ADMIN', 'export');
    const posts = await eventually(() => h.fake.posted().length > 0 && h.fake.posted());
    expect(h.fake.uploads()).toHaveLength(0);
    expect(posts[0]?.channel).toBe('D0ADMIN');
    const text = JSON.stringify(posts[0]?.blocks);
    expect(text).toContain('big.csv');
    expect(text).toContain('person0@example.org');
    expect(text).not.toContain('person399@example.org');
    expect(text).toMatch(/and \d+ more/);
  });
});

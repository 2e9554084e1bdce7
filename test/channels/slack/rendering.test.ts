// What the Slack edge adds to the shared converter's output, and how it reads what people type.
import { describe, expect, it } from 'vitest';
import { parseButtonValue, formInputs } from '../../../src/channels/slack/action-payload.ts';
import { isTrustedFileUrl } from '../../../src/channels/slack/download-files.ts';
import { helpAsModalButton } from '../../../src/channels/slack/help-button.ts';
import { renderForSlack } from '../../../src/channels/slack/render.ts';
import { plainText } from '../../../src/channels/slack/plain-text.ts';
import { snippetMessage, SNIPPET_MAX_CHARS } from '../../../src/channels/slack/upload-file.ts';
import { renderCard, sampleData } from '../../../src/cards/index.ts';

type Node = Record<string, unknown>;
const buttonTexts = (blocks: unknown[]) =>
  (blocks as Node[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements as Node[]).map((e) => (e.text as Node).text));

describe('help button', () => {
  it.each(['step4', 'reminder'] as const)('turns the inline help form of %s into one "I need help" button', (name) => {
    const { blocks } = renderForSlack({ name, data: sampleData(name) as Record<string, unknown>, locale: 'fr' });
    expect(blocks.some((b) => b.type === 'input')).toBe(false);
    const texts = buttonTexts(blocks);
    expect(texts).toContain("J'ai besoin d'aide");
    expect(texts).not.toContain('Envoyer au service informatique');
    const help = (blocks as Node[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as Node[])
      .find((b) => String(b.action_id).startsWith('step4.need_help'));
    expect(parseButtonValue(String(help?.action_id), String(help?.value))?.action).toBe('step4.need_help');
  });

  it('leaves cards without a help form as the converter made them', () => {
    const out = renderCard('help-request', sampleData('help-request'), 'en', 'slack');
    expect(helpAsModalButton(out.blocks, 'en')).toEqual(out.blocks);
  });
});

describe('button values and inputs', () => {
  it('reads the action and data the converter put in a button', () => {
    expect(
      parseButtonValue('step4.signed_in:0', '{"action":"step4.signed_in","personId":"a@b.org","round":1}'),
    ).toEqual({
      action: 'step4.signed_in',
      data: { personId: 'a@b.org', round: 1 },
    });
    expect(parseButtonValue('admin.refresh:3', undefined)).toEqual({ action: 'admin.refresh', data: {} });
    expect(parseButtonValue('url:1', undefined)).toBeUndefined();
    expect(parseButtonValue('x:1', 'not json')).toBeUndefined();
    expect(parseButtonValue('x:1', '[1,2]')).toBeUndefined();
  });

  it('flattens state.values to {actionId: value}', () => {
    const state = {
      values: {
        helpText: { helpText: { type: 'plain_text_input', value: 'hi' } },
        b2: { other: { type: 'x', value: null } },
      },
    };
    expect(formInputs(state)).toEqual({ helpText: 'hi' });
    expect(formInputs(undefined)).toEqual({});
  });
});

describe('typed text', () => {
  it('removes Slack markup from what people typed', () => {
    expect(plainText('status <mailto:Bob@x.org|Bob@x.org>')).toBe('status Bob@x.org');
    expect(plainText('open <https://example.org/a?b=1&amp;c=2>')).toBe('open https://example.org/a?b=1&c=2');
    expect(plainText('  a &lt;b&gt; &amp; c ')).toBe('a <b> & c');
    expect(plainText('hi <@U123> <!channel>')).toBe('hi <@U123> <!channel>');
  });
});

describe('file snippet', () => {
  it('keeps whole lines that fit, escapes what Slack parses, and says how many lines were left out', () => {
    const content = [
      'a,b',
      '<!channel>,```x```',
      ...Array.from({ length: 500 }, (_, i) => `row${i},${'z'.repeat(20)}`),
    ].join('\n');
    const { blocks, text } = snippetMessage({ name: 'f.csv', content, mimeType: 'text/csv' }, 'en');
    expect(text).toBe('f.csv');
    const body = (blocks[0] as { text: { text: string } }).text.text;
    expect(body.length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS + 30);
    expect(body).toContain('&lt;!channel&gt;');
    expect(body).not.toContain('<!channel>');
    expect(body.match(/```/g)).toHaveLength(2);
    const shown = body.split('\n').filter((l) => l.startsWith('row')).length;
    expect(JSON.stringify(blocks[1])).toContain(`and ${502 - 2 - shown} more`);
  });

  it('adds no note when everything fits', () => {
    expect(snippetMessage({ name: 'f.csv', content: 'a\nb\n', mimeType: 'text/csv' }, 'en').blocks).toHaveLength(1);
  });
});

describe('file download URLs', () => {
  it('sends the bot token only to Slack or to the configured API host', () => {
    expect(isTrustedFileUrl('https://files.slack.com/files-pri/T1-F1/a.csv', 'https://slack.com/api/')).toBe(true);
    expect(isTrustedFileUrl('http://127.0.0.1:5000/files/F1/a.csv', 'http://127.0.0.1:5000/api/')).toBe(true);
    expect(isTrustedFileUrl('http://files.slack.com/a.csv', 'https://slack.com/api/')).toBe(false);
    expect(isTrustedFileUrl('https://files.slack.com.evil.org/a.csv', 'https://slack.com/api/')).toBe(false);
    expect(isTrustedFileUrl('not a url', 'https://slack.com/api/')).toBe(false);
  });
});

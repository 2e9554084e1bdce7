// The Adaptive Card → Block Kit converter on hand-made cards: each element's mapping and each limit guard.
import { describe, expect, it } from 'vitest';
import { adaptiveToBlocks } from '../../src/cards/adaptive-to-blocks.ts';
import { blockKitViolations } from './helpers.ts';

const card = (body: unknown[], actions: unknown[] = [], extra: object = {}) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body,
  actions,
  ...extra,
});
const tb = (text: string, more: object = {}) => ({ type: 'TextBlock', text, ...more });

describe('adaptiveToBlocks', () => {
  it('maps headings to header blocks and small subtle text to context', () => {
    const { blocks } = adaptiveToBlocks(
      card([tb('Title **x**', { style: 'heading' }), tb('note', { size: 'Small', isSubtle: true })]),
      'en',
    );
    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Title x', emoji: true } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'note' }] },
    ]);
  });

  it('merges consecutive text into one section, converting Markdown to mrkdwn', () => {
    const { blocks } = adaptiveToBlocks(
      card([
        tb('**Bold** head', { weight: 'Bolder' }),
        tb('a **b** c', { spacing: 'Small' }),
        tb('- one\n- two'),
        tb('ls -l', { fontType: 'Monospace' }),
      ]),
      'en',
    );
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Bold head*\na *b* c\n\n• one\n• two\n\n```ls -l```' } },
    ]);
  });

  it('turns separators into dividers, facts and columns into lines, rich text runs into emphasis', () => {
    const { blocks } = adaptiveToBlocks(
      card([
        tb('intro'),
        {
          type: 'FactSet',
          separator: true,
          facts: [
            { title: 'A', value: '1' },
            { title: 'B', value: '<2>' },
          ],
        },
        {
          type: 'ColumnSet',
          columns: [
            { type: 'Column', items: [tb('x', { weight: 'Bolder' })] },
            { type: 'Column', items: [tb('y')] },
          ],
        },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'said <@U1>', italic: true }] },
      ]),
      'en',
    );
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'intro' } },
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: '*A*: 1\n*B*: &lt;2&gt;\n\n*x* · y\n\n_said &lt;@U1&gt;_' } },
    ]);
  });

  it('maps images with http(s) URLs only, and uses fallbacks for unknown elements', () => {
    const { blocks } = adaptiveToBlocks(
      card([
        { type: 'Image', url: 'https://x.example/a.png', altText: 'logo' },
        { type: 'Image', url: 'javascript:alert(1)' },
        { type: 'Media', sources: [], fallback: tb('no video here') },
        { type: 'Table', rows: [] },
      ]),
      'en',
    );
    expect(blocks).toEqual([
      { type: 'image', image_url: 'https://x.example/a.png', alt_text: 'logo' },
      { type: 'section', text: { type: 'mrkdwn', text: 'no video here' } },
    ]);
  });

  it('turns actions into buttons carrying their data as compact JSON, and a ShowCard into its content inline', () => {
    const data = { action: 'step4.need_help', personId: 'p1', cardId: 'c1', round: 2 };
    const { blocks } = adaptiveToBlocks(
      card(
        [],
        [
          {
            type: 'Action.Execute',
            title: 'Done',
            verb: 'step4.signed_in',
            style: 'positive',
            data: { personId: 'p1' },
          },
          { type: 'Action.OpenUrl', title: 'Open', url: 'https://manage.autodesk.com/' },
          { type: 'Action.Submit', title: 'Plain', data: 'raw' },
          {
            type: 'Action.ShowCard',
            title: 'Help',
            card: {
              type: 'AdaptiveCard',
              body: [
                {
                  type: 'Input.Text',
                  id: 'helpText',
                  label: 'What?',
                  placeholder: 'Tell us',
                  isMultiline: true,
                  maxLength: 500,
                },
              ],
              actions: [{ type: 'Action.Execute', title: 'Send', verb: 'step4.need_help', data }],
            },
          },
        ],
      ),
      'en',
    );
    expect(blocks).toEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Done', emoji: true },
            style: 'primary',
            action_id: 'step4.signed_in:0',
            value: '{"action":"step4.signed_in","personId":"p1"}',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Open', emoji: true },
            action_id: 'url:1',
            url: 'https://manage.autodesk.com/',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Plain', emoji: true },
            action_id: 'Action.Submit:2',
            value: '{"value":"raw"}',
          },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: '*Help*' } },
      {
        type: 'input',
        block_id: 'helpText',
        optional: true,
        label: { type: 'plain_text', text: 'What?' },
        element: {
          type: 'plain_text_input',
          action_id: 'helpText',
          multiline: true,
          placeholder: { type: 'plain_text', text: 'Tell us' },
          max_length: 500,
        },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Send', emoji: true },
            action_id: 'step4.need_help:3',
            value: JSON.stringify(data),
          },
        ],
      },
    ]);
  });

  it('caps button titles at 75 characters and refuses button data Slack would reject', () => {
    const msg = adaptiveToBlocks(
      card([], [{ type: 'Action.Execute', title: 'B'.repeat(200), verb: 'v', data: {} }]),
      'en',
    );
    expect(blockKitViolations(msg)).toEqual([]);
    const big = card([], [{ type: 'Action.Execute', title: 'x', verb: 'v', data: { blob: 'y'.repeat(3000) } }]);
    expect(() => adaptiveToBlocks(big, 'en')).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });

  it('keeps a message to 50 blocks, keeping its buttons and saying how much was left out', () => {
    const body = Array.from({ length: 120 }, (_, i) => tb(`para ${i}`, { separator: true }));
    const msg = adaptiveToBlocks(card(body, [{ type: 'Action.Execute', title: 'OK', verb: 'ok', data: {} }]), 'fr');
    expect(msg.blocks).toHaveLength(50);
    expect(msg.blocks.at(-1)?.type).toBe('actions');
    const notes = msg.blocks.filter((b) => b.type === 'context');
    expect(notes).toHaveLength(1);
    expect(JSON.stringify(notes[0])).toMatch(/et \d+ autres/);
    expect(blockKitViolations(msg)).toEqual([]);
  });

  it('splits or cuts text past 3,000 characters by whole lines with "and N more"', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${'z'.repeat(30)}`).join('\n');
    const msg = adaptiveToBlocks(card([{ type: 'FactSet', facts: [] }, tb(lines), tb('w'.repeat(9000))]), 'de');
    expect(blockKitViolations(msg)).toEqual([]);
    const first = msg.blocks[0];
    expect(first?.type === 'section' && first.text.text).toMatch(/\nline \d+ z+\n_und noch \d+_$/);
    const last = msg.blocks.at(-1);
    expect(last?.type === 'section' && last.text.text.endsWith('…')).toBe(true);
  });

  it('uses the fallback text for notifications, escaped, or the header when there is none', () => {
    expect(
      adaptiveToBlocks(card([tb('T', { style: 'heading' })], [], { fallbackText: 'Hi <!here> & co' }), 'en').text,
    ).toBe('Hi &lt;!here&gt; &amp; co');
    expect(adaptiveToBlocks(card([tb('Head <b>', { style: 'heading' })]), 'en').text).toBe('Head &lt;b&gt;');
  });
});

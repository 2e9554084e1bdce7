// The playground shows card Markdown as Teams does, backslash escapes included: a name like "*Star*" keeps its stars.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the page's own ES module, plain JavaScript without types
import { markdownToHtml } from '../../src/playground/static/render-card.js';
import { escapeMarkdown } from '../../src/cards/markdown-escape.ts';

const html = markdownToHtml as (text: string) => string;

describe('playground Markdown', () => {
  it('shows escaped characters as themselves and still renders the bot’s own markup', () => {
    const name = escapeMarkdown('*Star* _Under_ `tick` <b>');
    expect(html(`Hello ${name}, **welcome**`)).toBe(
      '<p>Hello *Star* _Under_ `tick` &lt;b&gt;, <strong>welcome</strong></p>',
    );
    expect(html(escapeMarkdown('note\n- not a list'))).toBe('<p>note</p><p>- not a list</p>');
    expect(html('- a list')).toBe('<ul><li>a list</li></ul>');
  });
});

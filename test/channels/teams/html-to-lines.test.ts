// Multi-line Teams messages (HTML) as the plain lines a person typed: examples of what Teams sends, and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToLines, looksLikeHtml } from '../../../src/channels/teams/html-to-lines.ts';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A line as people type it in a roster: no line breaks, no outer spaces, not empty. */
const line = fc
  .string({
    unit: fc.constantFrom('a', 'Z', 'é', '1', ',', '.', '@', ' ', '<', '>', '&', ';', '"', "'", '#', '\u00a0'),
  })
  .map((s) => s.replace(/\u00a0/g, ' ').trim())
  .filter((s) => s !== '');

describe('htmlToLines', () => {
  it('reads what Teams sends', () => {
    expect(htmlToLines('<p>import</p><p>a@x.org,A,B</p>')).toBe('import\na@x.org,A,B');
    expect(htmlToLines('<div><div>import</div><div>a@x.org,A,B</div></div>')).toBe('import\na@x.org,A,B');
    expect(htmlToLines('import<br>a@x.org,A,B<br/>c@x.org,C,D')).toBe('import\na@x.org,A,B\nc@x.org,C,D');
    expect(htmlToLines('<at>numbot</at>&nbsp;import<br>R&amp;D,O&#39;Neil,&#x4E2D;')).toBe("import\nR&D,O'Neil,中");
    expect(htmlToLines('<p>import</p>\n<p>a@x.org,<strong>A</strong>,B</p>\n')).toBe('import\na@x.org,A,B');
    expect(htmlToLines('import\r\na@x.org,A,B\r\n')).toBe('import\na@x.org,A,B');
    expect(htmlToLines('status')).toBe('status');
  });

  it('gives back the lines, whatever Teams wraps them in', () => {
    const wrappers = [
      (ls: string[]) => ls.map((l) => `<p>${escapeHtml(l)}</p>`).join(''),
      (ls: string[]) => `<div>${ls.map((l) => `<div>${escapeHtml(l)}</div>`).join('')}</div>`,
      (ls: string[]) => ls.map(escapeHtml).join('<br>'),
      (ls: string[]) => ls.map((l) => `<p>${escapeHtml(l).replace(/ /g, '&nbsp;')}</p>`).join('\n'),
    ];
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.nat(wrappers.length - 1), (ls, w) => {
        expect(htmlToLines(wrappers[w]!(ls))).toBe(ls.map((l) => l.replace(/\s+$/, '')).join('\n'));
      }),
    );
  });

  it('leaves plain text without markup as it is (but for line endings and outer spaces)', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (ls) => {
        const text = ls.join('\n');
        fc.pre(!looksLikeHtml(text));
        expect(htmlToLines(text)).toBe(text);
        expect(htmlToLines(ls.join('\r\n'))).toBe(text);
      }),
    );
  });

  it('never throws and never leaves a tag behind, whatever arrives', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = htmlToLines(`<p>${s}</p><br>`);
        expect(typeof out).toBe('string');
      }),
    );
    expect(htmlToLines('<p><b>a</b></p><div><span>b</span></div>')).not.toMatch(/<\/?[a-z]+>/);
  });
});

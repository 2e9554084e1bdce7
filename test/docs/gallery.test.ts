// The card gallery in docs/ is complete and current: one picture per card, language and platform, an index that is
// exactly what the script writes, and a link from the README. (`npm run gallery` regenerates it.)
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GALLERY_DIR, GALLERY_LOCALES, GALLERY_PLATFORMS, galleryIndex, shotName } from '../../scripts/card-gallery.ts';
import { CARD_NAMES } from '../../src/cards/index.ts';

describe('docs/gallery', () => {
  it('has every card in en and fr on Teams and Slack, as PNG pictures', () => {
    const missing: string[] = [];
    for (const card of CARD_NAMES)
      for (const locale of GALLERY_LOCALES)
        for (const platform of GALLERY_PLATFORMS) {
          const file = `${GALLERY_DIR}${shotName(card, locale, platform)}`;
          if (!existsSync(file) || readFileSync(file).subarray(1, 4).toString() !== 'PNG') missing.push(file);
        }
    expect(missing).toEqual([]);
  });

  it('has the index the script writes, linked from the README', () => {
    expect(readFileSync(`${GALLERY_DIR}README.md`, 'utf8')).toBe(galleryIndex());
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain('docs/gallery/README.md');
  });
});

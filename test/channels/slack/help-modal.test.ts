import { describe, expect, it } from 'vitest';
import { t } from '../../../src/cards/index.ts';
import { helpModal } from '../../../src/channels/slack/help-modal.ts';
import { LOCALES } from '../../../src/domain/types.ts';

describe('Slack help modal', () => {
  // Slack refuses a modal whose title or button text is over 24 characters; ours cut with "…", which reads badly.
  it.each(LOCALES)('fits its title and button within Slack’s 24 characters in %s, uncut', (locale) => {
    const view = helpModal(locale, { d: { personId: 'p1' } });
    expect(view.title.text).toBe(t(locale, 'btn_need_help'));
    expect(view.submit.text).toBe(t(locale, 'btn_send_help'));
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit.text.length).toBeLessThanOrEqual(24);
  });

  it('drops the button data rather than exceed Slack’s private_metadata limit', () => {
    const view = helpModal('en', { c: 'C1', t: '1.2', d: { blob: 'x'.repeat(4000) } });
    expect(view.private_metadata.length).toBeLessThanOrEqual(3000);
    expect(JSON.parse(view.private_metadata)).toEqual({ c: 'C1', t: '1.2', d: {} });
  });
});

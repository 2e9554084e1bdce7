// The page Autodesk's sign-in comes back to (GET /autodesk/callback), whole, in the admin's language: what happened
// and what to do next. Every value is escaped; the page loads nothing from outside.
import type { Locale } from '../domain/types.ts';
import type { CallbackOutcome } from '../ports/autodesk-link.ts';
import { say } from './say.ts';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function autodeskCallbackText(locale: Locale, o: CallbackOutcome): string {
  switch (o.kind) {
    case 'connected':
      if (o.team) return say(locale, 'adsk_page_connected_team', { team: o.team.name });
      return o.teamsToChoose > 1
        ? say(locale, 'adsk_page_connected_choose', { count: o.teamsToChoose })
        : say(locale, 'adsk_page_connected_none');
    case 'declined':
      return say(locale, 'adsk_page_declined');
    case 'expired':
      return say(locale, 'adsk_page_expired');
    case 'refused':
      return say(locale, 'adsk_page_refused', { title: o.title });
  }
}

export function autodeskCallbackPage(locale: Locale, o: CallbackOutcome): string {
  const title = escape(say(locale, 'adsk_page_title'));
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head><body><h1>${title}</h1><p>${escape(autodeskCallbackText(locale, o))}</p></body></html>`;
}

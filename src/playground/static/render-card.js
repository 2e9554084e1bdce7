// Adaptive Cards in the page, with the official renderer (global AdaptiveCards from adaptivecards.min.js).
// Card text may carry a little markdown; it is escaped first, so only the markup below can become HTML.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

function inline(escaped) {
  return escaped
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(.+?)_(?=$|[\s).,;:!?])/g, '$1<em>$2</em>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\((https:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>');
}

// Backslash escapes (outside text such as names, see src/cards/markdown-escape.ts) show the character itself: each is
// set aside as a private-use mark before the markup below is applied, and put back, HTML-escaped, at the end.
const ESCAPED = /\\([\\`*_~[\]<>#+.-])/g;
const KEPT = /\uE001(\d+)\uE002/g;

/** The markdown subset Teams renders in TextBlocks: bold, italic, code, https links, lists, backslash escapes. */
export function markdownToHtml(text) {
  const kept = [];
  const marked = String(text)
    .replace(/[\uE001\uE002]/g, '')
    .replace(ESCAPED, (_w, ch) => `\uE001${kept.push(ch) - 1}\uE002`);
  return markup(marked).replace(KEPT, (_w, i) => escapeHtml(kept[Number(i)] ?? ''));
}

function markup(text) {
  const lines = escapeHtml(text).split('\n');
  const out = [];
  let list = null;
  for (const line of lines) {
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*(\d+)\.\s+(.*)$/.exec(line);
    const kind = bullet ? 'ul' : numbered ? 'ol' : null;
    if (list && list !== kind) {
      out.push(`</${list}>`);
      list = null;
    }
    if (kind) {
      if (!list) {
        // A list split over several TextBlocks ("2. …" alone) keeps its own number.
        out.push(kind === 'ol' ? `<ol start="${Number(numbered[1])}">` : '<ul>');
        list = kind;
      }
      out.push(`<li>${inline(bullet ? bullet[1] : numbered[2])}</li>`);
    } else out.push(line === '' ? '<br>' : `<p>${inline(line)}</p>`);
  }
  if (list) out.push(`</${list}>`);
  return out.join('');
}

let configured = false;
function configure() {
  if (configured) return;
  configured = true;
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdownToHtml(text);
    result.didProcess = true;
  };
}

const HOST_CONFIG = {
  fontFamily: 'Segoe UI, system-ui, sans-serif',
  supportsInteractivity: true,
  actions: { maxActions: 6, buttonSpacing: 8, actionsOrientation: 'horizontal', showCard: { actionMode: 'inline' } },
};

/** What a click asks for: the verb and the data (with the card's inputs), or a link to open. */
export function actionRequest(action) {
  if (action instanceof AdaptiveCards.ExecuteAction) return { verb: action.verb, data: { ...(action.data || {}) } };
  if (action instanceof AdaptiveCards.SubmitAction) {
    const data = { ...(action.data || {}) };
    return { verb: data.action || data.verb || '', data };
  }
  if (action instanceof AdaptiveCards.OpenUrlAction) return { url: action.url };
  return null;
}

/** Renders one card; `onAction({verb, data})` is called for Execute and Submit buttons. */
export function renderAdaptiveCard(json, onAction) {
  configure();
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(HOST_CONFIG);
  card.onExecuteAction = (action) => {
    const request = actionRequest(action);
    if (!request) return;
    if (request.url) {
      if (/^https:\/\//i.test(request.url)) window.open(request.url, '_blank', 'noopener,noreferrer');
      return;
    }
    if (request.verb) onAction(request);
  };
  card.parse(json);
  return card.render();
}

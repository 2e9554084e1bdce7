// A Block Kit message drawn as Slack would, roughly: built from DOM nodes and text nodes only, never from HTML strings.

const TOKEN =
  /<(https?:\/\/[^|>\s]+)(?:\|([^>]+))?>|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~|```([^`\n]+)```|`([^`\n]+)`/g;
// Slack shows &lt; &gt; &amp; as the characters in every text; set as textContent, they stay text.
const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Slack mrkdwn (bold, italic, strike, code, links) as DOM nodes appended to `parent`. */
export function appendMrkdwn(parent, text) {
  const lines = String(text).split('\n');
  lines.forEach((line, i) => {
    if (i > 0) parent.appendChild(document.createElement('br'));
    let last = 0;
    for (const m of line.matchAll(TOKEN)) {
      if (m.index > last) parent.appendChild(document.createTextNode(decode(line.slice(last, m.index))));
      if (m[1]) {
        const a = el('a', '', decode(m[2] || m[1]));
        a.href = m[1];
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        parent.appendChild(a);
      } else if (m[3] !== undefined) appendMrkdwn(parent.appendChild(el('strong')), m[3]);
      else if (m[4] !== undefined) appendMrkdwn(parent.appendChild(el('em')), m[4]);
      else if (m[5] !== undefined) parent.appendChild(el('s', '', decode(m[5])));
      else if (m[6] !== undefined) parent.appendChild(el('pre', 'slack-pre', decode(m[6])));
      else if (m[7] !== undefined) parent.appendChild(el('code', '', decode(m[7])));
      last = m.index + m[0].length;
    }
    if (last < line.length) parent.appendChild(document.createTextNode(decode(line.slice(last))));
  });
  return parent;
}

/** Values typed into the message's inputs, as Slack's state.values would carry them (by action id). */
function inputValues(root) {
  const values = {};
  for (const input of root.querySelectorAll('[data-action-id]')) values[input.dataset.actionId] = input.value;
  return values;
}

/** Draws the blocks; `onAction({verb, data})` is called when a button is clicked. */
export function renderSlackMessage(message, onAction) {
  const root = el('div', 'slack-message');
  for (const block of message.blocks || []) {
    switch (block.type) {
      case 'header':
        root.appendChild(el('div', 'slack-header', decode(block.text.text)));
        break;
      case 'section':
        appendMrkdwn(root.appendChild(el('div', 'slack-section')), block.text.text);
        break;
      case 'context': {
        const ctx = root.appendChild(el('div', 'slack-context'));
        for (const part of block.elements || []) appendMrkdwn(ctx.appendChild(el('span')), part.text);
        break;
      }
      case 'divider':
        root.appendChild(el('hr', 'slack-divider'));
        break;
      case 'image': {
        if (!/^https:\/\//i.test(block.image_url)) break;
        const img = el('img', 'slack-image');
        img.src = block.image_url;
        img.alt = block.alt_text;
        root.appendChild(img);
        break;
      }
      case 'input': {
        const wrap = root.appendChild(el('label', 'slack-input'));
        wrap.appendChild(el('span', '', decode(block.label.text)));
        const field = el(block.element.multiline ? 'textarea' : 'input');
        field.dataset.actionId = block.element.action_id;
        if (block.element.placeholder) field.placeholder = block.element.placeholder.text;
        if (block.element.max_length) field.maxLength = block.element.max_length;
        wrap.appendChild(field);
        break;
      }
      case 'actions': {
        const bar = root.appendChild(el('div', 'slack-actions'));
        for (const button of block.elements || []) {
          const b = el('button', `slack-button ${button.style || ''}`.trim(), decode(button.text.text));
          b.type = 'button';
          b.addEventListener('click', () => {
            if (button.url) {
              if (/^https:\/\//i.test(button.url)) window.open(button.url, '_blank', 'noopener,noreferrer');
              return;
            }
            let data = {};
            try {
              data = JSON.parse(button.value || '{}');
            } catch {
              return;
            }
            onAction({ verb: data.action || '', data: { ...data, ...inputValues(root) } });
          });
          bar.appendChild(b);
        }
        break;
      }
      default:
        root.appendChild(el('div', 'slack-unknown', `(${block.type} block)`));
    }
  }
  return root;
}

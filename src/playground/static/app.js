// The playground page: pick who you are, type commands, click cards, move time. Everything shown comes from the
// bot through /playground/api; text is set with textContent, never parsed as HTML.
import { get, post } from './api.js';
import { renderAdaptiveCard } from './render-card.js';
import { renderSlackMessage } from './render-slack.js';

const $ = (id) => document.getElementById(id);
const state = { as: '', people: [], selected: null, signatures: {}, echoes: {}, isAdmin: false };
const POLL_MS = 1500;

// Bot time is shown in the organisation's time zone (the clock API says which), named, as the cards show it.
let fmt;
function clockFormat(timeZone) {
  const options = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    fmt = new Intl.DateTimeFormat(undefined, { ...options, timeZone });
  } catch {
    fmt = new Intl.DateTimeFormat(undefined, options);
  }
}
clockFormat(undefined);
const when = (ms) => fmt.format(new Date(ms));

function notice(text, kind = 'info') {
  const n = $('notice');
  n.textContent = text;
  n.className = kind;
  n.hidden = !text;
}

function option(p) {
  const o = document.createElement('option');
  o.value = p.id;
  const role = p.roles.includes('admin') ? 'admin' : p.roles.includes('manager') ? 'manager' : '';
  o.textContent = `${p.name}${role ? ` (${role})` : ''} — step 4: ${p.steps ? p.steps.step4.replace('_', ' ') : '–'}`;
  return o;
}

function fillPeople(people) {
  const select = $('person');
  select.replaceChildren();
  const groups = [
    ['Admins', people.filter((p) => p.roles.includes('admin'))],
    ['Managers', people.filter((p) => !p.roles.includes('admin') && p.roles.includes('manager'))],
    ['People', people.filter((p) => !p.roles.includes('admin') && !p.roles.includes('manager'))],
  ];
  for (const [label, list] of groups) {
    if (!list.length) continue;
    const g = document.createElement('optgroup');
    g.label = label;
    list.forEach((p) => g.appendChild(option(p)));
    select.appendChild(g);
  }
  if (state.as && !people.some((p) => p.id === state.as)) {
    const me = state.people.find((p) => p.id === state.as);
    if (me) select.prepend(option(me));
  }
  if (state.as) select.value = state.as;
}

async function loadPeople(q = '') {
  const { people } = await get(`/people?q=${encodeURIComponent(q)}`);
  if (!q) state.people = people;
  fillPeople(people);
  return people;
}

function showStatus() {
  const me = state.people.find((p) => p.id === state.as);
  state.isAdmin = Boolean(me && me.roles.includes('admin'));
  $('chat-title').textContent = me ? `as ${me.name}` : '';
  $('person-status').textContent =
    me && me.steps
      ? `invite: ${me.steps.step1} · products: ${me.steps.step2} · devices: ${me.steps.step3} · step 4: ${me.steps.step4} · ${me.steps.overall}`
      : '';
  $('admin-feed').hidden = !state.isAdmin;
}

function selectForSlack(message) {
  state.selected = message.id;
  for (const node of document.querySelectorAll('.message.selected')) node.classList.remove('selected');
  document.querySelector(`.message[data-id="${CSS.escape(message.id)}"]`)?.classList.add('selected');
  const view = $('slack-view');
  view.replaceChildren();
  if (message.card.error) {
    view.textContent = message.card.error;
    return;
  }
  $('slack-title').textContent = `(${message.card.name})`;
  view.appendChild(renderSlackMessage(message.card.slack, (request) => act(message, request)));
  $('slack-json').textContent = JSON.stringify(message.card.slack.blocks, null, 2);
  $('teams-json').textContent = JSON.stringify(message.card.teams, null, 2);
}

function messageNode(message) {
  const node = document.createElement('article');
  node.className = 'message bot';
  node.dataset.id = message.id;
  node.dataset.card = message.card.name;
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = `numbot · ${when(message.updatedAt ?? message.sentAt)}${message.updatedAt ? ' (updated)' : ''}`;
  node.appendChild(meta);
  if (message.card.error) node.appendChild(document.createTextNode(message.card.error));
  else node.appendChild(renderAdaptiveCard(message.card.teams, (request) => act(message, request)));
  node.addEventListener('click', (e) => {
    if (!e.target.closest('button, input, textarea, a')) selectForSlack(message);
  });
  return node;
}

function echoNode(echo) {
  const node = document.createElement('div');
  node.className = `message me ${echo.kind}`;
  if (echo.kind === 'file') {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([echo.content], { type: echo.mimeType }));
    a.download = echo.name;
    a.textContent = `⬇ ${echo.name}`;
    node.appendChild(a);
  } else node.textContent = echo.text;
  return node;
}

function drawConversation(container, conversationId, messages) {
  const echoes = state.echoes[conversationId] || [];
  const items = [...messages.map((m) => ({ at: m.sentAt, m })), ...echoes.map((e) => ({ at: e.at, e }))].sort(
    (a, b) => a.at - b.at,
  );
  container.replaceChildren(...items.map((i) => (i.m ? messageNode(i.m) : echoNode(i.e))));
  container.dataset.conversation = conversationId;
  container.scrollTop = container.scrollHeight;
  // Something new arrived: the Slack panel follows the newest card (a click on another card shows that one).
  const latest = [...messages].reverse().find((m) => !m.card.error);
  if (container === $('messages') && latest) selectForSlack(latest);
}

async function refreshConversation(conversationId, container, force = false) {
  if (!conversationId) return;
  const { messages } = await get(`/conversations/${encodeURIComponent(conversationId)}`);
  const signature = JSON.stringify([
    messages.map((m) => [m.id, m.updatedAt]),
    (state.echoes[conversationId] || []).length,
  ]);
  // Redrawing would wipe what someone is typing into a card, so only redraw on change.
  if (!force && state.signatures[conversationId] === signature) return;
  state.signatures[conversationId] = signature;
  drawConversation(container, conversationId, messages);
}

async function refreshClock() {
  const clock = await get('/clock');
  if (clock.timeZone && fmt.resolvedOptions().timeZone !== clock.timeZone) clockFormat(clock.timeZone);
  $('now').textContent = when(clock.now);
  $('now').title = clock.timeZone ?? '';
  $('now').dateTime = new Date(clock.now).toISOString();
  for (const id of ['next-reminder', 'next-summary', 'plus-hour', 'plus-day']) $(id).disabled = !clock.movable;
  $('next-reminder').title = clock.nextReminderAt
    ? `Next reminder due ${when(clock.nextReminderAt)}`
    : 'Nobody is due for a reminder';
  $('next-summary').title = clock.nextSummaryAt ? `Next daily summary ${when(clock.nextSummaryAt)}` : '';
  return clock;
}

async function refreshAll(force = false) {
  await refreshConversation(state.as, $('messages'), force);
  if (state.isAdmin) await refreshConversation('admins', $('admin-messages'), force);
  await refreshClock();
}

function echo(conversationId, entry) {
  (state.echoes[conversationId] ||= []).push(entry);
}

function afterReply(reply, now) {
  for (const f of reply.files || []) echo(state.as, { kind: 'file', at: now + 1, ...f });
  if (reply.refused) notice('The bot refused that (see its answer).', 'warning');
}

async function act(message, { verb, data }) {
  try {
    const { now } = await get('/clock');
    const reply = await post('/action', { as: state.as, action: verb, data, messageId: message.id });
    afterReply(reply, now);
    await loadPeople();
    showStatus();
    await refreshAll(true);
  } catch (err) {
    notice(err.message, 'error');
  }
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      resolve(btoa(binary));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

async function sendCommand(e) {
  e.preventDefault();
  const input = $('command');
  const file = $('csv').files[0];
  const text = input.value.trim() || (file ? 'import' : '');
  if (!text) return;
  try {
    const files = file ? [{ name: file.name, content: await readBase64(file) }] : undefined;
    const { now } = await get('/clock');
    echo(state.as, { kind: 'text', at: now, text: file ? `${text}  📎 ${file.name}` : text });
    input.value = '';
    $('csv').value = '';
    notice('');
    const reply = await post('/command', { as: state.as, text, ...(files ? { files } : {}) });
    afterReply(reply, now);
    await loadPeople();
    showStatus();
    await refreshAll(true);
  } catch (err) {
    notice(err.message, 'error');
  }
}

function describeJump(r) {
  const hours = Math.round(r.movedMs / 3_600_000);
  const ran = Object.entries(r.ran || {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  const moved = hours >= 48 ? `${Math.round(hours / 24)} days` : `${hours} hours`;
  const after = ran
    ? ` · ${ran}`
    : r.clock && !r.clock.scheduler
      ? ' · no scheduler installed to run'
      : ' · nothing was due';
  return `Moved time ${moved} forward${after}.`;
}

async function jump(body) {
  try {
    const r = await post('/clock', body);
    notice(describeJump(r));
    await loadPeople();
    showStatus();
    await refreshAll(true);
  } catch (err) {
    notice(err.message, 'error');
  }
}

async function choose(id) {
  state.as = id;
  state.selected = null;
  localStorage.setItem('numbot.playground.as', id);
  showStatus();
  await refreshAll(true);
}

async function start() {
  const people = await loadPeople();
  const saved = localStorage.getItem('numbot.playground.as');
  const first = people.find((p) => p.id === saved) || people.find((p) => p.roles.includes('admin')) || people[0];
  $('person').addEventListener('change', (e) => choose(e.target.value));
  let timer;
  $('person-search').addEventListener('input', (e) => {
    clearTimeout(timer);
    timer = setTimeout(() => loadPeople(e.target.value).catch((err) => notice(err.message, 'error')), 250);
  });
  $('command-form').addEventListener('submit', sendCommand);
  $('next-reminder').addEventListener('click', () => jump({ to: 'next-reminder' }));
  $('next-summary').addEventListener('click', () => jump({ to: 'next-summary' }));
  $('plus-hour').addEventListener('click', () => jump({ ms: 3_600_000 }));
  $('plus-day').addEventListener('click', () => jump({ ms: 86_400_000 }));
  $('add-fault').addEventListener('click', async () => {
    try {
      const r = await post('/faults', { kind: $('fault').value, retryAfterSeconds: 2 });
      $('fault-count').textContent = `${r.pending} failure(s) waiting for the next sends`;
    } catch (err) {
      notice(err.message, 'error');
    }
  });
  if (first) await choose(first.id);
  else notice('The roster is empty: attach a CSV and send "import".');
  setInterval(() => refreshAll().catch((err) => notice(err.message, 'error')), POLL_MS);
}

window.addEventListener('DOMContentLoaded', () => {
  start().catch((err) => notice(err.message, 'error'));
});

// The page's calls to /playground/api. Every request carries the header the server requires of its own page.
const BASE = '/playground/api';
const HEADERS = { 'x-numbot-playground': '1' };

async function parse(res) {
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

export async function get(path) {
  return parse(await fetch(BASE + path, { headers: HEADERS }));
}

export async function post(path, body) {
  return parse(
    await fetch(BASE + path, {
      method: 'POST',
      headers: { ...HEADERS, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

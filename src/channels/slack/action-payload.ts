// What a clicked button carries: the converter puts `{action, ...card data}` as JSON in the button's value and
// `<action>:<n>` in its action_id (src/cards/adaptive-to-blocks.ts). Inputs come back in `state.values`.

export interface ButtonAction {
  action: string;
  data: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The action verb and data of a button; undefined for link buttons and values that are not ours. */
export function parseButtonValue(actionId: string, value: string | undefined): ButtonAction | undefined {
  if (actionId.startsWith('url:')) return undefined;
  let parsed: unknown;
  try {
    parsed = value === undefined ? {} : JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!isObject(parsed)) return undefined;
  const { action, ...data } = parsed;
  const verb = typeof action === 'string' && action !== '' ? action : actionId.replace(/:\d+$/, '');
  return verb ? { action: verb, data } : undefined;
}

/** Text inputs of a message or modal as `{actionId: value}`, the shape Teams gives in activity.value. */
export function formInputs(state: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const values = isObject(state) && isObject(state.values) ? state.values : {};
  for (const block of Object.values(values)) {
    if (!isObject(block)) continue;
    for (const [actionId, input] of Object.entries(block)) {
      if (isObject(input) && typeof input.value === 'string') out[actionId] = input.value;
    }
  }
  return out;
}

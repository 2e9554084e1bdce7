// Clients without Universal Actions (older Teams, Outlook) cannot run Action.Execute; each one gets an Action.Submit
// fallback carrying the same data, which arrives as a message with activity.value instead of an invoke.

type Node = Record<string, unknown>;

function submitFor(execute: Node): Node {
  const data = execute.data !== null && typeof execute.data === 'object' ? (execute.data as Node) : {};
  return {
    type: 'Action.Submit',
    title: execute.title,
    ...(execute.style ? { style: execute.style } : {}),
    data: { action: execute.verb, ...data },
  };
}

/** Adds an Action.Submit fallback to every Action.Execute in the card that has none (in place; returns the card). */
export function withSubmitFallbacks<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(withSubmitFallbacks);
  else if (value !== null && typeof value === 'object') {
    const node = value as Node;
    for (const child of Object.values(node)) withSubmitFallbacks(child);
    if (node.type === 'Action.Execute' && node.fallback === undefined) node.fallback = submitFor(node);
  }
  return value;
}

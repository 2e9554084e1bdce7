// The Block Kit limits Slack enforces, checked by the fake so a message Slack would reject is rejected here too.

type Node = Record<string, unknown>;

const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  messageText: 40_000,
};

const textOf = (v: unknown): string | undefined =>
  v !== null && typeof v === 'object' && typeof (v as Node).text === 'string'
    ? ((v as Node).text as string)
    : undefined;

function checkElement(el: Node): string | undefined {
  if (typeof el.action_id === 'string' && el.action_id.length > LIMITS.actionId) return 'action_id too long';
  if (el.type === 'button') {
    const t = textOf(el.text);
    if (!t || t.length > LIMITS.buttonText) return 'button text missing or longer than 75';
    if (typeof el.value === 'string' && el.value.length > LIMITS.buttonValue) return 'button value longer than 2000';
  }
  return undefined;
}

function checkBlock(b: Node): string | undefined {
  if (typeof b.type !== 'string') return 'block without type';
  if (typeof b.block_id === 'string' && b.block_id.length > LIMITS.blockId) return 'block_id too long';
  switch (b.type) {
    case 'section': {
      const t = textOf(b.text);
      if (t === undefined && !Array.isArray(b.fields)) return 'section without text';
      if (t !== undefined && (t.length === 0 || t.length > LIMITS.sectionText))
        return 'section text empty or longer than 3000';
      return undefined;
    }
    case 'header': {
      const t = textOf(b.text);
      return !t || t.length > LIMITS.headerText ? 'header text missing or longer than 150' : undefined;
    }
    case 'actions': {
      const els = Array.isArray(b.elements) ? (b.elements as Node[]) : [];
      if (els.length === 0 || els.length > LIMITS.actionsElements) return 'actions needs 1 to 25 elements';
      for (const el of els) {
        const e = checkElement(el);
        if (e) return e;
      }
      return undefined;
    }
    case 'context': {
      const els = Array.isArray(b.elements) ? b.elements : [];
      return els.length === 0 || els.length > LIMITS.contextElements ? 'context needs 1 to 10 elements' : undefined;
    }
    case 'input':
      return b.element && typeof b.element === 'object' ? checkElement(b.element as Node) : 'input without element';
    case 'divider':
    case 'image':
    case 'rich_text':
      return undefined;
    default:
      return `unknown block type ${b.type}`;
  }
}

/** Slack's error code for a message body, or undefined when Slack would accept it. */
export function checkMessage(params: Node, surface: 'message' | 'view' = 'message'): string | undefined {
  const { blocks, text } = params;
  if (typeof text === 'string' && text.length > LIMITS.messageText) return 'msg_too_long';
  if (blocks === undefined) return typeof text === 'string' && text.length > 0 ? undefined : 'no_text';
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  const max = surface === 'view' ? LIMITS.viewBlocks : LIMITS.messageBlocks;
  if (blocks.length > max) return 'invalid_blocks';
  if (surface === 'message' && blocks.length === 0 && !(typeof text === 'string' && text)) return 'no_text';
  for (const b of blocks as Node[]) if (b === null || typeof b !== 'object' || checkBlock(b)) return 'invalid_blocks';
  return undefined;
}

// Teams shows "I need help" as a card that unfolds a text box; the converter lays that out inline in Slack (a
// heading, a text input and a "Send to IT" button). In Slack a modal reads better: the inline part becomes one
// "I need help" button next to the others, and clicking it opens the help modal (help-modal.ts).
import type { Locale } from '../../domain/types.ts';
import { CARD_ACTIONS, HELP_TEXT_INPUT, t, type SlackBlock } from '../../cards/index.ts';
import { parseButtonValue } from './action-payload.ts';

type Button = Extract<SlackBlock, { type: 'actions' }>['elements'][number];

const MAX_ACTIONS_ELEMENTS = 25;
const MAX_BUTTON_TEXT = 75;

const isNeedHelp = (b: Button) => parseButtonValue(b.action_id, b.value)?.action === CARD_ACTIONS.needHelp;

/** Replaces the inline help input and its send button by one "I need help" button; other blocks are unchanged. */
export function helpAsModalButton(blocks: SlackBlock[], locale: Locale): SlackBlock[] {
  const at = blocks.findIndex((b) => b.type === 'input' && b.block_id === HELP_TEXT_INPUT);
  const send = blocks[at + 1];
  if (at < 0 || send?.type !== 'actions') return blocks;
  const help = send.elements.find(isNeedHelp);
  if (!help) return blocks;

  const label = t(locale, 'btn_need_help');
  const out = [...blocks];
  const others = send.elements.filter((b) => !isNeedHelp(b));
  out.splice(at, 2, ...(others.length > 0 ? [{ ...send, elements: others }] : []));
  const heading = out[at - 1];
  let insertAt = at;
  if (heading?.type === 'section' && heading.text.text === `*${label}*`) {
    out.splice(at - 1, 1);
    insertAt = at - 1;
  }
  const button: Button = { ...help, text: { ...help.text, text: label.slice(0, MAX_BUTTON_TEXT) } };
  const before = out[insertAt - 1];
  if (before?.type === 'actions' && before.elements.length < MAX_ACTIONS_ELEMENTS) {
    out[insertAt - 1] = { ...before, elements: [...before.elements.slice(0, 1), button, ...before.elements.slice(1)] };
    return out;
  }
  out.splice(insertAt, 0, { type: 'actions', elements: [button] });
  return out;
}

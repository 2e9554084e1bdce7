// Shared checks for the card tests: schema validation, Block Kit limits, string walks.
import { readFileSync } from 'node:fs';
import ajvDraft04 from 'ajv-draft-04';
import type { SlackBlock, SlackMessage } from '../../src/cards/index.ts';

// The Adaptive Card schema names itself with draft-04's `id` (Ajv 8's default flavour refuses it), so the draft-04
// build of Ajv is the one that compiles it. Its formats (uri, uri-reference) are not checked.
// The package is CommonJS; its class is both module.exports and .default.
const Ajv04 = ajvDraft04.default;
const ajv = new Ajv04({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
const schema = JSON.parse(readFileSync(new URL('../../schemas/adaptive-card-1.5.json', import.meta.url), 'utf8'));
export const validateAdaptive = ajv.compile(schema);

export function schemaErrors(card: unknown): string {
  return validateAdaptive(card) ? '' : JSON.stringify(validateAdaptive.errors?.slice(0, 5));
}

/** Every string (values and keys) in a JSON-like value. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      allStrings(v, out);
    }
  return out;
}

/** The texts Slack shows or parses (not button values, ids or URLs). */
export function slackTexts(message: SlackMessage): string[] {
  const out = [message.text];
  for (const b of message.blocks) {
    if (b.type === 'header' || b.type === 'section') out.push(b.text.text);
    if (b.type === 'context') out.push(...b.elements.map((e) => e.text));
    if (b.type === 'actions') out.push(...b.elements.map((e) => e.text.text));
    if (b.type === 'input') out.push(b.label.text, b.element.placeholder?.text ?? '');
  }
  return out;
}

/** Every Block Kit limit the message breaks; empty when it is within them. */
export function blockKitViolations(message: SlackMessage): string[] {
  const v: string[] = [];
  const check = (ok: boolean, what: string) => ok || v.push(what);
  check(message.blocks.length <= 50, `${message.blocks.length} blocks`);
  check(message.blocks.length > 0, 'no blocks');
  const actionIds = new Set<string>();
  message.blocks.forEach((b: SlackBlock, i) => {
    if (b.type === 'header')
      check(b.text.text.length <= 150 && b.text.text.length > 0, `header ${i} length ${b.text.text.length}`);
    if (b.type === 'section')
      check(b.text.text.length <= 3000 && b.text.text.length > 0, `section ${i} length ${b.text.text.length}`);
    if (b.type === 'context') {
      check(b.elements.length <= 10, `context ${i} elements`);
      for (const e of b.elements) check(e.text.length <= 3000, `context ${i} length`);
    }
    if (b.type === 'actions') {
      check(b.elements.length <= 25 && b.elements.length > 0, `actions ${i} count ${b.elements.length}`);
      for (const e of b.elements) {
        check(e.text.text.length <= 75 && e.text.text.length > 0, `button text "${e.text.text}"`);
        check(e.action_id.length <= 255, `action_id length ${e.action_id.length}`);
        check(!actionIds.has(e.action_id), `duplicate action_id ${e.action_id}`);
        actionIds.add(e.action_id);
        check((e.value ?? '').length <= 2000, `button value length ${(e.value ?? '').length}`);
        check(e.value !== undefined || e.url !== undefined, `button "${e.text.text}" has neither value nor url`);
      }
    }
    if (b.type === 'input') {
      check(b.label.text.length <= 2000 && b.block_id.length <= 255, `input ${i}`);
      check((b.element.placeholder?.text.length ?? 0) <= 150, `input ${i} placeholder`);
    }
  });
  return v;
}

// Faster field lookups for adaptivecards-templating, with the library's exact results.
//
// The templating engine evaluates every `${a.b}` through adaptive-expressions, which on each evaluation rebuilds the
// path string, splits it with a regex and, at every step, lists all keys of the object and compares each one
// lower-cased (lookups are case-insensitive; the first key in key order wins). A card has dozens of bindings over
// the same few objects, so this was most of a render. Here a binding's path is split once, when its template is
// loaded, and within one expansion each object's keys are lower-cased once. The semantics copied are those of
// adaptive-expressions' Accessor evaluator, FunctionUtils.tryAccumulatePath, InternalFunctionUtils.wrapGetValue,
// accessProperty and accessIndex, SimpleObjectMemory.getValue and the templating library's TemplateObjectMemory.
//
// Only plain dotted paths take this way (`${t.step4_title}`, `${counts.people}`). Anything else (functions,
// operators, indexes) keeps the library's own evaluation, and so does a lookup outside a template's expansion
// state. test/cards/fast-paths.test.ts renders every card, locale and platform both ways and compares the bytes.
import {
  Constant,
  Expression,
  ExpressionType,
  type MemoryInterface,
  type Options,
  type ValueWithError,
} from 'adaptive-expressions';
import { Template } from 'adaptivecards-templating/lib/template-engine.js';

interface Step {
  name: string;
  lower: string;
  /** parseInt(name), as the library computes it; NaN when not numeric. */
  index: number;
}

type Evaluate = (state: MemoryInterface | unknown, options?: Options) => ValueWithError;

/** Objects' lower-cased keys (first original key per lower-cased one), for the expansion that is running. */
let folded: Map<object, Map<string, string>> | undefined;

/** The prototype of the library's per-evaluation memory (its class is not exported): found by expanding a probe. */
const templateMemoryProto: object | null = (() => {
  let proto: object | null = null;
  const probe = new Template('${x}') as unknown as { _preparedPayload?: unknown };
  const expr = probe._preparedPayload;
  if (!(expr instanceof Expression)) return null;
  expr.tryEvaluate = (state: unknown) => {
    proto = typeof state === 'object' && state !== null ? (Object.getPrototypeOf(state) as object) : null;
    return { value: '', error: undefined as unknown as string };
  };
  (probe as unknown as Template).expand({ $root: {} });
  return proto;
})();

function isTemplateMemory(state: unknown): state is object {
  return (
    templateMemoryProto !== null &&
    typeof state === 'object' &&
    state !== null &&
    Object.getPrototypeOf(state) === templateMemoryProto &&
    (state as { _memory?: { memory?: unknown } })._memory?.memory === state
  );
}

/** The path adaptive-expressions builds for a chain of plain property accessors; undefined for anything else. */
function accessorPath(expr: Expression): string | undefined {
  let path = '';
  let left: Expression | undefined = expr;
  while (left !== undefined) {
    if (left.type !== ExpressionType.Accessor || left.children.length > 2) return undefined;
    const name = left.children[0];
    if (!(name instanceof Constant) || typeof name.value !== 'string') return undefined;
    path = `${name.value}.${path}`;
    left = left.children.length === 2 ? left.children[1] : undefined;
  }
  path = path.replace(/(\.*$)/g, '').replace(/(\.\[)/g, '[');
  return path === '' ? undefined : path;
}

/** SimpleObjectMemory's split of a path into steps (after TemplateObjectMemory put `$data.` in front). */
function stepsOf(path: string): Step[] {
  const memoryPath = path.length > 0 && path[0] !== '$' ? `$data.${path}` : path;
  return memoryPath
    .split(/[.[\]]+/)
    .filter((u) => u !== '')
    .map((u) =>
      (u.startsWith('"') && u.endsWith('"')) || (u.startsWith("'") && u.endsWith("'")) ? u.substr(1, u.length - 2) : u,
    )
    .map((name) => ({ name, lower: name.toLowerCase(), index: parseInt(name) }));
}

function foldKeys(instance: object): Map<string, string> {
  let keys = folded?.get(instance);
  if (!keys) {
    keys = new Map();
    for (const k of Object.keys(instance)) {
      const lower = k.toLowerCase();
      if (!keys.has(lower)) keys.set(lower, k);
    }
    folded?.set(instance, keys);
  }
  return keys;
}

/** accessProperty: undefined for a falsy instance, else the first key equal to the name ignoring case. */
function property(instance: unknown, step: Step, cache: boolean): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    let value: unknown = instance.get(step.name);
    if (value === undefined) {
      const key = Array.from(instance.keys() as Iterable<string>).find((k) => k.toLowerCase() === step.lower);
      if (key !== undefined) value = instance.get(key);
    }
    return value;
  }
  if (cache && typeof instance === 'object') {
    const key = foldKeys(instance).get(step.lower);
    return key === undefined ? undefined : (instance as Record<string, unknown>)[key];
  }
  const key = Object.keys(instance).find((k) => k.toLowerCase() === step.lower);
  return key === undefined ? undefined : (instance as Record<string, unknown>)[key];
}

/** SimpleObjectMemory.getValue over the template memory: undefined as soon as an index is out of range. */
function lookup(state: object, steps: Step[]): unknown {
  let scope: unknown = state;
  let value: unknown;
  for (const [i, step] of steps.entries()) {
    if (!Number.isNaN(step.index) && Array.isArray(scope)) {
      if (step.index < 0 || step.index >= scope.length) return undefined;
      value = scope[step.index];
    } else {
      // The memory itself is new for every evaluation: folding its keys would be wasted.
      value = property(scope, step, folded !== undefined && i > 0);
    }
    scope = value;
  }
  return value;
}

function speedUp(expr: Expression): void {
  const path = accessorPath(expr);
  if (path === undefined) {
    for (const child of expr.children) speedUp(child);
    return;
  }
  const steps = stepsOf(path);
  const original: Evaluate = expr.tryEvaluate.bind(expr);
  expr.tryEvaluate = (state, options) => {
    if (!isTemplateMemory(state)) return original(state, options);
    const value = lookup(state, steps);
    if (value !== undefined) return { value, error: undefined as unknown as string };
    const substitute = options?.nullSubstitution;
    return { value: substitute !== undefined ? substitute(path) : undefined, error: undefined as unknown as string };
  };
}

function speedUpNode(node: unknown): void {
  if (node instanceof Expression) speedUp(node);
  else if (Array.isArray(node)) node.forEach(speedUpNode);
  else if (node !== null && typeof node === 'object') Object.values(node).forEach(speedUpNode);
}

/** Gives a template's plain property bindings the fast lookup (in place); returns the template. */
export function withFastLookups(template: Template): Template {
  speedUpNode((template as unknown as { _preparedPayload?: unknown })._preparedPayload);
  return template;
}

/** Runs one template expansion with its per-expansion key cache (objects do not change during an expansion). */
export function expandingWithFastLookups<T>(run: () => T): T {
  const outer = folded;
  folded = new Map();
  try {
    return run();
  } finally {
    folded = outer;
  }
}

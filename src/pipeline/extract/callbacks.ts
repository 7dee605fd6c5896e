import type { LocalBinding, LocalInit, TypeRef } from '../../model/parsed-unit.js';
import { logicalParent, namePath, unwrap } from './syntax-helpers.js';
import { receiverBinding, receiverOf } from './walk-calls.js';
import type { SyntaxTable } from './syntax-table.js';

/**
 * Contextual typing of callbacks: `function withWidget(cb: (w: Widget) => void)` says what the
 * callback's parameters are, so in `withWidget((w) => w.spin())` the `w` is a Widget.
 */

/** Per parameter position (`this` not counted) whose type is a function type: its parameters' types. */
export function callbackParamTypes(t: SyntaxTable, parameters: number): Record<string, (TypeRef | null)[]> | undefined {
  if (parameters < 0) return undefined;
  let out: Record<string, (TypeRef | null)[]> | undefined;
  let position = 0;
  for (const p of t.namedChildren(parameters)) {
    if (t.type[p] === 'comment') continue;
    const pattern = t.child(p, 'pattern');
    if (pattern >= 0 && t.type[pattern] === 'this') continue;
    const fn = functionType(t, t.firstNamedChild(t.child(p, 'type')));
    if (fn >= 0) {
      const types = functionTypeParams(t.text(fn));
      if (types.some((x) => x !== null)) (out ??= {})[String(position)] = types;
    }
    position++;
  }
  return out;
}

/** The function type inside `(…) => R`, `((…) => R)`, `((…) => R) | undefined`, or -1. */
function functionType(t: SyntaxTable, node: number): number {
  for (let i = node, steps = 0; i >= 0 && steps < 8; steps++) {
    const type = t.type[i];
    if (type === 'function_type') return i;
    if (type === 'parenthesized_type') i = t.firstNamedChild(i);
    else if (type === 'union_type') {
      const members = t.namedChildren(i).filter((m) => !/^(undefined|null)$/.test(t.text(m)) && !(t.type[m] === 'literal_type' && /^(undefined|null)$/.test(t.text(m))));
      i = members.length === 1 ? members[0]! : -1;
    } else return -1;
  }
  return -1;
}

const NAME_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/** `<T>(this: X, a: A<T>, b?: B) => R` -> [A, B]: plain (generic) names only, else null. */
export function functionTypeParams(text: string): (TypeRef | null)[] {
  let i = 0;
  if (text[i] === '<') i = closing(text, i, '<', '>') + 1;
  while (i < text.length && text[i] !== '(') i++;
  const end = closing(text, i, '(', ')');
  if (i >= text.length || end < 0) return [];
  const out: (TypeRef | null)[] = [];
  for (const part of splitTopLevel(text.slice(i + 1, end))) {
    const colon = part.indexOf(':');
    const name = (colon < 0 ? part : part.slice(0, colon)).trim().replace(/\?$/, '');
    if (name === 'this' || name === '') continue;
    const type = colon < 0 ? '' : part.slice(colon + 1).trim().replace(/<[\s\S]*>$/, '').trim();
    out.push(!name.startsWith('...') && NAME_PATH.test(type) ? { path: type.split('.') } : null);
  }
  return out;
}

function closing(text: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === open) depth++;
    else if (text[i] === close && !(close === '>' && text[i - 1] === '=')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(' || c === '<' || c === '{' || c === '[') depth++;
    else if ((c === ')' || (c === '>' && list[i - 1] !== '=') || c === '}' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  if (list.slice(start).trim() !== '') parts.push(list.slice(start));
  return parts;
}

/**
 * For a function passed as an argument (`f((w) => …)`, `new O((sub) => …)`, `a.b((x) => …)`,
 * `a.b().c((x) => …)`): the callee as a name path (or a method of a receiver), and the
 * argument's position; undefined otherwise.
 */
export function callbackSlot(
  t: SyntaxTable,
  fn: number,
  lookup: (name: string) => LocalBinding | undefined,
): Omit<Extract<LocalInit, { kind: 'callback' }>, 'kind' | 'param'> | undefined {
  const [args, child] = logicalParent(t, fn);
  if (t.type[args] !== 'arguments') return undefined;
  const call = t.parent[args]!;
  const isNew = t.type[call] === 'new_expression';
  if (!isNew && t.type[call] !== 'call_expression') return undefined;
  const target = t.child(call, isNew ? 'constructor' : 'function');
  const callee = namePath(t, target);
  const arg = t.namedChildren(args).filter((a) => t.type[a] !== 'comment').indexOf(child);
  if (arg < 0) return undefined;
  if (!callee) return isNew ? undefined : methodOfValue(t, target, arg, lookup);
  if (callee[0] === 'super') return undefined;
  const binding: LocalBinding = callee[0] === 'this' ? { kind: 'free' } : (lookup(callee[0]!) ?? { kind: 'free' });
  return { callee, isNew, arg, binding };
}

/** `a.b().forEach((x) => …)`: the method `forEach` of the value `a.b()`. */
function methodOfValue(t: SyntaxTable, fn: number, arg: number, lookup: (name: string) => LocalBinding | undefined): ReturnType<typeof callbackSlot> {
  const member = unwrap(t, fn);
  const property = t.child(member, 'property');
  if (t.type[member] !== 'member_expression' || t.type[property] !== 'property_identifier') return undefined;
  const on = receiverOf(t, unwrap(t, t.child(member, 'object')));
  if (on.kind === 'other') return undefined;
  return { callee: [t.text(property)], on, isNew: false, arg, binding: receiverBinding(on, (name) => lookup(name) ?? { kind: 'free' }) };
}

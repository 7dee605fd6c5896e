import type { TypeRef } from '../../model/parsed-unit.js';
import type { SyntaxTable } from './syntax-table.js';
import { arrayTypeFromText } from './type-shapes.js';

export const FUNCTION_TYPES: ReadonlySet<string> = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'function',
  'generator_function',
  'arrow_function',
]);
export const CLASS_TYPES: ReadonlySet<string> = new Set(['class_declaration', 'abstract_class_declaration', 'class']);
/** Nodes that open a block scope for `let`, `const` and `class`. */
export const BLOCK_SCOPES: ReadonlySet<string> = new Set(['statement_block', 'for_statement', 'for_in_statement', 'catch_clause', 'switch_body', 'class_static_block']);
/** Expression wrappers that do not change which value (or function) is meant. */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

export function isFunctionNode(t: SyntaxTable, i: number): boolean {
  return FUNCTION_TYPES.has(t.type[i]!);
}

export function isClassNode(t: SyntaxTable, i: number): boolean {
  return CLASS_TYPES.has(t.type[i]!);
}

/** `(x)`, `x as T`, `x satisfies T`, `x!`, `<T>x` -> `x`. */
export function unwrap(t: SyntaxTable, i: number): number {
  while (i >= 0 && TRANSPARENT.has(t.type[i]!)) {
    const inner = t.type[i] === 'type_assertion' ? lastNamedChild(t, i) : t.firstNamedChild(i);
    if (inner < 0) return i;
    i = inner;
  }
  return i;
}

/** The node's parent, stepping out of transparent wrappers; returns [parent, child-in-parent]. */
export function logicalParent(t: SyntaxTable, i: number): [number, number] {
  let child = i;
  let parent = t.parent[i]!;
  while (parent >= 0 && TRANSPARENT.has(t.type[parent]!)) {
    child = parent;
    parent = t.parent[parent]!;
  }
  return [parent, child];
}

export function lastNamedChild(t: SyntaxTable, i: number): number {
  let last = -1;
  for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) if (t.named[c] && t.type[c] !== 'comment') last = c;
  return last;
}

/** The text of a string literal or a template literal without substitutions; undefined otherwise. */
export function stringValue(t: SyntaxTable, i: number): string | undefined {
  const type = t.type[i];
  if (type === 'string') return t.text(i).slice(1, -1);
  if (type === 'template_string') {
    for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) if (t.type[c] === 'template_substitution') return undefined;
    return t.text(i).slice(1, -1);
  }
  return undefined;
}

/**
 * The name of a property key: `m`, `'m'`, `#m`, `1`, or `[expr]` as written. An empty string key
 * (`''`, `[""]`) is a real member, but a name the graph cannot hold, so it too stays as written.
 */
export function propertyName(t: SyntaxTable, key: number): string {
  const literal = stringValue(t, key);
  if (literal) return literal;
  // `["Left"]() {}` is the member `Left`; `[Symbol.iterator]` stays as written.
  if (literal === undefined && t.type[key] === 'computed_property_name') {
    const inner = t.namedChildren(key);
    const computed = inner.length === 1 ? stringValue(t, inner[0]!) : undefined;
    if (computed) return computed;
  }
  return t.text(key);
}

/** `a` -> ['a'], `a.b.c` -> ['a','b','c'], `this.a` -> ['this','a']; undefined for anything else. */
export function namePath(t: SyntaxTable, i: number): string[] | undefined {
  const path: string[] = [];
  let node = unwrap(t, i);
  for (;;) {
    const type = t.type[node];
    if (type === 'identifier' || type === 'this' || type === 'super') {
      path.push(t.text(node));
      return path.reverse();
    }
    if (type !== 'member_expression') return undefined;
    const property = t.child(node, 'property');
    if (property < 0) return undefined;
    path.push(t.text(property));
    node = unwrap(t, t.child(node, 'object'));
    if (node < 0) return undefined;
  }
}

/** A type annotation or type node as a reference when it names a type: `X`, `ns.X`, `X<T>` -> X; `X[]` -> an array of X. */
export function typeRefOf(t: SyntaxTable, i: number): TypeRef | undefined {
  let node = i;
  for (;;) {
    if (node < 0) return undefined;
    switch (t.type[node]) {
      case 'type_annotation':
      case 'parenthesized_type':
        node = t.firstNamedChild(node);
        continue;
      case 'generic_type':
        if (/^(?:Readonly)?Array$/.test(t.text(t.child(node, 'name')))) return arrayTypeFromText(t.text(node));
        node = t.child(node, 'name');
        continue;
      case 'array_type':
      case 'readonly_type':
        return arrayTypeFromText(t.text(node));
      case 'union_type':
        node = soleNonNullMember(t, node);
        continue;
      case 'type_identifier':
      case 'identifier':
        return { path: [t.text(node)] };
      case 'nested_type_identifier':
      case 'member_expression': {
        const path = t.text(node).split('.').map((part) => part.trim());
        return path.every((part) => /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*$/u.test(part)) ? { path } : undefined;
      }
      default:
        return undefined;
    }
  }
}

/** The type a value expression constructs: `new X()` / `new ns.X()`. */
export function constructedType(t: SyntaxTable, value: number): TypeRef | undefined {
  const node = unwrap(t, value);
  if (node < 0 || t.type[node] !== 'new_expression') return undefined;
  const path = namePath(t, t.child(node, 'constructor'));
  return path && path[0] !== 'this' && path[0] !== 'super' ? { path } : undefined;
}

/** Identifiers a binding pattern declares, in source order (iterative: patterns may nest). */
export function patternNames(t: SyntaxTable, pattern: number): number[] {
  const out: number[] = [];
  const stack = [pattern];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (t.type[node]) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        out.push(node);
        break;
      case 'pair_pattern':
        pushReversed(stack, [t.child(node, 'value')]);
        break;
      case 'assignment_pattern':
      case 'object_assignment_pattern':
        pushReversed(stack, [t.child(node, 'left')]);
        break;
      case 'object_pattern':
      case 'array_pattern':
      case 'rest_pattern':
        pushReversed(stack, t.namedChildren(node));
        break;
      default:
        break;
    }
  }
  return out;
}

function pushReversed(stack: number[], items: number[]): void {
  for (let k = items.length - 1; k >= 0; k--) if (items[k]! >= 0) stack.push(items[k]!);
}

/** `X | undefined`, `null | X`: X; -1 when the union has more than one real member. */
function soleNonNullMember(t: SyntaxTable, union: number): number {
  let sole = -1;
  const stack = [union];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (let c = t.firstChild[node]!; c >= 0; c = t.nextSibling[c]!) {
      if (!t.named[c]) continue;
      if (t.type[c] === 'union_type') stack.push(c);
      else if (!NOTHING.has(t.text(c))) {
        if (sole >= 0) return -1;
        sole = c;
      }
    }
  }
  return sole;
}

const NOTHING = new Set(['undefined', 'null', 'void']);

import type { LocalBinding } from '../../model/parsed-unit.js';
import type { DefDraft } from './state.js';
import { isClassNode, logicalParent, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

/**
 * Whether, in JavaScript, the parameters of `fn` get no type from where the function stands: it
 * is not an argument of a call or `new` (nor a method or property of an object literal that is),
 * where the checker types the parameters from the callee's signature (contextual typing).
 */
export function standsUntyped(t: SyntaxTable, fn: number): boolean {
  let [parent, child] = logicalParent(t, fn);
  if (t.type[parent] === 'pair' && t.child(parent, 'value') === child) [parent, child] = logicalParent(t, parent);
  else if (t.type[fn] === 'method_definition') [parent, child] = [t.parent[fn]!, fn];
  if (t.type[parent] === 'object') [parent] = logicalParent(t, parent);
  return t.type[parent] !== 'arguments';
}

/**
 * A parameter written as a bare name: no default value, no destructuring (a default's type is
 * the parameter's type; JSDoc is read apart).
 */
export function isBareParameter(t: SyntaxTable, p: number): boolean {
  return t.type[p] === 'identifier';
}

/**
 * `X.prototype.m = function () {}` (or `X.prototype[k] = …`, `X.m = …`) where `X` is an untyped
 * parameter (`module.exports = function (Promise) { Promise.prototype.m = … }`): `this` in that
 * function is an instance of, or `X` itself, and `X` is `any`.
 */
export function assignedToUntypedOwner(t: SyntaxTable, fn: number, lookup: (name: string) => LocalBinding | undefined): boolean {
  if (t.type[fn] !== 'function_expression' && t.type[fn] !== 'generator_function') return false;
  const [parent, child] = logicalParent(t, fn);
  if (t.type[parent] !== 'assignment_expression' || t.child(parent, 'right') !== child) return false;
  let target = t.child(parent, 'left');
  if (t.type[target] !== 'member_expression' && t.type[target] !== 'subscript_expression') return false;
  target = t.child(target, 'object');
  if (t.type[target] === 'member_expression' && t.text(t.child(target, 'property')) === 'prototype') target = t.child(target, 'object');
  if (t.type[target] !== 'identifier') return false;
  const binding = lookup(t.text(target));
  return binding?.kind === 'local' && binding.untyped === true;
}

const OWN_THIS = new Set(['function_declaration', 'function_expression', 'generator_function_declaration', 'generator_function']);

/**
 * A plain function (not an arrow, not a method) that never writes `this.x`: not a constructor
 * function, so unless it is put on a prototype (checked where members are known) its `this` is
 * `any` in JavaScript, whatever object a caller may pass with `.call()`.
 */
export function plainFunctionThis(t: SyntaxTable, fn: number): boolean {
  if (!OWN_THIS.has(t.type[fn]!)) return false;
  const body = t.child(fn, 'body');
  if (body < 0) return false;
  const end = t.subtreeEnd[body]!;
  for (let i = body + 1; i < end; i++) {
    if (OWN_THIS.has(t.type[i]!) || isClassNode(t, i) || t.type[i] === 'method_definition') {
      i = t.subtreeEnd[i]! - 1; // another function's `this` is its own
      continue;
    }
    if (t.type[i] !== 'assignment_expression' && t.type[i] !== 'augmented_assignment_expression') continue;
    const left = t.child(i, 'left');
    if ((t.type[left] === 'member_expression' || t.type[left] === 'subscript_expression') && t.type[unwrap(t, t.child(left, 'object'))] === 'this') return false;
  }
  return true;
}

/** What `this` is in JavaScript function `fn` (defined as `def`) gives it no type (see above). */
export function untypedThis(t: SyntaxTable, fn: number, def: DefDraft, lookup: (name: string) => LocalBinding | undefined): boolean {
  if (assignedToUntypedOwner(t, fn, lookup)) return true;
  return def.label === 'Function' && !def.thisType && !def.thisValue && plainFunctionThis(t, fn);
}

/**
 * A value made from an `any` stays `any`: `new P()`, `p()`, `p.m()`, `p` or `p.x` where `p` is
 * an untyped parameter (or a local holding such a value).
 */
export function carriesAny(t: SyntaxTable, value: number, lookup: (name: string) => LocalBinding | undefined): boolean {
  let node = value;
  if (t.type[node] === 'new_expression') node = unwrap(t, t.child(node, 'constructor'));
  else if (t.type[node] === 'call_expression') node = unwrap(t, t.child(node, 'function'));
  while (t.type[node] === 'member_expression' || t.type[node] === 'subscript_expression') node = unwrap(t, t.child(node, 'object'));
  if (t.type[node] !== 'identifier') return false;
  const binding = lookup(t.text(node));
  return binding?.kind === 'local' && binding.untyped === true;
}

/** `this.y = y` in a class, `y` an untyped parameter (or made from one): the field `y` is `any`. */
export function recordAnyField(t: SyntaxTable, assignment: number, classOf: () => DefDraft | undefined, lookup: (name: string) => LocalBinding | undefined): void {
  const left = t.child(assignment, 'left');
  if (t.type[left] !== 'member_expression' || t.type[t.child(left, 'object')] !== 'this') return;
  if (!carriesAny(t, unwrap(t, t.child(assignment, 'right')), lookup)) return;
  const classDef = classOf();
  if (!classDef) return;
  const field = t.text(t.child(left, 'property'));
  const fields = (classDef.anyFields ??= []);
  if (!fields.includes(field)) fields.push(field);
}

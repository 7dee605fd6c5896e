// Class and object members and overloads: what walk-definitions.ts defines for method nodes.
import type { TypeRef } from '../../model/parsed-unit.js';
import { addDefinition, memberLine, misreadObject, type Naming, objectOwner, type Surroundings } from './definition-rules.js';
import { recordParameterProperties } from './field-types.js';
import { callbackParamTypes } from './callbacks.js';
import { jsDocOf } from './jsdoc.js';
import { everyReturn, isNewThis } from './returns.js';
import type { DefDraft, ExtractState } from './state.js';
import { propertyName, typeRefOf } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

const STATEMENT_KEYWORDS = new Set(['if', 'else', 'for', 'while', 'do', 'switch', 'case', 'return', 'throw', 'try', 'catch', 'finally', 'const', 'let', 'var', 'function', 'class']);

/** The return type of a fluent method: the type of the object it was called on. */
const THIS_TYPE: TypeRef = { path: ['this'] };

/**
 * A method that returns `this`: annotated `: this`, or whose every `return` (at least one, nested
 * functions not counted) returns `this`.
 */
function returnsThis(t: SyntaxTable, method: number): boolean {
  const annotation = t.child(method, 'return_type');
  if (annotation >= 0) return t.text(annotation).replace(/^:\s*/, '') === 'this';
  return everyReturn(t, method, (value) => t.type[value] === 'this');
}

/**
 * What a static method returns when every `return` is `new this()`: an instance of its class, as
 * the checker types it (`this` in a static method of X is `typeof X`, so `new this()` is an X).
 */
const NEW_THIS_TYPE: TypeRef = { path: ['new this'] };

/** Keeps the callback parameter types of a function, method or constructor, when there are any. */
export function withCallbackParams(def: DefDraft, params: Record<string, (TypeRef | null)[]> | undefined): void {
  if (params) def.callbackParams = params;
}

/** A declaration directly in a `namespace` block is named under it: `Widget.Variance`. */
export function inNamespace(naming: Naming, where: Surroundings): Naming {
  return where.namespace !== undefined && naming.owner === undefined && naming.label !== 'Method' ? { ...naming, owner: where.namespace } : naming;
}

/** Class and object methods, accessors, and (abstract or interface) method signatures. */
export function defineMember(s: ExtractState, node: number, where: Surroundings, implementations: Map<number, Set<string>>): DefDraft | undefined {
  const t = s.t;
  const parent = t.parent[node]!;
  const name = propertyName(t, t.child(node, 'name'));
  // A member whose name the parser had to invent (`class A { () {} }`: a MISSING name) has none written.
  if (name === '') return undefined;
  const kind = t.hasToken(node, 'get') ? 'getter' : t.hasToken(node, 'set') ? 'setter' : 'method';
  const properties: Record<string, string | boolean> = {};
  if (t.hasToken(node, 'static')) properties.static = true;
  const returnType =
    typeRefOf(t, t.child(node, 'return_type')) ??
    (s.spec.typed ? undefined : jsDocOf(t, node).returns) ??
    (returnsThis(t, node) ? THIS_TYPE : undefined) ??
    (properties.static && everyReturn(t, node, (value) => isNewThis(t, value)) ? NEW_THIS_TYPE : undefined);
  const parentType = t.type[parent];
  if (parentType === 'object') {
    if (misreadObject(t, parent) || (t.hasError && STATEMENT_KEYWORDS.has(name))) return undefined;
    const owner = objectOwner(t, parent);
    const naming = { label: 'Method' as const, name, startLine: t.line(node), exported: owner.exported, owner: owner.name, kind: kind === 'method' ? (owner.kind ?? 'object') : kind, moduleLevel: false };
    return addDefinition(s, node, naming, where, { properties, returnType });
  }
  if (parentType !== 'class_body' && parentType !== 'interface_body') return undefined;
  if (t.type[node] === 'method_definition') {
    if (name === 'constructor') {
      recordParameterProperties(s, node);
      const owner = s.classBodies.get(parent);
      if (owner && s.spec.typed) withCallbackParams(owner, callbackParamTypes(t, t.child(node, 'parameters')));
      return undefined;
    }
  } else {
    if (name === 'constructor') return undefined;
    // An overload signature stands for nothing when the implementation follows; otherwise it is
    // the member itself (interfaces, abstract and ambient classes), marked abstract.
    const key = (properties.static ? 'static ' : '') + name;
    const seen = implementationNames(t, parent, implementations);
    if (seen.has(key)) return undefined;
    seen.add(key);
    properties.abstract = true;
  }
  const owner = parentType === 'interface_body' ? s.defAt.get(t.parent[parent]!) : s.classBodies.get(parent) ?? undefined;
  const naming = { label: 'Method' as const, name, startLine: memberLine(t, node), exported: false, owner: owner?.name, ownerDef: owner, kind, moduleLevel: false };
  const def = addDefinition(s, node, naming, where, { properties, returnType });
  if (s.spec.typed) withCallbackParams(def, callbackParamTypes(t, t.child(node, 'parameters')));
  return def;
}

/** Names with an implementation in a block or class body (so their overload signatures are skipped). */
export function implementationNames(t: SyntaxTable, parent: number, cache: Map<number, Set<string>>): Set<string> {
  let names = cache.get(parent);
  if (names) return names;
  names = new Set();
  for (let c = t.firstChild[parent]!; c >= 0; c = t.nextSibling[c]!) {
    let node = c;
    if (t.type[node] === 'export_statement') node = t.child(node, 'declaration');
    if (node < 0) continue;
    const type = t.type[node];
    if (type === 'function_declaration' || type === 'generator_function_declaration') names.add(t.text(t.child(node, 'name')));
    if (type === 'method_definition') names.add((t.hasToken(node, 'static') ? 'static ' : '') + propertyName(t, t.child(node, 'name')));
  }
  cache.set(parent, names);
  return names;
}

// The names parameters and variable declarations bind, and what each is initialised with.
import type { LocalBinding, LocalInit, TypeRef } from '../../model/parsed-unit.js';
import { addDefinition, isExportedStatement, declaratorLine } from './definition-rules.js';
import { destructuredFieldTypes } from './field-types.js';
import { callbackSlot } from './callbacks.js';
import { jsDocOf } from './jsdoc.js';
import type { LaterAssignments } from './later-assignments.js';
import { initialiserType, receiverInit } from './local-types.js';
import { requiredInits, requiredInstance } from './required-locals.js';
import { carriesAny, isBareParameter, standsUntyped } from './untyped-params.js';
import type { DefDraft, ExtractState } from './state.js';
import { isClassNode, isFunctionNode, namePath, patternNames, propertyName, typeRefOf, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

/** `var`, `let`, `const` (or `using`) as written in a declaration or a for-in/of head. */
export function declarationKind(t: SyntaxTable, node: number): string | undefined {
  for (let c = t.firstChild[node]!; c >= 0; c = t.nextSibling[c]!) {
    if (!t.named[c] && (t.type[c] === 'var' || t.type[c] === 'let' || t.type[c] === 'const' || t.type[c] === 'using')) return t.type[c];
  }
  return undefined;
}

export type Declare = (name: string, binding: LocalBinding, hoist: boolean) => number | undefined;

export function declareParameters(s: ExtractState, parameters: number, declare: Declare, lookup: (name: string) => LocalBinding | undefined): void {
  const t = s.t;
  // A function passed as an argument: its untyped parameters take the callee's declared types.
  const slot = callbackSlot(t, t.parent[parameters]!, lookup);
  let position = 0;
  // In JavaScript the checker takes parameter types from the function's JSDoc.
  const doc = s.spec.typed ? undefined : jsDocOf(t, t.parent[parameters]!).params;
  for (const p of t.namedChildren(parameters)) {
    if (t.type[p] === 'comment') continue;
    const typed = t.type[p] === 'required_parameter' || t.type[p] === 'optional_parameter';
    const pattern = typed ? t.child(p, 'pattern') : t.type[p] === 'assignment_pattern' ? t.child(p, 'left') : p;
    if (pattern < 0 || t.type[pattern] === 'this') continue;
    const declared = typed ? typeRefOf(t, t.child(p, 'type')) : t.type[pattern] === 'identifier' ? doc?.get(t.text(pattern)) : undefined;
    // `pos = new Vec()`: a parameter without a type has its default's.
    const type = declared ?? initialiserType(t, t.child(p, typed ? 'value' : 'right'));
    const names = patternNames(t, pattern);
    const single = names.length === 1 && names[0] === pattern;
    const init: LocalInit | undefined = !type && single && slot ? { kind: 'callback', ...slot, param: position } : undefined;
    // In JavaScript a bare parameter nothing types is `any` (no member call through it names a method).
    const untyped = !s.spec.typed && !type && !init && isBareParameter(t, p) && standsUntyped(t, t.parent[parameters]!);
    for (const n of names) declare(t.text(n), type && single ? { kind: 'local', type } : init ? { kind: 'local', init } : untyped ? { kind: 'local', untyped } : { kind: 'local' }, false);
    position++;
  }
}

export function declareVariable(
  s: ExtractState,
  declarator: number,
  declare: Declare,
  defineCallable: (node: number) => DefDraft | undefined,
  moduleLevel: boolean,
  thisClass: () => DefDraft | undefined,
  lookup: (name: string) => LocalBinding | undefined,
  later: LaterAssignments,
): void {
  const t = s.t;
  const declaration = t.parent[declarator]!;
  const kind = declarationKind(t, declaration) ?? 'let';
  const pattern = t.child(declarator, 'name');
  const rawValue = t.child(declarator, 'value');
  const value = unwrap(t, rawValue);
  const callable = value >= 0 && (isFunctionNode(t, value) || isClassNode(t, value)) ? defineCallable(value) : undefined;
  if (pattern < 0) return;
  const type: TypeRef | undefined =
    typeRefOf(t, t.child(declarator, 'type')) ?? (value >= 0 ? initialiserType(t, value) : undefined) ?? (s.spec.typed ? undefined : jsDocOf(t, declarator).type);
  const names = patternNames(t, pattern);
  const simple = names.length === 1 && names[0] === pattern;
  // `let t;` (or `= null`): typed by what is assigned to it later, when that agrees.
  const assignedLater = simple && kind !== 'const' && !type && !callable && (value < 0 || t.type[value] === 'null' || (t.type[value] === 'identifier' && t.text(value) === 'undefined'));
  const bindingOf = simple
    ? (): LocalBinding => simpleBinding(s, declarator, value, kind, type, callable, lookup, moduleLevel)
    : patternBindings(t, pattern, value, kind, thisClass, lookup, moduleLevel);
  for (const n of names) {
    const binding = bindingOf(n);
    const scope = declare(t.text(n), binding, kind === 'var');
    if (assignedLater && scope !== undefined) later.declared(binding, t.text(n), scope);
  }
  if (!moduleLevel || callable || (value >= 0 && isImportCall(t, value))) return;
  const at = t.parent[declaration]!;
  const atTop = at === 0 || t.type[at] === 'export_statement' || t.type[at] === 'ambient_declaration';
  if (!atTop) return;
  for (const n of names) {
    const name = t.text(n);
    s.moduleBindings.push(simple && type ? { name, type } : { name });
    const startLine = n === names[0] ? declaratorLine(t, declarator) : t.line(n);
    const naming = { label: 'Variable' as const, name, startLine, exported: isExportedStatement(t, declarator), moduleLevel: true };
    const def = addDefinition(s, declarator, naming, { atModuleLevel: true }, { properties: { kind } }, false);
    // `const alias = target`: calls through `alias` reach what `target` names.
    const aliasOf = kind === 'const' && simple && value >= 0 ? namePath(t, value) : undefined;
    if (aliasOf && aliasOf[0] !== 'this' && aliasOf[0] !== 'super') def.aliasOf = aliasOf;
  }
}

/**
 * What a declarator with one name binds, the first that applies: the function or class it
 * defines; an instance of a required module's class; `any` in JavaScript; an object literal; its
 * declared or evident type; what a `require()` gives; what a `const` was initialised from.
 */
function simpleBinding(
  s: ExtractState,
  declarator: number,
  value: number,
  kind: string,
  type: TypeRef | undefined,
  callable: DefDraft | undefined,
  lookup: (name: string) => LocalBinding | undefined,
  moduleLevel: boolean,
): LocalBinding {
  const t = s.t;
  if (callable) return { kind: 'definition', id: callable.id };
  const made = t.child(declarator, 'type') < 0 ? requiredInstance(t, value, lookup) : undefined;
  if (made) return { kind: 'local', init: made };
  if (!s.spec.typed && carriesAny(t, value, lookup) && !jsDocOf(t, declarator).type) return { kind: 'local', untyped: true };
  if (!type && t.type[value] === 'object') return { kind: 'local', literal: true };
  if (type) return { kind: 'local', type };
  const required = moduleLevel ? undefined : requiredInits(t, value)?.get(t.text(t.child(declarator, 'name')));
  if (required) return { kind: 'local', init: required };
  const init = kind === 'const' ? localInit(t, value, lookup) : undefined;
  return init ? { kind: 'local', init } : { kind: 'local' };
}

/** What each name of a destructuring pattern binds: a field's type (from `this`), a `require()`'s export, a member path. */
function patternBindings(
  t: SyntaxTable,
  pattern: number,
  value: number,
  kind: string,
  thisClass: () => DefDraft | undefined,
  lookup: (name: string) => LocalBinding | undefined,
  moduleLevel: boolean,
): (n: number) => LocalBinding {
  const fromThis = t.type[value] === 'this' ? destructuredFieldTypes(t, pattern, thisClass()) : undefined;
  const required = moduleLevel ? undefined : requiredInits(t, value);
  const destructured = kind === 'const' ? destructuredInits(t, pattern, value, lookup) : undefined;
  return (n) => {
    const fieldType = fromThis?.get(n);
    if (fieldType) return { kind: 'local', type: fieldType };
    const init = required?.get(t.text(n)) ?? destructured?.get(n);
    return init ? { kind: 'local', init } : { kind: 'local' };
  };
}

/** `const g = this.geo`, `const self = this`, `const s = makeSink()`, `const p = parts[0]`: where a type may come from. */
export function localInit(t: SyntaxTable, value: number, lookup: (name: string) => LocalBinding | undefined): LocalInit | undefined {
  if (value < 0) return undefined;
  if (t.type[value] === 'subscript_expression') return receiverInit(t, value, lookup, false);
  if (t.type[value] === 'this' || t.type[value] === 'member_expression') {
    const path = namePath(t, value);
    return path && path[0] !== 'super' ? { kind: 'path', path, binding: rootBinding(path[0]!, lookup) } : undefined;
  }
  if (t.type[value] !== 'call_expression' || isImportCall(t, value)) return undefined;
  const callee = namePath(t, t.child(value, 'function'));
  if (!callee) return receiverInit(t, value, lookup, false); // a chain: `a.b().pop()`
  if (callee[0] === 'super') return undefined;
  return { kind: 'call', callee, binding: callee[0] === 'this' ? { kind: 'free' } : (lookup(callee[0]!) ?? { kind: 'free' }) };
}

function rootBinding(name: string, lookup: (name: string) => LocalBinding | undefined): LocalBinding {
  return name === 'this' ? { kind: 'free' } : (lookup(name) ?? { kind: 'free' });
}

/** `const { sink, other: o } = rec`: each name's path through `rec` (`rec.sink`, `rec.other`). */
function destructuredInits(t: SyntaxTable, pattern: number, value: number, lookup: (name: string) => LocalBinding | undefined): Map<number, LocalInit> {
  const out = new Map<number, LocalInit>();
  const base = value >= 0 && t.type[value] !== 'this' && t.type[pattern] === 'object_pattern' ? namePath(t, value) : undefined;
  if (!base || base[0] === 'super') return out;
  const binding = rootBinding(base[0]!, lookup);
  for (const p of t.namedChildren(pattern)) {
    if (t.type[p] === 'shorthand_property_identifier_pattern') out.set(p, { kind: 'path', path: [...base, t.text(p)], binding });
    else if (t.type[p] === 'pair_pattern') {
      const name = t.child(p, 'value');
      if (t.type[name] === 'identifier') out.set(name, { kind: 'path', path: [...base, propertyName(t, t.child(p, 'key'))], binding });
    }
  }
  return out;
}

/** `require('m')`, `require('m').x`, `await import('m')`: an import, not a Variable. */
function isImportCall(t: SyntaxTable, value: number): boolean {
  let node = value;
  while (t.type[node] === 'member_expression' || t.type[node] === 'await_expression') node = unwrap(t, t.type[node] === 'member_expression' ? t.child(node, 'object') : t.firstNamedChild(node));
  if (t.type[node] !== 'call_expression') return false;
  const callee = t.child(node, 'function');
  return (t.type[callee] === 'identifier' && t.text(callee) === 'require') || t.type[callee] === 'import';
}

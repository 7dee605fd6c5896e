import type { DefinitionLabel } from '../../graph/model.js';
import type { LocalBinding, LocalInit, TypeRef } from '../../model/parsed-unit.js';
import {
  addDefinition,
  heritageOf,
  isExportedStatement,
  memberLine,
  misreadObject,
  type Naming,
  nameFunctionOrClass,
  objectOwner,
  statementLine,
  declaratorLine,
  type Surroundings,
  thisClassOf,
} from './definition-rules.js';
import { destructuredFieldTypes, recordFieldType, recordParameterProperties, recordPropertySignature, recordThisField } from './field-types.js';
import { callbackParamTypes, callbackSlot } from './callbacks.js';
import { jsDocOf } from './jsdoc.js';
import { laterAssignments, type LaterAssignments } from './later-assignments.js';
import { aliasedTypeOf, forOfElement, initialiserType, receiverInit, staticFieldAssignments } from './local-types.js';
import { ROLE_DEFINITIONS } from './node-roles.js';
import { requiredInits, requiredInstance } from './required-locals.js';
import { carriesAny, isBareParameter, recordAnyField, standsUntyped, untypedThis } from './untyped-params.js';
import { everyReturn, isNewThis } from './returns.js';
import type { DefDraft, ExtractState } from './state.js';
import { BLOCK_SCOPES, isClassNode, isFunctionNode, logicalParent, namePath, patternNames, propertyName, typeRefOf, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

type ScopeKind = 'program' | 'function' | 'block';
interface Scope {
  readonly node: number;
  readonly end: number;
  readonly kind: ScopeKind;
}
/** An open definition (function, method) or class body, for owners and enclosing functions. */
interface Context {
  readonly end: number;
  readonly def?: DefDraft;
  readonly classBody?: DefDraft | null;
  /** A `namespace X {}` block: its full name. */
  readonly namespace?: string;
}

const STATEMENT_KEYWORDS = new Set(['if', 'else', 'for', 'while', 'do', 'switch', 'case', 'return', 'throw', 'try', 'catch', 'finally', 'const', 'let', 'var', 'function', 'class']);
const SIMPLE_DEFS: Readonly<Record<string, DefinitionLabel>> = {
  interface_declaration: 'Interface',
  type_alias_declaration: 'Type',
  enum_declaration: 'Enum',
};

/**
 * The first walk: every definition, the names each function and block scope declares, and the
 * module-level bindings. One loop over the flat tree in document order with explicit stacks.
 */
export function walkDefinitions(s: ExtractState): void {
  const t = s.t;
  const scopes: Scope[] = [];
  const contexts: Context[] = [];
  const implementations = new Map<number, Set<string>>();
  const statics = staticFieldAssignments();
  const later = laterAssignments(t);
  const valueOf = (value: number): LocalInit | undefined => localInit(t, value, lookup) ?? receiverInit(t, value, lookup, false);

  const around = (): Surroundings => {
    let enclosing: DefDraft | undefined;
    let classOwner: DefDraft | null | undefined;
    const top = contexts[contexts.length - 1];
    if (top?.namespace !== undefined) return { atModuleLevel: false, namespace: top.namespace };
    for (let k = contexts.length - 1; k >= 0; k--) {
      const c = contexts[k]!;
      if (c.def && (c.def.label === 'Function' || c.def.label === 'Method')) {
        enclosing = c.def;
        break;
      }
      if (c.classBody !== undefined && classOwner === undefined) classOwner = c.classBody;
    }
    return { enclosing, classOwner, atModuleLevel: contexts.length === 0 && scopes[scopes.length - 1]?.kind === 'program' };
  };
  /** Binds `name` in the innermost scope (or function scope, `hoist`); returns that scope's node, none at module level. */
  const declare = (name: string, binding: LocalBinding, hoist: boolean): number | undefined => {
    let k = scopes.length - 1;
    if (hoist) while (k > 0 && scopes[k]!.kind === 'block') k--;
    const scope = scopes[k];
    if (!scope || scope.kind === 'program') return undefined;
    let names = s.scopes.get(scope.node);
    if (!names) s.scopes.set(scope.node, (names = new Map()));
    names.set(name, binding);
    return scope.node;
  };
  const thisClass = (): DefDraft | undefined => thisClassOf(s, around());
  const lookup = (name: string): LocalBinding | undefined => {
    for (let k = scopes.length - 1; k >= 0; k--) {
      const binding = s.scopes.get(scopes[k]!.node)?.get(name);
      if (binding) return binding;
    }
    return undefined;
  };
  const defineCallable = (node: number): DefDraft | undefined => {
    const existing = s.defAt.get(node);
    if (existing) return existing;
    const where = around();
    const named = nameFunctionOrClass(s, node, where);
    if (!named) return undefined;
    const naming = inNamespace(named, where);
    const properties: Record<string, boolean> = {};
    if (naming.label === 'Function') {
      if (t.hasToken(node, 'async')) properties.async = true;
      if (t.type[node]!.startsWith('generator') || t.hasToken(node, '*')) properties.generator = true;
    }
    if (naming.label === 'Method' && t.hasToken(t.parent[node]!, 'static')) properties.static = true;
    if (t.type[node] === 'abstract_class_declaration') properties.abstract = true;
    const returnType = typeRefOf(t, t.child(node, 'return_type')) ?? (s.spec.typed || naming.label === 'Class' ? undefined : jsDocOf(t, node).returns);
    const heritage = naming.label === 'Class' ? heritageOf(t, node) : undefined;
    const def = addDefinition(s, node, naming, where, { properties, heritage, returnType });
    if (naming.label === 'Function' && s.spec.typed) withCallbackParams(def, callbackParamTypes(t, t.child(node, 'parameters')));
    if (naming.label === 'Function') whatThisIs(s, node, def, lookup);
    if (!s.spec.typed && untypedThis(t, node, def, lookup)) def.thisUntyped = true;
    return def;
  };

  const w: Walk = { s, t, scopes, contexts, implementations, statics, later, valueOf, around, declare, thisClass, lookup, defineCallable };
  for (let i = 0; i < t.count; i++) {
    while (scopes.length > 0 && scopes[scopes.length - 1]!.end <= i) scopes.pop();
    while (contexts.length > 0 && contexts[contexts.length - 1]!.end <= i) contexts.pop();
    if (i === 0) {
      // The root is the module scope, also when a broken file's root is an ERROR node.
      scopes.push({ node: i, end: t.subtreeEnd[i]!, kind: 'program' });
      continue;
    }
    if ((t.roles[i]! & ROLE_DEFINITIONS) === 0) continue;
    const type = t.type[i]!;
    const visit = visitorOf(s, i, type);
    if (visit) visit(w, i, type, t.subtreeEnd[i]!);
  }
  statics.finish(s.defs);
  later.finish(s);
}

/** What a node's visit works with: the walk's stacks and its questions about scopes. */
interface Walk {
  readonly s: ExtractState;
  readonly t: SyntaxTable;
  readonly scopes: Scope[];
  readonly contexts: Context[];
  readonly implementations: Map<number, Set<string>>;
  readonly statics: ReturnType<typeof staticFieldAssignments>;
  readonly later: LaterAssignments;
  readonly valueOf: (value: number) => LocalInit | undefined;
  readonly around: () => Surroundings;
  readonly declare: Declare;
  readonly thisClass: () => DefDraft | undefined;
  readonly lookup: (name: string) => LocalBinding | undefined;
  readonly defineCallable: (node: number) => DefDraft | undefined;
}

type Visit = (w: Walk, i: number, type: string, end: number) => void;

/*
 * Why the walk picks a visit and makes one call, rather than doing each kind's work in its loop:
 * V8 optimises a function before every branch has run, and the first file that takes a new
 * branch (a `namespace`, an overload) throws the optimised code away. With each kind's work in
 * the loop, every such deopt recompiled all of it (walkDefinitions: 11 TurboFan compiles, 0.55 s
 * of compiler CPU on the mix); with one call site the loop stays small and each visit is compiled
 * (and thrown away) on its own.
 */
function visitorOf(s: ExtractState, i: number, type: string): Visit | undefined {
  const t = s.t;
  if (isFunctionNode(t, i) || isClassNode(t, i)) return visitCallable;
  if (type === 'class_body') return visitClassBody;
  if (type === 'method_definition') return visitMethod;
  if (type === 'method_signature' || type === 'abstract_method_signature') return visitMethodSignature;
  if (type === 'function_signature') return visitFunctionSignature;
  if (type in SIMPLE_DEFS) return visitSimpleDefinition;
  if (type === 'internal_module' || (type === 'module' && t.type[t.child(i, 'name')] !== 'string')) return visitNamespace;
  if (type === 'formal_parameters') return visitParameters;
  if (type === 'variable_declarator') return visitDeclarator;
  if (type === 'assignment_expression') return visitAssignment;
  if (type === 'augmented_assignment_expression' || type === 'update_expression') return visitUpdate;
  if (BLOCK_SCOPES.has(type)) return visitBlock;
  if (type === s.spec.classField.type) return visitClassField;
  if (type === 'property_signature') return visitPropertySignature;
  return undefined;
}

const visitCallable: Visit = (w, i, type, end) => {
  const { t, contexts, scopes, declare } = w;
  if (!t.named[i]) return; // the `function`/`class` keyword tokens
  const def = w.defineCallable(i);
  const name = t.child(i, 'name');
  if (name >= 0 && (type.endsWith('_declaration'))) {
    declare(t.text(name), def ? { kind: 'definition', id: def.id } : { kind: 'local' }, false);
  }
  if (def) contexts.push({ end, def });
  if (isFunctionNode(t, i)) {
    scopes.push({ node: i, end, kind: 'function' });
    const parameter = t.child(i, 'parameter');
    if (parameter >= 0) {
      const slot = callbackSlot(t, i, w.lookup);
      declare(t.text(parameter), slot ? { kind: 'local', init: { kind: 'callback', ...slot, param: 0 } } : { kind: 'local' }, false);
    }
    // A named function expression sees its own name: `const f = function g() { g(); }`.
    if (name >= 0 && !type.endsWith('_declaration')) declare(t.text(name), def ? { kind: 'definition', id: def.id } : { kind: 'local' }, false);
  }
};

const visitClassBody: Visit = (w, i, _type, end) => {
  const owner = w.s.defAt.get(w.t.parent[i]!) ?? null;
  w.s.classBodies.set(i, owner);
  w.contexts.push({ end, classBody: owner });
};

const visitMethod: Visit = (w, i, _type, end) => {
  const def = defineMember(w.s, i, w.around(), w.implementations);
  if (def) w.contexts.push({ end, def });
  w.scopes.push({ node: i, end, kind: 'function' });
};

const visitMethodSignature: Visit = (w, i) => {
  defineMember(w.s, i, w.around(), w.implementations);
};

const visitFunctionSignature: Visit = (w, i) => {
  const { s, t } = w;
  const name = t.text(t.child(i, 'name'));
  let top = i;
  while (t.type[t.parent[top]!] === 'export_statement' || t.type[t.parent[top]!] === 'ambient_declaration') top = t.parent[top]!;
  const outer = implementationNames(t, t.parent[top]!, w.implementations);
  if (!outer.has(name)) {
    outer.add(name); // an ambient function's later overloads are the same Function
    const where = w.around();
    const returnType = typeRefOf(t, t.child(i, 'return_type'));
    const def = addDefinition(s, i, inNamespace({ label: 'Function', name, startLine: statementLine(t, i), exported: isExportedStatement(t, i), moduleLevel: where.atModuleLevel }, where), where, { returnType });
    withCallbackParams(def, callbackParamTypes(t, t.child(i, 'parameters')));
  }
};

const visitSimpleDefinition: Visit = (w, i, type, end) => {
  const { s, t } = w;
  const name = t.child(i, 'name');
  if (name < 0) return;
  const label = SIMPLE_DEFS[type]!;
  const where = w.around();
  const heritage = label === 'Interface' ? heritageOf(t, i) : undefined;
  const def = addDefinition(s, i, inNamespace({ label, name: t.text(name), startLine: statementLine(t, i), exported: isExportedStatement(t, i), moduleLevel: where.atModuleLevel }, where), where, { heritage });
  if (label === 'Interface') w.contexts.push({ end, classBody: def });
  const aliased = label === 'Type' ? aliasedTypeOf(t, i) : undefined;
  if (aliased) def.aliasedType = aliased;
};

/**
 * `namespace X {}`, `declare namespace X {}`, and the older `module X {}` / `module A.B {}` (not
 * `declare module "m"`, a module's declarations): its members are X's, not module bindings.
 */
const visitNamespace: Visit = (w, i, _type, end) => {
  const { t } = w;
  const name = t.child(i, 'name');
  const outer = w.around().namespace;
  if (name >= 0) w.contexts.push({ end, namespace: outer !== undefined ? `${outer}.${t.text(name)}` : t.text(name) });
};

const visitParameters: Visit = (w, i) => {
  declareParameters(w.s, i, w.declare, w.lookup);
};

const visitDeclarator: Visit = (w, i) => {
  const { scopes } = w;
  declareVariable(w.s, i, w.declare, w.defineCallable, scopes.length > 0 && scopes[scopes.length - 1]!.kind === 'program', w.thisClass, w.lookup, w.later);
};

const visitAssignment: Visit = (w, i) => {
  const { s, t, lookup } = w;
  recordThisField(t, i, w.thisClass, lookup, s.spec.typed ? undefined : () => jsDocOf(t, i).type);
  if (!s.spec.typed) recordAnyField(t, i, w.thisClass, lookup);
  w.statics.see(t, i, (name) => lookup(name) !== undefined);
  w.later.write(i, lookup, w.valueOf);
};

const visitUpdate: Visit = (w, i) => {
  w.later.write(i, w.lookup, w.valueOf);
};

const visitBlock: Visit = (w, i, type, end) => {
  const { t, declare, lookup } = w;
  w.scopes.push({ node: i, end, kind: 'block' });
  if (type === 'catch_clause') {
    const parameter = t.child(i, 'parameter');
    if (parameter >= 0) for (const n of patternNames(t, parameter)) declare(t.text(n), { kind: 'local' }, false);
  } else if (type === 'for_in_statement') {
    w.later.write(i, lookup, w.valueOf);
    const kind = declarationKind(t, i);
    const each = kind !== undefined ? forOfElement(t, i, lookup) : undefined; // its type is the element's, for let and var too
    if (kind !== undefined) for (const n of patternNames(t, t.child(i, 'left'))) declare(t.text(n), each ? { kind: 'local', init: each } : { kind: 'local' }, kind === 'var');
  }
};

const visitClassField: Visit = (w, i) => {
  recordFieldType(w.s, i);
};

const visitPropertySignature: Visit = (w, i) => {
  recordPropertySignature(w.s, i);
};

/**
 * `function (this: Job) {}` says what `this` is; in JavaScript, so does the object a function
 * expression is assigned to (`app.enable = function (k) { this.set(k) }`), as the checker reads it.
 */
function whatThisIs(s: ExtractState, node: number, def: DefDraft, lookup: (name: string) => LocalBinding | undefined): void {
  const t = s.t;
  const first = t.firstNamedChild(t.child(node, 'parameters'));
  if (first >= 0 && t.type[t.child(first, 'pattern')] === 'this') {
    const type = typeRefOf(t, t.child(first, 'type'));
    if (type) def.thisType = type;
    return;
  }
  if (s.spec.typed || t.type[node] !== 'function_expression') return;
  const [parent, child] = logicalParent(t, node);
  if (t.type[parent] !== 'assignment_expression' || t.child(parent, 'right') !== child) return;
  const path = namePath(t, t.child(parent, 'left'));
  // Only a module-level object: a parameter or local `app` is not what the module scope names.
  if (!path || path.length !== 2 || ['this', 'module', 'exports', 'super'].includes(path[0]!) || lookup(path[0]!)) return;
  def.thisValue = [path[0]!];
}

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
function withCallbackParams(def: DefDraft, params: Record<string, (TypeRef | null)[]> | undefined): void {
  if (params) def.callbackParams = params;
}

/** A declaration directly in a `namespace` block is named under it: `Widget.Variance`. */
function inNamespace(naming: Naming, where: Surroundings): Naming {
  return where.namespace !== undefined && naming.owner === undefined && naming.label !== 'Method' ? { ...naming, owner: where.namespace } : naming;
}

/** Class and object methods, accessors, and (abstract or interface) method signatures. */
function defineMember(s: ExtractState, node: number, where: Surroundings, implementations: Map<number, Set<string>>): DefDraft | undefined {
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
function implementationNames(t: SyntaxTable, parent: number, cache: Map<number, Set<string>>): Set<string> {
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

/** `var`, `let`, `const` (or `using`) as written in a declaration or a for-in/of head. */
function declarationKind(t: SyntaxTable, node: number): string | undefined {
  for (let c = t.firstChild[node]!; c >= 0; c = t.nextSibling[c]!) {
    if (!t.named[c] && (t.type[c] === 'var' || t.type[c] === 'let' || t.type[c] === 'const' || t.type[c] === 'using')) return t.type[c];
  }
  return undefined;
}

type Declare = (name: string, binding: LocalBinding, hoist: boolean) => number | undefined;

function declareParameters(s: ExtractState, parameters: number, declare: Declare, lookup: (name: string) => LocalBinding | undefined): void {
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

function declareVariable(
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
function localInit(t: SyntaxTable, value: number, lookup: (name: string) => LocalBinding | undefined): LocalInit | undefined {
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

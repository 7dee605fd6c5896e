import type { DefinitionLabel } from '../../graph/model.js';
import type { LocalBinding, LocalInit } from '../../model/parsed-unit.js';
import { addDefinition, heritageOf, isExportedStatement, nameFunctionOrClass, statementLine, type Surroundings, thisClassOf } from './definition-rules.js';
import { recordFieldType, recordPropertySignature, recordThisField } from './field-types.js';
import { callbackParamTypes, callbackSlot } from './callbacks.js';
import { jsDocOf } from './jsdoc.js';
import { laterAssignments, type LaterAssignments } from './later-assignments.js';
import { aliasedTypeOf, forOfElement, receiverInit, staticFieldAssignments } from './local-types.js';
import { ROLE_DEFINITIONS } from './node-roles.js';
import { recordAnyField, untypedThis } from './untyped-params.js';
import type { DefDraft, ExtractState } from './state.js';
import { BLOCK_SCOPES, isClassNode, isFunctionNode, logicalParent, namePath, patternNames, typeRefOf } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';
import { declarationKind, type Declare, declareParameters, declareVariable, localInit } from './declare-locals.js';
import { defineMember, implementationNames, inNamespace, withCallbackParams } from './define-member.js';

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

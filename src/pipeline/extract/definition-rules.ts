import type { DefinitionLabel } from '../../graph/model.js';
import { definitionId } from '../../graph/ids.js';
import type { HeritageClause, TypeRef } from '../../model/parsed-unit.js';
import type { DefDraft, ExtractState } from './state.js';
import { isClassNode, logicalParent, namePath, propertyName, typeRefOf, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

/** How a function or class node is named, decided from where it stands. */
export interface Naming {
  readonly label: DefinitionLabel;
  readonly name: string;
  readonly startLine: number;
  readonly exported: boolean;
  readonly owner?: string;
  readonly ownerDef?: DefDraft;
  readonly kind?: string;
  /** Declared at module level, as far as `export { name }` is concerned. */
  readonly moduleLevel: boolean;
}

/** The definitions around a node, as the walk sees them. */
export interface Surroundings {
  /** Innermost enclosing Function or Method definition. */
  readonly enclosing?: DefDraft;
  /** Innermost class body the node is in, when no function lies between (the class of a constructor). */
  readonly classOwner?: DefDraft | null;
  /** Whether the node is directly at module level (no enclosing function or class body). */
  readonly atModuleLevel: boolean;
  /** The `namespace` block(s) the node is directly in (`A.B`): its members are named under it. */
  readonly namespace?: string;
}

const DECLARATIONS = new Set(['function_declaration', 'generator_function_declaration', 'class_declaration', 'abstract_class_declaration']);

/** Names a function-like or class node, or returns undefined for an anonymous one (looked through). */
export function nameFunctionOrClass(s: ExtractState, node: number, around: Surroundings): Naming | undefined {
  const t = s.t;
  const own = t.child(node, 'name');
  const ownName = own >= 0 ? t.text(own) : undefined;
  const label: DefinitionLabel = isClassNode(t, node) ? 'Class' : 'Function';
  const moduleLevel = around.atModuleLevel;
  if (DECLARATIONS.has(t.type[node]!)) {
    const exported = isExportedStatement(t, node);
    const name = ownName ?? (exported && t.hasToken(t.parent[node]!, 'default') ? 'default' : undefined);
    return name === undefined ? undefined : { label, name, startLine: statementLine(t, node), exported, moduleLevel };
  }
  const [parent, child] = logicalParent(t, node);
  if (parent < 0) return undefined;
  switch (t.type[parent]) {
    case 'variable_declarator': {
      const name = t.child(parent, 'name');
      if (t.child(parent, 'value') !== child || t.type[name] !== 'identifier') break;
      return { label, name: t.text(name), startLine: declaratorLine(t, parent), exported: isExportedStatement(t, parent), moduleLevel };
    }
    case 'assignment_expression':
      if (t.child(parent, 'right') !== child) break;
      return nameByAssignment(s, parent, label, ownName, around);
    case 'pair': {
      if (t.child(parent, 'value') !== child || label !== 'Function' || misreadObject(t, t.parent[parent]!)) break;
      const owner = objectOwner(t, t.parent[parent]!);
      return { label: 'Method', name: propertyName(t, t.child(parent, 'key')), startLine: t.line(parent), exported: owner.exported, owner: owner.name, kind: owner.kind ?? 'object', moduleLevel: false };
    }
    case 'export_statement':
      return { label, name: ownName ?? 'default', startLine: statementLine(t, node), exported: true, moduleLevel };
    default:
      if (t.type[parent] === s.spec.classField.type && t.child(parent, 'value') === child && label === 'Function') {
        const classDef = s.classBodies.get(t.parent[parent]!) ?? undefined;
        const name = propertyName(t, t.child(parent, s.spec.classField.nameField));
        return { label: 'Method', name, startLine: t.line(parent), exported: false, owner: classDef?.name, ownerDef: classDef, kind: 'field', moduleLevel: false };
      }
  }
  if (label === 'Class' && ownName !== undefined) return { label, name: ownName, startLine: t.line(node), exported: false, moduleLevel: false };
  return undefined;
}

/** The class whose `this` is meant here: the class body we are in, or the owner of the method. */
export function thisClassOf(s: ExtractState, around: Surroundings): DefDraft | undefined {
  return around.classOwner ?? (around.enclosing?.ownerId !== undefined ? s.byId.get(around.enclosing.ownerId) : undefined);
}

function nameByAssignment(s: ExtractState, assignment: number, label: DefinitionLabel, ownName: string | undefined, around: Surroundings): Naming | undefined {
  const t = s.t;
  const path = namePath(t, t.child(assignment, 'left'));
  if (!path || path.length < 2) return undefined;
  const startLine = t.line(assignment);
  const last = path[path.length - 1]!;
  if (path.length === 2 && path[0] === 'module' && path[1] === 'exports') {
    return ownName === undefined ? undefined : { label, name: ownName, startLine, exported: true, moduleLevel: around.atModuleLevel };
  }
  if (label === 'Function' && path.length >= 3 && path[path.length - 2] === 'prototype') {
    return { label: 'Method', name: last, startLine, exported: false, owner: path[path.length - 3], kind: 'prototype', moduleLevel: false };
  }
  if (label === 'Function' && path.length === 2 && path[0] === 'this') {
    const classDef = thisClassOf(s, around);
    if (classDef) return { label: 'Method', name: last, startLine, exported: false, owner: classDef.name, ownerDef: classDef, kind: 'field', moduleLevel: false };
    if (around.enclosing?.label === 'Function') {
      return { label: 'Method', name: last, startLine, exported: false, owner: around.enclosing.name, kind: 'constructor-function', moduleLevel: false };
    }
  }
  const exported = (path.length === 2 && path[0] === 'exports') || (path.length === 3 && path[0] === 'module' && path[1] === 'exports');
  return { label, name: last, startLine, exported, moduleLevel: false };
}

/**
 * Error recovery can read statements as an object literal (`{ return f(x) {…} }` becomes a method
 * `f`); such an object holds an ERROR node itself. Its members are misreads, not definitions.
 */
export function misreadObject(t: SyntaxTable, object: number): boolean {
  return t.hasError && t.childOfType(object, 'ERROR') >= 0;
}

export interface ObjectOwner {
  readonly name?: string;
  readonly kind?: string;
  readonly exported: boolean;
}

/**
 * Who owns an object literal's methods: the variable, property or assignment target it is bound
 * to; `{ a: { b: { m() {} } } }` bound to `x` gives `x.a.b`. Iterative: objects may nest deeply.
 */
export function objectOwner(t: SyntaxTable, object: number): ObjectOwner {
  const keys: string[] = [];
  let [parent, child] = logicalParent(t, object);
  while (t.type[parent] === 'pair' && t.child(parent, 'value') === child && t.type[t.parent[parent]!] === 'object') {
    keys.push(propertyName(t, t.child(parent, 'key')));
    [parent, child] = logicalParent(t, t.parent[parent]!);
  }
  const base = boundObjectOwner(t, parent, child);
  if (keys.length === 0) return base;
  const path = keys.reverse().join('.');
  return { name: base.name !== undefined ? `${base.name}.${path}` : path, exported: false };
}

function boundObjectOwner(t: SyntaxTable, parent: number, child: number): ObjectOwner {
  switch (t.type[parent]) {
    case 'variable_declarator': {
      const name = t.child(parent, 'name');
      return t.type[name] === 'identifier' ? { name: t.text(name), exported: false } : { exported: false };
    }
    case 'assignment_expression': {
      const path = t.child(parent, 'right') === child ? namePath(t, t.child(parent, 'left')) : undefined;
      if (!path) return { exported: false };
      if (path.length >= 2 && path[path.length - 1] === 'prototype') return { name: path[path.length - 2], kind: 'prototype', exported: false };
      return { name: path.join('.'), exported: path.length === 2 && path[0] === 'module' && path[1] === 'exports' };
    }
    case 'export_statement':
      return { name: 'default', exported: true };
    default:
      return { exported: false };
  }
}

/** Adds a definition with an id unique in the file. */
export function addDefinition(
  s: ExtractState,
  node: number,
  naming: Naming,
  around: Surroundings,
  extra: { properties?: Record<string, string | number | boolean>; heritage?: HeritageClause[]; returnType?: TypeRef } = {},
  anchor = true,
): DefDraft {
  const t = s.t;
  const qualifiedName = naming.owner !== undefined ? `${naming.owner}.${naming.name}` : naming.name;
  const nested = naming.label !== 'Method' || naming.ownerDef === undefined;
  const enclosing = nested ? around.enclosing : undefined;
  // A member of a known class is under that class's path; anything else under its enclosing function's.
  const scope = naming.ownerDef ?? enclosing;
  const scopePath = scope ? `${scope.scopePath}.${naming.ownerDef ? naming.name : qualifiedName}` : qualifiedName;
  let id = definitionId(naming.label, s.relPath, scopePath);
  for (let n = 2; s.ids.has(id); n++) id = definitionId(naming.label, s.relPath, scopePath, n);
  s.ids.add(id);
  const properties: Record<string, string | number | boolean> = { ...extra.properties };
  if (naming.label === 'Method') {
    if (naming.owner !== undefined) properties.owner = naming.owner;
    if (naming.kind !== undefined) properties.kind = naming.kind;
  }
  if (naming.label === 'Function' && enclosing) properties.enclosingFunction = enclosing.name;
  const def: DefDraft = {
    id,
    label: naming.label,
    name: naming.name,
    qualifiedName,
    scopePath,
    startLine: naming.startLine,
    endLine: t.endLine(node),
    exported: naming.exported,
    ...(naming.ownerDef ? { ownerId: naming.ownerDef.id } : {}),
    ...(naming.owner !== undefined ? { owner: naming.owner } : {}),
    ...(enclosing ? { enclosingId: enclosing.id, enclosingName: enclosing.name } : {}),
    properties,
    ...(extra.heritage && extra.heritage.length > 0 ? { heritage: extra.heritage } : {}),
    ...(extra.returnType ? { returnType: extra.returnType } : {}),
    moduleLevel: naming.moduleLevel && naming.label !== 'Method',
  };
  s.defs.push(def);
  s.byId.set(id, def);
  if (anchor) s.defAt.set(node, def);
  return def;
}

/** Line of a declaration's first token, counting `export`, `declare` and decorators. */
export function statementLine(t: SyntaxTable, node: number): number {
  let top = node;
  for (let p = t.parent[top]!; p >= 0 && (t.type[p] === 'export_statement' || t.type[p] === 'ambient_declaration'); p = t.parent[p]!) top = p;
  return t.line(top);
}

/** The first declarator starts at `const`/`export`; later ones at their own name. */
export function declaratorLine(t: SyntaxTable, declarator: number): number {
  const declaration = t.parent[declarator]!;
  for (let c = t.firstChild[declaration]!; c >= 0; c = t.nextSibling[c]!) {
    if (t.type[c] === 'variable_declarator') return c === declarator ? statementLine(t, declaration) : t.line(declarator);
  }
  return t.line(declarator);
}

/** A member's line, counting decorators written before it in the class body. */
export function memberLine(t: SyntaxTable, member: number): number {
  let first = member;
  for (let prev = t.previousSibling(member); prev >= 0 && (t.type[prev] === 'decorator' || t.type[prev] === 'comment'); prev = t.previousSibling(prev)) {
    if (t.type[prev] === 'decorator') first = prev;
  }
  return t.line(first);
}

/** Whether a declaration (or declarator) is part of an `export` statement of the module itself. */
export function isExportedStatement(t: SyntaxTable, node: number): boolean {
  let p = t.parent[node]!;
  while (p >= 0 && (t.type[p] === 'lexical_declaration' || t.type[p] === 'variable_declaration' || t.type[p] === 'ambient_declaration')) p = t.parent[p]!;
  return p >= 0 && t.type[p] === 'export_statement' && t.parent[p] === 0; // node 0: the program (or an ERROR root)
}

/** `extends`/`implements` clauses of a class or interface node. */
export function heritageOf(t: SyntaxTable, node: number): HeritageClause[] {
  const out: HeritageClause[] = [];
  for (let c = t.firstChild[node]!; c >= 0; c = t.nextSibling[c]!) {
    const type = t.type[c];
    if (type === 'class_heritage') {
      for (let h = t.firstChild[c]!; h >= 0; h = t.nextSibling[h]!) {
        if (t.type[h] === 'extends_clause') {
          const value = t.child(h, 'value');
          if (value >= 0) out.push(expressionClause(t, 'extends', value));
        } else if (t.type[h] === 'implements_clause') {
          for (const type of t.namedChildren(h)) out.push(typeClause(t, 'implements', type));
        } else if (t.named[h] && t.type[h] !== 'comment') {
          out.push(expressionClause(t, 'extends', h));
        }
      }
    } else if (type === 'extends_type_clause') {
      for (const type of t.childrenOf(c, 'type')) out.push(typeClause(t, 'extends', type));
    }
  }
  return out;
}

function expressionClause(t: SyntaxTable, relation: 'extends' | 'implements', value: number): HeritageClause {
  const node = unwrap(t, value);
  const path = namePath(t, node);
  const text = t.text(value);
  if (path && path[0] !== 'this' && path[0] !== 'super') return { relation, ref: { path }, text, line: t.line(value) };
  const unresolvable = t.type[node] === 'call_expression' ? 'call' : 'expression';
  return { relation, unresolvable, text, line: t.line(value) };
}

function typeClause(t: SyntaxTable, relation: 'extends' | 'implements', type: number): HeritageClause {
  const written = typeRefOf(t, type);
  // `extends Array<X>` extends Array, not X.
  const ref = written?.array ? typeRefOf(t, t.child(type, 'name')) : written;
  const text = t.text(type);
  return ref ? { relation, ref, text, line: t.line(type) } : { relation, unresolvable: 'expression', text, line: t.line(type) };
}

import type { ExportDecl, ImportBinding, ImportDecl } from '../../model/parsed-unit.js';
import { bindsModuleNames } from './binding-scope.js';
import { ROLE_MODULES } from './node-roles.js';
import type { ExtractState } from './state.js';
import { logicalParent, namePath, patternNames, propertyName, stringValue, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

interface Draft {
  name: string;
  local?: string;
  definitionId?: string;
  line: number;
}

/** The third walk: imports (static, type, re-export, require, dynamic) and exports (ESM and CommonJS). */
export function walkModules(s: ExtractState): { imports: ImportDecl[]; exports: ExportDecl[] } {
  const t = s.t;
  const imports: ImportDecl[] = [];
  const exports: Draft[] = [];
  for (let i = 0; i < t.count; i++) {
    if ((t.roles[i]! & ROLE_MODULES) === 0) continue;
    switch (t.type[i]) {
      case 'import_statement':
        importStatement(t, i, imports);
        break;
      case 'export_statement':
        if (t.parent[i] === 0) exportStatement(s, i, imports, exports); // not `export` inside a namespace
        break;
      case 'call_expression':
        requireOrImport(t, i, imports);
        break;
      case 'assignment_expression':
        commonJsExport(s, i, exports);
        break;
      default:
        break;
    }
  }
  return { imports, exports: finishExports(s, exports) };
}

function importStatement(t: SyntaxTable, node: number, out: ImportDecl[]): void {
  const typeOnly = t.hasToken(node, 'type');
  const line = t.line(node);
  const requireClause = t.childOfType(node, 'import_require_clause');
  if (requireClause >= 0) {
    const specifier = stringValue(t, t.child(requireClause, 'source'));
    const local = t.childOfType(requireClause, 'identifier');
    if (specifier === undefined) return;
    const bindings = local >= 0 ? [binding(t.text(local), '*', typeOnly)] : [];
    out.push({ specifier, kind: typeOnly ? 'type' : 'require', line, bindings });
    return;
  }
  const specifier = stringValue(t, t.child(node, 'source'));
  if (specifier === undefined) return;
  const clause = t.childOfType(node, 'import_clause');
  if (clause < 0) {
    out.push({ specifier, kind: 'side-effect', line, bindings: [] });
    return;
  }
  const bindings: ImportBinding[] = [];
  for (const c of t.namedChildren(clause)) {
    if (t.type[c] === 'identifier') bindings.push(binding(t.text(c), 'default', typeOnly));
    else if (t.type[c] === 'namespace_import') {
      const local = t.childOfType(c, 'identifier');
      if (local >= 0) bindings.push(binding(t.text(local), '*', typeOnly));
    } else if (t.type[c] === 'named_imports') {
      for (const spec of t.namedChildren(c)) {
        if (t.type[spec] !== 'import_specifier') continue;
        const imported = propertyName(t, t.child(spec, 'name'));
        const alias = t.child(spec, 'alias');
        bindings.push(binding(alias >= 0 ? t.text(alias) : imported, imported, typeOnly || t.hasToken(spec, 'type')));
      }
    }
  }
  out.push({ specifier, kind: typeOnly ? 'type' : 'static', line, bindings });
}

function exportStatement(s: ExtractState, node: number, imports: ImportDecl[], exports: Draft[]): void {
  const t = s.t;
  const line = t.line(node);
  // `export type * from` reads as `export * from` once its `type` is masked (misreads.ts).
  const typeOnly = t.hasToken(node, 'type') || EXPORT_TYPE.test(t.text(node));
  const clause = t.childOfType(node, 'export_clause');
  const source = t.child(node, 'source');
  if (source >= 0) {
    const specifier = stringValue(t, source);
    if (specifier === undefined) return;
    const bindings: ImportBinding[] = [];
    const namespace = t.childOfType(node, 'namespace_export');
    if (clause >= 0) {
      for (const spec of exportSpecifiers(t, clause)) bindings.push(binding(spec.exported, spec.local, typeOnly || spec.typeOnly));
    } else if (namespace >= 0) {
      bindings.push(binding(propertyName(t, t.firstNamedChild(namespace)), '*', typeOnly));
    } else {
      bindings.push(binding('*', '*', typeOnly));
    }
    imports.push({ specifier, kind: 're-export', line, bindings });
    return;
  }
  if (clause >= 0) {
    for (const spec of exportSpecifiers(t, clause)) exports.push({ name: spec.exported, local: spec.local, line });
    return;
  }
  const isDefault = t.hasToken(node, 'default');
  const declaration = t.child(node, 'declaration');
  if (declaration >= 0) {
    for (const [name, at] of declaredNames(t, declaration)) {
      const def = s.defAt.get(at);
      exports.push({ name: isDefault ? 'default' : name, ...(name !== 'default' ? { local: name } : {}), ...(def ? { definitionId: def.id } : {}), line });
    }
    return;
  }
  if (!isDefault && !t.hasToken(node, '=')) return; // `export as namespace X`
  const value = unwrap(t, t.child(node, 'value') >= 0 ? t.child(node, 'value') : t.firstNamedChild(node));
  if (value < 0) return;
  const name = isDefault ? 'default' : 'export=';
  exports.push(valueExport(s, name, value, line));
}

function valueExport(s: ExtractState, name: string, value: number, line: number): Draft {
  const t = s.t;
  if (t.type[value] === 'identifier') return { name, local: t.text(value), line };
  const def = s.defAt.get(value);
  if (def) return { name, ...(def.moduleLevel && def.name !== 'default' ? { local: def.name } : {}), definitionId: def.id, line };
  return { name, line };
}

interface ExportSpecifier {
  readonly local: string;
  readonly exported: string;
  readonly typeOnly: boolean;
}

function exportSpecifiers(t: SyntaxTable, clause: number): ExportSpecifier[] {
  const out: ExportSpecifier[] = [];
  for (const spec of t.namedChildren(clause)) {
    if (t.type[spec] !== 'export_specifier') continue;
    const local = propertyName(t, t.child(spec, 'name'));
    const alias = t.child(spec, 'alias');
    out.push({ local, exported: alias >= 0 ? propertyName(t, alias) : local, typeOnly: t.hasToken(spec, 'type') });
  }
  return out;
}

/** Names an exported declaration declares, each with the node its definition is anchored on. */
function declaredNames(t: SyntaxTable, declaration: number): [string, number][] {
  let node = declaration;
  if (t.type[node] === 'ambient_declaration') node = t.firstNamedChild(node);
  if (node < 0) return [];
  const type = t.type[node]!;
  if (type === 'lexical_declaration' || type === 'variable_declaration') {
    const out: [string, number][] = [];
    for (const declarator of t.namedChildren(node)) {
      if (t.type[declarator] !== 'variable_declarator') continue;
      const value = unwrap(t, t.child(declarator, 'value'));
      for (const n of patternNames(t, t.child(declarator, 'name'))) out.push([t.text(n), value >= 0 ? value : declarator]);
    }
    return out;
  }
  const name = t.child(node, 'name');
  return [[name >= 0 ? t.text(name) : 'default', node]];
}

function requireOrImport(t: SyntaxTable, call: number, out: ImportDecl[]): void {
  const callee = t.child(call, 'function');
  const isImport = t.type[callee] === 'import';
  if (!isImport && !(t.type[callee] === 'identifier' && t.text(callee) === 'require')) return;
  const args = t.namedChildren(t.child(call, 'arguments'));
  const specifier = args.length >= 1 ? stringValue(t, args[0]!) : undefined;
  if (specifier === undefined || (!isImport && args.length !== 1)) return;
  if (!isImport && spreadIntoModuleExports(t, call)) {
    // `module.exports = { ...require('./x') }` exports what './x' exports, like `export * from`.
    out.push({ specifier, kind: 're-export', line: t.line(call), bindings: [binding('*', '*')] });
    return;
  }
  if (isImport && inTypePosition(t, call)) {
    // `import("./m").T` names a type of ./m: a type-only dependency, not a module loaded at run time.
    out.push({ specifier, kind: 'type', line: t.line(call), bindings: [] });
    return;
  }
  const bindings = boundNames(t, call);
  const scoped = bindings.length > 0 && !bindsModuleNames(t, call);
  out.push({ specifier, kind: isImport ? 'dynamic' : 'require', line: t.line(call), bindings, ...(scoped ? { scoped } : {}) });
}

const EXPORT_TYPE = /^export\s+type\b/;
/** Where the grammar puts a type: annotations, aliases, clauses and the `*_type` nodes. */
const TYPE_CONTEXTS: ReadonlySet<string> = new Set(['type_annotation', 'type_alias_declaration', 'type_arguments', 'constraint', 'default_type', 'extends_type_clause', 'implements_clause', 'opting_type_annotation', 'omitting_type_annotation', 'adding_type_annotation', 'asserts_annotation']);

/** `import("m").T` (and `import("m").A.B`) where a type is written, not an `import()` expression. */
function inTypePosition(t: SyntaxTable, call: number): boolean {
  let node = call;
  while (t.type[t.parent[node]!] === 'member_expression' && t.child(t.parent[node]!, 'object') === node) node = t.parent[node]!;
  const parent = t.type[t.parent[node]!] ?? '';
  return TYPE_CONTEXTS.has(parent) || parent.endsWith('_type');
}

function spreadIntoModuleExports(t: SyntaxTable, call: number): boolean {
  const [spread, child] = logicalParent(t, call);
  if (t.type[spread] !== 'spread_element' || t.firstNamedChild(spread) !== child) return false;
  const [object] = logicalParent(t, spread);
  if (t.type[object] !== 'object') return false;
  const [assignment, right] = logicalParent(t, object);
  if (t.type[assignment] !== 'assignment_expression' || t.child(assignment, 'right') !== right) return false;
  const path = namePath(t, t.child(assignment, 'left'));
  return path !== undefined && path.length === 2 && path[0] === 'module' && path[1] === 'exports';
}

/** `const x = require(…)`, `const {a, b: c} = require(…)`, `const f = require(…).f`, and `await import(…)`. */
export function boundNames(t: SyntaxTable, call: number): ImportBinding[] {
  let [parent, child] = logicalParent(t, call);
  if (t.type[parent] === 'await_expression') [parent, child] = logicalParent(t, parent);
  let imported = '*';
  if (t.type[parent] === 'member_expression' && t.child(parent, 'object') === child) {
    const property = t.child(parent, 'property');
    if (property < 0) return [];
    imported = t.text(property);
    [parent, child] = logicalParent(t, parent);
  }
  if (t.type[parent] !== 'variable_declarator' || t.child(parent, 'value') !== child) return [];
  const pattern = t.child(parent, 'name');
  if (t.type[pattern] === 'identifier') return [binding(t.text(pattern), imported)];
  if (t.type[pattern] !== 'object_pattern' || imported !== '*') return [];
  const out: ImportBinding[] = [];
  for (const p of t.namedChildren(pattern)) {
    if (t.type[p] === 'shorthand_property_identifier_pattern') out.push(binding(t.text(p), t.text(p)));
    else if (t.type[p] === 'object_assignment_pattern') {
      const left = t.child(p, 'left');
      if (left >= 0) out.push(binding(t.text(left), t.text(left)));
    } else if (t.type[p] === 'pair_pattern') {
      let value = t.child(p, 'value');
      if (t.type[value] === 'assignment_pattern') value = t.child(value, 'left');
      if (t.type[value] === 'identifier') out.push(binding(t.text(value), propertyName(t, t.child(p, 'key'))));
    }
  }
  return out;
}

function commonJsExport(s: ExtractState, assignment: number, exports: Draft[]): void {
  const t = s.t;
  const path = namePath(t, t.child(assignment, 'left'));
  if (!path) return;
  const line = t.line(assignment);
  let right = unwrap(t, t.child(assignment, 'right'));
  // `exports.a = exports.b = void 0` (compiled TypeScript) declares names before their values.
  while (t.type[right] === 'assignment_expression') right = unwrap(t, t.child(right, 'right'));
  if (isNothing(t, right)) return;
  const isModuleExports = path.length === 2 && path[0] === 'module' && path[1] === 'exports';
  if (isModuleExports && t.type[right] === 'object') {
    for (const p of t.namedChildren(right)) {
      if (t.type[p] === 'shorthand_property_identifier') exports.push({ name: t.text(p), local: t.text(p), line: t.line(p) });
      else if (t.type[p] === 'method_definition') {
        const def = s.defAt.get(p);
        exports.push({ name: propertyName(t, t.child(p, 'name')), ...(def ? { definitionId: def.id } : {}), line: t.line(p) });
      } else if (t.type[p] === 'pair') {
        exports.push(valueExport(s, propertyName(t, t.child(p, 'key')), unwrap(t, t.child(p, 'value')), t.line(p)));
      }
    }
  } else if (isModuleExports) {
    exports.push(valueExport(s, 'export=', right, line));
  } else if ((path.length === 2 && path[0] === 'exports') || (path.length === 3 && path[0] === 'module' && path[1] === 'exports')) {
    const name = path[path.length - 1]!;
    const draft = valueExport(s, name, right, line);
    exports.push({ ...draft, name });
  }
}

/** Fills in definitions named by local name, marks exported definitions, drops exact duplicates. */
function finishExports(s: ExtractState, drafts: Draft[]): ExportDecl[] {
  const moduleLevel = new Map<string, string>();
  for (const def of s.defs) if (def.moduleLevel && !moduleLevel.has(def.name)) moduleLevel.set(def.name, def.id);
  const exportedNames = new Set<string>();
  const seen = new Set<string>();
  const out: ExportDecl[] = [];
  for (const draft of drafts) {
    const definitionId = draft.definitionId ?? (draft.local !== undefined ? moduleLevel.get(draft.local) : undefined);
    if (definitionId) s.byId.get(definitionId)!.exported = true;
    if (draft.local !== undefined) exportedNames.add(draft.local);
    const decl: ExportDecl = { name: draft.name, ...(draft.local !== undefined ? { local: draft.local } : {}), ...(definitionId ? { definitionId } : {}), line: draft.line };
    const key = JSON.stringify([decl.name, decl.local, decl.definitionId]); // overloads repeat `export`
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(decl);
  }
  for (const def of s.defs) if (def.moduleLevel && exportedNames.has(def.name)) def.exported = true;
  return out;
}

function isNothing(t: SyntaxTable, value: number): boolean {
  if (t.type[value] === 'undefined' || (t.type[value] === 'identifier' && t.text(value) === 'undefined')) return true;
  return t.type[value] === 'unary_expression' && t.hasToken(value, 'void');
}

function binding(local: string, imported: string, typeOnly = false): ImportBinding {
  return typeOnly ? { local, imported, typeOnly } : { local, imported };
}

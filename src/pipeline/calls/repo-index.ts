import type { Definition, ImportDecl, ModuleBinding, ParsedUnit, TypeRef } from '../../model/parsed-unit.js';

/** A definition together with the file it is in. */
export interface Located {
  readonly def: Definition;
  readonly file: string;
}

/** Lookups over every definition of the repo, built once per run. */
export interface RepoIndex {
  readonly byId: ReadonlyMap<string, Located>;
  /** file -> name -> module-level definitions of that name (no owner, not nested). */
  readonly topLevel: ReadonlyMap<string, ReadonlyMap<string, readonly Located[]>>;
  /** file -> name -> every definition of that name in the file, at any depth. */
  readonly anyLevel: ReadonlyMap<string, ReadonlyMap<string, readonly Located[]>>;
  /** Members of a class or interface, by its id. */
  readonly membersByOwnerId: ReadonlyMap<string, readonly Located[]>;
  /** Members without an owner node (object literals, prototypes, statics), by `file\0owner`. */
  readonly membersByOwnerName: ReadonlyMap<string, readonly Located[]>;
  /**
   * Module-level functions and classes of scripts (files with no import and no export, whose
   * top-level declarations are globals), by name.
   */
  readonly scriptCallables: ReadonlyMap<string, readonly Located[]>;
  /** file -> its classes, by start line. */
  readonly classesByFile: ReadonlyMap<string, readonly Located[]>;
  /** Every Method of the repo that can be called (not a getter or setter), by name. */
  readonly callableMethodsByName: ReadonlyMap<string, readonly Located[]>;
  /** file -> module-level binding types. */
  readonly moduleTypes: ReadonlyMap<string, ReadonlyMap<string, TypeRef>>;
  /** file -> every module specifier it imports, requires or re-exports from. */
  readonly specifiers: ReadonlyMap<string, readonly string[]>;
  /** file -> local name -> the import (not re-export) that binds it. */
  readonly importedNames: ReadonlyMap<string, ReadonlyMap<string, ImportedName>>;
}

export interface ImportedName {
  readonly specifier: string;
  readonly imported: string;
}

export function ownerKey(file: string, owner: string): string {
  return `${file}\u0000${owner}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pushIn(map: Map<string, Map<string, Located[]>>, file: string, name: string, value: Located): void {
  let inner = map.get(file);
  if (!inner) map.set(file, (inner = new Map()));
  push(inner, name, value);
}

function moduleTypesOf(bindings: readonly ModuleBinding[]): Map<string, TypeRef> {
  const types = new Map<string, TypeRef>();
  for (const b of bindings) if (b.type) types.set(b.name, b.type);
  return types;
}

function importedNamesOf(decls: readonly ImportDecl[]): Map<string, ImportedName> {
  const names = new Map<string, ImportedName>();
  for (const decl of decls) {
    if (decl.kind === 're-export' || decl.scoped) continue;
    for (const b of decl.bindings) if (!names.has(b.local)) names.set(b.local, { specifier: decl.specifier, imported: b.imported });
  }
  return names;
}

export function buildRepoIndex(units: readonly ParsedUnit[]): RepoIndex {
  const byId = new Map<string, Located>();
  const topLevel = new Map<string, Map<string, Located[]>>();
  const anyLevel = new Map<string, Map<string, Located[]>>();
  const membersByOwnerId = new Map<string, Located[]>();
  const membersByOwnerName = new Map<string, Located[]>();
  const scriptCallables = new Map<string, Located[]>();
  const callableMethodsByName = new Map<string, Located[]>();
  const classesByFile = new Map<string, Located[]>();
  const moduleTypes = new Map<string, ReadonlyMap<string, TypeRef>>();
  const importedNames = new Map<string, ReadonlyMap<string, ImportedName>>();
  const specifiers = new Map<string, readonly string[]>();

  for (const unit of units) {
    const file = unit.file.relPath;
    moduleTypes.set(file, moduleTypesOf(unit.moduleBindings));
    const script = unit.imports.length === 0 && unit.exports.length === 0;
    importedNames.set(file, importedNamesOf(unit.imports));
    specifiers.set(file, [...new Set(unit.imports.map((d) => d.specifier))]);
    for (const def of unit.definitions) {
      const loc: Located = { def, file };
      byId.set(def.id, loc);
      pushIn(anyLevel, file, def.name, loc);
      if (def.label === 'Class') push(classesByFile, file, loc);
      if (def.label === 'Method') {
        if (isCallableMethod(loc)) push(callableMethodsByName, def.name, loc);
        if (def.ownerId) push(membersByOwnerId, def.ownerId, loc);
        else if (def.owner) push(membersByOwnerName, ownerKey(file, def.owner), loc);
        continue;
      }
      if (def.enclosingId || def.ownerId || def.owner !== undefined || def.unbound) continue;
      pushIn(topLevel, file, def.name, loc);
      if (script && (def.label === 'Function' || def.label === 'Class')) push(scriptCallables, def.name, loc);
    }
  }
  return { byId, topLevel, anyLevel, membersByOwnerId, membersByOwnerName, scriptCallables, classesByFile, callableMethodsByName, moduleTypes, importedNames, specifiers };
}

/** A method a call can name: not a getter or setter. */
export function isCallableMethod(loc: Located): boolean {
  if (loc.def.label !== 'Method') return false;
  const kind = loc.def.properties?.['kind'];
  return kind !== 'getter' && kind !== 'setter';
}

/** The single definition named `name` in `file` among `labels`, at module level first. */
export function findInFile(
  index: RepoIndex,
  file: string,
  name: string,
  labels: readonly Definition['label'][],
): Located | undefined {
  for (const table of [index.topLevel, index.anyLevel]) {
    const hits = (table.get(file)?.get(name) ?? []).filter((l) => labels.includes(l.def.label));
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return undefined;
  }
  return undefined;
}

/** The innermost class of `file` whose lines hold `line`. */
export function classAround(index: RepoIndex, file: string, line: number): Located | undefined {
  let best: Located | undefined;
  for (const c of index.classesByFile.get(file) ?? []) {
    if (c.def.startLine <= line && line <= c.def.endLine && (!best || c.def.startLine > best.def.startLine)) best = c;
  }
  return best;
}

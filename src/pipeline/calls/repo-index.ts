import type { Definition, ImportDecl, ModuleBinding, ParsedUnit, TypeRef } from '../../model/parsed-unit.js';
import type { Located } from '../../model/resolution.js';

export type { Located };

/**
 * The definitions of one name in one file: the definition itself when it is the only one (most
 * names), a list otherwise. Read with `namedIn`.
 */
export type Named = Located | readonly Located[];

/** Lookups over every definition of the repo, built once per run. */
export interface RepoIndex {
  readonly byId: ReadonlyMap<string, Located>;
  /** file -> name -> module-level definitions of that name (no owner, not nested). */
  readonly topLevel: ReadonlyMap<string, ReadonlyMap<string, Named>>;
  /** file -> name -> every definition of that name in the file, at any depth. */
  readonly anyLevel: ReadonlyMap<string, ReadonlyMap<string, Named>>;
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

/*
 * The index is held through the whole calls phase, beside everything else the run holds at its
 * peak (on the 10,000-file bench tree it took 40 MB, a fifth of the live heap). A name of a file
 * usually has one definition, so it is kept as that definition, not a list of one; a file with no
 * typed binding, no import or no specifier shares one empty map or list.
 */

function pushIn(map: Map<string, Map<string, Named>>, file: string, name: string, value: Located): void {
  let inner = map.get(file);
  if (!inner) map.set(file, (inner = new Map()));
  const known = inner.get(name);
  if (known === undefined) inner.set(name, value);
  else if (isList(known)) (known as Located[]).push(value);
  else inner.set(name, [known, value]);
}

function isList(named: Named): named is readonly Located[] {
  return Array.isArray(named);
}

/** The definitions of `name` in `file` in one of the index's name tables, in source order. */
export function namedIn(table: ReadonlyMap<string, ReadonlyMap<string, Named>>, file: string, name: string): readonly Located[] {
  const named = table.get(file)?.get(name);
  if (named === undefined) return NO_DEFINITIONS;
  return isList(named) ? named : [named];
}

const NO_DEFINITIONS: readonly Located[] = [];
const NO_TYPES: ReadonlyMap<string, TypeRef> = new Map();
const NO_NAMES: ReadonlyMap<string, ImportedName> = new Map();
const NO_SPECIFIERS: readonly string[] = [];

function moduleTypesOf(bindings: readonly ModuleBinding[]): ReadonlyMap<string, TypeRef> {
  let types: Map<string, TypeRef> | undefined;
  for (const b of bindings) if (b.type) (types ??= new Map()).set(b.name, b.type);
  return types ?? NO_TYPES;
}

function importedNamesOf(decls: readonly ImportDecl[]): ReadonlyMap<string, ImportedName> {
  let names: Map<string, ImportedName> | undefined;
  for (const decl of decls) {
    if (decl.kind === 're-export' || decl.scoped) continue;
    for (const b of decl.bindings) if (!names?.has(b.local)) (names ??= new Map()).set(b.local, { specifier: decl.specifier, imported: b.imported });
  }
  return names ?? NO_NAMES;
}

function specifiersOf(decls: readonly ImportDecl[]): readonly string[] {
  return decls.length === 0 ? NO_SPECIFIERS : [...new Set(decls.map((d) => d.specifier))];
}

/**
 * The calls phase's index of the parsed units. `byId`, every definition with its file, is the
 * symbol resolver's when it has one (SymbolResolver.definitions), else built here.
 */
export function buildRepoIndex(units: readonly ParsedUnit[], definitions?: ReadonlyMap<string, Located>): RepoIndex {
  const byId = definitions ?? locateDefinitions(units);
  const topLevel = new Map<string, Map<string, Named>>();
  const anyLevel = new Map<string, Map<string, Named>>();
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
    specifiers.set(file, specifiersOf(unit.imports));
    for (const def of unit.definitions) {
      // The index's own object, unless another definition has the same id (a parser defect the builder reports).
      const indexed = byId.get(def.id);
      const loc: Located = indexed?.def === def ? indexed : { def, file };
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
    const named = table.get(file)?.get(name);
    if (named === undefined) continue;
    // A name's one definition (most names) is looked at as it is: this runs for many call sites.
    if (!isList(named)) {
      if (labels.includes(named.def.label)) return named;
      continue;
    }
    const hits = named.filter((l) => labels.includes(l.def.label));
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

/** Every definition of the units by id, with its file. */
export function locateDefinitions(units: readonly ParsedUnit[]): Map<string, Located> {
  const located = new Map<string, Located>();
  for (const unit of units) for (const def of unit.definitions) located.set(def.id, { def, file: unit.file.relPath });
  return located;
}

import type { Definition, ExportDecl, ImportBinding, ImportDecl, ParsedUnit } from '../model/parsed-unit.js';
import { indexNamespaces } from './namespaces.js';

// One file's names as the import map (symbols.ts) looks them up: built once per file, read only.

/** An import or re-export binding with the declaration it comes from. */
export interface Bound {
  readonly decl: ImportDecl;
  readonly binding: ImportBinding;
}

/** One file's names, as the resolver reads them (built by indexUnit, never written after). */
export interface FileIndex {
  /** Top-level definitions by name (one per name, by label priority then line). */
  readonly topLevel: ReadonlyMap<string, Definition>;
  /** The same in the type space: an interface before a function of the same name. */
  readonly topLevelTypes: ReadonlyMap<string, Definition>;
  readonly byQualifiedName: ReadonlyMap<string, Definition>;
  readonly exports: ReadonlyMap<string, ExportDecl>;
  readonly exportedDefinitions: ReadonlyMap<string, Definition>;
  readonly exportedTypes: ReadonlyMap<string, Definition>;
  readonly imports: ReadonlyMap<string, Bound>;
  readonly reexports: ReadonlyMap<string, Bound>;
  readonly starExports: readonly ImportDecl[];
  readonly namespaces: {
    readonly names: ReadonlySet<string>;
    readonly members: ReadonlyMap<string, Definition>;
    readonly memberTypes: ReadonlyMap<string, Definition>;
  };
}

/** When one name has several top-level declarations (declaration merging), the value-ish wins. */
const LABEL_PRIORITY: Record<string, number> = { Class: 0, Function: 1, Enum: 2, Interface: 3, Type: 4, Variable: 5, Method: 6 };
/** In a type position the type-ish wins; a function still names a type as a JS constructor. */
const TYPE_PRIORITY: Record<string, number> = { Class: 0, Interface: 1, Type: 2, Enum: 3, Function: 4, Variable: 5, Method: 6 };

export function indexUnit(unit: ParsedUnit): FileIndex {
  const topLevel = new Map<string, Definition>();
  const topLevelTypes = new Map<string, Definition>();
  const byQualifiedName = new Map<string, Definition>();
  const exports = new Map<string, ExportDecl>();
  const exportedDefinitions = new Map<string, Definition>();
  const exportedTypes = new Map<string, Definition>();
  const imports = new Map<string, Bound>();
  const reexports = new Map<string, Bound>();
  const starExports: ImportDecl[] = [];
  const namespaces = indexNamespaces(
    unit.definitions,
    (map, key, def) => keepBest(map, def, LABEL_PRIORITY, key),
    (map, key, def) => keepBest(map, def, TYPE_PRIORITY, key),
  );
  for (const def of unit.definitions) {
    if (!byQualifiedName.has(def.qualifiedName)) byQualifiedName.set(def.qualifiedName, def);
    if (def.ownerId !== undefined || def.owner !== undefined || def.enclosingId !== undefined) continue;
    if (def.exported) {
      keepBest(exportedDefinitions, def, LABEL_PRIORITY);
      keepBest(exportedTypes, def, TYPE_PRIORITY);
    }
    if (def.unbound) continue; // `res.send = function …` binds no name `send`
    keepBest(topLevel, def, LABEL_PRIORITY);
    keepBest(topLevelTypes, def, TYPE_PRIORITY);
  }
  for (const decl of unit.exports) if (!exports.has(decl.name)) exports.set(decl.name, decl);
  for (const decl of unit.imports) {
    if (decl.kind === 're-export') {
      for (const binding of decl.bindings) {
        if (binding.local === '*' && binding.imported === '*') starExports.push(decl);
        else if (!reexports.has(binding.local)) reexports.set(binding.local, { decl, binding });
      }
    } else if (!decl.scoped) {
      for (const binding of decl.bindings) if (!imports.has(binding.local)) imports.set(binding.local, { decl, binding });
    }
  }
  return compact({ topLevel, topLevelTypes, byQualifiedName, exports, exportedDefinitions, exportedTypes, imports, reexports, starExports, namespaces });
}

/**
 * The index as it is read from here on (nothing writes to it after indexUnit): the type space's
 * maps are the value space's where they hold the same entries (all but 12 of 11,032 files of the
 * 10,000-file bench tree), and every empty map or set is one shared empty one (half of the 121,000
 * there). Each Map costs ~170 bytes before its first entry, and there are eleven per file.
 */
function compact(idx: FileIndex): FileIndex {
  const namespaces = idx.namespaces;
  return {
    topLevel: shared(idx.topLevel),
    topLevelTypes: sameEntries(idx.topLevelTypes, idx.topLevel) ? shared(idx.topLevel) : idx.topLevelTypes,
    byQualifiedName: shared(idx.byQualifiedName),
    exports: shared(idx.exports),
    exportedDefinitions: shared(idx.exportedDefinitions),
    exportedTypes: sameEntries(idx.exportedTypes, idx.exportedDefinitions) ? shared(idx.exportedDefinitions) : idx.exportedTypes,
    imports: shared(idx.imports),
    reexports: shared(idx.reexports),
    starExports: idx.starExports,
    namespaces: {
      names: namespaces.names.size === 0 ? EMPTY_SET : namespaces.names,
      members: shared(namespaces.members),
      memberTypes: sameEntries(namespaces.memberTypes, namespaces.members) ? shared(namespaces.members) : namespaces.memberTypes,
    },
  };
}

const EMPTY_MAP: ReadonlyMap<string, never> = new Map<string, never>();
const EMPTY_SET: ReadonlySet<string> = new Set<string>();

function shared<V>(map: ReadonlyMap<string, V>): ReadonlyMap<string, V> {
  return map.size === 0 ? EMPTY_MAP : map;
}

function sameEntries<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

function rank(def: Definition, priority: Record<string, number> = LABEL_PRIORITY): number {
  return (priority[def.label] ?? 9) * 1e7 + def.startLine;
}

function keepBest(map: Map<string, Definition>, def: Definition, priority: Record<string, number>, key = def.name): void {
  const current = map.get(key);
  if (!current || rank(def, priority) < rank(current, priority)) map.set(key, def);
}

import type { Definition } from '../model/parsed-unit.js';
import type { SymbolResolution } from '../model/resolution.js';

/**
 * The `namespace` blocks of one file, as TypeScript scopes names in them. A definition directly in
 * a block carries the block's full name as its `owner` (only Methods have any other owner), so
 * the blocks are read back from the definitions: merged declarations of one namespace in a file
 * share that name, and an enclosing block (`A` of `A.B`) exists wherever a nested one does.
 */
export interface NamespaceIndex {
  /** Full names of the file's namespace blocks: `A`, `A.B`. */
  readonly names: Set<string>;
  /** Members by qualified name (`A.B.X`): the value-ish declaration first, as at top level. */
  readonly members: Map<string, Definition>;
  /** The same in the type space: an interface before a function of the same name. */
  readonly memberTypes: Map<string, Definition>;
}

/** What a name means to the import map: a resolution, or a `namespace` block of a file (`path`). */
export type Found = SymbolResolution | { readonly kind: 'namespace'; readonly path: string; readonly name: string; readonly viaImport: boolean };

/** A namespace is not a node of the graph: callers outside the import map see no definition. */
export function publicOf(r: Found): SymbolResolution {
  return r.kind === 'namespace' ? { kind: 'unresolved', reason: `'${r.name}' is a namespace of ${r.path}, not a declaration` } : r;
}

export type KeepBest = (map: Map<string, Definition>, key: string, def: Definition) => void;

export function indexNamespaces(definitions: readonly Definition[], keepValue: KeepBest, keepType: KeepBest): NamespaceIndex {
  const idx: NamespaceIndex = { names: new Set(), members: new Map(), memberTypes: new Map() };
  for (const def of definitions) {
    if (def.label === 'Method' || def.owner === undefined || def.ownerId !== undefined) continue;
    for (const name of enclosingNamespaces(def.owner)) idx.names.add(name);
    keepValue(idx.members, def.qualifiedName, def);
    keepType(idx.memberTypes, def.qualifiedName, def);
  }
  return idx;
}

/** `A.B.C` -> `A.B.C`, `A.B`, `A`: where a name written in block `A.B.C` is looked up, in order. */
export function enclosingNamespaces(namespace: string): string[] {
  const out: string[] = [];
  for (let name = namespace; name !== ''; name = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '') out.push(name);
  return out;
}

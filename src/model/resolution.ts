import type { Definition, ImportKind } from './parsed-unit.js';

// Module and symbol resolution: built once from all ParsedUnits (pipeline/imports.ts owns it), used by
// the heritage edges of the parsing phase, by IMPORTS and by CALLS.

export type ModuleResolution =
  /** `warning`: the file is unambiguous but the compiler refuses the specifier (an ESM import without its extension). */
  | { readonly kind: 'file'; readonly path: string; readonly warning?: string }
  | { readonly kind: 'external'; readonly packageName: string }
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'unresolved'; readonly reason: string };

export type SymbolResolution =
  /** A definition, found in the file itself (`viaImport` false) or through its imports. */
  | { readonly kind: 'definition'; readonly id: string; readonly viaImport: boolean }
  /** A whole module (namespace import, `require()` result): its file. */
  | { readonly kind: 'module'; readonly path: string }
  | { readonly kind: 'external'; readonly packageName: string }
  | { readonly kind: 'unresolved'; readonly reason: string };

/** A definition together with the file it is in. */
export interface Located {
  readonly def: Definition;
  readonly file: string;
}

/**
 * TypeScript's declaration spaces: a call or `new` names a value, an annotation or heritage clause
 * a type. They differ where an interface and a function share a name (default: value).
 */
export type NameSpace = 'value' | 'type';

export interface SymbolResolver {
  /**
   * How `specifier` written in `fromFile` resolves. `kind` (optional) lets `require()` and
   * `import()` use their own module format where the resolution mode depends on it (node16/nodenext).
   */
  resolveModule(fromFile: string, specifier: string, kind?: ImportKind): ModuleResolution;
  /**
   * What a name path means at module level of `fromFile`: `['Base']`, `['ns', 'Base']`.
   * Looks at the file's own top-level definitions, then its imports, following re-exports.
   * `namespace` (`A.B`): the name is written inside that `namespace` block, so the block's members
   * and then those of each enclosing block come first, as TypeScript scopes them.
   */
  resolveName(fromFile: string, path: readonly string[], space?: NameSpace, namespace?: string): SymbolResolution;
  /** What `exportName` of the module at `path` is, following re-export chains. */
  resolveExport(path: string, exportName: string, space?: NameSpace): SymbolResolution;
  /** The import that binds `localName` at module level of `fromFile`, if one does. */
  importedBinding?(fromFile: string, localName: string): ImportedBinding | undefined;
  /**
   * Every definition by id, with its file: the resolver's own index, which the calls phase's
   * shares rather than building a second one (a table of 29 MB on the 50,000-file bench tree).
   */
  readonly definitions?: ReadonlyMap<string, Located>;
}

/** A module-level name bound by an import or `require`, with what it resolves to. */
export interface ImportedBinding {
  readonly local: string;
  /** The name taken from the target: an export name, `default`, or `*` (the whole module). */
  readonly imported: string;
  readonly specifier: string;
  readonly kind: ImportKind;
  readonly line: number;
  readonly module: ModuleResolution;
  readonly symbol: SymbolResolution;
}

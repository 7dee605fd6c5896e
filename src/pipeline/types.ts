import type { DefinitionLabel, GraphFragment } from '../graph/model.js';
import type { LanguageId } from '../languages/language-id.js';

/** A source file found by the walk. */
export interface SourceFile {
  /** POSIX path relative to the repo root. */
  readonly relPath: string;
  readonly absPath: string;
  readonly language: LanguageId;
  readonly size: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem in one file or one import: data, not an exception. The run carries on. */
export interface Diagnostic {
  readonly file?: string;
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `skipped-binary`, `syntax-error`, `unresolved-import`. */
  readonly code: string;
  readonly message: string;
  readonly line?: number;
}

// ---------------------------------------------------------------------------------------------
// ParsedUnit: everything later phases need from one file, with no syntax tree in it.
// parse.ts is the only producer; imports.ts and calls.ts are pure consumers.
// ---------------------------------------------------------------------------------------------

export interface Definition {
  /** Node id, from `definitionId(label, file, qualifiedName, startLine)`; unique in the file. */
  readonly id: string;
  readonly label: DefinitionLabel;
  readonly name: string;
  /** `Owner.name` for members, `name` otherwise. */
  readonly qualifiedName: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly exported: boolean;
  /** Id of the Class/Interface whose DEFINES holds this Method; absent for file-level definitions. */
  readonly ownerId?: string;
  /** Name of the owner (class, interface, object or constructor function) of a Method. */
  readonly owner?: string;
  /** For a function nested in a function or method: the enclosing one's id and name. */
  readonly enclosingId?: string;
  readonly enclosingName?: string;
  /** Extra node properties for the label (async, generator, static, abstract, kind, ...). */
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
  /** For classes and interfaces. */
  readonly heritage?: readonly HeritageClause[];
  /** Declared return type of a Function or Method, as a type reference (`X`, `ns.X`). */
  readonly returnType?: TypeRef;
  /** For classes: field name -> type, from `field: X`, `field = new X()`, `this.field = new X()`. */
  readonly fieldTypes?: Readonly<Record<string, TypeRef>>;
}

/** A reference to a named type or value as written: `Base` or `ns.Base` (path ['ns', 'Base']). */
export interface TypeRef {
  readonly path: readonly string[];
}

export interface HeritageClause {
  readonly relation: 'extends' | 'implements';
  /** The base as a name path; absent when the base is not a plain (qualified) name. */
  readonly ref?: TypeRef;
  /** What the base is when it is not a name: `call` (mixin(Base)) or `expression`. */
  readonly unresolvable?: 'call' | 'expression';
  readonly text: string;
  readonly line: number;
}

export type ImportKind = 'static' | 'type' | 'side-effect' | 're-export' | 'require' | 'dynamic';

/** One name an import or re-export binds. */
export interface ImportBinding {
  /**
   * The local name bound in this file; for a re-export, the name this file exports.
   * `*` with imported `*` means `export * from`.
   */
  readonly local: string;
  /** The name taken from the target: an export name, `default`, or `*` (the whole module). */
  readonly imported: string;
  readonly typeOnly?: boolean;
}

export interface ImportDecl {
  /** The module specifier as written (template literals without substitutions included). */
  readonly specifier: string;
  readonly kind: ImportKind;
  readonly line: number;
  readonly bindings: readonly ImportBinding[];
}

/** A name this file exports, bound to a local declaration. Re-exports are ImportDecls. */
export interface ExportDecl {
  /**
   * The exported name: an identifier, `default`, or `export=` for `module.exports = x` and
   * TypeScript's `export = x`.
   */
  readonly name: string;
  /** The local binding exported (a definition's name), when there is one. */
  readonly local?: string;
  /** The definition it names directly, when the parser knows it. */
  readonly definitionId?: string;
  readonly line: number;
}

/** The receiver of a member call `receiver.name()`, as far as syntax tells. */
export type Receiver =
  | { readonly kind: 'this' }
  | { readonly kind: 'super' }
  /** `a.m()`; `a.b.m()` gives path ['a', 'b']; `this.a.m()` gives path ['this', 'a']. */
  | { readonly kind: 'path'; readonly path: readonly string[] }
  /** `require('./m').f()` */
  | { readonly kind: 'require'; readonly specifier: string }
  /** `new X().m()` */
  | { readonly kind: 'new'; readonly type: TypeRef }
  /** `f().m()`: the callee path of the inner call, for its declared return type. */
  | { readonly kind: 'call'; readonly callee: readonly string[] }
  /** Anything else: `a[0].m()`, `(x || y).m()`, literals. */
  | { readonly kind: 'other' };

/** How the parser saw the first name of a call (the callee of `f()`, the receiver root of `a.m()`). */
export type LocalBinding =
  /** Bound to a definition in an enclosing function scope of this file: its id. */
  | { readonly kind: 'definition'; readonly id: string }
  /** Bound to a parameter, local variable, catch clause, etc.: not a definition; do not resolve by name. */
  | { readonly kind: 'local'; readonly type?: TypeRef }
  /** Not bound in any function scope: a module-level definition, an import, or a global. */
  | { readonly kind: 'free' };

export interface CallSite {
  /** Id of the innermost enclosing named Function or Method, the Class for class-body code, or the File. */
  readonly callerId: string;
  readonly line: number;
  /** `new X()`. */
  readonly isNew: boolean;
  /** The called name: `f` in `f()`, `m` in `a.b.m()`, `X` in `new X()` / `new ns.X()`. */
  readonly name: string;
  /** Absent for a plain `f()` / `new X()`. */
  readonly receiver?: Receiver;
  /** The binding of `name` (plain call) or of the receiver's first name (member call). */
  readonly binding: LocalBinding;
  /** Optional call `a?.b()` / `f?.()`. */
  readonly optional?: boolean;
}

/** Module-level binding of a file: `const x = new X()` or `let y: Y` (for receiver types). */
export interface ModuleBinding {
  readonly name: string;
  readonly type?: TypeRef;
}

export type ParseStatus =
  /** `masked`: constructs the grammar misreads, masked before the file was parsed again (misreads.ts). */
  | { readonly kind: 'parsed'; readonly syntaxErrorLine?: number; readonly masked?: number }
  | { readonly kind: 'skipped'; readonly reason: string };

export interface ParsedUnit {
  readonly file: SourceFile;
  readonly status: ParseStatus;
  readonly lines: number;
  /** sha256 of the content, hex. */
  readonly hash: string;
  readonly definitions: readonly Definition[];
  readonly imports: readonly ImportDecl[];
  readonly exports: readonly ExportDecl[];
  readonly calls: readonly CallSite[];
  readonly moduleBindings: readonly ModuleBinding[];
  readonly diagnostics: readonly Diagnostic[];
}

export type PhaseName = 'structure' | 'parsing' | 'imports' | 'calls';
export const PHASES: readonly PhaseName[] = ['structure', 'parsing', 'imports', 'calls'];

/** A processor's output: the fragment it adds and the problems it found. */
export interface PhaseOutput {
  readonly fragment: GraphFragment;
  readonly diagnostics: readonly Diagnostic[];
  /** Processor-specific counts shown in the report (e.g. imports resolved/external/unresolved). */
  readonly counts?: Readonly<Record<string, number>>;
  /** Imports of packages outside the repo, by package name (`react`, `@scope/pkg`, `node:fs`). */
  readonly externalPackages?: Readonly<Record<string, number>>;
}

/** Optional hooks for progress; core code never prints. */
export interface ProgressListener {
  onPhaseStart?(phase: PhaseName, total?: number): void;
  /** The walk is done: these files will be read and parsed next. */
  onFilesFound?(files: readonly SourceFile[]): void;
  onPhaseProgress?(phase: PhaseName, done: number, total?: number): void;
  onPhaseEnd?(phase: PhaseName, durationMs: number): void;
  onStoreStart?(store: string, phase: PhaseName): void;
  onDiagnostic?(diagnostic: Diagnostic): void;
  onMessage?(message: string): void;
}

// ---------------------------------------------------------------------------------------------
// Module and symbol resolution: built once from all ParsedUnits (imports.ts owns it), used by the
// heritage edges of the parsing phase, by IMPORTS and by CALLS.
// ---------------------------------------------------------------------------------------------

export type ModuleResolution =
  | { readonly kind: 'file'; readonly path: string }
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

export interface SymbolResolver {
  /**
   * How `specifier` written in `fromFile` resolves. `kind` (optional) lets `require()` and
   * `import()` use their own module format where the resolution mode depends on it (node16/nodenext).
   */
  resolveModule(fromFile: string, specifier: string, kind?: ImportKind): ModuleResolution;
  /**
   * What a name path means at module level of `fromFile`: `['Base']`, `['ns', 'Base']`.
   * Looks at the file's own top-level definitions, then its imports, following re-exports.
   */
  resolveName(fromFile: string, path: readonly string[]): SymbolResolution;
  /** What `exportName` of the module at `path` is, following re-export chains. */
  resolveExport(path: string, exportName: string): SymbolResolution;
  /** The import that binds `localName` at module level of `fromFile`, if one does. */
  importedBinding?(fromFile: string, localName: string): ImportedBinding | undefined;
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

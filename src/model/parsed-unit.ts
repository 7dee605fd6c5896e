import type { DefinitionLabel } from '../graph/model.js';
import type { Diagnostic } from './diagnostic.js';
import type { SourceFile } from './source-file.js';

// ParsedUnit: everything later phases need from one file, with no syntax tree in it.
// pipeline/parse.ts is the only producer; the processors are pure consumers.

export interface Definition {
  /** Node id, from `definitionId(label, file, scopePath, ordinal)`; unique in the file, no line in it. */
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
  /**
   * Declared return type of a Function or Method, as a type reference (`X`, `ns.X`); `this` for a
   * method returning `this`, `new this` for a static method returning `new this()`.
   */
  readonly returnType?: TypeRef;
  /** For classes: field types, from `field: X`, `field = new X()`, `this.field = new X()`. */
  readonly fieldTypes?: readonly FieldType[];
  /**
   * Declared where it binds no name of the module scope: `res.send = function …`, a method of an
   * object literal bound to nothing, a member of a `namespace` or `declare module` block. Such a
   * definition never shadows an import or a module-level declaration of the same name.
   */
  readonly unbound?: true;
  /**
   * Parameters whose type is a function type, by position (`this` not counted): the types of that
   * function's parameters (null where not a plain name). For a Class, its constructor's.
   */
  readonly callbackParams?: Readonly<Record<string, readonly (TypeRef | null)[]>>;
  /**
   * What `this` is in a Function: `thisType` from a `this: X` parameter; `thisValue`, in
   * JavaScript, the object a function expression is assigned to (`app.enable = function …`: `app`).
   */
  readonly thisType?: TypeRef;
  readonly thisValue?: readonly string[];
  /**
   * In JavaScript, `this` is `any` here: a function expression assigned to `X.prototype.m` or
   * `X.m` where `X` is a parameter nothing types; or a plain function that never writes `this.x`
   * (a constructor only if members are put on it, which the calls phase checks).
   */
  readonly thisUntyped?: true;
  /** In JavaScript, fields of a class assigned from an untyped parameter (`this.y = y`): `any`. */
  readonly anyFields?: readonly string[];
  /** `const a = b` / `const a = ns.b` at module level: the name path `a` is another name for. */
  readonly aliasOf?: readonly string[];
  /** For a Type: the one type it names (`type AnyExec = Executor<unknown>`: Executor). */
  readonly aliasedType?: TypeRef;
  /** For classes and constructor functions: static field types (`static ORIGIN = new Vec()`). */
  readonly staticFieldTypes?: readonly FieldType[];
  /**
   * For a module-level Class or Function: members given by assignment at module level of another
   * value or a function expression (`X.prototype.m = f`, `X.create = make`, `X.make = function
   * () {}`, `X.prototype.a = X.prototype.b`).
   */
  readonly memberAliases?: readonly MemberAlias[];
}

/** `X.prototype.m = f` (instance) or `X.m = f` (static): member `m` of X is the value `f` names. */
export interface MemberAlias {
  readonly name: string;
  readonly static: boolean;
  /** What the right side names, at module level of the file: `f`, `ns.f`, `P.prototype.b`. */
  readonly target?: readonly string[];
  /** The Function written on the right side instead (`X.create = function () {}`). */
  readonly definitionId?: string;
}

/** A reference to a named type or value as written: `Base` or `ns.Base` (path ['ns', 'Base']). */
export interface TypeRef {
  readonly path: readonly string[];
  /** An array of what `path` names: `X[]`, `readonly X[]`, `Array<X>`, `ReadonlyArray<X>`. */
  readonly array?: true;
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
  /**
   * The bindings are locals of a function or block (`require()` or `await import()` there), not
   * names of the file: they name the IMPORTS edge but resolve no name outside that scope.
   */
  readonly scoped?: boolean;
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
  /** `on`: the callee is a member of this receiver instead (`v.copy(w).scale()`: `scale` on `v.copy(w)`). */
  | { readonly kind: 'call'; readonly callee: readonly string[]; readonly on?: Receiver }
  /** `a[i].m()`, `this.parts[0].m()`: an element of what `of` is (a string index is a property, not this). */
  | { readonly kind: 'element'; readonly of: Receiver }
  /** Anything else: `(x || y).m()`, `a['k'].m()`, literals. */
  | { readonly kind: 'other' };

/** How the parser saw the first name of a call (the callee of `f()`, the receiver root of `a.m()`). */
export type LocalBinding =
  /** Bound to a definition in an enclosing function scope of this file: its id. */
  | { readonly kind: 'definition'; readonly id: string }
  /**
   * Bound to a parameter, local variable, catch clause, etc.: not a definition; do not resolve by
   * name. `type`: its declared (or `new X()`) type; `init`: for a `const` without one, what it
   * was initialised from, when that can give a type. `untyped`: a JavaScript parameter that
   * nothing types (no JSDoc, no default, not a callback's): `any` to the language. `literal`:
   * initialised with an object literal (`const self = {}`), whose members are its own.
   */
  | { readonly kind: 'local'; readonly type?: TypeRef; readonly init?: LocalInit; readonly untyped?: boolean; readonly literal?: boolean }
  /** Not bound in any function scope: a module-level definition, an import, or a global. */
  | { readonly kind: 'free' };

/**
 * What a `const` was initialised from: a name path (`this`, `this.geo`, `rec.sink`, and `const {
 * sink } = rec` as `rec.sink`), a call (`makeSink()`), or another receiver-like value.
 */
export type LocalInit =
  /** `binding`: how the path's first name was bound where the `const` was declared (`this`: free). */
  | { readonly kind: 'path'; readonly path: readonly string[]; readonly binding: LocalBinding }
  /** `binding`: how the callee's first name was bound where the `const` was declared. */
  | { readonly kind: 'call'; readonly callee: readonly string[]; readonly binding: LocalBinding }
  /**
   * `const { g } = require('./m')` (or `await import()`) inside a function: export `imported`
   * (`*`: the module) of that module. `instance`: `var a = new G()` with such a local `G`.
   */
  | { readonly kind: 'require'; readonly specifier: string; readonly imported: string; readonly instance?: boolean }
  /**
   * Parameter `param` of a function passed as argument `arg` of a call or `new` (contextual
   * typing). `on`: the callee is the method `callee[0]` of this receiver (`a.b().forEach(…)`).
   */
  | { readonly kind: 'callback'; readonly callee: readonly string[]; readonly on?: Receiver; readonly isNew: boolean; readonly arg: number; readonly param: number; readonly binding: LocalBinding }
  /**
   * A value read as a receiver is (`const p = arr[0]`, `const q = a.b().pop()`); `element`: an
   * element of it (`for (const p of arr)`). `binding`: how its first name was bound there.
   */
  | { readonly kind: 'receiver'; readonly receiver: Receiver; readonly element?: true; readonly binding: LocalBinding }
  /** `let t; … t = a; … t = b`: every value assigned to it; they must all give one type. */
  | { readonly kind: 'assigned'; readonly values: readonly LocalInit[] };

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

/**
 * A field's name and type, in the order the fields were first seen. A list, not an object keyed by
 * field name: every object the main thread receives from a parse worker is rebuilt there, and an
 * object keyed by names from the indexed code adds one hidden class to V8's tree of plain objects
 * per distinct first name. On the 10,000-file bench tree field names alone added 1,442; once that
 * tree is full (about 1,500), V8 gives every object later built from `{}` (each CALLS edge's
 * properties) a dictionary or a hidden class of its own, ~300 bytes more apiece.
 */
export interface FieldType {
  readonly name: string;
  readonly type: TypeRef;
}

/** The type of the field `name` in a list of field types. */
export function fieldTypeOf(fields: readonly FieldType[] | undefined, name: string): TypeRef | undefined {
  if (fields) for (const field of fields) if (field.name === name) return field.type;
  return undefined;
}

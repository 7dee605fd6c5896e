/** How a call was resolved: the stage it belongs to and how sure the edge is. */
export type Stage = 'same-file' | 'import' | 'type' | 'repo-wide';

/**
 * The confidence of each way of resolving a call. Scope and imports are exact as far as syntax
 * goes; a receiver's type is as good as the annotation or inference behind it; a repo-wide match is
 * a guess that only the uniqueness of the name supports. The values sit a little below the share
 * of each stage's edges the TypeScript checker confirms in `npm run accuracy` (same-file, import
 * and type 0.99–1.0; repo-wide 0.92–1.0, and 0.4 on a small sample), so that they order the edges
 * by how far a reader can trust them.
 */
export const RESOLUTION_BASES = {
  /** `f()` where `f` is declared in an enclosing function scope. */
  'local-definition': { stage: 'same-file', confidence: 1 },
  /** `f()` where `f` is a module-level definition of the same file. */
  'file-definition': { stage: 'same-file', confidence: 0.95 },
  /** `this.m()` with `m` declared in the enclosing class (or object, or constructor function). */
  'this-member': { stage: 'same-file', confidence: 0.95 },
  /** `this.m()` inherited from an ancestor, `super.m()`, `super()`. */
  'inherited-member': { stage: 'same-file', confidence: 0.9 },
  /** `X.m()` on a class, function or object literal of the same file. */
  'static-member': { stage: 'same-file', confidence: 0.9 },
  /** An imported name, a namespace member, a `require()` result, a default export. */
  import: { stage: 'import', confidence: 0.95 },
  /** `X.m()` on an imported class, function or object literal. */
  'imported-static-member': { stage: 'import', confidence: 0.9 },
  /**
   * `x.m()` where `x` is `new X()`, annotated `: X`, JSDoc-typed in JavaScript, a callback's
   * parameter typed by the callee's declaration, a parameter typed by its default (`pos = new
   * Vec()`), or a `let` every later assignment of which builds one class; `m` a concrete method.
   */
  'typed-receiver': { stage: 'type', confidence: 0.9 },
  /**
   * The receiver's type comes from a field type (static fields included), a return type, a
   * module-level binding, a type alias, an array's element type, or what a `const` was
   * initialised from (`this.geo`, `this`, `makeSink()`).
   */
  'inferred-receiver': { stage: 'type', confidence: 0.85 },
  /** The receiver is typed by an interface: the edge goes to the abstract interface method. */
  'interface-member': { stage: 'type', confidence: 0.8 },
  /** `f()` with no binding in scope: the one top-level function or class `f` of a script (a global). */
  'repo-wide-function': { stage: 'repo-wide', confidence: 0.6 },
  /**
   * `x.m()` on an unknown receiver: the one method `m` of the repo, joined to the caller by an
   * import edge, from a file that uses no third-party package (in JavaScript, not through a value
   * that is `any` to the language: calls/untyped.ts); or a member of a module-level variable of
   * unknown make: the one method (of no class) or function `m` of the variable's file.
   */
  'repo-wide-method': { stage: 'repo-wide', confidence: 0.5 },
} as const satisfies Record<string, { stage: Stage; confidence: number }>;

export type ResolutionBasis = keyof typeof RESOLUTION_BASES;

export type UnresolvedReason = 'external' | 'builtin' | 'ambiguous' | 'dynamic' | 'not-found';
export const UNRESOLVED_REASONS: readonly UnresolvedReason[] = ['external', 'builtin', 'ambiguous', 'dynamic', 'not-found'];
export const STAGES: readonly Stage[] = ['same-file', 'import', 'type', 'repo-wide'];

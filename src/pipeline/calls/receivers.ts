import type { CallSite, LocalBinding, LocalInit, Receiver, TypeRef } from '../../model/parsed-unit.js';
import { fieldTypeOf } from '../../model/parsed-unit.js';
import type { SymbolResolution } from '../../model/resolution.js';
import { isGlobalName } from './builtins.js';
import { resolveTypeRef, type CallContext, type MemberMode, type TypeMeaning } from './hierarchy.js';
import { classAround, findInFile, type Located } from './repo-index.js';
import { ownValue } from '../../own-keys.js';
import { isConstructorFunction } from './constructor-functions.js';
import { namespaceOf } from './namespace-calls.js';

/** How an instance's type became known; it sets stage and confidence. */
export type TypeSource = 'this' | 'declared' | 'inferred';

/** What the receiver of a member call (or a callee name) denotes. */
export type Meaning =
  /** The value is this definition itself: a function, a class (statics), an object literal. */
  | { readonly kind: 'value'; readonly loc: Located; readonly viaImport: boolean }
  /** An instance of this class/interface/constructor function. */
  | { readonly kind: 'instance'; readonly loc: Located; readonly mode: MemberMode; readonly source: TypeSource }
  /** An array whose elements are `element`. */
  | { readonly kind: 'array'; readonly element: Meaning }
  | { readonly kind: 'module'; readonly path: string }
  | { readonly kind: 'external' }
  | { readonly kind: 'builtin' }
  /** Nothing known about it: only a repo-wide unique name may link. */
  | { readonly kind: 'unknown' }
  /** A parameter or local without a type: never resolved by name. */
  | { readonly kind: 'dynamic' };

const UNKNOWN: Meaning = { kind: 'unknown' };

export function fromType(t: TypeMeaning, source: TypeSource): Meaning {
  if (t.kind === 'type') return { kind: 'instance', loc: t.loc, mode: 'instance', source };
  if (t.kind === 'array') return { kind: 'array', element: fromType(t.element, source) };
  return t.kind === 'unknown' ? UNKNOWN : { kind: t.kind };
}

/** How many `const a = b` aliases in a row are followed (a guard against alias cycles). */
const ALIAS_DEPTH = 8;

export function fromSymbol(ctx: CallContext, res: SymbolResolution, depth = 0): Meaning {
  switch (res.kind) {
    case 'definition': {
      const loc = ctx.index.byId.get(res.id);
      if (!loc) return UNKNOWN;
      // `export const makeAlias = makeThing`: the alias is the value it names.
      if (loc.def.aliasOf && depth < ALIAS_DEPTH) {
        const target = fromSymbol(ctx, ctx.symbols.resolveName(loc.file, loc.def.aliasOf), depth + 1);
        if (target.kind === 'value') return { ...target, viaImport: res.viaImport || target.viaImport || target.loc.file !== loc.file };
        if (target.kind !== 'unknown') return target;
      }
      return { kind: 'value', loc, viaImport: res.viaImport };
    }
    case 'module':
      return { kind: 'module', path: res.path };
    case 'external':
      return { kind: 'external' };
    case 'unresolved':
      return UNKNOWN;
  }
}

/** `this` inside the caller: the enclosing class (or object literal, or constructor function). */
export function thisMeaning(ctx: CallContext, callerId: string): Meaning {
  let cur = ctx.index.byId.get(callerId);
  // Enclosing chains are short; the bound only guards against a cycle in malformed input.
  for (let steps = 0; cur && steps < 64; steps++) {
    const { def, file } = cur;
    if (def.label === 'Class') return { kind: 'instance', loc: cur, mode: 'instance', source: 'this' };
    if (def.thisType) return fromType(resolveTypeRef(ctx, file, def.thisType, 0, namespaceOf(ctx, def.id)), 'declared');
    if (def.thisValue) return fromSymbol(ctx, ctx.symbols.resolveName(file, def.thisValue));
    if (isConstructorFunction(ctx, cur)) return { kind: 'instance', loc: cur, mode: 'instance', source: 'this' };
    if (def.label === 'Method') {
      const mode: MemberMode = def.properties?.['static'] === true ? 'static' : 'instance';
      const owner = def.ownerId
        ? ctx.index.byId.get(def.ownerId)
        : def.owner
          ? findInFile(ctx.index, file, def.owner, ['Class', 'Function', 'Variable'])
          : undefined;
      if (!owner) {
        // A member of an anonymous object literal (`{ onFail: () => this.retry() }` inside a
        // method): mostly arrow functions, whose `this` is the enclosing method's.
        if (def.ownerId || def.owner || !def.enclosingId) return UNKNOWN;
        cur = ctx.index.byId.get(def.enclosingId);
        continue;
      }
      // In an object literal's method `this` is the object itself.
      const ownerMode = owner.def.label === 'Variable' ? 'static' : mode;
      return { kind: 'instance', loc: owner, mode: ownerMode, source: 'this' };
    }
    // Arrow functions nested in a method see the method's `this`; one in a constructor or a
    // field initialiser (no enclosing definition, inside a class's lines) sees the instance.
    if (def.enclosingId) cur = ctx.index.byId.get(def.enclosingId);
    else cur = def.label === 'Function' ? classAround(ctx.index, file, def.startLine) : undefined;
  }
  return UNKNOWN;
}

/** What resolve.ts answers about a call written as a name path, with the callee's first name's binding. */
export interface CallHooks {
  /** What the call returns, by the callee's declared return type; `on`: the callee is a member of that. */
  returnTypeOf(callee: readonly string[], binding: LocalBinding, on?: Receiver): Meaning;
  /** The function, method or class the call (or `new`) reaches. */
  calleeOf(callee: readonly string[], binding: LocalBinding, isNew: boolean, on?: Receiver): Located | undefined;
}

/** The meaning of the first name of a path as bound at the call site. */
function rootMeaning(ctx: CallContext, file: string, site: CallSite, name: string, binding: LocalBinding, hooks?: CallHooks): Meaning {
  if (name === 'this') return thisMeaning(ctx, site.callerId);
  switch (binding.kind) {
    case 'definition': {
      const loc = ctx.index.byId.get(binding.id);
      return loc ? { kind: 'value', loc, viaImport: false } : UNKNOWN;
    }
    case 'local':
      if (binding.type) return fromType(resolveTypeRef(ctx, file, binding.type, 0, namespaceOf(ctx, site.callerId)), 'declared');
      // `const { g } = require('./m')` in a function: what the module exports, as at module level.
      if (binding.init?.kind === 'require') return requiredMeaning(ctx, file, binding.init);
      return binding.init ? initMeaning(ctx, file, site, binding.init, hooks) : { kind: 'dynamic' };
    case 'free': {
      const declared = ctx.index.moduleTypes.get(file)?.get(name);
      if (declared) return fromType(resolveTypeRef(ctx, file, declared), 'inferred');
      let meaning = fromSymbol(ctx, ctx.symbols.resolveName(file, [name]));
      // `const m = require('./m')` may also be a Variable of the file: the import says what it holds.
      if (meaning.kind === 'unknown' || (meaning.kind === 'value' && meaning.loc.def.label === 'Variable')) {
        meaning = importedMeaning(ctx, file, name) ?? meaning;
      }
      if (meaning.kind === 'unknown' && isGlobalName(name)) return { kind: 'builtin' };
      return valueOrInstance(ctx, meaning);
    }
  }
}

/**
 * A local without a type, by what gave it its value: for a `const`, `this` and its fields (`const
 * g = this.geo`), a call with a declared return type (`const s = makeSink()`) or an array's element
 * (`const p = parts[0]`, `for (const p of parts)`); for a callback's parameter, the callee's
 * declared callback type (`withWidget((w) => …)`). Nothing known stays `dynamic`, as for any
 * untyped local.
 */
function initMeaning(ctx: CallContext, file: string, site: CallSite, init: LocalInit, hooks?: CallHooks): Meaning {
  let meaning: Meaning = { kind: 'dynamic' };
  if (init.kind === 'path') {
    meaning = rootMeaning(ctx, file, site, init.path[0]!, init.binding, hooks);
    for (const seg of init.path.slice(1)) meaning = memberMeaning(ctx, meaning, seg);
  } else if (init.kind === 'call') {
    if (hooks) meaning = hooks.returnTypeOf(init.callee, init.binding);
  } else if (init.kind === 'assigned') {
    meaning = sameInstance(init.values.map((v) => initMeaning(ctx, file, site, v, hooks)));
  } else if (init.kind === 'receiver') {
    if (hooks) meaning = receiverMeaning(ctx, file, { ...site, binding: init.binding }, init.receiver, hooks);
    if (init.element) meaning = elementOf(meaning);
  } else if (init.kind === 'callback' && hooks) {
    const callee = hooks.calleeOf(init.callee, init.binding, init.isNew, init.on);
    const ref = ownValue(callee?.def.callbackParams, String(init.arg))?.[init.param];
    if (callee && ref) meaning = fromType(resolveTypeRef(ctx, callee.file, ref, 0, namespaceOf(ctx, callee.def.id)), 'declared');
    else if (!callee) meaning = arrayCallbackParam(ctx, file, { ...site, binding: init.binding }, init, hooks);
  }
  return meaning.kind === 'instance' || meaning.kind === 'array' || meaning.kind === 'external' || meaning.kind === 'builtin' ? meaning : { kind: 'dynamic' };
}

/** The one instance type all the meanings are, or nothing known. */
function sameInstance(meanings: readonly Meaning[]): Meaning {
  const [first] = meanings;
  if (first?.kind !== 'instance') return UNKNOWN;
  const same = meanings.every((m) => m.kind === 'instance' && m.loc.def.id === first.loc.def.id && m.mode === first.mode);
  return same ? first : UNKNOWN;
}

/** Array methods whose callback (the first argument) is given an element, by parameter position. */
const ELEMENT_PARAMS: ReadonlyMap<string, readonly number[]> = new Map([
  ...['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap'].map((m): [string, number[]] => [m, [0]]),
  ['sort', [0, 1]],
  ['toSorted', [0, 1]],
  ['reduce', [1]],
  ['reduceRight', [1]],
]);

/** `parts.forEach((p) => …)`, `parts.reduce((sum, p) => …, 0)`: the parameter is an element of `parts`. */
function arrayCallbackParam(ctx: CallContext, file: string, site: CallSite, init: LocalInit & { kind: 'callback' }, hooks: CallHooks): Meaning {
  const method = init.callee[init.callee.length - 1]!;
  if (init.isNew || init.arg !== 0 || !ELEMENT_PARAMS.get(method)?.includes(init.param)) return UNKNOWN;
  if (init.on) return elementOf(receiverMeaning(ctx, file, site, init.on, hooks));
  return init.callee.length < 2 ? UNKNOWN : elementOf(pathMeaning(ctx, file, site, init.callee.slice(0, -1), hooks));
}

/** An element of an array (`a[i]`, `for (const p of a)`); of anything else, nothing known. */
export function elementOf(meaning: Meaning): Meaning {
  return meaning.kind === 'array' ? meaning.element : UNKNOWN;
}

/** An imported module-level `const x = new X()` (a singleton) is an instance of X. */
function variableInstance(ctx: CallContext, meaning: Meaning & { kind: 'value' }): Meaning {
  const { def, file } = meaning.loc;
  if (def.label !== 'Variable') return meaning;
  const declared = ctx.index.moduleTypes.get(file)?.get(def.name);
  return declared ? fromType(resolveTypeRef(ctx, file, declared), 'inferred') : meaning;
}

function valueOrInstance(ctx: CallContext, meaning: Meaning): Meaning {
  return meaning.kind === 'value' ? variableInstance(ctx, meaning) : meaning;
}

/** A local bound by `require()` in a function; what it cannot name stays an untyped local. */
function requiredMeaning(ctx: CallContext, file: string, init: { readonly specifier: string; readonly imported: string; readonly instance?: boolean }): Meaning {
  const meaning = moduleImportMeaning(ctx, file, init);
  // `var a = new Async()` with `Async` such a local: an instance of the class it names (the
  // module's `module.exports = Async` when the local is the whole module).
  if (init.instance) {
    const made = meaning?.kind === 'module' ? fromSymbol(ctx, ctx.symbols.resolveExport(meaning.path, 'export=')) : meaning;
    return made?.kind === 'value' ? { kind: 'instance', loc: made.loc, mode: 'instance', source: 'declared' } : { kind: 'dynamic' };
  }
  return meaning && meaning.kind !== 'unknown' ? valueOrInstance(ctx, meaning) : { kind: 'dynamic' };
}

function importedMeaning(ctx: CallContext, file: string, name: string): Meaning | undefined {
  const bound = ctx.index.importedNames.get(file)?.get(name);
  return bound ? moduleImportMeaning(ctx, file, bound) : undefined;
}

/** Export `imported` (`*`: the whole module) of the module `specifier` names from `file`. */
function moduleImportMeaning(ctx: CallContext, file: string, bound: { readonly specifier: string; readonly imported: string }): Meaning | undefined {
  const mod = ctx.symbols.resolveModule(file, bound.specifier);
  if (mod.kind === 'external') return { kind: 'external' };
  if (mod.kind === 'builtin') return { kind: 'builtin' };
  if (mod.kind !== 'file') return undefined;
  if (bound.imported === '*') return { kind: 'module', path: mod.path };
  return fromSymbol(ctx, ctx.symbols.resolveExport(mod.path, bound.imported));
}

/** One step `.seg` from a meaning. */
function memberMeaning(ctx: CallContext, base: Meaning, seg: string): Meaning {
  switch (base.kind) {
    case 'instance':
    case 'value': {
      // `Widget.ORIGIN` and `this.ORIGIN` in a static method: a static field of the class.
      const statics = base.kind === 'value' || (base.mode === 'static' && base.loc.def.label !== 'Variable');
      const field = fieldType(ctx, base.loc, seg, statics ? 'staticFieldTypes' : 'fieldTypes');
      return field ? fromType(resolveTypeRef(ctx, field.file, field.ref, 0, field.namespace), 'inferred') : UNKNOWN;
    }
    case 'module':
      return fromSymbol(ctx, ctx.symbols.resolveExport(base.path, seg));
    case 'external':
    case 'builtin':
      return base;
    case 'array':
      return { kind: 'builtin' }; // `length` and the methods of Array
    default:
      return UNKNOWN;
  }
}

function fieldType(ctx: CallContext, loc: Located, field: string, side: 'fieldTypes' | 'staticFieldTypes'): { ref: TypeRef; file: string; namespace?: string } | undefined {
  const seen = new Set<string>();
  const queue: Located[] = [loc];
  while (queue.length > 0) {
    const cur = queue.shift()!;
    if (seen.has(cur.def.id)) continue;
    seen.add(cur.def.id);
    const ref = fieldTypeOf(cur.def[side], field);
    const namespace = namespaceOf(ctx, cur.def.id);
    if (ref) return { ref, file: cur.file, namespace };
    for (const clause of cur.def.heritage ?? []) {
      if (clause.relation !== 'extends' || !clause.ref) continue;
      const parent = resolveTypeRef(ctx, cur.file, clause.ref, 0, namespace);
      if (parent.kind === 'type') queue.push(parent.loc);
    }
  }
  return undefined;
}

/** The meaning of a name path (`a`, `a.b.c`, `this.x`) written at the call site. */
export function pathMeaning(ctx: CallContext, file: string, site: CallSite, path: readonly string[], hooks?: CallHooks): Meaning {
  let [first, ...rest] = path;
  if (first === undefined) return UNKNOWN;
  let meaning: Meaning;
  if (isOwnExports(ctx, file, site, path)) {
    // `exports.f()` / `module.exports.f()`: the file's own CommonJS exports.
    meaning = { kind: 'module', path: file };
    rest = path[0] === 'module' ? path.slice(2) : path.slice(1);
  } else {
    meaning = rootMeaning(ctx, file, site, first, site.binding, hooks);
  }
  for (const seg of rest) meaning = memberMeaning(ctx, meaning, seg);
  return meaning;
}

function isOwnExports(ctx: CallContext, file: string, site: CallSite, path: readonly string[]): boolean {
  if (site.binding.kind !== 'free') return false;
  const cjs = path[0] === 'exports' || (path[0] === 'module' && path[1] === 'exports');
  return cjs && ctx.symbols.resolveName(file, [path[0]!]).kind === 'unresolved';
}

/** What the value of the receiver of a member call is. */
export function receiverMeaning(
  ctx: CallContext,
  file: string,
  site: CallSite,
  receiver: Receiver,
  hooks: CallHooks,
): Meaning {
  switch (receiver.kind) {
    case 'this':
      return thisMeaning(ctx, site.callerId);
    case 'super':
      return thisMeaning(ctx, site.callerId);
    case 'path':
      return pathMeaning(ctx, file, site, receiver.path, hooks);
    case 'require': {
      const res = ctx.symbols.resolveModule(file, receiver.specifier);
      if (res.kind === 'file') return { kind: 'module', path: res.path };
      if (res.kind === 'external') return { kind: 'external' };
      return res.kind === 'builtin' ? { kind: 'builtin' } : UNKNOWN;
    }
    case 'new': {
      const made = pathMeaning(ctx, file, site, receiver.type.path);
      if (made.kind === 'value') return { kind: 'instance', loc: made.loc, mode: 'instance', source: 'declared' };
      if (made.kind === 'module') return UNKNOWN;
      return made.kind === 'dynamic' ? UNKNOWN : made;
    }
    case 'call':
      return hooks.returnTypeOf(receiver.callee, site.binding, receiver.on);
    case 'element':
      return elementOf(receiverMeaning(ctx, file, site, receiver.of, hooks));
    case 'other':
      return UNKNOWN;
  }
}

import type { CallSite, Receiver } from '../../model/parsed-unit.js';
import { isBuiltinMethodName, isGlobalName } from './builtins.js';
import type { ResolutionBasis, UnresolvedReason } from './confidence.js';
import { lookupMember, parentsOf, resolveTypeRef, type CallContext, type FileLinks } from './hierarchy.js';
import { fromSymbol, fromType, pathMeaning, receiverMeaning, thisMeaning, type CallHooks, type Meaning } from './receivers.js';
import { namespaceCallee, namespaceOf } from './namespace-calls.js';
import { isCallableMethod, namedIn, type Located } from './repo-index.js';
import { untypedScriptReceiver } from './untyped.js';

export type Outcome =
  | { readonly kind: 'resolved'; readonly target: Located; readonly basis: ResolutionBasis }
  | { readonly kind: 'unresolved'; readonly reason: UnresolvedReason };

const unresolved = (reason: UnresolvedReason): Outcome => ({ kind: 'unresolved', reason });
const resolved = (target: Located, basis: ResolutionBasis): Outcome => ({ kind: 'resolved', target, basis });

/** Resolves one call site written in `file` to its callee, or says why it cannot. */
export function resolveSite(ctx: CallContext, file: string, site: CallSite): Outcome {
  // `super(...)` comes as the name `super`, with or without a `super` receiver.
  if (site.name === 'super' && (!site.receiver || site.receiver.kind === 'super')) return resolveSuperCall(ctx, site);
  if (site.name === 'this' && !site.receiver) return resolveNewThis(ctx, site);
  const inBlock = namespaceCallee(ctx, file, site);
  if (inBlock) return resolved(inBlock.loc, inBlock.viaImport || inBlock.loc.file !== file ? 'import' : 'file-definition');
  if (!site.receiver) return resolvePlain(ctx, file, site);
  const receiver = receiverMeaning(ctx, file, site, site.receiver, hooksFor(ctx, file, site));
  const outcome = resolveMember(ctx, file, receiver, site.name, site.receiver.kind === 'super', site.isNew);
  if (outcome.kind !== 'resolved' || outcome.basis !== 'repo-wide-method' || (receiver.kind !== 'unknown' && receiver.kind !== 'dynamic')) return outcome;
  // A unique method name is no support for a guess through a value the language leaves untyped.
  if (untypedScriptReceiver(ctx, file, site)) return unresolved('dynamic');
  // `m() { return this.inner.m() }` forwards to what it wraps: the caller itself being the one
  // `m` of the repo says nothing about what `this.inner` is.
  return outcome.target.def.id === site.callerId ? unresolved('not-found') : outcome;
}

/** `new X()` may target a class or a constructor function; a plain call only a function. */
function callableTarget(loc: Located, isNew: boolean): boolean {
  if (loc.def.label === 'Function') return true;
  return isNew && loc.def.label === 'Class';
}

function resolvePlain(ctx: CallContext, file: string, site: CallSite): Outcome {
  const meaning = pathMeaning(ctx, file, site, [site.name], hooksFor(ctx, file, site));
  switch (meaning.kind) {
    case 'value': {
      if (!callableTarget(meaning.loc, site.isNew)) return unresolved(meaning.loc.def.label === 'Variable' ? 'dynamic' : 'not-found');
      if (site.binding.kind === 'definition') return resolved(meaning.loc, 'local-definition');
      return resolved(meaning.loc, meaning.viaImport || meaning.loc.file !== file ? 'import' : 'file-definition');
    }
    case 'module':
      return moduleAsCallee(ctx, meaning.path, site.isNew);
    case 'unknown':
      return repoWideFunction(ctx, site.name, site.isNew);
    case 'instance':
    case 'array':
      return unresolved('dynamic');
    default:
      return unresolved(meaning.kind);
  }
}

/** `const m = require('./m'); m()`: the module's `module.exports` or default export. */
function moduleAsCallee(ctx: CallContext, path: string, isNew: boolean): Outcome {
  for (const name of ['export=', 'default']) {
    const m = fromSymbol(ctx, ctx.symbols.resolveExport(path, name));
    if (m.kind === 'value' && callableTarget(m.loc, isNew)) return resolved(m.loc, 'import');
    if (m.kind === 'external') return unresolved('external');
  }
  return unresolved('not-found');
}

/**
 * `f()` bound nowhere in its file: a global. Only a script (a file with no import or export)
 * declares globals at its top level; a module's top-level functions are its own.
 */
function repoWideFunction(ctx: CallContext, name: string, isNew: boolean): Outcome {
  if (isGlobalName(name)) return unresolved('builtin');
  const candidates = (ctx.index.scriptCallables.get(name) ?? []).filter((l) => callableTarget(l, isNew));
  if (candidates.length === 1) return resolved(candidates[0]!, 'repo-wide-function');
  return unresolved(candidates.length > 1 ? 'ambiguous' : 'not-found');
}

/**
 * `x.m()` with nothing known about `x`: the one method `m` of the repo, provided an import edge
 * joins the two files (the same file, the caller imports the method's file, or is imported by it:
 * objects travel both ways along imports), and the caller imports no third-party package.
 * Objects of other libraries share method names with the repo's classes (`v.copy()`,
 * `box.intersectsBox()`); in a file that uses such a library, or has no edge to the class, an
 * unknown receiver is too likely to be one of those.
 */
function repoWideMethod(ctx: CallContext, file: string, name: string): Outcome {
  if (isBuiltinMethodName(name)) return unresolved('builtin');
  const candidates = ctx.index.callableMethodsByName.get(name) ?? [];
  if (candidates.length > 1) return unresolved('ambiguous');
  const [only] = candidates;
  if (!only) return unresolved('not-found');
  const caller = linksOf(ctx, file);
  if (caller.external) return unresolved('external');
  const visible = only.file === file || caller.files.has(only.file) || linksOf(ctx, only.file).files.has(file);
  return visible ? resolved(only, 'repo-wide-method') : unresolved('not-found');
}

/**
 * The one method `m` defined in `file`, where an object of unknown make was built; failing a
 * method, the one function `m` of that file (`{ reset }` shorthand members, `this.m = () => …`
 * in an anonymous class's constructor). Not a method of a class: an instance would have been
 * made with `new`, which types the variable (`const enc = ok ? new TextEncoder() : new
 * util.TextEncoder()` holds no instance of the file's class with an `encode`).
 */
function methodOfFile(ctx: CallContext, file: string, name: string): Outcome {
  if (isBuiltinMethodName(name)) return unresolved('builtin');
  const named = namedIn(ctx.index.anyLevel, file, name);
  let candidates = named.filter((l) => isCallableMethod(l) && !classMember(ctx, l));
  if (candidates.length === 0) candidates = named.filter((l) => l.def.label === 'Function');
  if (candidates.length === 1) return resolved(candidates[0]!, 'repo-wide-method');
  return unresolved(candidates.length > 1 ? 'ambiguous' : 'not-found');
}

function classMember(ctx: CallContext, loc: Located): boolean {
  const owner = loc.def.ownerId ? ctx.index.byId.get(loc.def.ownerId)?.def.label : undefined;
  return owner === 'Class' || owner === 'Interface';
}

function linksOf(ctx: CallContext, file: string): FileLinks {
  const known = ctx.links.get(file);
  if (known) return known;
  const files = new Set<string>();
  let external = false;
  for (const specifier of ctx.index.specifiers.get(file) ?? []) {
    const res = ctx.symbols.resolveModule(file, specifier);
    if (res.kind === 'file') files.add(res.path);
    else if (res.kind === 'external') external = true;
  }
  const links = { files, external };
  ctx.links.set(file, links);
  return links;
}

function resolveMember(ctx: CallContext, file: string, receiver: Meaning, name: string, viaSuper: boolean, isNew: boolean): Outcome {
  switch (receiver.kind) {
    case 'instance': {
      const found = lookupMember(ctx, receiver.loc, name, receiver.mode, viaSuper);
      if (found.kind !== 'found') return unresolved(found.kind === 'external' ? 'external' : 'not-found');
      if (receiver.source === 'this') return resolved(found.loc, found.inherited || viaSuper ? 'inherited-member' : 'this-member');
      const ownerLabel = found.loc.def.ownerId ? ctx.index.byId.get(found.loc.def.ownerId)?.def.label : undefined;
      if (ownerLabel === 'Interface') return resolved(found.loc, 'interface-member');
      return resolved(found.loc, receiver.source === 'declared' ? 'typed-receiver' : 'inferred-receiver');
    }
    case 'value': {
      const found = lookupMember(ctx, receiver.loc, name, 'static');
      if (found.kind === 'found') return resolved(found.loc, receiver.viaImport ? 'imported-static-member' : 'static-member');
      // A module-level variable holds something we did not see built (`= createManager()`).
      if (receiver.loc.def.label === 'Variable') return methodOfFile(ctx, receiver.loc.file, name);
      if (isBuiltinMethodName(name)) return unresolved('builtin');
      return unresolved(found.kind === 'external' ? 'external' : 'not-found');
    }
    case 'module': {
      const outcome = moduleMember(ctx, receiver.path, name, isNew);
      // `exports.f()` in the file that defines f is a same-file call.
      if (outcome.kind === 'resolved' && receiver.path === file && outcome.target.file === file) return resolved(outcome.target, 'file-definition');
      return outcome;
    }
    case 'unknown':
    case 'dynamic':
      return repoWideMethod(ctx, file, name);
    case 'array':
      return unresolved('builtin'); // the methods of Array
    default:
      return unresolved(receiver.kind);
  }
}

/** `ns.f()`, `require('./m').f()`, `m.f()` with `m = require('./m')`; `new ns.Widget()`. */
function moduleMember(ctx: CallContext, path: string, name: string, isNew: boolean): Outcome {
  const m = fromSymbol(ctx, ctx.symbols.resolveExport(path, name));
  if (m.kind === 'value') return callableTarget(m.loc, isNew) || m.loc.def.label === 'Method' ? resolved(m.loc, 'import') : unresolved('dynamic');
  if (m.kind === 'external') return unresolved('external');
  if (m.kind === 'module') return unresolved('dynamic');
  // `module.exports = obj` or `= Class`: the member is a property of that value.
  const whole = fromSymbol(ctx, ctx.symbols.resolveExport(path, 'export='));
  if (whole.kind === 'value') {
    const found = lookupMember(ctx, whole.loc, name, 'static');
    if (found.kind === 'found') return resolved(found.loc, 'import');
  }
  return unresolved('not-found');
}

function hooksFor(ctx: CallContext, file: string, site: CallSite): CallHooks {
  return {
    returnTypeOf: (callee, binding, on) => returnMeaning(ctx, file, { ...site, binding }, callee, on),
    calleeOf: (callee, binding, isNew, on) => {
      const name = callee[callee.length - 1];
      if (name === undefined) return undefined;
      const inner = on ? { ...innerSite({ ...site, binding }, [name], isNew), receiver: on } : innerSite({ ...site, binding }, callee, isNew);
      const outcome = resolveSite(ctx, file, inner);
      return outcome.kind === 'resolved' ? outcome.target : undefined;
    },
  };
}

/** The call `callee(…)` (or `new callee(…)`) written where `site` is, with `site`'s binding. */
function innerSite(site: CallSite, callee: readonly string[], isNew: boolean): CallSite {
  return {
    callerId: site.callerId,
    line: site.line,
    isNew,
    name: callee[callee.length - 1]!,
    binding: site.binding,
    ...(callee.length > 1 ? { receiver: { kind: 'path', path: callee.slice(0, -1) } } : {}),
  };
}

/** `f().m()`: the declared return type of what `f` resolves to. */
function returnMeaning(ctx: CallContext, file: string, site: CallSite, callee: readonly string[], on?: Receiver): Meaning {
  const name = callee[callee.length - 1];
  if (name === undefined) return { kind: 'unknown' };
  const inner: CallSite = on ? { callerId: site.callerId, line: site.line, isNew: false, name, binding: site.binding, receiver: on } : innerSite(site, callee, false);
  let outcome: Outcome;
  if (inner.receiver && inner.receiver.kind !== 'super') {
    // The receiver is worked out once: chains (`a.b().c().d()`) ask for it at every link.
    const receiver = receiverMeaning(ctx, file, inner, inner.receiver, hooksFor(ctx, file, inner));
    if (receiver.kind === 'array') return arrayMethodResult(receiver, name);
    outcome = resolveMember(ctx, file, receiver, name, false, false);
  } else {
    outcome = resolveSite(ctx, file, inner);
  }
  if (outcome.kind !== 'resolved') return { kind: outcome.reason === 'external' || outcome.reason === 'builtin' ? outcome.reason : 'unknown' };
  const { def, file: defFile } = outcome.target;
  // `v.copy(a).scale(2)` with `copy` returning `this`: the result is what `v` is.
  if (def.returnType?.path.length === 1 && def.returnType.path[0] === 'this' && !def.returnType.array) {
    return inner.receiver && def.label === 'Method' ? receiverMeaning(ctx, file, inner, inner.receiver, hooksFor(ctx, file, inner)) : { kind: 'unknown' };
  }
  if (def.returnType?.path.length === 1 && def.returnType.path[0] === 'new this') {
    const owner = def.ownerId ? ctx.index.byId.get(def.ownerId) : undefined;
    return owner?.def.label === 'Class' ? { kind: 'instance', loc: owner, mode: 'instance', source: 'inferred' } : { kind: 'unknown' };
  }
  return def.returnType ? fromType(resolveTypeRef(ctx, defFile, def.returnType, 0, namespaceOf(ctx, def.id)), 'inferred') : { kind: 'unknown' };
}

/** Array methods that give one of the elements (or undefined), and those that give an array of them. */
const ELEMENT_METHODS: ReadonlySet<string> = new Set(['pop', 'shift', 'at']);
const SAME_ARRAY_METHODS: ReadonlySet<string> = new Set(['slice', 'concat', 'reverse', 'sort', 'splice', 'toReversed', 'toSorted', 'toSpliced', 'fill', 'copyWithin']);

/**
 * `parts.pop()`, `parts.at(-1)!`: an element; `parts.slice()`: the same kind of array. Methods
 * that may narrow the element type (`find`, `filter` with a type guard) give nothing.
 */
function arrayMethodResult(array: Meaning & { kind: 'array' }, name: string): Meaning {
  if (ELEMENT_METHODS.has(name)) return array.element;
  return SAME_ARRAY_METHODS.has(name) ? array : { kind: 'builtin' };
}

/**
 * `new this()`: in a static method, the class (in JavaScript, also a function assigned to a
 * class's property, `X.create = function () { return new this() }`). Where `this` is an instance
 * the expression constructs nothing we know.
 */
function resolveNewThis(ctx: CallContext, site: CallSite): Outcome {
  const self = thisMeaning(ctx, site.callerId);
  const loc = self.kind === 'value' || (self.kind === 'instance' && self.mode === 'static') ? self.loc : undefined;
  return site.isNew && loc && callableTarget(loc, true) ? resolved(loc, 'this-member') : unresolved('dynamic');
}

/** `super(...)` in a constructor calls the parent class. */
function resolveSuperCall(ctx: CallContext, site: CallSite): Outcome {
  const self = thisMeaning(ctx, site.callerId);
  if (self.kind !== 'instance') return unresolved('not-found');
  const [parent] = parentsOf(ctx, self.loc);
  if (!parent) return unresolved('not-found');
  if (parent.kind === 'type') return callableTarget(parent.loc, true) ? resolved(parent.loc, 'inherited-member') : unresolved('not-found');
  return unresolved(parent.kind === 'builtin' ? 'builtin' : 'external');
}

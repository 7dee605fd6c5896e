import type { CallContext, MemberLookup, MemberMode } from './hierarchy.js';
import type { Located } from './repo-index.js';

type LookupMember = (ctx: CallContext, owner: Located, name: string, mode: MemberMode) => MemberLookup;

/** How many `const a = b` aliases in a row are followed: a guard against cycles. */
const ALIAS_DEPTH = 8;

/** Aliases being followed, per run: `P.prototype.a = P.prototype.b` and back again gives nothing. */
const following = new WeakMap<CallContext, Set<string>>();

/**
 * Member `name` of `owner` given by assignment of another value (`X.prototype.m = f`, `X.s = f`,
 * `X.prototype.a = X.prototype.b`; see extract/member-aliases.ts): the function or method that
 * value is. Two assignments of the same member give nothing: which one runs last is not known.
 * `lookup` is hierarchy.ts's member lookup, for an alias of another method.
 */
export function aliasedMembers(ctx: CallContext, owner: Located, name: string, mode: MemberMode, lookup: LookupMember): Located[] {
  const aliases = (owner.def.memberAliases ?? []).filter((a) => a.name === name && a.static === (mode === 'static'));
  if (aliases.length !== 1) return [];
  let active = following.get(ctx);
  if (!active) following.set(ctx, (active = new Set()));
  const key = `${owner.def.id}\u0000${mode}\u0000${name}`;
  if (active.has(key)) return [];
  active.add(key);
  try {
    const alias = aliases[0]!;
    if (alias.definitionId !== undefined) {
      const fn = ctx.index.byId.get(alias.definitionId);
      return fn ? [fn] : [];
    }
    return alias.target ? aliasTarget(ctx, owner.file, alias.target, lookup) : [];
  } finally {
    active.delete(key);
  }
}

function aliasTarget(ctx: CallContext, file: string, target: readonly string[], lookup: LookupMember): Located[] {
  const protoAt = target.length - 2;
  if (target.length >= 3 && target[protoAt] === 'prototype') {
    // `P.prototype.a = P.prototype.b`: the method b of P's instances.
    const base = valueAt(ctx, file, target.slice(0, protoAt));
    if (!base || (base.def.label !== 'Class' && base.def.label !== 'Function')) return [];
    const found = lookup(ctx, base, target[target.length - 1]!, 'instance');
    return found.kind === 'found' ? [found.loc] : [];
  }
  const value = valueAt(ctx, file, target);
  return value && (value.def.label === 'Function' || value.def.label === 'Method') ? [value] : [];
}

/** The definition a name path denotes at module level of `file`, through `const a = b` aliases. */
function valueAt(ctx: CallContext, file: string, path: readonly string[]): Located | undefined {
  let res = ctx.symbols.resolveName(file, path);
  for (let steps = 0; steps < ALIAS_DEPTH; steps++) {
    if (res.kind !== 'definition') return undefined;
    const loc = ctx.index.byId.get(res.id);
    if (!loc?.def.aliasOf) return loc;
    res = ctx.symbols.resolveName(loc.file, loc.def.aliasOf);
  }
  return undefined;
}

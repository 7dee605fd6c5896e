import type { CallSite } from '../../model/parsed-unit.js';
import type { CallContext } from './hierarchy.js';
import type { Located } from './repo-index.js';

/**
 * A call that names a member of a `namespace` block, as TypeScript scopes it: `N.f()` or
 * `N.Inner.f()` where `N` is a block that merges with no value (so no definition stands for it),
 * and, inside a block, `f()` where `f` is exported by another declaration of the same namespace
 * or an enclosing one (a sibling in the same block is bound already by the parser's scopes).
 * Only a first name bound nowhere in the function is looked up this way.
 */
export function namespaceCallee(ctx: CallContext, file: string, site: CallSite): { loc: Located; viaImport: boolean } | undefined {
  if (site.binding.kind !== 'free') return undefined;
  let path: readonly string[];
  if (!site.receiver) path = [site.name];
  else if (site.receiver.kind === 'path' && site.receiver.path[0] !== 'this') path = [...site.receiver.path, site.name];
  else return undefined;
  const namespace = namespaceOf(ctx, site.callerId);
  // A plain name outside every block is the module's: the ordinary lookup has it.
  if (path.length === 1 && namespace === undefined) return undefined;
  const res = ctx.symbols.resolveName(file, path, 'value', namespace);
  if (res.kind !== 'definition') return undefined;
  const loc = ctx.index.byId.get(res.id);
  if (!loc || loc.def.owner === undefined || loc.def.label === 'Method') return undefined; // not a block member
  const callable = loc.def.label === 'Function' || (site.isNew && loc.def.label === 'Class');
  return callable ? { loc, viaImport: res.viaImport } : undefined;
}

/** The namespace block a definition is written in (`A.B`), through enclosing functions and classes. */
export function namespaceOf(ctx: CallContext, id: string): string | undefined {
  let def = ctx.index.byId.get(id)?.def;
  for (let depth = 0; def && depth < 64; depth++) {
    if (def.label !== 'Method' && def.owner !== undefined && def.ownerId === undefined) return def.owner;
    const up = def.ownerId ?? def.enclosingId;
    def = up === undefined ? undefined : ctx.index.byId.get(up)?.def;
  }
  return undefined;
}

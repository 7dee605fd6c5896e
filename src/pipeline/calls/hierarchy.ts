import type { TypeRef } from '../../model/parsed-unit.js';
import type { SymbolResolver } from '../../model/resolution.js';
import { isBuiltinTypeName } from './builtins.js';
import { aliasedMembers } from './member-aliases.js';
import { namespaceOf } from './namespace-calls.js';
import { findInFile, ownerKey, type Located, type RepoIndex } from './repo-index.js';

/** Shared state of one CALLS run: the index, the resolver and memo tables. */
export interface CallContext {
  readonly index: RepoIndex;
  readonly symbols: SymbolResolver;
  readonly parentMemo: Map<string, readonly TypeMeaning[]>;
  /** file -> where its imports, requires and re-exports lead. */
  readonly links: Map<string, FileLinks>;
}

export interface FileLinks {
  /** The repo files it imports. */
  readonly files: ReadonlySet<string>;
  /** Whether it imports a third-party package (not a Node built-in). */
  readonly external: boolean;
}

/** What a type reference denotes. */
export type TypeMeaning =
  | { readonly kind: 'type'; readonly loc: Located }
  /** An array; `element` is what its elements are. */
  | { readonly kind: 'array'; readonly element: TypeMeaning }
  | { readonly kind: 'external' }
  | { readonly kind: 'builtin' }
  | { readonly kind: 'unknown' };

const TYPE_LABELS = ['Class', 'Interface', 'Function'] as const;

/** How many type aliases in a row are followed (a guard against alias cycles). */
const ALIAS_DEPTH = 8;

/**
 * Resolves a type written in `file` to the class, interface or constructor function it names,
 * through type aliases (`type AnyExec = Executor<unknown>`), or to an array of one. `namespace`:
 * the type is written inside that `namespace` block, whose names come first.
 */
export function resolveTypeRef(ctx: CallContext, file: string, ref: TypeRef, depth = 0, namespace?: string): TypeMeaning {
  const [first] = ref.path;
  if (first === undefined) return { kind: 'unknown' };
  if (ref.array) return { kind: 'array', element: resolveTypeRef(ctx, file, { path: ref.path }, depth, namespace) };
  const res = ctx.symbols.resolveName(file, ref.path, 'type', namespace);
  switch (res.kind) {
    case 'definition': {
      const loc = ctx.index.byId.get(res.id);
      if (loc && (TYPE_LABELS as readonly string[]).includes(loc.def.label)) return { kind: 'type', loc };
      const aliased = loc?.def.label === 'Type' ? loc.def.aliasedType : undefined;
      if (aliased && loc && depth < ALIAS_DEPTH) return resolveTypeRef(ctx, loc.file, aliased, depth + 1, namespaceOf(ctx, loc.def.id));
      return { kind: 'unknown' };
    }
    case 'external':
      return { kind: 'external' };
    case 'module':
      return { kind: 'unknown' };
    case 'unresolved': {
      // A class declared inside a function is not module-level, so the resolver cannot see it.
      if (ref.path.length === 1) {
        const local = findInFile(ctx.index, file, first, ['Class', 'Interface']);
        if (local) return { kind: 'type', loc: local };
      }
      return isBuiltinTypeName(first) ? { kind: 'builtin' } : { kind: 'unknown' };
    }
  }
}

/** The direct bases of a class (`extends`) or interface (`extends`, several allowed). */
export function parentsOf(ctx: CallContext, loc: Located): readonly TypeMeaning[] {
  const memo = ctx.parentMemo.get(loc.def.id);
  if (memo) return memo;
  const parents: TypeMeaning[] = [];
  for (const clause of loc.def.heritage ?? []) {
    if (clause.relation !== 'extends') continue;
    parents.push(clause.ref ? resolveTypeRef(ctx, loc.file, clause.ref, 0, namespaceOf(ctx, loc.def.id)) : { kind: 'unknown' });
  }
  ctx.parentMemo.set(loc.def.id, parents);
  return parents;
}

export type MemberMode = 'instance' | 'static';

export type MemberLookup =
  | { readonly kind: 'found'; readonly loc: Located; readonly inherited: boolean }
  /** Not in the repo part of the hierarchy, and some ancestor is outside the repo or unknown. */
  | { readonly kind: 'external' }
  | { readonly kind: 'missing' };

function ownMembers(ctx: CallContext, owner: Located, name: string, mode: MemberMode): Located[] {
  const { def, file } = owner;
  if (def.label === 'Class' || def.label === 'Interface') {
    const byId = (ctx.index.membersByOwnerId.get(def.id) ?? []).filter((m) => m.def.name === name);
    const wanted = byId.filter((m) => (m.def.properties?.['static'] === true) === (mode === 'static'));
    if (wanted.length > 0 || def.label === 'Interface') return wanted;
  }
  const byName = (ctx.index.membersByOwnerName.get(ownerKey(file, def.name)) ?? []).filter((m) => m.def.name === name);
  if (def.label === 'Variable') return byName;
  return byName.filter((m) => {
    const kind = m.def.properties?.['kind'];
    const instance = kind === 'prototype' || kind === 'constructor-function' || kind === 'method' || kind === 'field';
    return m.def.properties?.['static'] === true ? mode === 'static' : instance === (mode === 'instance');
  });
}

/** Finds member `name` of `owner` or, breadth first, of its ancestors. */
export function lookupMember(
  ctx: CallContext,
  owner: Located,
  name: string,
  mode: MemberMode,
  skipSelf = false,
): MemberLookup {
  const seen = new Set<string>();
  let level: Located[] = [owner];
  let uncertain = false;
  let depth = 0;
  while (level.length > 0) {
    const next: Located[] = [];
    for (const loc of level) {
      if (seen.has(loc.def.id)) continue;
      seen.add(loc.def.id);
      if (!(skipSelf && depth === 0)) {
        let hits = ownMembers(ctx, loc, name, mode).filter((m) => isCallableMember(m));
        if (hits.length === 0 && loc.def.memberAliases) hits = aliasedMembers(ctx, loc, name, mode, lookupMember);
        // Overload signatures come before the implementation; the last one is the body.
        const hit = hits[hits.length - 1];
        if (hit) return { kind: 'found', loc: hit, inherited: depth > 0 };
      }
      for (const parent of parentsOf(ctx, loc)) {
        if (parent.kind === 'type') next.push(parent.loc);
        else uncertain = true;
      }
    }
    level = next;
    depth++;
  }
  return uncertain ? { kind: 'external' } : { kind: 'missing' };
}

function isCallableMember(loc: Located): boolean {
  const kind = loc.def.properties?.['kind'];
  return (loc.def.label === 'Method' || loc.def.label === 'Function') && kind !== 'getter' && kind !== 'setter';
}

import type { CallContext } from './hierarchy.js';
import { ownerKey, type Located } from './repo-index.js';

/**
 * A Function with instance members (`F.prototype.m = …`, `this.m = function` in its body, or
 * `F.prototype.m = g`): a constructor function, which JavaScript (and the checker) treat as a
 * class, so `this` in its own body is an F. Static members alone (`F.s = …`) do not make one.
 */
export function isConstructorFunction(ctx: CallContext, loc: Located): boolean {
  const { def, file } = loc;
  if (def.label !== 'Function') return false;
  if (def.memberAliases?.some((a) => !a.static)) return true;
  const members = ctx.index.membersByOwnerName.get(ownerKey(file, def.name)) ?? [];
  return members.some((m) => m.def.properties?.['static'] !== true && (m.def.properties?.['kind'] === 'prototype' || m.def.properties?.['kind'] === 'constructor-function'));
}

import type { MemberAlias } from '../../model/parsed-unit.js';
import type { DefDraft, ExtractState } from './state.js';
import { isClassNode, isFunctionNode, namePath, unwrap } from './syntax-helpers.js';

const NOT_OWNERS = new Set(['this', 'super', 'module', 'exports', 'prototype']);

/**
 * Members a class or constructor function gets by assignment at module level, when the right
 * side names another value: `X.prototype.m = importedFn` (an instance member), `X.create = make`
 * (a static member), `P.prototype.a = P.prototype.b` (an alias of a method); or is a function
 * expression for a static member (`X.make = function () {}`, a Function of its own). Kept on X's definition as name paths;
 * the calls phase resolves them. Assignments inside functions are left alone: their right side
 * may name a local, and the assignment may not run.
 */
export function recordMemberAliases(s: ExtractState): void {
  const t = s.t;
  let owners: Map<string, DefDraft | null> | undefined;
  for (let c = t.firstChild[0]!; c >= 0; c = t.nextSibling[c]!) {
    if (t.type[c] !== 'expression_statement') continue;
    const assignment = t.firstNamedChild(c);
    if (t.type[assignment] !== 'assignment_expression') continue;
    const left = namePath(t, t.child(assignment, 'left'));
    const right = unwrap(t, t.child(assignment, 'right'));
    if (!left || right < 0 || isClassNode(t, right)) continue;
    const isStatic = left.length === 2;
    if (!isStatic && !(left.length === 3 && left[1] === 'prototype')) continue;
    const ownerName = left[0]!;
    const name = left[left.length - 1]!;
    if (NOT_OWNERS.has(ownerName) || name === 'prototype') continue;
    let alias: MemberAlias | undefined;
    if (isFunctionNode(t, right)) {
      // `X.prototype.m = function () {}` is already the Method X.m; a static one is a Function.
      const fn = s.defAt.get(right);
      if (isStatic && fn?.label === 'Function') alias = { name, static: true, definitionId: fn.id };
    } else {
      const target = t.type[right] === 'identifier' || t.type[right] === 'member_expression' ? namePath(t, right) : undefined;
      if (target && target[0] !== 'this' && target[0] !== 'super') alias = { name, static: isStatic, target };
    }
    if (!alias) continue;
    owners ??= ownersByName(s);
    const owner = owners.get(ownerName);
    if (owner) (owner.memberAliases ??= []).push(alias);
  }
}

/** Module-level classes and functions by name; a name declared twice owns nothing (null). */
function ownersByName(s: ExtractState): Map<string, DefDraft | null> {
  const out = new Map<string, DefDraft | null>();
  for (const def of s.defs) {
    if (!def.moduleLevel || (def.label !== 'Class' && def.label !== 'Function') || def.enclosingId !== undefined) continue;
    out.set(def.name, out.has(def.name) ? null : def);
  }
  return out;
}

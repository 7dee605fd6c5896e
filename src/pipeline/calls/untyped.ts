import type { CallSite } from '../../model/parsed-unit.js';
import type { CallContext } from './hierarchy.js';
import { thisMeaning } from './receivers.js';
import { isConstructorFunction } from './constructor-functions.js';
import { fieldTypeOf } from '../../model/parsed-unit.js';

/** Files in JavaScript: a value there has only the type its code or JSDoc gives it. */
const JAVASCRIPT = /\.(?:js|mjs|cjs|jsx)$/;

/**
 * Whether the receiver of `site` is a value the language leaves untyped, or one whose type is
 * beyond what we infer, in JavaScript: a parameter that nothing types (untyped-params.ts), `this`
 * in a method assigned to such a parameter's prototype or in a plain function that is no
 * constructor, a field a class sets from such a parameter (`this.yargs = yargs`), what is made
 * from any of them, or the result of a call we could not type. `x.m()` on such a value names no
 * method we can see, and a method `m` that happens to be unique in the repo is a guess the code
 * does not support. In TypeScript every value has a declared or inferred static type even where
 * the resolver cannot follow it, so the unique name stands for it there.
 */
export function untypedScriptReceiver(ctx: CallContext, file: string, site: CallSite): boolean {
  if (!JAVASCRIPT.test(file) || !site.receiver) return false;
  const receiver = site.receiver;
  // `f(…).m()` where what `f` returns could not be typed: in JavaScript it is whatever f's body
  // returns, `any` as often as not (compiled TypeScript's `__classPrivateFieldGet(this, …)`).
  if (receiver.kind === 'call') return true;
  const root = receiver.kind === 'this' ? 'this' : receiver.kind === 'path' ? receiver.path[0] : undefined;
  if (root === 'this') return thisIsUntyped(ctx, site.callerId) || (receiver.kind === 'path' && anyField(ctx, site.callerId, receiver.path[1]));
  if (root === undefined || site.binding.kind !== 'local') return false;
  // `const self = {}; self.m = function () {}`: `self.m()` is the literal's own member, never a
  // method of some class that happens to share the name.
  if (site.binding.literal === true && receiver.kind === 'path' && receiver.path.length === 1) return true;
  return site.binding.untyped === true;
}

/** `this` where the caller is (or, through arrow functions and callbacks, sits in) such a method. */
function thisIsUntyped(ctx: CallContext, callerId: string): boolean {
  let cur = ctx.index.byId.get(callerId);
  // Enclosing chains are short; the bound only guards against a cycle in malformed input.
  for (let steps = 0; cur && steps < 64; steps++) {
    const { def } = cur;
    // A plain function with prototype members (`F.prototype.m = …`) is a constructor: `this` is an F.
    if (def.thisUntyped) return !isConstructorFunction(ctx, cur);
    if (def.label !== 'Function' || def.thisType || def.thisValue || !def.enclosingId) return false;
    cur = ctx.index.byId.get(def.enclosingId);
  }
  return false;
}

/** `this.f` where the class assigns `f` from an untyped parameter and declares no type for it. */
function anyField(ctx: CallContext, callerId: string, field: string | undefined): boolean {
  const self = thisMeaning(ctx, callerId);
  if (field === undefined || self.kind !== 'instance') return false;
  return (self.loc.def.anyFields?.includes(field) ?? false) && fieldTypeOf(self.loc.def.fieldTypes, field) === undefined;
}

import type { CallSite, LocalBinding, Receiver } from '../../model/parsed-unit.js';
import { ROLE_CALLS } from './node-roles.js';
import type { ExtractState } from './state.js';
import { constructedType, lastNamedChild, namePath, stringValue, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

interface Caller {
  readonly end: number;
  readonly id: string;
}
interface OpenScope {
  readonly end: number;
  readonly names: ReadonlyMap<string, LocalBinding>;
}

const FREE: LocalBinding = { kind: 'free' };

/**
 * The second walk: every call and `new`, with its caller and how its first name is bound. Runs
 * after walkDefinitions, whose scopes and definitions it reads.
 */
export function walkCalls(s: ExtractState): CallSite[] {
  const t = s.t;
  const calls: CallSite[] = [];
  const callers: Caller[] = [];
  const scopes: OpenScope[] = [];
  const lookup = (name: string): LocalBinding => {
    for (let k = scopes.length - 1; k >= 0; k--) {
      const binding = scopes[k]!.names.get(name);
      if (binding) return binding;
    }
    return FREE;
  };
  const callerAt = callerIds(s);
  for (let i = 0; i < t.count; i++) {
    while (scopes.length > 0 && scopes[scopes.length - 1]!.end <= i) scopes.pop();
    while (callers.length > 0 && callers[callers.length - 1]!.end <= i) callers.pop();
    if ((t.roles[i]! & ROLE_CALLS) === 0) continue;
    const end = t.subtreeEnd[i]!;
    const names = s.scopes.get(i);
    if (names) scopes.push({ end, names });
    const type = t.type[i]!;
    const callerId = callerAt.get(i);
    if (callerId !== undefined) {
      callers.push({ end, id: callerId });
    } else if (type === 'call_expression' || type === 'new_expression') {
      const site = callSite(t, i, lookup, callers.length > 0 ? callers[callers.length - 1]!.id : s.fileId);
      if (site) calls.push(site);
    }
  }
  return calls;
}

/**
 * The nodes that open a caller: a function, method or class (a class is the caller of its own
 * heritage: `class A extends mixin(B) {}` calls mixin from A), and a named class's body. Read
 * before the walk: definitions come in many shapes, and reading them in its loop made V8 throw
 * the loop's optimised code away at each new one.
 */
function callerIds(s: ExtractState): Map<number, string> {
  const out = new Map<number, string>();
  for (const [node, def] of s.defAt) if (def.label === 'Function' || def.label === 'Method' || def.label === 'Class') out.set(node, def.id);
  for (const [node, owner] of s.classBodies) if (owner && !out.has(node) && s.t.type[node] === 'class_body') out.set(node, owner.id);
  return out;
}

function callSite(t: SyntaxTable, node: number, lookup: (name: string) => LocalBinding, callerId: string): CallSite | undefined {
  const isNew = t.type[node] === 'new_expression';
  let callee = unwrap(t, t.child(node, isNew ? 'constructor' : 'function'));
  if (callee >= 0 && t.type[callee] === 'sequence_expression') callee = unwrap(t, lastNamedChild(t, callee)); // (0, m.f)()
  if (callee < 0) return undefined;
  const optional = !isNew && (isOptional(t, node) || (t.type[callee] === 'member_expression' && isOptional(t, callee)));
  switch (t.type[callee]) {
    case 'identifier': {
      const name = t.text(callee);
      return site(callerId, t.line(callee), isNew, name, undefined, lookup(name), optional);
    }
    case 'super':
      return site(callerId, t.line(callee), isNew, 'super', { kind: 'super' }, FREE, optional);
    case 'this':
      // `new this()` in a static method constructs the class it is called on.
      return isNew ? site(callerId, t.line(callee), true, 'this', undefined, FREE, false) : undefined;
    case 'member_expression':
    case 'subscript_expression': {
      const property = t.type[callee] === 'member_expression' ? t.child(callee, 'property') : t.child(callee, 'index');
      const name = t.type[callee] === 'member_expression' ? (property >= 0 ? t.text(property) : undefined) : stringValue(t, property);
      if (name === undefined) return undefined;
      const receiver = receiverOf(t, unwrap(t, t.child(callee, 'object')));
      return site(callerId, t.line(property), isNew, name, receiver, receiverBinding(receiver, lookup), optional);
    }
    default:
      return undefined;
  }
}

function site(callerId: string, line: number, isNew: boolean, name: string, receiver: Receiver | undefined, binding: LocalBinding, optional: boolean): CallSite {
  const out: { -readonly [K in keyof CallSite]: CallSite[K] } = { callerId, line, isNew, name, binding };
  if (receiver) out.receiver = receiver;
  if (optional) out.optional = true;
  return out;
}

/** `?.` is an `optional_chain` node in some grammars and a bare token in others. */
function isOptional(t: SyntaxTable, node: number): boolean {
  return t.childOfType(node, 'optional_chain') >= 0 || t.hasToken(node, '?.');
}

export function receiverOf(t: SyntaxTable, object: number): Receiver {
  if (object < 0) return { kind: 'other' };
  switch (t.type[object]) {
    case 'this':
      return { kind: 'this' };
    case 'super':
      return { kind: 'super' };
    case 'identifier':
    case 'member_expression': {
      const path = namePath(t, object);
      return path ? { kind: 'path', path } : { kind: 'other' };
    }
    case 'call_expression': {
      const fn = unwrap(t, t.child(object, 'function'));
      if (t.type[fn] === 'identifier' && t.text(fn) === 'require') {
        const args = t.namedChildren(t.child(object, 'arguments'));
        const specifier = args.length === 1 ? stringValue(t, args[0]!) : undefined;
        if (specifier !== undefined) return { kind: 'require', specifier };
      }
      const callee = namePath(t, fn);
      if (callee) return { kind: 'call', callee };
      // A chain, `v.copy(w).scale(2).add()`: the method called on what the inner call gave.
      if (t.type[fn] === 'member_expression' && t.type[t.child(fn, 'property')] === 'property_identifier') {
        const on = receiverOf(t, unwrap(t, t.child(fn, 'object')));
        if (on.kind !== 'other') return { kind: 'call', callee: [t.text(t.child(fn, 'property'))], on };
      }
      return { kind: 'other' };
    }
    case 'new_expression': {
      const type = constructedType(t, object);
      return type ? { kind: 'new', type } : { kind: 'other' };
    }
    case 'subscript_expression':
      return elementReceiver(t, object);
    default:
      return { kind: 'other' };
  }
}

/** `a[i]`: an element of `a`; `a['k']` is the property `k`, which is not followed. */
function elementReceiver(t: SyntaxTable, subscript: number): Receiver {
  if (stringValue(t, t.child(subscript, 'index')) !== undefined) return { kind: 'other' };
  const of = receiverOf(t, unwrap(t, t.child(subscript, 'object')));
  return of.kind === 'other' ? of : { kind: 'element', of };
}

export function receiverBinding(receiver: Receiver, lookup: (name: string) => LocalBinding): LocalBinding {
  if (receiver.kind === 'call' && receiver.on) return receiverBinding(receiver.on, lookup);
  if (receiver.kind === 'element') return receiverBinding(receiver.of, lookup);
  const first = receiver.kind === 'path' ? receiver.path[0] : receiver.kind === 'new' ? receiver.type.path[0] : receiver.kind === 'call' ? receiver.callee[0] : undefined;
  return first === undefined || first === 'this' || first === 'super' ? FREE : lookup(first);
}

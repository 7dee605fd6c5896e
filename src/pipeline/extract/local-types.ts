import type { LocalBinding, LocalInit, TypeRef } from '../../model/parsed-unit.js';
import { typeRefOf, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';
import { typeParameterNames } from './type-shapes.js';
import { receiverBinding, receiverOf } from './walk-calls.js';

/**
 * `type AnyExec = Executor<unknown>`: the one type an alias names, which a field or parameter of
 * the alias's type is. A union of several types names none; an alias of one of its own type
 * parameters (`type Id<T> = T`) names whatever it is given, so nothing here.
 */
export function aliasedTypeOf(t: SyntaxTable, alias: number): TypeRef | undefined {
  const ref = typeRefOf(t, t.child(alias, 'value'));
  if (!ref) return undefined;
  const params = t.child(alias, 'type_parameters');
  if (params >= 0 && typeParameterNames(t.text(params)).has(ref.path[0]!)) return undefined;
  return ref;
}

type Lookup = (name: string) => LocalBinding | undefined;
const FREE: LocalBinding = { kind: 'free' };

/** A value read the way a call's receiver is (`parts[0]`, `a.b().pop()`); `element`: one of its elements. */
export function receiverInit(t: SyntaxTable, value: number, lookup: Lookup, element: boolean): LocalInit | undefined {
  const receiver = receiverOf(t, unwrap(t, value));
  if (receiver.kind === 'other' || receiver.kind === 'require') return undefined;
  const binding = receiverBinding(receiver, (name) => lookup(name) ?? FREE);
  return element ? { kind: 'receiver', receiver, element: true, binding } : { kind: 'receiver', receiver, binding };
}

/** `for (const p of parts)`: `p` is an element of `parts` (not so for `for await` or `for…in`). */
export function forOfElement(t: SyntaxTable, statement: number, lookup: Lookup): LocalInit | undefined {
  const left = t.child(statement, 'left');
  if (t.type[left] !== 'identifier' || !t.hasToken(statement, 'of') || t.hasToken(statement, 'await')) return undefined;
  return receiverInit(t, t.child(statement, 'right'), lookup, true);
}

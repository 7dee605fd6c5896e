import type { TypeRef } from '../../model/parsed-unit.js';
import { typeRefOf } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';
import { typeParameterNames } from './type-shapes.js';

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

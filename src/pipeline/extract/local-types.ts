import type { LocalBinding, LocalInit, TypeRef } from '../../model/parsed-unit.js';
import type { DefDraft } from './state.js';
import { constructedType, typeRefOf, unwrap } from './syntax-helpers.js';
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

const samePath = (a: TypeRef, b: TypeRef): boolean => a.array === b.array && a.path.length === b.path.length && a.path.every((p, k) => p === b.path[k]);

/** `new X()` -> X; `[new X(), new X()]` -> an array of X (every element built by the same class). */
export function initialiserType(t: SyntaxTable, value: number): TypeRef | undefined {
  const made = constructedType(t, value);
  if (made) return made;
  const node = unwrap(t, value);
  if (node < 0 || t.type[node] !== 'array') return undefined;
  const types = t.namedChildren(node).filter((c) => t.type[c] !== 'comment').map((c) => constructedType(t, c));
  const [first] = types;
  return first && types.every((x) => x !== undefined && samePath(x, first)) ? { path: first.path, array: true } : undefined;
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

/** What the assignments to one `X.name` gave: the one type all of them construct, or none. */
interface Assigned {
  type?: TypeRef;
  agreed: boolean;
}


/**
 * `Widget.ORIGIN = new Vec()` as a statement at module level, where Widget is a class or function
 * of the module: a static field of Widget, as the checker reads such an assignment in JavaScript
 * (and TypeScript on functions). Every assignment to `Widget.ORIGIN` in the file must construct
 * the same type; a declared `static ORIGIN: X` wins.
 */
export function staticFieldAssignments(): {
  see(t: SyntaxTable, assignment: number, isLocal: (name: string) => boolean): void;
  finish(defs: readonly DefDraft[]): void;
} {
  const seen = new Map<string, Map<string, Assigned>>();
  return {
    see(t, assignment, isLocal) {
      const left = t.child(assignment, 'left');
      if (t.type[left] !== 'member_expression') return;
      const object = unwrap(t, t.child(left, 'object'));
      const property = t.child(left, 'property');
      if (t.type[object] !== 'identifier' || t.type[property] !== 'property_identifier' || isLocal(t.text(object))) return;
      let fields = seen.get(t.text(object));
      if (!fields) seen.set(t.text(object), (fields = new Map()));
      const name = t.text(property);
      const entry = fields.get(name) ?? { agreed: true };
      fields.set(name, entry);
      const statement = t.parent[assignment]!;
      const atTop = t.type[statement] === 'expression_statement' && t.parent[statement] === 0;
      const type = atTop ? initialiserType(t, t.child(assignment, 'right')) : undefined;
      if (!type || (entry.type && !samePath(entry.type, type))) entry.agreed = false;
      else entry.type = type;
    },
    finish(defs) {
      for (const [owner, fields] of seen) {
        const matches = defs.filter((d) => d.name === owner && d.moduleLevel && d.owner === undefined && (d.label === 'Class' || d.label === 'Function'));
        if (matches.length !== 1) continue;
        const def = matches[0]!;
        for (const [name, { type, agreed }] of fields) {
          if (agreed && type && !def.staticFieldTypes?.get(name)) (def.staticFieldTypes ??= new Map()).set(name, type);
        }
      }
    },
  };
}

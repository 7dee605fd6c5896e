import type { LocalBinding, LocalInit } from '../../model/parsed-unit.js';
import type { ExtractState } from './state.js';
import { isClassNode, isFunctionNode, patternNames, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

/**
 * `let t; … t = new Tmp(); t.run()`: a `let` or `var` declared without a type or a value takes
 * its type from the assignments to it, as the checker's control flow does (in JavaScript always,
 * in TypeScript under noImplicitAny). Only when every assignment in its scope gives the same type:
 * otherwise, or when it is also written another way (`t += …`, `[t] = …`, `for (t of …)`), it
 * stays untyped. Functions nested in its scope do not see the assignments' flow (the checker
 * takes such a variable as `any` there), so they keep the untyped binding.
 */

type Lookup = (name: string) => LocalBinding | undefined;
/** What an assigned value gives, read like a `const`'s initialiser; undefined: nothing known. */
type ValueOf = (value: number) => LocalInit | undefined;

interface Candidate {
  readonly name: string;
  /** The scope node it is declared in, and where that scope ends. */
  readonly scope: number;
  readonly end: number;
  readonly values: LocalInit[];
  spoiled: boolean;
}

export interface LaterAssignments {
  /** A `let t;` / `var t;` (or `= null` / `= undefined`) declared in `scope` with this binding. */
  declared(binding: LocalBinding, name: string, scope: number): void;
  /** Any node that may write a name: assignments, `+=`, `++`, `for (t of …)`. */
  write(node: number, lookup: Lookup, valueOf: ValueOf): void;
  /** Gives each candidate whose assignments agree its type, in the scope maps. */
  finish(s: ExtractState): void;
}

export function laterAssignments(t: SyntaxTable): LaterAssignments {
  const candidates = new Map<LocalBinding, Candidate>();
  /** Writes to a name bound nowhere at the time (`t = …` before `var t`), by name: their nodes. */
  const unbound = new Map<string, number[]>();

  const writes = (target: number, lookup: Lookup, value: (() => LocalInit | undefined) | undefined): void => {
    for (const n of patternNames(t, target)) {
      const name = t.text(n);
      const binding = lookup(name);
      if (!binding) {
        (unbound.get(name) ?? unbound.set(name, []).get(name)!).push(n);
        continue;
      }
      const candidate = candidates.get(binding);
      if (!candidate) continue;
      const init = n === target && value ? value() : undefined;
      if (init) candidate.values.push(init);
      else candidate.spoiled = true;
    }
  };

  return {
    declared(binding, name, scope) {
      candidates.set(binding, { name, scope, end: t.subtreeEnd[scope]!, values: [], spoiled: false });
    },
    write(node, lookup, valueOf) {
      const type = t.type[node];
      if (type === 'assignment_expression') {
        const right = unwrap(t, t.child(node, 'right'));
        writes(t.child(node, 'left'), lookup, () => (right >= 0 ? valueOf(right) : undefined));
      } else if (type === 'augmented_assignment_expression') writes(t.child(node, 'left'), lookup, undefined);
      else if (type === 'update_expression') writes(unwrap(t, t.child(node, 'argument')), lookup, undefined);
      else if (type === 'for_in_statement' && t.child(node, 'kind') < 0) writes(t.child(node, 'left'), lookup, undefined);
    },
    finish(s) {
      let nested: number[] | undefined;
      for (const [binding, c] of candidates) {
        if (c.spoiled || c.values.length === 0) continue;
        if ((unbound.get(c.name) ?? []).some((n) => n > c.scope && n < c.end)) continue;
        const names = s.scopes.get(c.scope);
        if (!names || names.get(c.name) !== binding) continue;
        names.set(c.name, typedBinding(c.values));
        nested ??= functionNodes(t);
        keepUntypedIn(s, nested, c, binding);
      }
    },
  };
}

/** One `new X()` everywhere: the type itself; otherwise the values, which must agree when resolved. */
function typedBinding(values: readonly LocalInit[]): LocalBinding {
  const [first] = values;
  const made = (v: LocalInit): string | undefined => (v.kind === 'receiver' && v.receiver.kind === 'new' ? v.receiver.type.path.join('.') : undefined);
  const key = first ? made(first) : undefined;
  if (first?.kind === 'receiver' && first.receiver.kind === 'new' && key !== undefined && values.every((v) => made(v) === key)) {
    return { kind: 'local', type: first.receiver.type };
  }
  return { kind: 'local', init: values.length === 1 ? first! : { kind: 'assigned', values } };
}

/** Every function, method and class node of the file, in document order. */
function functionNodes(t: SyntaxTable): number[] {
  const out: number[] = [];
  for (let i = 1; i < t.count; i++) if (t.named[i] && (isFunctionNode(t, i) || isClassNode(t, i) || t.type[i] === 'method_definition')) out.push(i);
  return out;
}

/** The outermost functions (and classes) inside the candidate's scope see it untyped. */
function keepUntypedIn(s: ExtractState, functions: readonly number[], c: Candidate, untyped: LocalBinding): void {
  let coveredUntil = c.scope;
  for (const f of functions) {
    if (f <= c.scope || f < coveredUntil) continue;
    if (f >= c.end) break;
    coveredUntil = s.t.subtreeEnd[f]!;
    let names = s.scopes.get(f);
    if (!names) s.scopes.set(f, (names = new Map()));
    if (!names.has(c.name)) names.set(c.name, untyped);
  }
}

import { isClassNode, isFunctionNode, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

/**
 * Whether a function or method body returns, and every `return` (nested functions and classes
 * not counted) returns a value that `test` accepts. A `return;` without a value fails the test.
 */
export function everyReturn(t: SyntaxTable, fn: number, test: (value: number) => boolean): boolean {
  const body = t.child(fn, 'body');
  if (body < 0) return false;
  let returns = 0;
  const end = t.subtreeEnd[body]!;
  for (let i = body + 1; i < end; i++) {
    if (isFunctionNode(t, i) || isClassNode(t, i)) {
      i = t.subtreeEnd[i]! - 1; // another function's returns are its own
      continue;
    }
    if (t.type[i] !== 'return_statement') continue;
    const value = unwrap(t, t.firstNamedChild(i));
    if (value < 0 || !test(value)) return false;
    returns++;
  }
  return returns > 0;
}

/** `new this()` / `new this(a, b)`: the class a static method is called on, constructed. */
export function isNewThis(t: SyntaxTable, value: number): boolean {
  return t.type[value] === 'new_expression' && t.type[unwrap(t, t.child(value, 'constructor'))] === 'this';
}

import type { LocalBinding, LocalInit } from '../../model/parsed-unit.js';
import { stringValue, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';
import { boundNames } from './walk-modules.js';

/**
 * Locals a `require()` (or `await import()`) inside a function binds, by name: `const m =
 * require('./m')`, `const { g, h: k } = require('./m')`, `const g = require('./m').g`. They hold
 * what the module exports, as the same declaration at module level would (walk-modules.ts reads
 * the same forms for IMPORTS); undefined when the value is no such call.
 */
export function requiredInits(t: SyntaxTable, value: number): Map<string, LocalInit> | undefined {
  let call = value;
  if (t.type[call] === 'await_expression') call = unwrap(t, t.firstNamedChild(call));
  if (t.type[call] === 'member_expression') call = unwrap(t, t.child(call, 'object'));
  if (t.type[call] !== 'call_expression') return undefined;
  const callee = t.child(call, 'function');
  const isImport = t.type[callee] === 'import';
  if (!isImport && !(t.type[callee] === 'identifier' && t.text(callee) === 'require')) return undefined;
  const args = t.namedChildren(t.child(call, 'arguments'));
  const specifier = args.length === 1 ? stringValue(t, args[0]!) : undefined;
  if (specifier === undefined) return undefined;
  const out = new Map<string, LocalInit>();
  for (const b of boundNames(t, call)) out.set(b.local, { kind: 'require', specifier, imported: b.imported });
  return out.size > 0 ? out : undefined;
}

/**
 * `new G()` where `G` is a local bound by `require()` in an enclosing function (`var Async =
 * require('./async'); var async = new Async()`): an instance of what the module gives, as the same
 * two lines at module level would type it.
 */
export function requiredInstance(t: SyntaxTable, value: number, lookup: (name: string) => LocalBinding | undefined): LocalInit | undefined {
  if (t.type[value] !== 'new_expression') return undefined;
  const ctor = unwrap(t, t.child(value, 'constructor'));
  if (t.type[ctor] !== 'identifier') return undefined;
  const binding = lookup(t.text(ctor));
  const init = binding?.kind === 'local' ? binding.init : undefined;
  return init?.kind === 'require' && !init.instance ? { ...init, instance: true } : undefined;
}

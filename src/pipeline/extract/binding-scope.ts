import { BLOCK_SCOPES, isFunctionNode } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

/** Nodes whose body holds its own `var`s: functions, methods, static blocks, namespaces. */
const VAR_SCOPES: ReadonlySet<string> = new Set(['method_definition', 'class_static_block', 'internal_module', 'module']);

/**
 * Whether the declaration that `node` (a `require()` or `import()` call) initialises binds names
 * of the module: a `var` outside every function, or a `let`/`const` outside every block too.
 * Inside a function or block the names are that scope's locals (the definitions walk binds them
 * there), and a call elsewhere in the file must not resolve through them.
 */
export function bindsModuleNames(t: SyntaxTable, node: number): boolean {
  let declarator = node;
  while (declarator > 0 && t.type[declarator] !== 'variable_declarator') declarator = t.parent[declarator]!;
  if (declarator <= 0) return true;
  const declaration = t.parent[declarator]!;
  const isVar = t.type[declaration] === 'variable_declaration';
  for (let at = t.parent[declaration]!; at > 0; at = t.parent[at]!) {
    const type = t.type[at]!;
    if (isFunctionNode(t, at) || VAR_SCOPES.has(type)) return false;
    if (!isVar && BLOCK_SCOPES.has(type)) return false;
  }
  return true;
}

import { BLOCK_SCOPES, CLASS_TYPES, FUNCTION_TYPES } from './syntax-helpers.js';

/**
 * Which walks care about a node type, as bit flags computed once per grammar symbol, so each walk
 * skips the many nodes it has nothing to do with after one integer test.
 */
export const ROLE_DEFINITIONS = 1;
export const ROLE_CALLS = 2;
export const ROLE_MODULES = 4;

// The node types the walks test for, from the same sets the walks use, so the two cannot drift.
const FUNCTIONS = [...FUNCTION_TYPES];
const CLASSES = [...CLASS_TYPES];
const BLOCKS = [...BLOCK_SCOPES];

const ROLES = new Map<string, number>();
function add(types: readonly string[], role: number): void {
  for (const type of types) ROLES.set(type, (ROLES.get(type) ?? 0) | role);
}
add(['class_body', 'method_definition', 'method_signature', 'abstract_method_signature', 'function_signature'], ROLE_DEFINITIONS);
add(['interface_declaration', 'type_alias_declaration', 'enum_declaration', 'formal_parameters', 'variable_declarator', 'assignment_expression'], ROLE_DEFINITIONS);
add(['field_definition', 'public_field_definition', 'internal_module', 'module', 'property_signature'], ROLE_DEFINITIONS);
add(['augmented_assignment_expression', 'update_expression'], ROLE_DEFINITIONS);
add([...FUNCTIONS, ...CLASSES, ...BLOCKS], ROLE_DEFINITIONS);
// The calls walk opens callers and scopes where the definitions walk left them.
add([...FUNCTIONS, ...CLASSES, ...BLOCKS, 'method_definition', 'class_body', 'call_expression', 'new_expression'], ROLE_CALLS);
add(['import_statement', 'export_statement', 'call_expression', 'assignment_expression'], ROLE_MODULES);

/** The walks a node of this type matters to (0: none). Anonymous tokens matter to none. */
export function roleOf(type: string, named: boolean): number {
  return named ? (ROLES.get(type) ?? 0) : 0;
}

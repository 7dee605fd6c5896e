import type { LocalBinding, TypeRef } from '../../model/parsed-unit.js';
import type { DefDraft, ExtractState } from './state.js';
import { initialiserType } from './local-types.js';
import { propertyName, typeRefOf, unwrap } from './syntax-helpers.js';
import type { SyntaxTable } from './syntax-table.js';

// Field types of classes, for receivers like `this.repo.find()` and `const { repo } = this`.

export function recordFieldType(s: ExtractState, field: number): void {
  const t = s.t;
  const owner = s.classBodies.get(t.parent[field]!);
  const name = t.child(field, s.spec.classField.nameField);
  if (!owner || name < 0) return;
  const value = t.child(field, 'value');
  const type = typeRefOf(t, t.child(field, 'type')) ?? (value >= 0 ? initialiserType(t, value) : undefined);
  if (!type) return;
  // `static ORIGIN = new Vec()` is a field of the class itself (`Widget.ORIGIN`), not of its instances.
  if (t.hasToken(field, 'static')) (owner.staticFieldTypes ??= new Map()).set(propertyName(t, name), type);
  else (owner.fieldTypes ??= new Map()).set(propertyName(t, name), type);
}

/** An interface's `readonly sink: Sink` types the field `sink` of whatever has that interface. */
export function recordPropertySignature(s: ExtractState, signature: number): void {
  const t = s.t;
  const body = t.parent[signature]!;
  if (t.type[body] !== 'interface_body') return;
  const owner = s.defAt.get(t.parent[body]!);
  const name = t.child(signature, 'name');
  const type = typeRefOf(t, t.child(signature, 'type'));
  if (owner && name >= 0 && type) (owner.fieldTypes ??= new Map()).set(propertyName(t, name), type);
}

/** `constructor(private x: X)` (or `private x = new X()`) declares the field `x: X`. */
export function recordParameterProperties(s: ExtractState, constructor: number): void {
  const t = s.t;
  const owner = s.classBodies.get(t.parent[constructor]!);
  const parameters = t.child(constructor, 'parameters');
  if (!owner || parameters < 0) return;
  for (const p of t.namedChildren(parameters)) {
    if (t.childOfType(p, 'accessibility_modifier') < 0 && !t.hasToken(p, 'readonly') && !t.hasToken(p, 'override')) continue;
    const pattern = t.child(p, 'pattern');
    const type = typeRefOf(t, t.child(p, 'type')) ?? initialiserType(t, t.child(p, 'value'));
    if (pattern >= 0 && t.type[pattern] === 'identifier' && type) (owner.fieldTypes ??= new Map()).set(t.text(pattern), type);
  }
}

/**
 * `this.field = new X()` or `this.field = param` (param: X) in a class gives the field a type, as
 * does, in JavaScript, a JSDoc `@type` on the assignment (`docType`). `classOf` finds the class,
 * only once the assignment is seen to be to `this.something`.
 */
export function recordThisField(
  t: SyntaxTable,
  assignment: number,
  classOf: () => DefDraft | undefined,
  lookup: (name: string) => LocalBinding | undefined,
  docType?: () => TypeRef | undefined,
): void {
  const left = t.child(assignment, 'left');
  if (t.type[left] !== 'member_expression' || t.type[t.child(left, 'object')] !== 'this') return;
  const classDef = classOf();
  if (!classDef) return;
  const field = t.text(t.child(left, 'property'));
  if (classDef.fieldTypes?.get(field)) return; // a declared type wins
  const right = unwrap(t, t.child(assignment, 'right'));
  let type = docType?.() ?? initialiserType(t, right);
  if (!type && t.type[right] === 'identifier') {
    const binding = lookup(t.text(right));
    if (binding?.kind === 'local') type = binding.type;
  }
  if (type) (classDef.fieldTypes ??= new Map()).set(field, type);
}

/** `const { a, b: c } = this` gives `a` and `c` the types of the fields `a` and `b`. */
export function destructuredFieldTypes(t: SyntaxTable, pattern: number, classDef: DefDraft | undefined): Map<number, TypeRef> {
  const out = new Map<number, TypeRef>();
  const fields = classDef?.fieldTypes;
  if (!fields || t.type[pattern] !== 'object_pattern') return out;
  for (const p of t.namedChildren(pattern)) {
    if (t.type[p] === 'shorthand_property_identifier_pattern') {
      const type = fields.get(t.text(p));
      if (type) out.set(p, type);
    } else if (t.type[p] === 'pair_pattern') {
      const value = t.child(p, 'value');
      const type = fields.get(propertyName(t, t.child(p, 'key')));
      if (type && t.type[value] === 'identifier') out.set(value, type);
    }
  }
  return out;
}

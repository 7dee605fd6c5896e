import type { TypeRef } from '../../model/parsed-unit.js';
import type { SyntaxTable } from './syntax-table.js';
import { arrayTypeFromText } from './type-shapes.js';

/**
 * JSDoc types of JavaScript (`@param {Layer} l`, `@returns {Sink}`, `@type {Widget}`): what the
 * TypeScript checker reads in a JS file with checkJs, and what it ignores in a TS file. Only a
 * plain name or dotted path is taken (`?` / `!` and `|null` / `|undefined` stripped, type
 * arguments dropped), or an array of one (`X[]`, `Array.<X>`); unions, records and `import('…')`
 * types give nothing.
 */
export interface JsDocTypes {
  readonly params: ReadonlyMap<string, TypeRef>;
  readonly returns?: TypeRef;
  readonly type?: TypeRef;
}

const NO_TYPES: JsDocTypes = { params: new Map() };
const NAME_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
/** Statements and wrappers a declaration sits in; its doc comment comes before the outermost. */
const HOLDERS = new Set(['export_statement', 'lexical_declaration', 'variable_declaration', 'variable_declarator', 'expression_statement', 'assignment_expression', 'pair', 'parenthesized_expression']);

/** The JSDoc of a function, method or declarator node: the `/** … *\/` comment just before it. */
export function jsDocOf(t: SyntaxTable, node: number): JsDocTypes {
  let at = node;
  for (let p = t.parent[at]!; p >= 0 && HOLDERS.has(t.type[p]!); p = t.parent[p]!) at = p;
  const prev = t.previousSibling(at);
  if (prev < 0 || t.type[prev] !== 'comment') return NO_TYPES;
  // A function's comment is asked for its parameters and for its return type: read it once.
  if (memo.table !== t) memo = { table: t, docs: new Map() };
  let doc = memo.docs.get(prev);
  if (!doc) {
    const text = t.text(prev);
    doc = text.startsWith('/**') && text.includes('{') ? parseJsDoc(text) : NO_TYPES;
    memo.docs.set(prev, doc);
  }
  return doc;
}

let memo: { table: SyntaxTable | undefined; docs: Map<number, JsDocTypes> } = { table: undefined, docs: new Map() };

export function parseJsDoc(comment: string): JsDocTypes {
  const params = new Map<string, TypeRef>();
  let returns: TypeRef | undefined;
  let type: TypeRef | undefined;
  for (const tag of comment.matchAll(/@(param|arg|argument|returns?|type)\s*\{([^{}]*)\}\s*(\[?[\w$.]*)?/g)) {
    const ref = typeRef(tag[2]!);
    if (!ref) continue;
    const kind = tag[1]!;
    if (kind === 'type') type ??= ref;
    else if (kind.startsWith('return')) returns ??= ref;
    else {
      const name = (tag[3] ?? '').replace(/^\[/, '');
      if (NAME_PATH.test(name) && !name.includes('.') && !params.has(name)) params.set(name, ref);
    }
  }
  return { params, ...(returns ? { returns } : {}), ...(type ? { type } : {}) };
}

function typeRef(raw: string): TypeRef | undefined {
  const members = raw
    .replace(/[?!=]/g, '')
    .split('|')
    .map((m) => m.trim().replace(/^\(|\)$/g, '').trim())
    .filter((m) => m !== 'null' && m !== 'undefined' && m !== '');
  if (members.length !== 1) return undefined;
  const array = arrayTypeFromText(members[0]!);
  if (array) return array;
  const name = members[0]!.replace(/<.*>$/, '').trim();
  return NAME_PATH.test(name) ? { path: name.split('.') } : undefined;
}

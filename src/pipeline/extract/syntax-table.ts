import type { Language, Tree } from 'web-tree-sitter';
import { roleOf } from './node-roles.js';
import { freshArrays, type ArraysFor, type TableArrays } from './table-arrays.js';
import { openCursor, type OpenCursor } from './wasm-cursor.js';

/**
 * A syntax tree copied into flat arrays, in document (pre-)order, so that the extractors walk it
 * with plain loops: no recursion (50,000 levels of nesting must not overflow the JS stack), no
 * calls into WASM per node access, and nothing to free. Node `i`'s subtree is `[i, end(i))`.
 */
export class SyntaxTable {
  count = 0;
  readonly type: string[];
  readonly field: (string | null)[];
  readonly named: Uint8Array;
  /** Bit flags of node-roles.ts: which walks look at the node. */
  readonly roles: Uint8Array;
  readonly start: Int32Array;
  readonly stop: Int32Array;
  readonly row: Int32Array;
  readonly parent: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  readonly prevSibling: Int32Array;
  readonly subtreeEnd: Int32Array;
  /** Line (0-based) of the first ERROR or MISSING node (below an ERROR root), or -1. */
  firstErrorRow = -1;
  /** The tree has ERROR or MISSING nodes. */
  hasError = false;

  /** `arrays` hold at least as many nodes as the table will; only the first `count` are its. */
  constructor(
    readonly source: string,
    arrays: TableArrays,
    private readonly lineStarts: readonly number[],
  ) {
    this.type = arrays.type;
    this.field = arrays.field;
    this.named = arrays.named;
    this.roles = arrays.roles;
    this.start = arrays.start;
    this.stop = arrays.stop;
    this.row = arrays.row;
    this.parent = arrays.parent;
    this.firstChild = arrays.firstChild;
    this.nextSibling = arrays.nextSibling;
    this.prevSibling = arrays.prevSibling;
    this.subtreeEnd = arrays.subtreeEnd;
  }

  /** Source text of a named node ('' for anonymous tokens, whose type is their text). */
  text(i: number): string {
    return this.named[i] ? this.source.slice(this.start[i]!, this.stop[i]!) : '';
  }

  /** 1-based line of the node's first character. */
  line(i: number): number {
    return this.row[i]! + 1;
  }

  /** 1-based line of the node's last character. */
  endLine(i: number): number {
    const offset = Math.max(this.start[i]!, this.stop[i]! - 1);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The first child in `fieldName`, or -1. */
  child(i: number, fieldName: string): number {
    for (let c = this.firstChild[i]!; c >= 0; c = this.nextSibling[c]!) if (this.field[c] === fieldName) return c;
    return -1;
  }

  /** All children in `fieldName`. */
  childrenOf(i: number, fieldName: string): number[] {
    const out: number[] = [];
    for (let c = this.firstChild[i]!; c >= 0; c = this.nextSibling[c]!) if (this.field[c] === fieldName) out.push(c);
    return out;
  }

  namedChildren(i: number): number[] {
    const out: number[] = [];
    for (let c = this.firstChild[i]!; c >= 0; c = this.nextSibling[c]!) if (this.named[c]) out.push(c);
    return out;
  }

  /** The first child (named or not) of `type`, or -1. */
  childOfType(i: number, type: string): number {
    for (let c = this.firstChild[i]!; c >= 0; c = this.nextSibling[c]!) if (this.type[c] === type) return c;
    return -1;
  }

  /** Whether a direct child is the anonymous token `token` (`async`, `static`, `*`, `get`...). */
  hasToken(i: number, token: string): boolean {
    for (let c = this.firstChild[i]!; c >= 0; c = this.nextSibling[c]!) if (!this.named[c] && this.type[c] === token) return true;
    return false;
  }

  firstNamedChild(i: number): number {
    for (let c = this.firstChild[i]!; c >= 0; c = this.nextSibling[c]!) if (this.named[c]) return c;
    return -1;
  }

  previousSibling(i: number): number {
    return this.prevSibling[i]!;
  }
}

/**
 * Copies `tree` into a SyntaxTable with one cursor walk. The caller still owns (and deletes) the
 * tree. `open` picks the cursor (tests compare the direct one with the public TreeCursor).
 */
export function flattenTree(tree: Tree, language: Language, source: string, open: OpenCursor = openCursor, arraysFor: ArraysFor = freshArrays): SyntaxTable {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const root = tree.rootNode;
  const arrays = arraysFor(root.descendantCount);
  const table = new SyntaxTable(source, arrays, lineStarts);
  const types = typeNames(language);
  const hasError = root.hasError;
  table.hasError = hasError;
  const lastChild = arrays.lastChild;
  // Opened last: nothing may call into web-tree-sitter while the cursor is open.
  const cursor = open(tree);
  let count = 0;
  let parent = -1;
  let lineIndex = 0;
  try {
    for (;;) {
      const i = count++;
      const typeId = cursor.typeId();
      if (types.name[typeId] === undefined) learnType(types, typeId, typeName(language, typeId), cursor.isNamed()); // ERROR is 65535
      const named = types.named[typeId]!;
      table.type[i] = types.name[typeId]!;
      table.named[i] = named;
      table.roles[i] = types.roles[typeId]!;
      // The extractors never look up an anonymous token by field, only by type.
      table.field[i] = named ? (types.fields[cursor.fieldId()] ?? null) : null;
      // Anonymous tokens (`const`, `=>`, `?.`) are known by their type alone: skipping their
      // positions saves two calls into WASM for a third of the nodes. Their text reads as ''.
      // (With errors, MISSING tokens need their own line.)
      if (named || hasError) {
        const start = cursor.startIndex();
        while (lineIndex + 1 < lineStarts.length && lineStarts[lineIndex + 1]! <= start) lineIndex++;
        table.start[i] = start;
        table.stop[i] = cursor.endIndex();
      } else {
        table.start[i] = 0;
        table.stop[i] = 0;
      }
      table.row[i] = lineIndex;
      table.parent[i] = parent;
      table.firstChild[i] = -1;
      table.nextSibling[i] = -1;
      table.prevSibling[i] = -1;
      lastChild[i] = -1;
      if (parent >= 0) {
        const last = lastChild[parent]!;
        if (last >= 0) {
          table.nextSibling[last] = i;
          table.prevSibling[i] = last;
        } else table.firstChild[parent] = i;
        lastChild[parent] = i;
      }
      // An ERROR root says nothing about where the error is: look for the first one below it.
      if (hasError && i > 0 && table.firstErrorRow < 0 && (table.type[i] === 'ERROR' || cursor.isMissing())) {
        table.firstErrorRow = lineIndex;
      }
      if (!types.leaf[typeId] && cursor.gotoFirstChild()) {
        parent = i;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return finish(table, count);
        parent = table.parent[parent]!;
      }
    }
  } finally {
    cursor.delete();
  }
}

function finish(table: SyntaxTable, count: number): SyntaxTable {
  table.count = count;
  if (table.hasError && table.firstErrorRow < 0) table.firstErrorRow = 0;
  const end = table.subtreeEnd;
  if (count > 0) end[0] = count;
  for (let i = 1; i < count; i++) {
    const next = table.nextSibling[i]!;
    end[i] = next >= 0 ? next : end[table.parent[i]!]!;
  }
  return table;
}

/**
 * Nodes copied without their children: string literals (read whole by their text) and type
 * expressions, which hold no definitions or calls and which the extractors only read as text or
 * not at all. Skipping them saves a fifth to a third of the nodes of typed code. `generic_type`,
 * `type_annotation` and `nested_type_identifier` stay open: TypeRefs are read from them.
 */
export const OPAQUE_TYPES: ReadonlySet<string> = new Set([
  'string',
  'comment',
  'regex',
  'type_arguments',
  'type_parameters',
  'object_type',
  'intersection_type',
  'function_type',
  'constructor_type',
  'conditional_type',
  'tuple_type',
  'array_type',
  'literal_type',
  'lookup_type',
  'index_type_query',
  'type_query',
  'template_literal_type',
  'type_predicate',
  'type_predicate_annotation',
  'readonly_type',
  'infer_type',
  'mapped_type_clause',
]);

/** Named tokens: they never have children, so asking the cursor for a first child is wasted. */
const NAMED_TOKENS: ReadonlySet<string> = new Set([
  'identifier',
  'property_identifier',
  'shorthand_property_identifier',
  'shorthand_property_identifier_pattern',
  'private_property_identifier',
  'type_identifier',
  'statement_identifier',
  'number',
  'this',
  'super',
  'true',
  'false',
  'null',
  'undefined',
  'string_fragment',
  'escape_sequence',
  'regex_pattern',
  'regex_flags',
  'jsx_text',
  'hash_bang_line',
  'html_comment',
]);

interface TypeNames {
  readonly name: string[];
  readonly named: number[];
  /** Copied without children: anonymous tokens, named tokens, and OPAQUE_TYPES. */
  readonly leaf: boolean[];
  readonly roles: number[];
  readonly fields: (string | null)[];
}

/**
 * Strings decoded from WASM memory are not internalized, so every `type === 'identifier'` in the
 * walks would compare characters; property keys are internalized, which makes those comparisons
 * pointer checks.
 */
function internalize(value: string): string {
  return Object.keys({ [value]: 0 })[0] ?? value;
}

/** What TreeCursor.nodeType says, read from the language (no cursor call: see wasm-cursor.ts). */
function typeName(language: Language, typeId: number): string {
  return language.types[typeId] || 'ERROR';
}

function learnType(types: TypeNames, typeId: number, name: string, named: boolean): void {
  types.name[typeId] = internalize(name);
  types.named[typeId] = named ? 1 : 0;
  types.leaf[typeId] = !named;
  types.roles[typeId] = roleOf(name, named);
}

const typeNameCache = new WeakMap<Language, TypeNames>();

function typeNames(language: Language): TypeNames {
  let names = typeNameCache.get(language);
  if (!names) {
    const name: string[] = [];
    const named: number[] = [];
    const leaf: boolean[] = [];
    const roles: number[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      name[id] = internalize(language.nodeTypeForId(id) ?? '');
      named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
      leaf[id] = named[id] === 0 || OPAQUE_TYPES.has(name[id]!) || NAMED_TOKENS.has(name[id]!);
      roles[id] = roleOf(name[id]!, named[id] === 1);
    }
    const fields = language.fields.map((f) => (f === null ? null : internalize(f)));
    names = { name, named, leaf, roles, fields };
    typeNameCache.set(language, names);
  }
  return names;
}

import { fileId } from '../../graph/ids.js';
import { LANGUAGES } from '../../languages/registry.js';
import { readSource } from '../../discover/read-source.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Definition, FieldType, ParsedUnit, TypeRef } from '../../model/parsed-unit.js';
import type { SourceFile } from '../../model/source-file.js';
import { loadGrammar } from './grammars.js';
import { parseText } from './parse-text.js';
import type { DefDraft, ExtractState } from './state.js';
import { flattenTree, type SyntaxTable } from './syntax-table.js';
import { reusedArrays } from './table-arrays.js';
import { openCursor } from './wasm-cursor.js';
import { recordMemberAliases } from './member-aliases.js';
import { walkCalls } from './walk-calls.js';
import { walkDefinitions } from './walk-definitions.js';
import { walkModules } from './walk-modules.js';

/** This thread's table storage: each table is done with before the next file is flattened. */
const tableArrays = reusedArrays();

/**
 * Reads, parses and extracts one file. Never throws: a problem with the file becomes a skipped
 * status or a diagnostic. The syntax tree is deleted before this returns.
 */
export async function parseSourceFile(file: SourceFile, maxFileSize: number): Promise<ParsedUnit> {
  const read = readSource(file.absPath, maxFileSize);
  if (read.kind === 'skipped') {
    const diagnostic: Diagnostic = { file: file.relPath, severity: 'warning', code: `skipped-${read.reason}`, message: read.message };
    return emptyUnit(file, { kind: 'skipped', reason: read.reason }, 0, read.hash ?? '', [diagnostic]);
  }
  try {
    const grammar = await loadGrammar(file.language);
    // TypeScript proper only: the lexical scan that guides masking before the parse knows no JSX.
    const { tree, masked } = parseText(grammar, read.text, { maskFirst: file.language === 'typescript' });
    let table: SyntaxTable;
    let hasError: boolean;
    try {
      hasError = tree.rootNode.hasError;
      table = flattenTree(tree, grammar.language, read.text, openCursor, tableArrays);
    } finally {
      tree.delete();
    }
    return extractUnit(file, table, hasError, read.hash, read.lines, masked ? countMasked(masked) : 0);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const diagnostic: Diagnostic = { file: file.relPath, severity: 'error', code: 'parse-failed', message };
    return emptyUnit(file, { kind: 'skipped', reason: 'parse-failed' }, read.lines, read.hash, [diagnostic]);
  }
}

function countMasked(masked: Readonly<Partial<Record<string, number>>>): number {
  let n = 0;
  for (const count of Object.values(masked)) n += count ?? 0;
  return n;
}

function extractUnit(file: SourceFile, table: SyntaxTable, hasError: boolean, hash: string, lines: number, masked: number): ParsedUnit {
  const state: ExtractState = {
    t: table,
    spec: LANGUAGES[file.language],
    relPath: file.relPath,
    fileId: fileId(file.relPath),
    defs: [],
    ids: new Set(),
    byId: new Map(),
    defAt: new Map(),
    classBodies: new Map(),
    scopes: new Map(),
    moduleBindings: [],
  };
  walkDefinitions(state);
  recordMemberAliases(state);
  const calls = walkCalls(state);
  const { imports, exports } = walkModules(state);
  const diagnostics: Diagnostic[] = [];
  let syntaxErrorLine: number | undefined;
  if (hasError) {
    syntaxErrorLine = table.firstErrorRow >= 0 ? table.firstErrorRow + 1 : 1;
    diagnostics.push({ file: file.relPath, severity: 'warning', code: 'syntax-error', message: `syntax error at line ${syntaxErrorLine}; kept what the parser recovered`, line: syntaxErrorLine });
  }
  return {
    file,
    status: { kind: 'parsed', ...(syntaxErrorLine !== undefined ? { syntaxErrorLine } : {}), ...(masked > 0 ? { masked } : {}) },
    lines,
    hash,
    definitions: state.defs.map(toDefinition),
    imports,
    exports,
    calls,
    moduleBindings: state.moduleBindings,
    diagnostics,
  };
}

function toDefinition(d: DefDraft): Definition {
  const { moduleLevel, scopePath: _scopePath, properties, fieldTypes, staticFieldTypes, ...rest } = d;
  const unbound = !moduleLevel && d.ownerId === undefined && d.owner === undefined && d.enclosingId === undefined;
  return {
    ...rest,
    ...(unbound ? { unbound: true as const } : {}),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(fieldTypes && fieldTypes.size > 0 ? { fieldTypes: fieldList(fieldTypes) } : {}),
    ...(staticFieldTypes && staticFieldTypes.size > 0 ? { staticFieldTypes: fieldList(staticFieldTypes) } : {}),
  };
}

function fieldList(fields: ReadonlyMap<string, TypeRef>): FieldType[] {
  return [...fields].map(([name, type]) => ({ name, type }));
}

function emptyUnit(file: SourceFile, status: ParsedUnit['status'], lines: number, hash: string, diagnostics: Diagnostic[]): ParsedUnit {
  return { file, status, lines, hash, definitions: [], imports: [], exports: [], calls: [], moduleBindings: [], diagnostics };
}

import { LIST_SEPARATOR } from '../graph/builder.js';
import { compareIds, fileId, relationshipId } from '../graph/ids.js';
import type { GraphRelationship } from '../graph/model.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ImportKind, ParsedUnit } from '../model/parsed-unit.js';
import type { PhaseOutput } from '../model/phases.js';
import type { ModuleResolution } from '../model/resolution.js';

/** What the imports phase needs: module resolution (the SymbolResolver has it). */
export interface ModuleSource {
  resolveModule(fromFile: string, specifier: string, kind?: ImportKind): ModuleResolution;
}

interface PendingImport {
  readonly source: string;
  readonly target: string;
  readonly specifiers: Set<string>;
  readonly names: Set<string>;
  readonly kinds: Set<ImportKind>;
  line: number;
}

/** Reasons that are about the import not being code (a stylesheet, JSON): info, not a warning. */
const NOT_CODE = /^not a source file/;

/**
 * The imports phase: one IMPORTS relationship per (importing file, imported file) pair for every
 * import, re-export, `require` and `import()` with a literal specifier that resolves inside the
 * repo. Externals and builtins are counted (externals by package); every import that should
 * resolve but does not is an `unresolved-import` diagnostic with its reason.
 */
export function buildImports(units: readonly ParsedUnit[], modules: ModuleSource): PhaseOutput {
  const pending = new Map<string, PendingImport>();
  const diagnostics: Diagnostic[] = [];
  const externalPackages: Record<string, number> = {};
  const counts: Record<string, number> = { imports: 0, resolved: 0, external: 0, builtin: 0, unresolved: 0, nonSource: 0 };
  const bump = (key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };

  const ordered = [...units].sort((a, b) => compareIds(a.file.relPath, b.file.relPath));
  for (const unit of ordered) {
    if (unit.status.kind !== 'parsed') continue;
    const file = unit.file.relPath;
    for (const decl of unit.imports) {
      bump('imports');
      bump(`kind.${decl.kind}`);
      const res = modules.resolveModule(file, decl.specifier, decl.kind);
      switch (res.kind) {
        case 'file': {
          bump('resolved');
          if (res.warning !== undefined) {
            bump(`resolvedWithWarning.${reasonKey(res.warning)}`);
            diagnostics.push({ file, line: decl.line, severity: 'warning', code: 'import-refused-by-compiler', message: `'${decl.specifier}' means ${res.path}, but ${res.warning}` });
          }
          const id = relationshipId('IMPORTS', fileId(file), fileId(res.path));
          let edge = pending.get(id);
          if (!edge) {
            edge = { source: fileId(file), target: fileId(res.path), specifiers: new Set(), names: new Set(), kinds: new Set(), line: decl.line };
            pending.set(id, edge);
          }
          if (storable(decl.specifier)) edge.specifiers.add(decl.specifier);
          for (const binding of decl.bindings) if (storable(binding.imported)) edge.names.add(binding.imported);
          edge.kinds.add(decl.kind);
          edge.line = Math.min(edge.line, decl.line);
          break;
        }
        case 'external':
          bump('external');
          externalPackages[res.packageName] = (externalPackages[res.packageName] ?? 0) + 1;
          break;
        case 'builtin':
          bump('builtin');
          break;
        case 'unresolved': {
          const nonSource = NOT_CODE.test(res.reason);
          bump(nonSource ? 'nonSource' : 'unresolved');
          if (!nonSource) bump(`unresolved.${reasonKey(res.reason)}`);
          diagnostics.push({
            file,
            line: decl.line,
            severity: nonSource ? 'info' : 'warning',
            code: nonSource ? 'non-source-import' : 'unresolved-import',
            message: `cannot resolve '${decl.specifier}': ${res.reason}`,
          });
          break;
        }
      }
    }
  }

  const relationships: GraphRelationship[] = [...pending.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([id, edge]) => ({
      id,
      type: 'IMPORTS',
      source: edge.source,
      target: edge.target,
      properties: importProperties(edge),
    }));
  counts.edges = relationships.length;
  counts.externalPackages = Object.keys(externalPackages).length;
  return { fragment: { nodes: [], relationships }, diagnostics, counts, externalPackages: sortedRecord(externalPackages) };
}

/**
 * An IMPORTS edge's properties in key order, as graph.json has them: the builder then takes the
 * object as it is (unless `names` is empty, which it drops).
 */
function importProperties(edge: PendingImport): GraphRelationship['properties'] {
  return { kinds: sortedList(edge.kinds), line: edge.line, names: sortedList(edge.names), specifiers: sortedList(edge.specifiers) };
}

/**
 * The packages outside the repository that a file imports, sorted: what `deps` lists apart from
 * the file's IMPORTS. The resolver caches its answers, so this second look at the imports is cheap.
 */
export function externalPackagesOf(unit: ParsedUnit, modules: ModuleSource): string[] {
  if (unit.status.kind !== 'parsed') return [];
  const names = new Set<string>();
  for (const decl of unit.imports) {
    const res = modules.resolveModule(unit.file.relPath, decl.specifier, decl.kind);
    if (res.kind === 'external' && storable(res.packageName)) names.add(res.packageName);
  }
  return sortedList(names);
}

/** A stable, short key for a reason ('no such file', "path alias '@/*' without a match" -> 'path-alias'). */
function reasonKey(reason: string): string {
  if (reason.startsWith('no such file')) return 'no-such-file';
  if (reason.startsWith('path alias')) return 'path-alias';
  if (reason.startsWith('ambiguous')) return 'ambiguous';
  if (reason.startsWith('extension required')) return 'extension-required';
  if (reason.includes('not exported by')) return 'not-exported';
  if (reason.includes('package.json imports') || reason.includes('is not in package.json imports')) return 'package-imports';
  if (reason.startsWith('no file for')) return 'workspace-entry';
  if (reason.includes('outside the repository')) return 'outside-repo';
  return 'other';
}

function storable(value: string): boolean {
  return value !== '' && !value.includes(LIST_SEPARATOR);
}

function sortedList(values: Iterable<string>): string[] {
  return [...values].sort(compareIds);
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareIds(a, b)));
}


import { fileId, relationshipId } from '../graph/ids.js';
import type { GraphNode, GraphRelationship } from '../graph/model.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ParsedUnit } from '../model/parsed-unit.js';
import type { PhaseOutput } from '../model/phases.js';
import type { SymbolResolver } from '../model/resolution.js';
import { buildHeritage } from './heritage.js';

/**
 * The `parsing` phase (its name in report.json and the contract): every definition the parser
 * found, with DEFINES, and the INHERITS/IMPLEMENTS edges their heritage clauses resolve to.
 */
export function buildDefinitionsAndHeritage(units: readonly ParsedUnit[], symbols: SymbolResolver): PhaseOutput {
  const definitions = buildDefinitions(units);
  const heritage = buildHeritage(units, symbols);
  return {
    fragment: {
      nodes: [...definitions.fragment.nodes, ...heritage.fragment.nodes],
      relationships: [...definitions.fragment.relationships, ...heritage.fragment.relationships],
    },
    diagnostics: [...definitions.diagnostics, ...heritage.diagnostics],
    counts: { ...definitions.counts, ...heritage.counts },
  };
}

/**
 * The parsing phase's fragment: a node per definition and DEFINES from its File (or, for methods
 * of a class or interface, from that Class/Interface). File nodes come from the structure phase.
 */
export function buildDefinitions(units: readonly ParsedUnit[]): PhaseOutput {
  const nodes: GraphNode[] = [];
  const relationships: GraphRelationship[] = [];
  const diagnostics: Diagnostic[] = [];
  const counts: Record<string, number> = { filesParsed: 0, filesSkipped: 0, filesWithSyntaxErrors: 0, filesMasked: 0, definitions: 0 };
  for (const unit of units) {
    diagnostics.push(...unit.diagnostics);
    if (unit.status.kind === 'skipped') {
      counts.filesSkipped!++;
      continue;
    }
    counts.filesParsed!++;
    if (unit.status.syntaxErrorLine !== undefined) counts.filesWithSyntaxErrors!++;
    if (unit.status.masked) counts.filesMasked!++;
    const file = fileId(unit.file.relPath);
    for (const def of unit.definitions) {
      nodes.push({
        id: def.id,
        label: def.label,
        properties: {
          ...def.properties,
          name: def.name,
          filePath: unit.file.relPath,
          startLine: def.startLine,
          endLine: def.endLine,
          exported: def.exported,
        },
      });
      const source = def.ownerId ?? file;
      relationships.push({ id: relationshipId('DEFINES', source, def.id), type: 'DEFINES', source, target: def.id, properties: {} });
      counts.definitions!++;
      const key = `definitions${def.label}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return { fragment: { nodes, relationships }, diagnostics, counts };
}

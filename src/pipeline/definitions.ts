import { fileId, relationshipId } from '../graph/ids.js';
import type { GraphNode, GraphRelationship } from '../graph/model.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Definition, ParsedUnit } from '../model/parsed-unit.js';
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
  // Per label, in the order labels are first met (the order of the counts' keys in the report).
  const byLabel = new Map<string, number>();
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
      nodes.push({ id: def.id, label: def.label, properties: definitionProperties(def, unit.file.relPath) });
      const source = def.ownerId ?? file;
      relationships.push({ id: relationshipId('DEFINES', source, def.id), type: 'DEFINES', source, target: def.id, properties: {} });
      byLabel.set(def.label, (byLabel.get(def.label) ?? 0) + 1);
    }
  }
  for (const [label, n] of byLabel) {
    counts.definitions! += n;
    counts[`definitions${label}`] = n;
  }
  return { fragment: { nodes, relationships }, diagnostics, counts };
}

/**
 * A definition node's properties: its label's extras, then the five every definition has, which
 * win over an extra of the same name. The builder sorts the keys, so their order here is free:
 * the five come first, in one object shape for every definition, and the extras (few) are copied
 * after, which costs less than spreading objects of many shapes into a literal.
 */
function definitionProperties(def: Definition, filePath: string): Record<string, string | number | boolean> {
  const properties: Record<string, string | number | boolean> = { name: def.name, filePath, startLine: def.startLine, endLine: def.endLine, exported: def.exported };
  const extras = def.properties;
  if (extras) for (const key of Object.keys(extras)) if (!Object.hasOwn(properties, key)) properties[key] = extras[key]!;
  return properties;
}

import { fileId, relationshipId } from '../graph/ids.js';
import { nodeProperties, type DefinitionLabel, type GraphNode, type GraphRelationship } from '../graph/model.js';
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
 * A definition node's properties: the five every definition has, and its label's extras (which
 * never override those five). They are laid out in the label's column order, the order the
 * builder would sort them into, so that it takes the object as it is rather than copying it; an
 * extra the label has no column for goes last, for the builder to refuse as before.
 */
function definitionProperties(def: Definition, filePath: string): Record<string, string | number | boolean> {
  const fixed: Record<string, string | number | boolean> = { endLine: def.endLine, exported: def.exported, filePath, name: def.name, startLine: def.startLine };
  const extras = def.properties;
  if (!extras) return fixed; // already in key order
  const properties: Record<string, string | number | boolean> = {};
  for (const column of columnsOf(def.label)) {
    if (Object.hasOwn(fixed, column)) properties[column] = fixed[column]!;
    else if (Object.hasOwn(extras, column)) properties[column] = extras[column]!;
  }
  for (const key of Object.keys(extras)) if (!Object.hasOwn(properties, key) && !Object.hasOwn(fixed, key)) properties[key] = extras[key]!;
  return properties;
}

const labelColumns = new Map<DefinitionLabel, readonly string[]>();

/** A label's property names in code-unit order, worked out once per label. */
function columnsOf(label: DefinitionLabel): readonly string[] {
  let columns = labelColumns.get(label);
  if (!columns) labelColumns.set(label, (columns = Object.keys(nodeProperties(label)).sort()));
  return columns;
}

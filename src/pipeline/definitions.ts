import { fileId, relationshipId } from '../graph/ids.js';
import { nodeProperties, type DefinitionLabel, type GraphFragment, type GraphNode, type GraphRelationship } from '../graph/model.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Definition, ParsedUnit } from '../model/parsed-unit.js';
import { PART_ROWS, type PhaseBuild, type PhaseOutput } from '../model/phases.js';
import type { SymbolResolver } from '../model/resolution.js';
import { buildHeritage } from './heritage.js';

/**
 * The `parsing` phase (its name in report.json and the contract): every definition the parser
 * found, with DEFINES, and the INHERITS/IMPLEMENTS edges their heritage clauses resolve to. Handed
 * over in parts of at least `partRows` nodes and relationships: each part the definitions of whole
 * files with their DEFINES (a definition's id names its file, so no id is in two parts), and the
 * heritage edges, whose ends may be in any file, in the last part.
 */
export function* buildDefinitionsInParts(units: readonly ParsedUnit[], symbols: SymbolResolver, partRows = PART_ROWS): PhaseBuild {
  const definitions = new DefinitionParts();
  for (const unit of units) {
    definitions.add(unit);
    if (definitions.rows() >= partRows) yield definitions.take();
  }
  const heritage = buildHeritage(units, symbols);
  const last = definitions.take();
  return {
    fragment: { nodes: [...last.nodes, ...heritage.fragment.nodes], relationships: [...last.relationships, ...heritage.fragment.relationships] },
    diagnostics: [...definitions.diagnostics, ...heritage.diagnostics],
    counts: { ...definitions.counts(), ...heritage.counts },
  };
}

/**
 * The parsing phase's fragment: a node per definition and DEFINES from its File (or, for methods
 * of a class or interface, from that Class/Interface). File nodes come from the structure phase.
 */
export function buildDefinitions(units: readonly ParsedUnit[]): PhaseOutput {
  const definitions = new DefinitionParts();
  for (const unit of units) definitions.add(unit);
  return { fragment: definitions.take(), diagnostics: definitions.diagnostics, counts: definitions.counts() };
}

/** The definitions' nodes and DEFINES gathered file by file, taken a part at a time, and their counts. */
class DefinitionParts {
  private nodes: GraphNode[] = [];
  private relationships: GraphRelationship[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly files = { filesParsed: 0, filesSkipped: 0, filesWithSyntaxErrors: 0, filesMasked: 0 };
  // Per label, in the order labels are first met (the order of the counts' keys in the report).
  private readonly byLabel = new Map<string, number>();

  add(unit: ParsedUnit): void {
    this.diagnostics.push(...unit.diagnostics);
    if (unit.status.kind === 'skipped') {
      this.files.filesSkipped++;
      return;
    }
    this.files.filesParsed++;
    if (unit.status.syntaxErrorLine !== undefined) this.files.filesWithSyntaxErrors++;
    if (unit.status.masked) this.files.filesMasked++;
    const file = fileId(unit.file.relPath);
    for (const def of unit.definitions) {
      this.nodes.push({ id: def.id, label: def.label, properties: definitionProperties(def, unit.file.relPath) });
      const source = def.ownerId ?? file;
      this.relationships.push({ id: relationshipId('DEFINES', source, def.id), type: 'DEFINES', source, target: def.id, properties: {} });
      this.byLabel.set(def.label, (this.byLabel.get(def.label) ?? 0) + 1);
    }
  }

  rows(): number {
    return this.nodes.length + this.relationships.length;
  }

  /** The nodes and relationships gathered since the last call. */
  take(): GraphFragment {
    const part = { nodes: this.nodes, relationships: this.relationships };
    this.nodes = [];
    this.relationships = [];
    return part;
  }

  counts(): Record<string, number> {
    const counts: Record<string, number> = { ...this.files, definitions: 0 };
    for (const [label, n] of this.byLabel) {
      counts['definitions']! += n;
      counts[`definitions${label}`] = n;
    }
    return counts;
  }
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

import type { GraphNode, GraphRelationship, Properties, PropertyValue, RelationshipType } from '../graph/model.js';
import type { Rule } from '../config/rules.js';
import { openOutputFolder } from './indexed-output.js';
import { readGraphStream, type GraphStreamReader } from './output-reader.js';
import type { RuleGraph } from '../check/evaluate.js';

/** The node properties the rules read: a file's path, a definition's name, lines and export. */
const NODE_PROPERTIES = ['filePath', 'name', 'exported', 'startLine', 'endLine'] as const;
/** The relationship properties they read: where an import or call is, and the names imported. */
const RELATIONSHIP_PROPERTIES = ['line', 'names'] as const;

/**
 * The last index's graph.json as the rules read it, streamed: each node with the properties a
 * rule reads, the IMPORTS, and the CALLS when a rule reads them (forbiddenCalls, noOrphans); no
 * other relationship is kept. Reading graph.json whole cost `codegraph check` 1.1 GB on the
 * 50,000-file benchmark (docs/benchmarks.md). A path to a graph.json is taken as its folder; a
 * graph.json of another format version is refused.
 */
export async function readRuleGraph(location: string, rules: readonly Rule[]): Promise<{ readonly outDir: string; readonly graph: RuleGraph }> {
  const { outDir, paths } = await openOutputFolder(location);
  const wantCalls = rules.some((rule) => rule.kind === 'forbiddenCalls' || rule.kind === 'noOrphans');
  const read = await readGraphStream(paths.graphJson, () => new RuleGraphBuilder(wantCalls));
  return { outDir, graph: read.graph };
}

class RuleGraphBuilder implements GraphStreamReader {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly imports: GraphRelationship[] = [];
  private readonly calls: GraphRelationship[] = [];

  constructor(private readonly wantCalls: boolean) {}

  get graph(): RuleGraph {
    return { nodes: this.nodes, imports: this.imports, calls: this.calls };
  }

  node(node: GraphNode): void {
    this.nodes.set(node.id, { id: node.id, label: node.label, properties: pick(node.properties, NODE_PROPERTIES) });
  }

  /** `properties` is read only for the relationships kept. */
  relationship(type: RelationshipType, source: string, target: string, properties: () => Properties): void {
    if (type !== 'IMPORTS' && (type !== 'CALLS' || !this.wantCalls)) return;
    const list = type === 'IMPORTS' ? this.imports : this.calls;
    // The ends as the nodes hold them: one string per id, not a copy (or a slice of its line) per relationship.
    list.push({ id: '', type, source: this.nodes.get(source)?.id ?? source, target: this.nodes.get(target)?.id ?? target, properties: pick(properties(), RELATIONSHIP_PROPERTIES) });
  }
}

function pick(properties: Properties, names: readonly string[]): Properties {
  const kept: Record<string, PropertyValue> = {};
  for (const name of names) {
    const value = properties[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

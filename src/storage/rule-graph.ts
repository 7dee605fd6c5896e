import { checkNode, checkRelationshipShape, FindingTally, isRecord } from '../graph/check.js';
import type { GraphNode, GraphRelationship, Properties, PropertyValue } from '../graph/model.js';
import { StorageError } from '../errors.js';
import type { Rule } from '../config/rules.js';
import { openOutputFolder } from './indexed-output.js';
import { readGraphVersion, refuseOtherFormat, streamGraphJson } from './output-reader.js';
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
  const file = paths.graphJson;
  refuseOtherFormat({ version: await readGraphVersion(file) }, file);
  const wantCalls = rules.some((rule) => rule.kind === 'forbiddenCalls' || rule.kind === 'noOrphans');
  let graph = new RuleGraphBuilder(wantCalls);
  const ignored = new FindingTally(0);
  const header = await streamGraphJson(file, {
    item: (list, item) => {
      if (list === 'nodes') {
        if (checkNode(item, ignored)) graph.node(item);
      } else if (checkRelationshipShape(item, ignored)) {
        graph.relationship(item.type, item.source, item.target, () => item.properties);
      }
    },
    relationshipLine: (line) => graph.relationship(line.type, line.source, line.target, () => JSON.parse(line.properties) as Properties),
    reset: () => {
      graph = new RuleGraphBuilder(wantCalls);
    },
  });
  refuseOtherFormat(header, file);
  // A document without the two lists comes back whole; one with them, without them.
  if (!isRecord(header) || typeof header['version'] !== 'number' || 'nodes' in header || 'relationships' in header) {
    throw new StorageError(`${file} is not a codegraph graph (no version, nodes and relationships)`);
  }
  return { outDir, graph: graph.graph };
}

class RuleGraphBuilder {
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
  relationship(type: string, source: string, target: string, properties: () => Properties): void {
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

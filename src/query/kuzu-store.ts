import { isNodeLabel, isRelationshipType, NODE_LABELS, NODE_TABLES, RELATIONSHIP_TABLES, type NodeLabel, type RelationshipType } from '../graph/model.js';
import { KuzuReader, type PlainValue } from '../storage/kuzu-reader.js';
import { withDefined, type Direction, type Hop, type NameMatch, type QueryNode, type QueryStore } from './store.js';

// Every statement is fixed text: names, ids and patterns reach Kuzu as bound parameters. Only
// labels and relationship types are written into the pattern, from the model's own lists, because
// Cypher has no parameter for them.
//
// Every pattern names the label of the node it filters. Kuzu 0.11.3 answers `MATCH (n) WHERE
// n.id IN $ids` without a label wrongly (another node's id, or a garbled one, on a 30-node
// graph), and a relationship pattern filtered that way repeats some rows and drops others; the
// UNWIND form that answers right is ten times slower on a large graph.

// Ids are looked up through each table's primary key (UNWIND … {id: x}), which a scan filtered by
// `n.id IN $ids` is three times slower than for a few hundred ids on a large graph.
type NodeMatch = 'UNWIND $ids AS x MATCH (n:L {id: x})' | 'MATCH (n:L) WHERE n.name = $name' | 'MATCH (n:L) WHERE n.name =~ $pattern';

/** graph.kuzu, opened read-only, answering with Cypher. */
export class KuzuStore implements QueryStore {
  readonly name = 'kuzu' as const;
  private readonly hasPackages: boolean;

  private constructor(
    readonly path: string,
    private readonly reader: KuzuReader,
    fileColumns: readonly string[],
  ) {
    // A database written before File nodes had `packages` answers without them.
    this.hasPackages = fileColumns.includes('packages');
  }

  static async open(file: string): Promise<KuzuStore> {
    const reader = await KuzuReader.open(file);
    try {
      const info = await reader.query("CALL table_info('File') RETURN name");
      return new KuzuStore(file, reader, info.rows.map(([c]) => String(c)));
    } catch (error) {
      await reader.close();
      throw error;
    }
  }

  async nodesById(ids: readonly string[], labels: readonly NodeLabel[] = NODE_LABELS): Promise<QueryNode[]> {
    if (ids.length === 0) return [];
    return this.nodes(labels, 'UNWIND $ids AS x MATCH (n:L {id: x})', { ids: [...ids] });
  }

  async nodesNamed(match: NameMatch, labels: readonly NodeLabel[]): Promise<QueryNode[]> {
    return 'exact' in match ? this.nodes(labels, 'MATCH (n:L) WHERE n.name = $name', { name: match.exact }) : this.nodes(labels, 'MATCH (n:L) WHERE n.name =~ $pattern', { pattern: match.pattern });
  }

  async names(labels: readonly NodeLabel[]): Promise<string[]> {
    const names = new Set<string>();
    for (const label of labels) {
      for (const [name] of (await this.reader.query(`MATCH (n:\`${label}\`) RETURN DISTINCT n.name`)).rows) names.add(String(name ?? ''));
    }
    return [...names];
  }


  async hops(ids: readonly string[], types: readonly RelationshipType[], direction: Direction): Promise<Hop[]> {
    if (ids.length === 0 || types.length === 0) return [];
    const hops: Hop[] = [];
    // One statement per label of the near end. Kuzu 0.11.3 answers a relationship pattern whose
    // near end has no label, filtered by `a.id IN $ids`, wrongly (rows repeated, others missing),
    // and the UNWIND form that answers right is ten times slower; with a label it is right and fast.
    for (const [label, labelTypes] of nearEnds(types, direction)) {
      const arrow = direction === 'out' ? ['-', '->'] : ['<-', '-'];
      const pattern = `(a:\`${label}\`)${arrow[0]}[r:${labelTypes.map((t) => `\`${t}\``).join('|')}]${arrow[1]}(b)`;
      // r.stage and r.confidence exist only on CALLS: asked of other types they are NULL.
      const calls = labelTypes.includes('CALLS') ? ', r.callSites, r.stage, r.confidence' : '';
      const lines = labelTypes.some((t) => t === 'CALLS' || t === 'IMPORTS') ? ', r.line' : '';
      const result = await this.reader.query(`MATCH ${pattern} WHERE a.id IN $ids RETURN a.id, b.id, label(b), label(r)${lines}${calls}`, { ids: [...ids] });
      for (const row of result.rows) {
        const [from, to, toLabel, type] = row;
        if (!isNodeLabel(toLabel) || !isRelationshipType(type)) throw new Error(`graph.kuzu answered an unknown label or type: ${String(toLabel)}, ${String(type)}`);
        const rest = row.slice(4);
        hops.push(
          withDefined({
            from: String(from),
            to: String(to),
            toLabel,
            type,
            line: lines ? numberOr(rest[0]) : undefined,
            callSites: calls ? numberOr(rest[1]) : undefined,
            stage: calls && typeof rest[2] === 'string' ? rest[2] : undefined,
            confidence: calls ? numberOr(rest[3]) : undefined,
          }),
        );
      }
    }
    return hops;
  }

  async close(): Promise<void> {
    await this.reader.close();
  }

  /** The nodes of each label that pass the filter, with the columns the label's table has. */
  private async nodes(labels: readonly NodeLabel[], match: NodeMatch, params: Record<string, string | string[]>): Promise<QueryNode[]> {
    const found: QueryNode[] = [];
    for (const label of labels) {
      const table: Readonly<Record<string, unknown>> = NODE_TABLES[label];
      const column = (name: string): string => `${name in table && (name !== 'packages' || this.hasPackages) ? `n.${name}` : 'NULL'} AS ${name}`;
      const cypher = `${match.replace('(n:L', `(n:\`${label}\``)} RETURN n.id, n.name, ${['owner', 'filePath', 'startLine', 'packages'].map(column).join(', ')}`;
      for (const [id, name, owner, file, line, packages] of (await this.reader.query(cypher, params)).rows) {
        found.push(
          withDefined({
            id: String(id),
            label,
            name: typeof name === 'string' ? name : '',
            owner: typeof owner === 'string' ? owner : undefined,
            file: typeof file === 'string' ? file : undefined,
            line: numberOr(line),
            packages: Array.isArray(packages) && packages.length > 0 ? packages.map(String) : undefined,
          }),
        );
      }
    }
    return found;
  }
}

function numberOr(value: PlainValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}


/** The labels a relationship of these types can have at the walk's near end, each with the types that allow it. */
function nearEnds(types: readonly RelationshipType[], direction: Direction): Map<NodeLabel, RelationshipType[]> {
  const ends = new Map<NodeLabel, RelationshipType[]>();
  for (const type of types) {
    for (const [from, to] of RELATIONSHIP_TABLES[type].ends) {
      const label = direction === 'out' ? from : to;
      const list = ends.get(label) ?? [];
      if (!list.includes(type)) list.push(type);
      ends.set(label, list);
    }
  }
  return ends;
}

import { isNodeLabel, isRelationshipType, type NodeLabel, type RelationshipType } from '../graph/model.js';
import { KuzuReader, type PlainValue } from '../storage/kuzu-reader.js';
import { withDefined, type Direction, type Hop, type NameMatch, type QueryNode, type QueryStore } from './store.js';

// Every statement is fixed text: names, ids and patterns reach Kuzu as bound parameters. Only the
// relationship types of a hop are written into the pattern, from the model's own list, because
// Cypher has no parameter for them.
const NODE_COLUMNS = 'n.id, label(n), n.name, n.owner, n.filePath, n.startLine';
const BY_ID = `UNWIND $ids AS x MATCH (n {id: x}) RETURN ${NODE_COLUMNS}`;
const BY_NAME = `MATCH (n) WHERE n.name = $name AND label(n) IN $labels RETURN ${NODE_COLUMNS}`;
const BY_PATTERN = `MATCH (n) WHERE n.name =~ $pattern AND label(n) IN $labels RETURN ${NODE_COLUMNS}`;
const NAMES = 'MATCH (n) WHERE label(n) IN $labels RETURN DISTINCT n.name';
const PACKAGES = 'UNWIND $ids AS x MATCH (n:File {id: x}) RETURN n.id, n.packages';

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

  async nodesById(ids: readonly string[]): Promise<QueryNode[]> {
    if (ids.length === 0) return [];
    return this.withPackages(await this.nodes(BY_ID, { ids: [...ids] }));
  }

  async nodesNamed(match: NameMatch, labels: readonly NodeLabel[]): Promise<QueryNode[]> {
    const found = 'exact' in match
      ? await this.nodes(BY_NAME, { name: match.exact, labels: [...labels] })
      : await this.nodes(BY_PATTERN, { pattern: match.pattern, labels: [...labels] });
    return this.withPackages(found);
  }

  async names(labels: readonly NodeLabel[]): Promise<string[]> {
    const result = await this.reader.query(NAMES, { labels: [...labels] });
    return result.rows.map(([name]) => String(name ?? ''));
  }


  async hops(ids: readonly string[], types: readonly RelationshipType[], direction: Direction): Promise<Hop[]> {
    if (ids.length === 0 || types.length === 0) return [];
    const arrow = direction === 'out' ? ['-', '->'] : ['<-', '-'];
    const pattern = `(a {id: x})${arrow[0]}[r:${types.map((t) => `\`${t}\``).join('|')}]${arrow[1]}(b)`;
    // r.stage and r.confidence exist only on CALLS: asked of other types they are NULL.
    const calls = types.includes('CALLS') ? ', r.callSites, r.stage, r.confidence' : '';
    const lines = types.some((t) => t === 'CALLS' || t === 'IMPORTS') ? ', r.line' : '';
    const result = await this.reader.query(`UNWIND $ids AS x MATCH ${pattern} RETURN a.id, b.id, label(b), label(r)${lines}${calls}`, { ids: [...ids] });
    return result.rows.map((row) => {
      const [from, to, toLabel, type] = row;
      if (!isNodeLabel(toLabel) || !isRelationshipType(type)) throw new Error(`graph.kuzu answered an unknown label or type: ${String(toLabel)}, ${String(type)}`);
      const rest = row.slice(4);
      return withDefined({
        from: String(from),
        to: String(to),
        toLabel,
        type,
        line: lines ? numberOr(rest[0]) : undefined,
        callSites: calls ? numberOr(rest[1]) : undefined,
        stage: calls && typeof rest[2] === 'string' ? rest[2] : undefined,
        confidence: calls ? numberOr(rest[3]) : undefined,
      });
    });
  }

  async close(): Promise<void> {
    await this.reader.close();
  }

  private async nodes(cypher: string, params: Record<string, string | string[]>): Promise<QueryNode[]> {
    const result = await this.reader.query(cypher, params);
    return result.rows.map(([id, label, name, owner, file, line]) => {
      if (!isNodeLabel(label)) throw new Error(`graph.kuzu answered an unknown label: ${String(label)}`);
      return withDefined({
        id: String(id),
        label,
        name: typeof name === 'string' ? name : '',
        owner: typeof owner === 'string' ? owner : undefined,
        file: typeof file === 'string' ? file : undefined,
        line: numberOr(line),
      });
    });
  }

  private async withPackages(nodes: QueryNode[]): Promise<QueryNode[]> {
    const files = nodes.filter((n) => n.label === 'File').map((n) => n.id);
    if (!this.hasPackages || files.length === 0) return nodes;
    const found = new Map<string, string[]>();
    for (const [id, list] of (await this.reader.query(PACKAGES, { ids: files })).rows) {
      if (Array.isArray(list) && list.length > 0) found.set(String(id), list.map(String));
    }
    return nodes.map((n) => (found.has(n.id) ? { ...n, packages: found.get(n.id)! } : n));
  }
}

function numberOr(value: PlainValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}


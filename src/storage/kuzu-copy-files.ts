import path from 'node:path';
import { LIST_SEPARATOR } from '../graph/builder.js';
import {
  NODE_TABLES,
  RELATIONSHIP_TABLES,
  type GraphFragment,
  type GraphNode,
  type GraphRelationship,
  type NodeLabel,
  type PropertyTable,
  type RelationshipType,
} from '../graph/model.js';
import { kuzuType, listProperties, propertyNames } from './kuzu-schema.js';
import { csvPropertiesEncoder, csvString, groupBy, quoteLiteral } from './kuzu-rows.js';
import { writeTextFile } from './text-file.js';

/** One group's COPY, its file written: what is left of a phase once its fragment is let go. */
export interface PreparedCopy {
  readonly section: 'nodes' | 'relationships';
  readonly table: string;
  readonly file: string;
  readonly statement: string;
  readonly count: number;
}

/** A group's COPY file being written: rows are added to it until its phase's COPYs are taken. */
interface OpenGroup {
  readonly section: PreparedCopy['section'];
  readonly table: string;
  readonly file: string;
  /** `from='…', to='…'` for a relationship table, else ''. */
  readonly endOptions: string;
  readonly keyColumns: readonly string[];
  readonly properties: PropertyTable;
  count: number;
  /** Kuzu's parallel CSV reader can read the file: no row holds a line break of its own. */
  parallel: boolean;
}

/**
 * The CSV files the Kuzu sink's COPYs read, in a scratch folder, one per table (and pair of end
 * labels) and phase, each with the COPY statement that loads it. A phase handed over in parts adds
 * each part's rows to the same files, so that it is still one COPY per group: `take` closes them.
 */
export class CopyFiles {
  private batch = 0;
  private encodeMs = 0;
  /** The groups written since the last `take`, by table and end labels, in the order first written. */
  private readonly open = new Map<string, OpenGroup>();

  constructor(
    private readonly scratchDir: string,
    /** Rows encoded and written to the file at a time, at most: a piece of text-file.ts ends sooner when full. */
    private readonly batchSize: number,
  ) {}

  /** This process's time encoding rows since the last call. */
  takeEncodeMs(): number {
    const ms = this.encodeMs;
    this.encodeMs = 0;
    return ms;
  }

  /**
   * Adds a fragment's rows to their COPY files: nodes by label, relationships by type and the
   * labels of their ends (`labelOf`, which throws for an id it does not know), grouped level by
   * level so that no key is built per row. Inside the run's transaction a COPY costs 1–4 ms
   * however small, so every group is loaded by COPY: the bound CREATE statements once used for
   * small groups made the file larger (rxjs: 80 MB instead of 31 MB) and its COMMIT slower
   * (docs/adr/0001).
   */
  async add(fragment: GraphFragment, labelOf: (id: string) => NodeLabel): Promise<void> {
    const grouping = performance.now();
    const nodeGroups = groupBy(fragment.nodes, (n) => n.label);
    const relGroups: [RelationshipType, NodeLabel, NodeLabel, GraphRelationship[]][] = [];
    for (const [type, ofType] of groupBy(fragment.relationships, (r) => r.type))
      for (const [from, fromLabel] of groupBy(ofType, (r) => labelOf(r.source)))
        for (const [to, rels] of groupBy(fromLabel, (r) => labelOf(r.target))) relGroups.push([type, from, to, rels]);
    this.encodeMs += performance.now() - grouping;
    for (const [label, nodes] of nodeGroups) await this.nodes(label, nodes);
    for (const [type, from, to, rels] of relGroups) await this.relationships(type, from, to, rels);
  }

  /** Adds rows to the COPY file of a node table. */
  async nodes(label: NodeLabel, nodes: readonly GraphNode[]): Promise<void> {
    const table = NODE_TABLES[label];
    const properties = csvPropertiesEncoder(table);
    await this.write('nodes', label, '', ['id'], table, nodes, (n) => `${csvString(n.id)}${properties(n.properties)}`);
  }

  /** Adds rows to the COPY file of a relationship table between two labels. */
  async relationships(type: RelationshipType, from: NodeLabel, to: NodeLabel, rels: readonly GraphRelationship[]): Promise<void> {
    const table = RELATIONSHIP_TABLES[type].properties;
    const properties = csvPropertiesEncoder(table);
    await this.write(
      'relationships',
      type,
      `from='${from}', to='${to}'`,
      ['from', 'to', 'id'],
      table,
      rels,
      (r) => `${csvString(r.source)},${csvString(r.target)},${csvString(r.id)}${properties(r.properties)}`,
    );
  }

  /** The COPY of every group written since the last call, in the order first written; their files are complete. */
  take(): PreparedCopy[] {
    const copies = [...this.open.values()].map(copyOf);
    this.open.clear();
    return copies;
  }

  /** Adds rows to a group's COPY file, creating it (with its header, if any) at the group's first rows. */
  private async write<T>(
    section: PreparedCopy['section'],
    table: string,
    endOptions: string,
    keyColumns: readonly string[],
    properties: PropertyTable,
    rows: readonly T[],
    toLine: (row: T) => string,
  ): Promise<void> {
    if (rows.length === 0) return;
    const key = `${table} ${endOptions}`;
    let group = this.open.get(key);
    const first = group === undefined;
    // One COPY per group, its file written `batchSize` rows at a time. Kuzu 0.11.3 mishandles a
    // second COPY into a node table that already has rows: on the 50,000-file tree, 220,719 Method
    // rows in three COPYs of 100,000 all counted, but one key was then missing from the primary-key
    // index and the DEFINES COPY failed on it (one COPY, or the same three inside one transaction,
    // found every key). It also loads a LOAD … RETURN subquery into a relationship table that
    // already has rows some twenty times slower per row (docs/adr/0001).
    group ??= { section, table, file: path.join(this.scratchDir, `${table}-${++this.batch}.csv`), endOptions, keyColumns, properties, count: 0, parallel: true };
    this.open.set(key, group);
    const open = group;
    const lists = listProperties(properties);
    // Written through a stream a piece at a time (text-file.ts): a whole batch gathered into one
    // string was held at once with its flat copy and its UTF-8 Buffer (two bytes a character when
    // any row has a non-Latin-1 one); the real-10k tree's peak in this process fell 20-70 MB.
    await writeTextFile(
      open.file,
      async (writer) => {
        if (first && lists.length > 0) writer.add(`${[...keyColumns, ...propertyNames(properties)].map((n) => csvString(n)).join(',')}\n`);
        let rowsInPiece = 0;
        let encoding = performance.now();
        for (const row of rows) {
          const line = toLine(row);
          // Kuzu's parallel CSV reader cannot take a line break inside a quoted value; every row
          // ends in exactly one '\n', so any further line break (or CR) means the serial reader is
          // needed. Each row is looked at on its own, not the whole file again (that second pass
          // was 1.4% of the mix's main thread).
          if (open.parallel && (line.includes('\n') || line.includes('\r'))) open.parallel = false;
          const full = writer.add(`${line}\n`);
          if (full || ++rowsInPiece >= this.batchSize) {
            this.encodeMs += performance.now() - encoding;
            rowsInPiece = 0;
            await writer.flush();
            encoding = performance.now();
          }
        }
        this.encodeMs += performance.now() - encoding;
      },
      undefined,
      { append: !first },
    );
    open.count += rows.length;
  }
}

/** A group's COPY statement, once its file is complete. */
function copyOf(group: OpenGroup): PreparedCopy {
  const { section, table, file, endOptions, keyColumns, properties, count, parallel } = group;
  const lists = listProperties(properties);
  const names = [...keyColumns, ...propertyNames(properties)];
  const source = quoteLiteral(file);
  let statement: string;
  if (lists.length === 0) {
    statement = `COPY ${table} FROM ${source} (${endOptions ? `${endOptions}, ` : ''}HEADER=false, ${CSV_DIALECT}, PARALLEL=${parallel})`;
  } else {
    // A CSV list cannot carry every string exactly, so lists travel joined by LIST_SEPARATOR
    // and are split inside the same COPY, which stays one bulk, all-or-nothing load.
    const types = [...keyColumns.map(() => 'STRING'), ...propertyNames(properties).map((n) => (lists.includes(n) ? 'STRING' : kuzuType(properties[n]!.type)))];
    const columns = types.map((type, i) => `c${i} ${type}`).join(', ');
    const projection = names.map((n, i) => (lists.includes(n) ? `string_split(c${i}, '${LIST_SEPARATOR}')` : `c${i}`)).join(', ');
    statement =
      `COPY ${table} FROM (LOAD WITH HEADERS (${columns}) FROM ${source} (HEADER=true, ${CSV_DIALECT}, PARALLEL=${parallel}) RETURN ${projection})` +
      (endOptions ? ` (${endOptions})` : '');
  }
  return { section, table, file, statement, count };
}

/**
 * The CSV files are always written the same way (comma, double quotes doubled), so Kuzu is told
 * so rather than left to sniff every file: sniffing was a fifth of the Kuzu process's time.
 */
const CSV_DIALECT = `AUTO_DETECT=false, DELIM=',', QUOTE='"', ESCAPE='"'`;

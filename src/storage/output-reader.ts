import { existsSync, readFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { CONFIG_FILE } from '../config/options.js';
import { checkNode, checkRelationshipShape, FindingTally, isRecord } from '../graph/check.js';
import { GRAPH_FORMAT_VERSION, isRelationshipType, type GraphNode, type Properties, type RelationshipType } from '../graph/model.js';
import { StorageError, UsageError } from '../errors.js';
import { readRelationshipLine, type RelationshipLine } from './relationship-line.js';

/**
 * The output folder a reading command looks at: `--out`, else CODEGRAPH_OUT (as `index` does), else
 * the `out` of the repo's codegraph.config.json, else `<repo>/.codegraph` (the repo defaulting to the working folder).
 */
export function resolveOutDir(repo: string | undefined, out: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const chosen = out ?? (env['CODEGRAPH_OUT'] || undefined);
  if (chosen) return path.resolve(chosen);
  const root = path.resolve(repo ?? '.');
  return path.resolve(root, configuredOut(root) ?? '.codegraph');
}

/** `out` from the repository's codegraph.config.json, as `index` reads it; unreadable means none. */
function configuredOut(root: string): string | undefined {
  try {
    const config: unknown = JSON.parse(readFileSync(path.join(root, CONFIG_FILE), 'utf8'));
    const out = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)['out'] : undefined;
    return typeof out === 'string' && out !== '' ? out : undefined;
  } catch {
    return undefined;
  }
}

export function fileExists(file: string): boolean {
  return existsSync(file);
}

/**
 * Reads and parses graph.json; a missing file is a usage error, a truncated one a StorageError.
 * The json sink writes one node or relationship per line, so such a file is parsed line by line and
 * never held whole as one string (a third of the memory on large graphs); any other layout, or
 * a damaged file, goes through JSON.parse, which also names the damage.
 */
export async function readGraphJson(file: string): Promise<unknown> {
  mustExist(file);
  let graph: Record<string, unknown> | undefined;
  try {
    graph = await readSinkLayout(file);
  } catch (error) {
    throw new StorageError(`cannot read ${file}`, { cause: error });
  }
  return graph ?? (await readWhole(file));
}

export type GraphList = 'nodes' | 'relationships';

/** Receives graph.json's items one at a time; `reset` drops what it got when the file is read again whole. */
export interface GraphItemVisitor {
  /** A promise returned here is awaited before the next item. */
  item(list: GraphList, item: unknown): void | Promise<void>;
  /** When given, the relationship lines readRelationshipLine reads come here unparsed instead of to `item`. */
  relationshipLine?(line: RelationshipLine): void;
  reset(): void;
}

/**
 * graph.json item by item, for a reader that keeps its own compact copy: in the json sink's layout
 * no item outlives its line. Returns the document without its two lists (the header), or, for a
 * document of another shape, the document as parsed, for the caller to reject.
 */
export async function streamGraphJson(file: string, visitor: GraphItemVisitor): Promise<unknown> {
  mustExist(file);
  let header: Record<string, unknown> | undefined;
  try {
    header = await visitSinkLayout(file, visitor);
  } catch (error) {
    throw new StorageError(`cannot read ${file}`, { cause: error });
  }
  if (header) return header;
  visitor.reset();
  const whole = await readWhole(file);
  if (typeof whole !== 'object' || whole === null || Array.isArray(whole)) return whole;
  const { nodes, relationships, ...rest } = whole as Record<string, unknown>;
  if (!Array.isArray(nodes) || !Array.isArray(relationships)) return whole;
  for (const item of nodes) visitor.item('nodes', item);
  for (const item of relationships) visitor.item('relationships', item);
  return rest;
}

/** What a command keeps of graph.json as it streams by (stats' collector, check's rule graph). */
export interface GraphStreamReader {
  node(node: GraphNode): void;
  /** A relationship after every node; `properties` parses its properties only when called. */
  relationship(type: RelationshipType, source: string, target: string, properties: () => Properties): void;
}

/**
 * Streams a graph.json of this format into a reader `make` makes (again, should the file have to be
 * read whole after all): its well-formed nodes, then its well-formed relationships (a malformed
 * item is left out; reporting it is validate's business). Another format version is refused before
 * reading, and a document that is not a graph after.
 */
export async function readGraphStream<R extends GraphStreamReader>(file: string, make: () => R): Promise<R> {
  refuseOtherFormat({ version: await readGraphVersion(file) }, file);
  let reader = make();
  const ignored = new FindingTally(0);
  const header = await streamGraphJson(file, {
    item: (list, item) => {
      if (list === 'nodes') {
        if (checkNode(item, ignored)) reader.node(item);
      } else if (checkRelationshipShape(item, ignored)) {
        reader.relationship(item.type, item.source, item.target, () => item.properties);
      }
    },
    relationshipLine: (line) => {
      if (isRelationshipType(line.type)) reader.relationship(line.type, line.source, line.target, () => JSON.parse(line.properties) as Properties);
    },
    reset: () => {
      reader = make();
    },
  });
  refuseOtherFormat(header, file);
  // A document without the two lists comes back whole; one with them, without them.
  if (!isRecord(header) || typeof header['version'] !== 'number' || 'nodes' in header || 'relationships' in header) {
    throw new StorageError(`${file} is not a codegraph graph (no version, nodes and relationships)`);
  }
  return reader;
}

function mustExist(file: string): void {
  if (!existsSync(file)) throw new UsageError(`nothing to read: no graph.json in ${path.dirname(file)} (run codegraph index first)`);
}

async function readWhole(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new StorageError(`cannot read ${file}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageError(`graph.json is not valid JSON (truncated or corrupt): ${reason}`, { cause: error });
  }
}

/**
 * An output written in another graph.json format (version 1 named definitions by their line) is
 * refused as a whole, with the fix, rather than read as if its ids meant what they mean now.
 */
export function refuseOtherFormat(input: unknown, file: string): void {
  const version = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['version'] : undefined;
  if (typeof version !== 'number' || version === GRAPH_FORMAT_VERSION) return;
  const age = version < GRAPH_FORMAT_VERSION ? 'an older' : 'a newer';
  throw new UsageError(`${file} is graph format version ${version}, from ${age} codegraph; this one reads version ${GRAPH_FORMAT_VERSION}: re-run codegraph index to rebuild it`);
}

/** The `version` near the top of a graph.json, without reading the rest; undefined when none is found. */
export async function readGraphVersion(file: string): Promise<number | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(256);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const match = /^\{\s*"version":\s*(\d+)/.exec(buffer.subarray(0, bytesRead).toString('utf8'));
      return match ? Number(match[1]) : undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** The json sink's layout, line by line; undefined at the first line that does not fit it. */
export async function readSinkLayout(file: string): Promise<Record<string, unknown> | undefined> {
  const lists: Record<GraphList, unknown[]> = { nodes: [], relationships: [] };
  const header = await visitSinkLayout(file, { item: (list, item) => void lists[list].push(item) });
  return header && { ...header, nodes: lists.nodes, relationships: lists.relationships };
}

/**
 * Hands each item of a file in the json sink's layout to the visitor as its line is read and returns
 * the header; undefined at the first line that does not fit the layout (items seen so far were visited).
 */
export async function visitSinkLayout(file: string, visitor: Pick<GraphItemVisitor, 'item' | 'relationshipLine'>): Promise<Record<string, unknown> | undefined> {
  const head: string[] = [];
  const seen: Record<GraphList, number> = { nodes: 0, relationships: 0 };
  let comma = false;
  let state: 'head' | 'nodes' | 'between' | 'relationships' | 'end' | 'done' = 'head';
  for await (const lines of fileLines(file)) {
    for (const line of lines) {
      switch (state) {
        case 'head':
          if (line === '  "nodes": [') state = 'nodes';
          else if (head.length < 10) head.push(line);
          else return undefined;
          break;
        case 'nodes':
        case 'relationships': {
          // Every item but the last ends with a comma, as in JSON itself.
          if (line === (state === 'nodes' ? '  ],' : '  ]')) {
            if (comma) return undefined;
            state = state === 'nodes' ? 'between' : 'end';
            break;
          }
          if (seen[state] > 0 && !comma) return undefined;
          comma = line.endsWith(',');
          seen[state]++;
          const fields = state === 'relationships' && visitor.relationshipLine ? readRelationshipLine(line) : undefined;
          if (fields) {
            visitor.relationshipLine!(fields);
            break;
          }
          const item = parseItemLine(comma ? line.slice(0, -1) : line);
          if (item === undefined) return undefined;
          const pending = visitor.item(state, item);
          if (pending) await pending;
          break;
        }
        case 'between':
          if (line !== '  "relationships": [') return undefined;
          state = 'relationships';
          break;
        case 'end':
          if (line !== '}') return undefined;
          state = 'done';
          break;
        case 'done':
          if (line !== '') return undefined;
      }
    }
  }
  if (state !== 'done') return undefined;
  let header: unknown;
  try {
    header = JSON.parse(`${head.join('\n')}\n"nodes": null}`);
  } catch {
    return undefined;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined;
  const { nodes: _nodes, ...rest } = header as Record<string, unknown>;
  return rest;
}

function parseItemLine(text: string): unknown {
  if (!text.startsWith('    {') || !text.endsWith('}')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A file's lines (without their line ends), a piece's worth at a time: on a graph.json of millions
 * of lines, readline's work per line cost more than reading the file. Reads are of 1 MiB (each is
 * a round trip to libuv's threads), decoded 64 KiB at a time: a string over 128 KiB goes to V8's
 * large-object space, one mmap and munmap each, which cost more than the reads saved.
 */
export async function* fileLines(file: string): AsyncGenerator<string[]> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    const piece = 1 << 16;
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      for (let at = 0; at < bytesRead; at += piece) {
        const text = rest + decoder.write(buffer.subarray(at, Math.min(at + piece, bytesRead)));
        const lines = text.split('\n');
        rest = lines.pop()!;
        yield text.includes('\r') ? lines.map(withoutCr) : lines;
      }
    }
    rest += decoder.end();
    if (rest !== '') yield [withoutCr(rest)];
  } finally {
    await handle.close();
  }
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

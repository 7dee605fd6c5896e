import { StorageError } from '../errors.js';
import { compareIds } from '../graph/ids.js';
import type { CodeGraph } from '../graph/model.js';
import { openOutputFolder } from './indexed-output.js';
import { fileExists, fileLines, readGraphJson, refuseOtherFormat } from './output-reader.js';
import { readReport } from './report-file.js';
import type { IndexReport } from '../report/index-report.js';
import type { LineBatch } from '../diff/cursor.js';


export interface GraphLines {
  readonly outDir: string;
  readonly root: string;
  readonly batches: AsyncIterable<LineBatch>;
  readonly report?: IndexReport;
}

/** The file does not have the json sink's layout (one item per line): it is read whole instead. */
class NotSinkLayout extends Error {}

/**
 * An output's graph.json as text lines, one per node or relationship, read in large chunks and
 * never parsed here: a diff of two indexes of one large repository parses only the lines that
 * differ. A graph.json of another layout (reformatted by hand) is parsed whole and given as lines.
 * graph.json of another format version is refused before anything is read.
 */
export async function openGraphLines(location: string): Promise<GraphLines> {
  const { outDir, paths } = await openOutputFolder(location);
  if (!fileExists(paths.graphJson)) await readGraphJson(paths.graphJson); // the usual "nothing to read" error
  const report = await readReport(paths.reportJson);
  const extra = report ? { report } : {};
  const header = await readHeader(paths.graphJson);
  if (header) {
    refuseOtherFormat(header, paths.graphJson);
    return { outDir, root: String(header['root'] ?? ''), batches: sinkBatches(paths.graphJson), ...extra };
  }
  return { outDir, ...(await parsedLines(paths.graphJson)), ...extra };
}

/** The lines of a graph.json that is read and parsed whole, items sorted by id. */
async function parsedLines(file: string): Promise<{ root: string; batches: AsyncIterable<LineBatch> }> {
  const input = await readGraphJson(file);
  refuseOtherFormat(input, file);
  const graph = input as Partial<CodeGraph> | null;
  if (!graph || typeof graph !== 'object' || !Array.isArray(graph.nodes) || !Array.isArray(graph.relationships)) {
    throw new StorageError(`${file} is not a codegraph graph (no nodes and relationships)`);
  }
  const lines = (items: readonly { id: string }[]): string[] => [...items].sort((a, b) => compareIds(a.id, b.id)).map((item) => JSON.stringify(item));
  const batches: LineBatch[] = [
    { section: 'nodes', lines: lines(graph.nodes) },
    { section: 'relationships', lines: lines(graph.relationships) },
  ];
  return {
    root: String(graph.root ?? ''),
    batches: (async function* () {
      yield* batches;
    })(),
  };
}

/** The header object (version, generator, root) when the file starts in the sink's layout. */
async function readHeader(file: string): Promise<Record<string, unknown> | undefined> {
  const head: string[] = [];
  for await (const { line } of rawLines(file)) {
    if (line === '  "nodes": [') {
      try {
        const value: unknown = JSON.parse(`${head.join('\n')}\n"nodes": null}`);
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    }
    if (head.length >= 10) return undefined;
    head.push(line);
  }
  return undefined;
}

async function* rawLines(file: string): AsyncGenerator<{ line: string }> {
  for await (const lines of fileLines(file)) for (const line of lines) yield { line };
}

/** The item lines of a file in the sink's layout, without their indent and trailing comma. */
async function* sinkBatches(file: string): AsyncGenerator<LineBatch> {
  let state: 'head' | 'nodes' | 'between' | 'relationships' | 'end' | 'done' = 'head';
  try {
    for await (const chunk of fileLines(file)) {
      let items: string[] = [];
      const flush = (section: 'nodes' | 'relationships'): LineBatch | undefined => {
        if (items.length === 0) return undefined;
        const batch = { section, lines: items };
        items = [];
        return batch;
      };
      const out: LineBatch[] = [];
      for (const line of chunk) {
        if (state === 'head') {
          if (line === '  "nodes": [') state = 'nodes';
        } else if (state === 'nodes' || state === 'relationships') {
          if (line === (state === 'nodes' ? '  ],' : '  ]')) {
            const batch = flush(state);
            if (batch) out.push(batch);
            state = state === 'nodes' ? 'between' : 'end';
          } else if (line.startsWith('    {')) {
            items.push(line.endsWith(',') ? line.slice(4, -1) : line.slice(4));
          } else throw new NotSinkLayout();
        } else if (state === 'between') {
          if (line !== '  "relationships": [') throw new NotSinkLayout();
          state = 'relationships';
        } else if (state === 'end') {
          if (line !== '}') throw new NotSinkLayout();
          state = 'done';
        } else if (line !== '') throw new NotSinkLayout();
      }
      if (state === 'nodes' || state === 'relationships') {
        const batch = flush(state);
        if (batch) out.push(batch);
      }
      yield* out;
    }
    if ((state as string) !== 'done') throw new NotSinkLayout();
  } catch (error) {
    if (error instanceof NotSinkLayout) throw new StorageError(`${file} is damaged or not in the layout codegraph writes (one node or relationship per line): run codegraph index again`);
    throw error;
  }
}

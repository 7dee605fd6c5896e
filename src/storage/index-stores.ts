import { totalmem } from 'node:os';
import { JsonSink, type WrittenLines } from './json-sink.js';
import { bufferPoolFor, digestApartFor, holdLoadsFor } from './kuzu-load-policy.js';
import { KuzuSink, type KuzuSinkOptions } from './kuzu-sink.js';
import { GRAPH_JSON, GRAPH_KUZU } from './output-dir.js';
import type { GraphSink } from './sink.js';

/** What a run tells its stores: where to stage, how much source there is, and the store settings. */
export interface StoreSetup {
  /** A temporary name in the output folder for a final file name (the output transaction's). */
  readonly staged: (finalName: string) => string;
  readonly sourceBytes: number;
  readonly kuzu: boolean;
  readonly batchSize: number;
  /**
   * The run validates what it writes: shown every line of graph.json as it is written, and Kuzu
   * digests its tables after the COMMIT.
   */
  readonly jsonLines?: WrittenLines;
}

/**
 * The stores of an index run, primary first: graph.json, and graph.kuzu unless --no-kuzu. `kuzuSettings`:
 * settings of the Kuzu sink beyond the run's (tests inject faults there, and hold loads back or digest apart on a small tree).
 */
export function indexStores(setup: StoreSetup, kuzuSettings: Pick<KuzuSinkOptions, 'digestStatement' | 'holdLoads' | 'digestApart'> = {}): GraphSink[] {
  const json = new JsonSink(setup.staged(GRAPH_JSON), setup.jsonLines);
  if (!setup.kuzu) return [json];
  const kuzu = new KuzuSink({
    stagedPath: setup.staged(GRAPH_KUZU),
    scratchDir: setup.staged('scratch'),
    batchSize: setup.batchSize,
    bufferPoolBytes: bufferPoolFor(setup.sourceBytes, totalmem()),
    digest: setup.jsonLines !== undefined,
    holdLoads: holdLoadsFor(setup.sourceBytes),
    digestApart: digestApartFor(setup.sourceBytes),
    ...kuzuSettings,
  });
  return [json, kuzu];
}

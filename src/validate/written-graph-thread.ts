import { Worker } from 'node:worker_threads';
import { FindingTally } from '../graph/check.js';
import { StorageError } from '../errors.js';
import type { WrittenLines } from '../storage/json-sink.js';
import { WrittenGraphCheck, type WrittenGraph } from './written-graph.js';
import type { CheckedBatch, CheckedReply, CheckMessage } from './written-graph-worker.js';

/** graph.json's checks as the run sees them: shown every line, then asked what they found. */
export interface WrittenGraphChecks extends WrittenLines {
  /** What was found in graph.json as written, once every line shown is checked. */
  settled(): Promise<WrittenGraph>;
  /** Ends what the checks started (the run is over or stopped). */
  dispose(): void;
}

type CheckOptions = ConstructorParameters<typeof WrittenGraphCheck>[0];

/**
 * From this much source on, graph.json's checks run in a thread of their own. Parsing each line
 * again, checking it and hashing it cost about 5-6 µs a line, on the thread that merges and writes
 * graph.json while Kuzu commits and digests on the other core. In a thread of their own they
 * overlap the merge, but start with a cold compiler, compete with Kuzu for the second core, and
 * the lines they have not reached yet wait in memory. Measured (docs/benchmarks.md): the 9.5 MB
 * mix, write +0.2 s; the 66 MB real-10k, write -0.7 to -1 s but the whole run no faster and the
 * run's peak RSS +100 MB; the 165 MB synthetic tree, write 23.2 -> 17.3 s, the run -2.7 s and its
 * peak RSS 2.54 -> 2.30 GB. The size of the graph is not known when the stores are set up; the
 * size of its source is.
 */
export const CHECK_THREAD_SOURCE_BYTES = 96 * 2 ** 20;

/**
 * The checks for an index run over `sourceBytes` of source: in a thread for a large tree
 * (`thread` overrides, for tests), here otherwise and when run from TypeScript sources (tests).
 */
export function writtenGraphChecks(options: CheckOptions, sourceBytes: number, thread = sourceBytes >= CHECK_THREAD_SOURCE_BYTES): WrittenGraphChecks {
  return thread && import.meta.url.endsWith('.js') ? new WrittenGraphThread(options) : new WrittenGraphCheck(options);
}

/** Lines go to the thread in batches of about this many characters. */
const BATCH_CHARS = 1 << 18;
/**
 * Batches posted and not yet checked, at most: beyond, graph.json's writer waits. The checks are
 * the slower side; without a bound the lines they have not reached pile up in memory (on the
 * 50,000-file tree, hundreds of MB).
 */
const MAX_UNCHECKED = 8;

class WrittenGraphThread implements WrittenGraphChecks {
  private readonly worker: Worker;
  private batch: string[] = [];
  private batchList: 'nodes' | 'relationships' = 'nodes';
  private batchChars = 0;
  private answer: Promise<WrittenGraph> | undefined;
  private waiting: { resolve(graph: WrittenGraph): void; reject(error: Error): void } | undefined;
  private begun = false;
  private unchecked = 0;
  private behind: Promise<void> | undefined;
  private caughtUp: () => void = () => undefined;
  /** graph.json's writes so far (begin() each): an answer names the one it is for. */
  private attempt = 0;

  constructor(private readonly options: CheckOptions) {
    this.worker = new Worker(new URL('./written-graph-worker.js', import.meta.url), { workerData: options });
    // The run waits for its answer; an idle checker keeps no process alive.
    this.worker.unref();
    this.worker.on('message', (reply: CheckedBatch | CheckedReply) => {
      if (reply.kind === 'checked') {
        this.unchecked--;
        if (this.unchecked <= MAX_UNCHECKED / 2) this.caughtUp();
        return;
      }
      // The answer to an earlier attempt at writing graph.json (a failed one, written again) is void.
      if (reply.attempt !== this.attempt) return;
      const { attempt: _attempt, kind: _kind, findings, ...graph } = reply;
      this.waiting?.resolve({ ...graph, findings: FindingTally.fromSummaries(findings, this.options.maxExamples ?? 5) });
      this.waiting = undefined;
    });
    const fail = (reason: string): void => {
      this.waiting?.reject(new StorageError(`graph.json's checks stopped: ${reason}`));
      this.waiting = undefined;
      // graph.json is written whatever happens to its checks.
      this.unchecked = 0;
      this.caughtUp();
    };
    this.worker.on('error', (error) => fail(error.message));
    this.worker.on('exit', (code) => fail(`the checking thread exited with code ${code}`));
  }

  begin(): void {
    this.begun = true;
    this.attempt++;
    this.unchecked = 0;
    this.caughtUp();
    this.batch = [];
    this.batchChars = 0;
    this.answer = undefined;
    this.worker.postMessage({ kind: 'begin' } satisfies CheckMessage);
  }

  line(list: 'nodes' | 'relationships', line: string): void | Promise<void> {
    if (list !== this.batchList) this.flush();
    this.batchList = list;
    this.batch.push(line);
    this.batchChars += line.length;
    if (this.batchChars >= BATCH_CHARS) this.flush();
    if (this.unchecked < MAX_UNCHECKED) return undefined;
    // Resolved once the thread has caught up to half the bound (or stopped: dispose, a failure).
    this.behind ??= new Promise<void>((resolve) => {
      this.caughtUp = () => {
        this.behind = undefined;
        this.caughtUp = () => undefined;
        resolve();
      };
    });
    return this.behind;
  }

  end(): void {
    this.flush();
    this.answer = new Promise<WrittenGraph>((resolve, reject) => (this.waiting = { resolve, reject }));
    this.answer.catch(() => undefined);
    this.worker.postMessage({ kind: 'end', attempt: this.attempt } satisfies CheckMessage);
  }

  settled(): Promise<WrittenGraph> {
    if (this.answer) return this.answer;
    // No end(): graph.json was not written (through); the checks vouch for nothing, as in process.
    const unwritten = new WrittenGraphCheck(this.options);
    if (this.begun) unwritten.begin();
    return Promise.resolve(unwritten.result());
  }

  dispose(): void {
    this.unchecked = 0;
    this.caughtUp();
    void this.worker.terminate();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.unchecked++;
    this.worker.postMessage({ kind: 'lines', list: this.batchList, lines: this.batch } satisfies CheckMessage);
    this.batch = [];
    this.batchChars = 0;
  }
}

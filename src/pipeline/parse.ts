import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseSourceFile } from './extract/extract-unit.js';
import type { ParseReply, ParseRequest } from './parse-worker.js';
import { unpackCalls } from './packed-calls.js';
import { StringPool } from './string-pool.js';
import { unitLine } from '../model/unit-line.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ParsedUnit } from '../model/parsed-unit.js';
import type { ProgressListener } from '../model/phases.js';
import type { SourceFile } from '../model/source-file.js';

export interface ParseOptions {
  /** Worker threads; 1 parses in this thread. */
  readonly workers: number;
  /** Files larger than this many bytes are skipped (`too-large`). */
  readonly maxFileSize: number;
  /** Stops parsing at once (the workers are terminated) and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * Called with each unit's parse-cache line as soon as it is parsed (in no particular order),
   * when the run keeps a parse cache: the lines are made where the units are, in the workers.
   */
  readonly onCacheLine?: (line: string) => void;
  /** The worker script; tests give one that dies on purpose. Default: parse-worker.js. */
  readonly workerScript?: URL;
}

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

const CHUNK_FILES = 16;

/**
 * Parses every file into a ParsedUnit (same order as `files`). Nothing about one file can make
 * this throw: unreadable, binary, oversized and broken files come back as units with a status and
 * diagnostics. With more than one worker, files are parsed in a pool of worker threads.
 */
export async function parseFiles(files: readonly SourceFile[], options: ParseOptions, listener?: ProgressListener): Promise<ParsedUnit[]> {
  const workers = Math.min(Math.max(1, Math.floor(options.workers)), Math.ceil(files.length / CHUNK_FILES));
  // Worker threads run the compiled parse-worker.js; from TypeScript sources (tests) parse here.
  if (workers <= 1 || !import.meta.url.endsWith('.js')) return parseInProcess(files, options, listener);
  return parseInWorkers(files, options, workers, listener);
}

async function parseInProcess(files: readonly SourceFile[], options: ParseOptions, listener?: ProgressListener): Promise<ParsedUnit[]> {
  const units: ParsedUnit[] = [];
  for (const file of files) {
    options.signal?.throwIfAborted();
    const unit = await parseSourceFile(file, options.maxFileSize);
    options.onCacheLine?.(unitLine(unit));
    units.push(unit);
    listener?.onPhaseProgress?.('parsing', units.length, files.length);
  }
  return units;
}

function parseInWorkers(files: readonly SourceFile[], options: ParseOptions, count: number, listener?: ProgressListener): Promise<ParsedUnit[]> {
  const chunks: SourceFile[][] = [];
  for (let i = 0; i < files.length; i += CHUNK_FILES) chunks.push(files.slice(i, i + CHUNK_FILES));
  const results: (readonly ParsedUnit[] | undefined)[] = new Array(chunks.length);
  let next = 0;
  let done = 0;
  let finished = 0;
  const workers = new Set<Worker>();
  // The replies' strings, one copy each (string-pool.ts); the pool goes once the parse is done.
  const pool = new StringPool();
  return new Promise<ParsedUnit[]>((resolve, reject) => {
    const { signal } = options;
    const stop = (): void => {
      for (const worker of workers) void worker.terminate();
      reject(signal!.reason);
    };
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', stop, { once: true });
    const settle = (): void => {
      signal?.removeEventListener('abort', stop);
      resolve(results.flatMap((units) => units ?? []));
    };
    const complete = (chunk: number, units: readonly ParsedUnit[], lines?: readonly string[]): void => {
      results[chunk] = units;
      if (options.onCacheLine) for (const line of lines ?? units.map(unitLine)) options.onCacheLine(line);
      finished++;
      done += units.length;
      listener?.onPhaseProgress?.('parsing', done, files.length);
    };
    // Chunks a dead worker had been sent but not begun, for the next worker to parse.
    const again: number[] = [];
    const start = (): void => {
      const worker = new Worker(options.workerScript ?? new URL('./parse-worker.js', import.meta.url));
      workers.add(worker);
      // The chunks sent to this worker and not answered yet, in the order sent (and parsed).
      const sent: number[] = [];
      const dispatch = (): void => {
        if (again.length === 0 && next >= chunks.length) {
          if (sent.length > 0) return;
          workers.delete(worker);
          void worker.terminate();
          if (finished === chunks.length) settle();
          return;
        }
        const chunk = again.shift() ?? next++;
        sent.push(chunk);
        const request: ParseRequest = { chunk, files: chunks[chunk]!, maxFileSize: options.maxFileSize, cacheLines: options.onCacheLine !== undefined };
        worker.postMessage(request);
      };
      worker.on('message', (reply: ParseReply) => {
        if (signal?.aborted) return;
        sent.splice(sent.indexOf(reply.chunk), 1);
        const files = chunks[reply.chunk]!;
        complete(reply.chunk, reply.units.map((packed, i) => unpackCalls(pool.share(packed), files[i]!)), reply.cacheLines);
        dispatch();
      });
      // A worker that dies (a crash inside WASM, out of memory) fails the chunk it was parsing, the
      // oldest it had not answered, not the run; the chunk sent after it goes to a new worker.
      const fail = (reason: string): void => {
        workers.delete(worker);
        const [chunk, ...waiting] = sent.splice(0);
        if (chunk === undefined || signal?.aborted) return;
        complete(chunk, chunks[chunk]!.map((file) => failedUnit(file, reason)));
        again.push(...waiting);
        if (finished === chunks.length) settle();
        else if (again.length > 0 || next < chunks.length) start();
      };
      worker.on('error', (error) => fail(error.message));
      worker.on('exit', (code) => fail(`the parse worker exited with code ${code}`));
      // Two chunks in flight: the worker goes on to the second while this thread takes in the
      // first's units and sends the next, instead of waiting for that round trip (~1 ms a chunk,
      // 0.3 s per worker on the 10,000-file tree).
      dispatch();
      dispatch();
    };
    for (let w = 0; w < count; w++) start();
  });
}

function failedUnit(file: SourceFile, reason: string): ParsedUnit {
  const diagnostic: Diagnostic = { file: file.relPath, severity: 'error', code: 'parse-failed', message: reason };
  return { file, status: { kind: 'skipped', reason: 'parse-failed' }, lines: 0, hash: '', definitions: [], imports: [], exports: [], calls: [], moduleBindings: [], diagnostics: [diagnostic] };
}

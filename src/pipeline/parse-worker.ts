import { parentPort } from 'node:worker_threads';
import { parseSourceFile } from './extract/extract-unit.js';
import type { ParsedUnit } from '../model/parsed-unit.js';
import { packCalls, type PackedUnit } from './packed-calls.js';
import { unitLine } from '../model/unit-line.js';
import type { SourceFile } from '../model/source-file.js';

/** A chunk of files for one worker to parse. */
export interface ParseRequest {
  readonly chunk: number;
  readonly files: readonly SourceFile[];
  readonly maxFileSize: number;
  /** Also make each unit's parse-cache line (the unit is whole here, before its calls are packed). */
  readonly cacheLines: boolean;
}

export interface ParseReply {
  readonly chunk: number;
  readonly units: readonly PackedUnit[];
  readonly cacheLines?: readonly string[];
}

// The worker entry: each worker thread has its own parsers (grammars.ts caches them per thread).
// Requests are parsed one after another, in the order sent (the pool keeps two in flight): a
// worker that dies was parsing the oldest one it had not answered.
let parsing: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: ParseRequest) => {
  parsing = parsing
    .then(() => parseChunk(request))
    .catch((error: unknown) => {
      // A defect here ends the worker, as a crash would (the pool fails this chunk), rather than
      // leave the chain rejected and every later request silently unanswered.
      setImmediate(() => {
        throw error;
      });
    });
});

async function parseChunk(request: ParseRequest): Promise<void> {
  const units: PackedUnit[] = [];
  const lines: string[] = [];
  for (const file of request.files) {
    const unit: ParsedUnit = await parseSourceFile(file, request.maxFileSize);
    if (request.cacheLines) lines.push(unitLine(unit));
    units.push(packCalls(unit));
  }
  const reply: ParseReply = { chunk: request.chunk, units, ...(request.cacheLines ? { cacheLines: lines } : {}) };
  // The packed call sites are copied, not transferred: a buffer moved to the main thread stays in
  // this thread's malloc arena for the whole run, and with them the free space between them (the
  // replies' own buffers), which the arena can then never give back. Copied, this thread frees
  // its buffers as it goes and the main thread's copies sit in its own heap: on the 50,000-file
  // tree 120 MB less at the end of the run (docs/benchmarks.md, "Idle, ninth session").
  parentPort!.postMessage(reply);
}

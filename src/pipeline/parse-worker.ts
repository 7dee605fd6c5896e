import { parentPort } from 'node:worker_threads';
import { parseSourceFile } from './extract/extract-unit.js';
import type { ParsedUnit } from '../model/parsed-unit.js';
import { packCalls, type PackedUnit } from './packed-calls.js';
import type { SourceFile } from '../model/source-file.js';

/** A chunk of files for one worker to parse. */
export interface ParseRequest {
  readonly chunk: number;
  readonly files: readonly SourceFile[];
  readonly maxFileSize: number;
}

export interface ParseReply {
  readonly chunk: number;
  readonly units: readonly PackedUnit[];
}

// The worker entry: each worker thread has its own parsers (grammars.ts caches them per thread).
parentPort?.on('message', (request: ParseRequest) => {
  void (async () => {
    const units: PackedUnit[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const file of request.files) {
      const unit: ParsedUnit = await parseSourceFile(file, request.maxFileSize);
      const { packed, transfer: buffer } = packCalls(unit);
      units.push(packed);
      transfer.push(buffer);
    }
    const reply: ParseReply = { chunk: request.chunk, units };
    parentPort!.postMessage(reply, transfer);
  })();
});

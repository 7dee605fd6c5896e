import { parentPort, workerData } from 'node:worker_threads';
import type { FindingSummary } from '../graph/check.js';
import { WrittenGraphCheck, type WrittenGraph } from './written-graph.js';

/** What the run sends the checking thread, in order. */
export type CheckMessage =
  | { readonly kind: 'begin' }
  | { readonly kind: 'lines'; readonly list: 'nodes' | 'relationships'; readonly lines: readonly string[] }
  | { readonly kind: 'end'; readonly attempt: number };

/** The thread's word that it has checked a batch of lines. */
export interface CheckedBatch {
  readonly kind: 'checked';
}

/** The thread's answer to `end`: a WrittenGraph with its findings as summaries (a tally is a class). */
export type CheckedReply = Omit<WrittenGraph, 'findings'> & { readonly kind: 'graph'; readonly findings: readonly FindingSummary[]; readonly attempt: number };

// The thread's entry (written-graph-thread.ts): graph.json's checks and digests on the lines the
// run posts in batches, off the thread that merges and writes them.
const check = new WrittenGraphCheck(workerData as ConstructorParameters<typeof WrittenGraphCheck>[0]);
parentPort?.on('message', (message: CheckMessage) => {
  if (message.kind === 'begin') check.begin();
  else if (message.kind === 'lines') {
    for (const line of message.lines) check.line(message.list, line);
    parentPort!.postMessage({ kind: 'checked' } satisfies CheckedBatch);
  }
  else {
    check.end();
    const { findings, ...rest } = check.result();
    const reply: CheckedReply = { ...rest, kind: 'graph', findings: findings.summaries(), attempt: message.attempt };
    parentPort!.postMessage(reply);
  }
});

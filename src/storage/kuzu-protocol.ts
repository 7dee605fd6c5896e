// The messages between the run (kuzu-client.ts) and the process that owns the Kuzu database
// (kuzu-process.ts): one module both sides import, so they cannot drift apart.

/** Tells a child which process started it, so that it can tell when that process is gone. */
export const PARENT_PID = 'CODEGRAPH_PARENT_PID';

export type KuzuRequest =
  /** `bufferPoolBytes` 0 is Kuzu's default: 80% of the machine's memory. */
  | { readonly id: number; readonly op: 'open'; readonly path: string; readonly bufferPoolBytes: number }
  | { readonly id: number; readonly op: 'exec'; readonly statement: string }
  /** Runs each statement; the result is the JSON of every statement's rows (value lists in column order). */
  | { readonly id: number; readonly op: 'rows'; readonly statements: readonly string[] }
  | { readonly id: number; readonly op: 'close' };

/** `ms`: how long the Kuzu process worked on the request, not counting the time it waited in the queue. */
export type KuzuReply =
  | { readonly id: number; readonly ok: true; readonly result: string; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly ms: number };

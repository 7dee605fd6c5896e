// The messages between the run (kuzu-client.ts) and the process that owns the Kuzu database
// (kuzu-process.ts): one module both sides import, so they cannot drift apart.

/** Tells a child which process started it, so that it can tell when that process is gone. */
export const PARENT_PID = 'CODEGRAPH_PARENT_PID';

export type KuzuRequest =
  /** `bufferPoolBytes` 0 is Kuzu's default: 80% of the machine's memory. */
  | { readonly id: number; readonly op: 'open'; readonly path: string; readonly bufferPoolBytes: number }
  | { readonly id: number; readonly op: 'exec'; readonly statement: string }
  /** Statements with bound parameters, run in order (inside the caller's transaction). */
  | { readonly id: number; readonly op: 'execBatch'; readonly items: readonly BoundStatement[] }
  | { readonly id: number; readonly op: 'close' };

type Param = string | number | boolean | readonly string[] | readonly Readonly<Record<string, string | number | boolean | readonly string[]>>[];

export interface BoundStatement {
  readonly statement: string;
  readonly params: Readonly<Record<string, Param>>;
}

export type KuzuReply = { readonly id: number; readonly ok: true; readonly result: string } | { readonly id: number; readonly ok: false; readonly error: string };

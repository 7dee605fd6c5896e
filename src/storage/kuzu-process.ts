// The child process that owns the Kuzu database while it is loaded. Kuzu aborts its whole process
// on some failures (a full disk ends in std::terminate), so it runs apart from the process that
// holds graph.json: a crash here is a failed load, never a lost run.
import { availableParallelism } from 'node:os';
import kuzu from 'kuzu';
import { statementRows } from './kuzu-digest.js';
import { PARENT_PID, type BatchResult, type KuzuReply, type KuzuRequest } from './kuzu-protocol.js';

let db: kuzu.Database | undefined;
let conn: kuzu.Connection | undefined;
/** Connections beside `conn` for read statements run side by side (the digest after the COMMIT). */
let extra: kuzu.Connection[] = [];
let queue: Promise<void> = Promise.resolve();

/** `conn` and, made once, one more connection per core up to four in all. */
function readers(): kuzu.Connection[] {
  if (!conn || !db) throw new Error('the database is not open');
  while (extra.length + 1 < Math.min(4, availableParallelism())) extra.push(new kuzu.Connection(db));
  return [conn, ...extra];
}

async function handle(request: KuzuRequest): Promise<string> {
  switch (request.op) {
    case 'open':
      db = new kuzu.Database(request.path, request.bufferPoolBytes, true, request.readOnly ?? false);
      await db.init();
      conn = new kuzu.Connection(db);
      await conn.init();
      return '';
    case 'exec':
      return execute(request.statement);
    case 'batch': {
      const results: string[] = [];
      try {
        for (const statement of request.statements) results.push(await execute(statement));
      } catch (error) {
        return JSON.stringify({ results, error: error instanceof Error ? error.message : String(error) } satisfies BatchResult);
      }
      return JSON.stringify({ results } satisfies BatchResult);
    }
    case 'rows':
      return JSON.stringify(await statementRows(readers(), request.statements));
    case 'close':
      await closeAll();
      return '';
  }
}

/** Runs one statement; its result is the first row's `result` column (what COPY and DDL say), or ''. */
async function execute(statement: string): Promise<string> {
  if (!conn) throw new Error('the database is not open');
  const result = await conn.query(statement);
  const results = Array.isArray(result) ? result : [result];
  try {
    const rows = await results[0]!.getAll();
    const first = rows[0];
    return first && typeof first['result'] === 'string' ? first['result'] : '';
  } finally {
    for (const r of results) r.close();
  }
}

/** The run that started this process has died (this process was handed to another parent). */
function parentGone(): boolean {
  const parent = process.env[PARENT_PID];
  return parent !== undefined && process.ppid !== Number(parent);
}

async function closeAll(): Promise<void> {
  const c = conn;
  const d = db;
  const others = extra;
  conn = undefined;
  db = undefined;
  extra = [];
  for (const other of others) await other.close();
  if (c) await c.close();
  if (d) await d.close();
}

let closed = false;

process.on('message', (request: KuzuRequest) => {
  queue = queue.then(async () => {
    // A request can outlive its sender: a run killed while this process was starting or busy
    // leaves requests queued, and the output folder's recovery may already have run. Do nothing
    // more for a dead run.
    if (parentGone()) process.kill(process.pid, 'SIGKILL');
    if (request.op === 'close') closed = true;
    let reply: KuzuReply;
    const started = performance.now();
    try {
      const result = await handle(request);
      reply = { id: request.id, ok: true, result, ms: performance.now() - started };
    } catch (error) {
      reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error), ms: performance.now() - started };
    }
    process.send?.(reply);
    if (request.op === 'close') process.disconnect();
  });
});

// The parent went away (killed, crashed) without closing us: the staged database is garbage that
// the next run removes, so stop at once, with or without a database open, rather than write to
// it or create it any further.
process.on('disconnect', () => {
  if (!closed) process.kill(process.pid, 'SIGKILL');
});

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StorageError } from '../errors.js';
import { PARENT_PID, type KuzuReply, type KuzuRequest } from './kuzu-protocol.js';

type Pending = { resolve(result: string): void; reject(error: Error): void };
type Request = KuzuRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The compiled script `relative` to the module at `moduleUrl`, to start as a child process. Run from
 * the TypeScript sources (tests), that is the build's copy: the same path under dist/, not src/.
 */
export function compiledScript(moduleUrl: string, relative: string): string {
  const script = fileURLToPath(new URL(relative, moduleUrl));
  if (fileURLToPath(moduleUrl).endsWith('.js')) return script;
  return script.replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, '$1dist$2');
}

/**
 * glibc's allocator settings for the Kuzu process (docs/adr/0002-kuzu-allocator.md). Kuzu 0.11.3
 * allocates and zeroes tens of megabytes for every DDL statement and COPY and frees them again;
 * with glibc's defaults each one is fresh mmap'd memory, so most of a small COPY's time is page
 * faults. One arena that keeps what it frees, backed by transparent huge pages, cut a COPY from
 * ~95 ms to ~21 ms and creating 20 node tables from ~470 ms to ~50 ms on these machines. Other C
 * libraries ignore the variable; settings the user already gave come first.
 */
export const KUZU_MALLOC_TUNABLES = 'glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=4294967295';

export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const own = env['GLIBC_TUNABLES'];
  return { ...env, GLIBC_TUNABLES: own ? `${KUZU_MALLOC_TUNABLES}:${own}` : KUZU_MALLOC_TUNABLES };
}

/**
 * Starts a Node child process that will use Kuzu, with the allocator settings above. When it
 * exits, `onExit` gets one line saying how, ending with the last lines it wrote to stderr.
 */
export function forkKuzuChild(script: string, name: string, onExit: (reason: string) => void): ChildProcess {
  const env = { ...childEnvironment(process.env), [PARENT_PID]: String(process.pid) };
  const child = fork(script, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  child.on('exit', (code, signal) => {
    const detail = stderr.trim().split('\n').slice(-2).join(' ').trim();
    onExit(`the ${name} process ${signal ? `was killed by ${signal}` : `exited with code ${code}`}${detail ? `: ${detail}` : ''}`);
  });
  child.on('error', () => undefined);
  return child;
}

/**
 * A Kuzu database in a child process, driven one statement at a time. If the child dies, every
 * request in flight fails with the reason, and the caller's process carries on.
 */
export class KuzuClient {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited: string | undefined;
  private worked = 0;

  constructor() {
    this.child = forkKuzuChild(compiledScript(import.meta.url, './kuzu-process.js'), 'Kuzu', (reason) => {
      this.exited = reason;
      for (const waiting of this.pending.values()) waiting.reject(new StorageError(reason));
      this.pending.clear();
    });
    this.child.on('message', (reply: KuzuReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      this.worked += reply.ms;
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new StorageError(reply.error));
    });
  }

  /**
   * Milliseconds the child has spent working on requests so far, as it measured them: the time of
   * the store itself, without the time a reply waited for this process's busy event loop.
   */
  get busyMs(): number {
    return this.worked;
  }

  request(request: Request): Promise<string> {
    if (this.exited) return Promise.reject(new StorageError(this.exited));
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...request, id } as KuzuRequest, (error) => {
        if (error && this.pending.delete(id)) reject(new StorageError(`cannot reach the Kuzu process: ${error.message}`));
      });
    });
  }

  /**
   * Ends the child at once, whatever it is doing, without closing the database: for a database
   * that is being abandoned. Closing makes Kuzu checkpoint, and on a full disk Kuzu 0.11.3 then
   * spins for ever rolling that checkpoint back (seen in BufferManager::optimisticRead under
   * Database::~Database).
   */
  async kill(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exit;
  }

  /** Closes the database (results, connection, database, in that order) and ends the child. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request({ op: 'close' });
    } catch {
      this.child.kill('SIGKILL');
    }
    await exit;
  }
}

import type { ChildProcess } from 'node:child_process';
import { ConfigError, GraphIntegrityError, StorageError, UsageError } from '../errors.js';
import { compiledScript, forkKuzuChild } from '../storage/kuzu-client.js';
import type { ValidationReport } from '../validate/validate-output.js';
import type { ValidateReply, ValidateRequest } from '../validate/validate-process.js';

/** Runs the validation `index` does after writing; `dispose` ends whatever it started. */
export interface IndexValidator {
  validate(outDir: string, options: { kuzu: boolean }): Promise<{ consistent: boolean; result: unknown }>;
  dispose(): void;
}

/**
 * The validation `index` runs after writing when its own checks, made as it wrote, could not say
 * the output is consistent (orchestrator/run.ts): the same one `codegraph validate` runs. When it
 * reads graph.kuzu it runs in a child process started with the Kuzu allocator settings, which make
 * opening the database several times cheaper (validate/validate-process.ts). The child is started
 * only then: a run whose output agrees with Kuzu's digests starts none.
 */
export function indexValidator(): IndexValidator {
  let child: ValidateChild | undefined;
  return {
    async validate(outDir, options) {
      // Loaded only when needed: validate-output.js brings in Kuzu's 25 MB native binding, which an
      // index run otherwise never opens in this process (importing this module: 26 ms with it, 8 without).
      const result = options.kuzu
        ? await (child ??= new ValidateChild()).run({ outDir, kuzu: true })
        : await (await import('../validate/validate-output.js')).validateOutput(outDir, { kuzu: false });
      return { consistent: result.consistent, result };
    },
    dispose: () => child?.dispose(),
  };
}

/** The errors validation can end in, by name, so they keep their exit codes across the process boundary. */
const ERRORS: Record<string, new (message: string) => Error> = { UsageError, ConfigError, StorageError, GraphIntegrityError };


class ValidateChild {
  private readonly child: ChildProcess;
  private exited: string | undefined;
  private waiting: { resolve(report: ValidationReport): void; reject(error: Error): void } | undefined;

  constructor() {
    this.child = forkKuzuChild(compiledScript(import.meta.url, '../validate/validate-process.js'), 'validation', (reason) => {
      this.exited = reason;
      this.waiting?.reject(new StorageError(reason));
      this.waiting = undefined;
    });
    this.child.on('message', (reply: ValidateReply) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.report);
      else waiting.reject(new (ERRORS[reply.name] ?? Error)(reply.message));
    });
  }

  run(request: ValidateRequest): Promise<ValidationReport> {
    if (this.exited) return Promise.reject(new StorageError(this.exited));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.child.send(request, (error) => {
        if (error && this.waiting) {
          this.waiting = undefined;
          reject(new StorageError(`cannot reach the validation process: ${error.message}`));
        }
      });
    });
  }

  dispose(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

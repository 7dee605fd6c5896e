import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ConfigError, GraphIntegrityError, StorageError, UsageError } from '../errors.js';
import { childEnvironment } from '../storage/kuzu-client.js';
import { validateOutput, type ValidationReport } from '../validate/validate-output.js';
import type { ValidateReply, ValidateRequest } from '../validate/validate-process.js';

/**
 * The validation `index` runs after writing: the same one `codegraph validate` runs. When it reads
 * graph.kuzu it runs in a child process started with the Kuzu allocator settings, which make
 * opening the database several times cheaper (validate/validate-process.ts).
 */
export async function validateAfterIndex(outDir: string, options: { kuzu: boolean }): Promise<{ consistent: boolean; result: unknown }> {
  const result = options.kuzu ? await validateInChild({ outDir, kuzu: true }) : await validateOutput(outDir, { kuzu: false });
  return { consistent: result.consistent, result };
}

/** The errors validation can end in, by name, so they keep their exit codes across the process boundary. */
const ERRORS: Record<string, new (message: string) => Error> = { UsageError, ConfigError, StorageError, GraphIntegrityError };

function childScript(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return fileURLToPath(new URL('../validate/validate-process.js', import.meta.url));
  return here.replace(/([\\/])src([\\/])cli([\\/])validate-staged\.ts$/, '$1dist$2validate$3validate-process.js');
}

function validateInChild(request: ValidateRequest): Promise<ValidationReport> {
  return new Promise((resolve, reject) => {
    const child = fork(childScript(), [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: childEnvironment(process.env) });
    let stderr = '';
    let settled = false;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.once('message', (reply: ValidateReply) => {
      settled = true;
      if (reply.ok) resolve(reply.report);
      else reject(new (ERRORS[reply.name] ?? Error)(reply.message));
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      const detail = stderr.trim().split('\n').slice(-2).join(' ').trim();
      reject(new StorageError(`the validation process ${signal ? `was killed by ${signal}` : `exited with code ${code}`}${detail ? `: ${detail}` : ''}`));
    });
    child.once('error', (error) => {
      if (!settled) reject(new StorageError(`cannot start the validation process: ${error.message}`));
      settled = true;
    });
    child.send(request);
  });
}

import { InvalidArgumentError } from 'commander';
import { parseCount } from '../config/options.js';
import { CodegraphError, GraphIntegrityError, reasonOf, StorageError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

/** Commander's collector for repeatable flags. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A whole-number flag; a bad value is commander's usage error (one line, exit 2), not a crash. */
export function countArgument(flag: string): (raw: string) => number {
  return (raw) => {
    try {
      return parseCount(raw, flag);
    } catch (error) {
      throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
    }
  };
}

/**
 * Prints a failure as one line (plus `Reason:` for a wrapped cause) and gives its exit code: every
 * failure of a run is 2 (could not run) under CONTRACT.md. Unknown errors are bugs: the stack is
 * printed with --debug.
 */
export function failWith(output: Output, error: unknown): number {
  if (error instanceof CodegraphError) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    const label = error instanceof StorageError ? 'storage' : error instanceof GraphIntegrityError ? 'bug' : undefined;
    output.error(label === 'bug' ? `internal error: ${error.message}` : error.message, cause, error.stack);
    return ExitCode.usage;
  }
  output.error(`internal error: ${reasonOf(error)}`, undefined, error instanceof Error ? error.stack : undefined);
  if (!output.flags.debug) process.stderr.write('Run again with --debug for the stack trace.\n');
  return ExitCode.usage;
}

/** A failure of the whole run (not a problem in one file, which is a Diagnostic). */
export class CodegraphError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flags, a missing path, an unreadable input: exit code 2. */
export class UsageError extends CodegraphError {}

/** A codegraph.config.json or environment value that cannot be used: exit code 2. */
export class ConfigError extends CodegraphError {}

/** A store could not be read or written. */
export class StorageError extends CodegraphError {}

/** The graph broke one of its own rules (duplicate id, dangling endpoint): a bug, exit code 2. */
export class GraphIntegrityError extends CodegraphError {}

/**
 * The run was stopped by a signal. Before the commit the previous output is left in place; after
 * it (`committed`), the new output is written but was not validated.
 */
export class InterruptedError extends CodegraphError {
  constructor(
    readonly signal: NodeJS.Signals,
    readonly committed: boolean,
  ) {
    super(`stopped by ${signal}`);
  }
}

export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem in one file or one import: data, not an exception. The run carries on. */
export interface Diagnostic {
  readonly file?: string;
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `skipped-binary`, `syntax-error`, `unresolved-import`. */
  readonly code: string;
  readonly message: string;
  readonly line?: number;
}

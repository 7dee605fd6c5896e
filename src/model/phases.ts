import type { GraphFragment } from '../graph/model.js';
import type { Diagnostic } from './diagnostic.js';
import type { SourceFile } from './source-file.js';

export type PhaseName = 'structure' | 'parsing' | 'imports' | 'calls';
export const PHASES: readonly PhaseName[] = ['structure', 'parsing', 'imports', 'calls'];

/** A processor's output: the fragment it adds and the problems it found. */
export interface PhaseOutput {
  readonly fragment: GraphFragment;
  readonly diagnostics: readonly Diagnostic[];
  /** Processor-specific counts shown in the report (e.g. imports resolved/external/unresolved). */
  readonly counts?: Readonly<Record<string, number>>;
  /** Imports of packages outside the repo, by package name (`react`, `@scope/pkg`, `node:fs`). */
  readonly externalPackages?: Readonly<Record<string, number>>;
}

/** Optional hooks for progress; core code never prints. */
export interface ProgressListener {
  onPhaseStart?(phase: PhaseName, total?: number): void;
  /** The walk is done: these files will be read and parsed next. */
  onFilesFound?(files: readonly SourceFile[]): void;
  onPhaseProgress?(phase: PhaseName, done: number, total?: number): void;
  onPhaseEnd?(phase: PhaseName, durationMs: number): void;
  onStoreStart?(store: string, phase: PhaseName): void;
  onDiagnostic?(diagnostic: Diagnostic): void;
  onMessage?(message: string): void;
}

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

/**
 * Nodes and relationships a phase built in parts gathers before it hands them on (about 30 MB of
 * them): the parsing and calls phases of a large tree are its most numerous rows (the 50,000-file
 * bench tree: 540,000 definitions with their DEFINES, 697,000 calls), and the run holds one part
 * at a time, not the phase (docs/benchmarks.md).
 */
export const PART_ROWS = 100_000;

/**
 * A processor run as a generator: it may hand its fragment over in parts (the parsing and calls
 * phases, so that the run never holds all of their rows), each yielded once complete, then returns
 * its last part with the phase's diagnostics and counts. The parts of one phase never share an id;
 * a processor that builds its fragment whole yields nothing.
 */
export type PhaseBuild = Generator<GraphFragment, PhaseOutput, void>;

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

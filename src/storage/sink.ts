import type { GraphFragment, GraphHeader, NodeLabel } from '../graph/model.js';
import type { PhaseName } from '../model/phases.js';
import type { StoreDigest } from './kuzu-digest.js';

export type StoreName = 'json' | 'kuzu';

/** What one store did with one phase's fragment. */
export interface PhaseWriteStats {
  readonly phase: PhaseName;
  readonly store: StoreName;
  readonly nodes: { readonly attempted: number; readonly written: number; readonly failed: number };
  readonly relationships: { readonly attempted: number; readonly written: number; readonly failed: number };
  readonly ms: number;
  /** 'ok', 'failed' (this phase's load failed) or 'skipped' (an earlier phase failed). */
  readonly status: 'ok' | 'failed' | 'skipped';
  /** One line: why the phase failed or was skipped. */
  readonly reason?: string;
}

/** What became of a store in a run; `stale` is never left behind: a failed load removes the file. */
export interface StoreStatus {
  readonly status: 'ok' | 'degraded' | 'disabled';
  /** The step whose failure degraded it: a phase's load, opening, or finishing the file. */
  readonly phase?: PhaseName | 'open' | 'finish';
  readonly reason?: string;
}

/**
 * A store the pipeline writes each phase to. Sinks stage their output under temporary names;
 * `finish` leaves a complete file ready to be swapped in by the output transaction, and `abort`
 * (at any moment, also while a load or `open` runs) stops it and removes whatever was staged.
 */
export interface GraphSink {
  readonly name: StoreName;
  /** Gets the store ready (Kuzu creates its database); runs while the files are parsed. */
  open?(): Promise<void>;
  /**
   * Loads a phase. The next phase may be handed over before this one's load is done: a store loads
   * its phases in the order given, and once a load has failed it skips every later phase.
   */
  writePhase(phase: PhaseName, fragment: GraphFragment, parts?: PartRows): Promise<PhaseWriteStats>;
  /**
   * Takes a part of a phase handed over in parts (the parsing and calls phases, PhaseBuild); its
   * last part comes by writePhase with the rows of the parts before it (`parts`), and its stats
   * count the whole phase. Settles once the store needs the part no more. A store without it
   * cannot take a phase in parts.
   */
  writePart?(phase: PhaseName, fragment: GraphFragment): Promise<void>;
  /**
   * Settles once the store needs nothing more of the fragment last handed to writePhase (Kuzu: its
   * COPY files are written, the COPYs may still run). Without it, the write itself is waited for.
   */
  taken?(): Promise<void>;
  /**
   * The label of every node the run's builder has accepted, by id, handed over before the first
   * phase: a store that needs nodes' labels (Kuzu places each relationship by its ends' labels)
   * reads them there rather than keeping a map of its own (a table of 29 MB on the 50,000-file tree).
   */
  useLabels?(labels: ReadonlyMap<string, NodeLabel>): void;
  /** Every phase has been handed over: a store that held its loads back until now starts them. */
  startHeldLoads?(): void;
  /** Completes the staged output (every phase written); returns the staged path to swap in. */
  finish(header: GraphHeader): Promise<string>;
  /**
   * The store's own time in finish(), once it has run, where that is work of its own rather than
   * the phases' (Kuzu: COMMIT and CHECKPOINT of the run's one transaction, in its process).
   */
  readonly finishMs?: number;
  /** Each table's row count and digest as the store holds them once finish() has run (Kuzu). */
  readonly digest?: StoreDigest;
  abort(): Promise<void>;
}

/** The rows of a phase's parts handed over before its last (writePhase's `parts`). */
export interface PartRows {
  readonly nodes: number;
  readonly relationships: number;
}

/** A phase's stats before a store has written any of it: attempted counts its earlier parts' rows too. */
export function emptyStats(phase: PhaseName, store: StoreName, fragment: GraphFragment, parts: PartRows = { nodes: 0, relationships: 0 }): {
  phase: PhaseName;
  store: StoreName;
  nodes: { attempted: number; written: number; failed: number };
  relationships: { attempted: number; written: number; failed: number };
} {
  return {
    phase,
    store,
    nodes: { attempted: parts.nodes + fragment.nodes.length, written: 0, failed: 0 },
    relationships: { attempted: parts.relationships + fragment.relationships.length, written: 0, failed: 0 },
  };
}

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HOLD_LOADS_SOURCE_BYTES } from '../storage/kuzu-load-policy.js';

/** How far past a full collection's survivors V8 lets an index run's heap grow (see tuneV8ForIndexing). */
const RUN_HEAP_GROWTH = 50;
/** The same while the four phases build a large tree's graph (PhaseMemory). */
const PHASES_HEAP_GROWTH = 20;

/**
 * V8 settings for an index run, set at run time before the parse workers start (V8's flags are
 * the process's, so the worker threads compile under them too). Measured on the 9.5 MB mix and
 * the 10,000-file trees (docs/benchmarks.md, "Memory at scale" and "The optimising compiler").
 */
export function tuneV8ForIndexing(): void {
  // An index run allocates a phase's worth of short-lived objects on top of the parsed units,
  // which live to the end. V8 lets the heap grow up to four times past what a full collection
  // left before the next one, so most of the peak is garbage. Growth of at most half again keeps
  // the peak lower for no measurable time (synthetic 10,000 files: 738 -> 632 MB peak RSS). V8
  // reads this flag each time it sets the next limit, so it takes effect when set at run time.
  setFlagsFromString(`--heap-growing-percent=${RUN_HEAP_GROWTH}`);
  // Each parse worker compiles the extraction walkers with TurboFan on its own; with V8's
  // defaults it optimises them before their type feedback has settled, deoptimises on the next
  // file with another shape, and compiles them again with most of the walk inlined (walkDefinitions
  // 13 times at ~55 ms each): 2-3 s of compiler CPU per worker on the mix, a third of the parse
  // phase. Waiting longer before optimising and inlining less cut the mix's parse CPU by a quarter
  // (6.2 -> 4.7 s on two workers) and the 10,000-file tree's by 9%, with no loss in steady state.
  setFlagsFromString('--interrupt-budget=300000');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
}

/**
 * What an index run does about its heap around the four phases (RunContext.beginPhases and
 * releaseMemory), by the size of the tree, from the size on which Kuzu's loads wait for the phases
 * (kuzu-load-policy.ts). Below it, nothing: the run's heap is small (the 9.5 MB mix: 40 MB live
 * at the phases' end), V8's own collections keep it so, and the two forced collections cost the
 * run's thread ~70 ms for no lower peak (the mix's peak RSS the same, docs/benchmarks.md).
 *
 * From that size on, the heap's growth is narrowed while the phases build the graph: there the
 * run's peak is the phases' heap, the parsed units and the resolver (~650 MB live on the 165 MB
 * synthetic tree) with the phase's rows on top, and half again of it was room V8 left to garbage
 * (the run's peak 1,581 and 1,654 MB at 50% growth, 1,462 and 1,464 MB at 20%, the phases 3 s
 * slower: 32.3-33.2 against 35.4-36.4 s). Once the units are let go the growth is set back and
 * they are collected at once (fullCollection).
 */
export class PhaseMemory {
  private large = false;

  /** `collect`: the collection made when a large tree's units are let go (made ready only then). */
  constructor(private readonly collect: () => void = () => fullCollection()()) {}

  /** The phases start on a tree of `sourceBytes` of source. */
  begin(sourceBytes: number): void {
    this.large = sourceBytes >= HOLD_LOADS_SOURCE_BYTES;
    if (this.large) setFlagsFromString(`--heap-growing-percent=${PHASES_HEAP_GROWTH}`);
  }

  /** The parsed units and the resolver are out of reach. */
  release(): void {
    if (!this.large) return;
    this.large = false;
    setFlagsFromString(`--heap-growing-percent=${RUN_HEAP_GROWTH}`);
    this.collect();
  }
}

/** A run's RunContext hooks for a PhaseMemory of its own. */
export function phaseMemoryHooks(): { beginPhases: (sourceBytes: number) => void; releaseMemory: () => void } {
  const memory = new PhaseMemory();
  return { beginPhases: (sourceBytes) => memory.begin(sourceBytes), releaseMemory: () => memory.release() };
}

/**
 * A full, compacting garbage collection, for the moment an index run lets go of its parsed units
 * and resolver (RunContext.releaseMemory). They are most of the heap by then, and nothing else
 * collects them in time: the stores' finish allocates little on this thread, so V8 kept 1.5 GB of
 * dead units to the end of the 50,000-file run while Kuzu committed and digested beside it. A
 * plain collection frees them but leaves the survivors spread over the old pages (10,000-file
 * tree: 75 MB live in 374 MB of heap, RSS unchanged); compacting moves the survivors together so
 * the emptied pages go back to the system (heap 108 MB, RSS 545 -> 255 MB a second later), for
 * about 0.1 s there. A plain collection comes first: compacting a heap still full of the dead
 * units took new pages before it gave the old ones back (the 50,000-file run's peak, 1,382 MB).
 */
export function fullCollection(): () => void {
  // --expose-gc set at run time reaches contexts created after it: a new one hands out `gc`.
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc !== 'function') return () => undefined;
  return () => {
    (gc as () => unknown)();
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      (gc as () => unknown)();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}

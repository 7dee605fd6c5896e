import type { GraphBuilder } from '../graph/builder.js';
import type { GraphFragment } from '../graph/model.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { PhaseBuild, PhaseName, PhaseOutput, ProgressListener } from '../model/phases.js';
import type { DualWriter } from '../storage/dual-writer.js';
import type { PhaseWriteStats } from '../storage/sink.js';
import { phaseReport, type PhaseReport } from '../report/index-report.js';
import { unlessAborted } from './steps.js';

/**
 * Builds one phase, adds it to the builder and hands it to the stores, which load it in the
 * background while the next phase is computed. A phase built in parts hands each part over as it
 * comes, and builds the next once the stores have taken it. Nothing of it outlives this call but
 * the stores' hold on the last normalised part until `taken` (and `kept`, when the caller keeps the graph).
 */
export async function buildPhase(
  phase: PhaseName,
  build: () => PhaseBuild,
  run: { builder: GraphBuilder; stores: DualWriter; kept: GraphFragment[] | undefined; note: (found: readonly Diagnostic[]) => void; listener: ProgressListener; parseMs: number; signal: AbortSignal | undefined },
): Promise<{ report: Promise<PhaseReport>; taken: Promise<void> }> {
  const { note, listener } = run;
  listener.onPhaseStart?.(phase);
  const t0 = performance.now();
  // The parsing phase's time includes reading and parsing the files; a phase in parts counts its
  // own work, not the time the stores took to take each part.
  const buildMs = phase === 'parsing' ? run.parseMs : 0;
  const size = { nodes: 0, relationships: 0 };
  // A node or relationship that breaks the graph's rules is a bug; it is reported, not fatal.
  const reject = (error: Error): void => note([{ severity: 'error', code: 'internal-error', message: `${phase}: left out of the graph: ${error.message}` }]);
  const normalised = (built: GraphFragment, continues: boolean): GraphFragment => {
    const fragment = run.builder.addFragment(built, reject, { continues });
    run.kept?.push(fragment);
    size.nodes += fragment.nodes.length;
    size.relationships += fragment.relationships.length;
    return fragment;
  };
  const parts = build();
  const state = { continues: false, buildMs };
  const hand = (part: GraphFragment): Promise<void> => run.stores.writePart(phase, normalised(part, state.continues));
  for (let next = nextPart(parts, state, hand); ; next = nextPart(parts, state, hand)) {
    if ('taken' in next) {
      await unlessAborted(next.taken, run.signal);
      continue;
    }
    const started = performance.now();
    const { fragment: built, diagnostics, ...summary } = next.last;
    const fragment = normalised(built, state.continues);
    note(diagnostics);
    const { written, taken } = run.stores.writePhase(phase, fragment);
    const report = phaseReportOf(written, { phase, summary, size, buildMs: state.buildMs + performance.now() - started });
    // A stop before the phases are awaited together leaves these to stores.abort(), not to the process.
    report.catch(() => undefined);
    taken.catch(() => undefined);
    listener.onPhaseEnd?.(phase, performance.now() - t0);
    return { report, taken };
  }
}

/**
 * Builds a phase's next part and hands it to the stores (`taken`: they have it), or gives the
 * phase's last output. A function of its own, out of buildPhase's scope: no part stays in that
 * async function's frame while it waits (V8 keeps a finished block's values in the frame's
 * registers: the 10,000-file tree held its first part of calls to the phase's end), and no
 * closure of it that outlives the phase reaches the processor and its parsed units.
 */
function nextPart(parts: PhaseBuild, state: { continues: boolean; buildMs: number }, hand: (part: GraphFragment) => Promise<void>): { readonly taken: Promise<void> } | { readonly last: PhaseOutput } {
  const started = performance.now();
  const step = parts.next();
  if (step.done) {
    state.buildMs += performance.now() - started;
    return { last: step.value };
  }
  const taken = hand(step.value);
  state.buildMs += performance.now() - started;
  state.continues = true;
  return { taken };
}

/** The phase's report once every store has written it: out of buildPhase's scope, so that its closure holds only these. */
function phaseReportOf(written: Promise<PhaseWriteStats[]>, phase: { phase: PhaseName; summary: Omit<PhaseOutput, 'fragment' | 'diagnostics'>; size: { nodes: number; relationships: number }; buildMs: number }): Promise<PhaseReport> {
  return written.then((stats) => phaseReport(phase.phase, phase.summary, phase.size, phase.buildMs, stats));
}

/** A processor that builds its fragment whole, as a PhaseBuild that yields no part. */
export function whole(build: () => PhaseOutput): () => PhaseBuild {
  return function* () {
    return build();
  };
}

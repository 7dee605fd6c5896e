import type { GraphFragment } from '../graph/model.js';
import type { PhaseName } from '../model/phases.js';
import type { GraphSink, PhaseWriteStats } from './sink.js';

/**
 * Hands every phase's fragment to every sink and keeps the record of what each did: the dual-write
 * report. The primary (JSON) sink's failure is thrown; a secondary sink's failure is recorded, and
 * the sink is asked to skip the phases after it.
 */
export class DualWriter {
  private readonly stats: PhaseWriteStats[] = [];

  constructor(
    private readonly primary: GraphSink,
    private readonly secondary: readonly GraphSink[],
  ) {}

  async writePhase(phase: PhaseName, fragment: GraphFragment): Promise<PhaseWriteStats[]> {
    // The secondary stores load in the background of the primary's write; their errors are data.
    const [first, ...rest] = await Promise.all([
      this.primary.writePhase(phase, fragment),
      ...this.secondary.map((sink) => sink.writePhase(phase, fragment)),
    ]);
    const written = [first!, ...rest];
    this.stats.push(...written);
    return written;
  }

  get report(): readonly PhaseWriteStats[] {
    return this.stats;
  }
}

export function successRate(stats: PhaseWriteStats): number {
  const attempted = stats.nodes.attempted + stats.relationships.attempted;
  if (attempted === 0) return stats.status === 'ok' ? 1 : 0;
  return (stats.nodes.written + stats.relationships.written) / attempted;
}

/**
 * A phase a store loaded into a transaction that never committed (a later phase failed, COMMIT
 * failed, the file could not be put in place): none of its rows are in that store.
 */
export function uncommitted(stats: PhaseWriteStats, reason: string): PhaseWriteStats {
  if (stats.status !== 'ok') return stats;
  return {
    ...stats,
    nodes: { attempted: stats.nodes.attempted, written: 0, failed: stats.nodes.attempted },
    relationships: { attempted: stats.relationships.attempted, written: 0, failed: stats.relationships.attempted },
    status: 'failed',
    reason: `not committed: ${reason}`,
  };
}

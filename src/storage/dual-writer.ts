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

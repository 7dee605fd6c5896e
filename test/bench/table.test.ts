import { describe, it, expect } from 'vitest';
import { checkTargets, mainRows, renderTable, compareWithGenerator, MAIN_HEADERS, type BenchCorpus } from '../../bench/lib/table.mjs';

const run = (workers: number, wallMs: number, peakRssMb: number, ratios: { floor: number | null; kuzu: number | null; rerun: number | null; noKuzuFloor?: number | null }) => ({
  workers, index: { wallMs, peakRssMb, failure: null }, ratios,
});

describe('bench targets', () => {
  it('judges each issue-12 target on the corpora its row names, with two workers', () => {
    const results: BenchCorpus[] = [
      // effect alone is not a corpus any issue-12 row names: its figures judge nothing.
      { name: 'effect', kind: 'real', files: 361, bytes: 6_250_000, runs: [run(2, 6000, 900, { floor: 9, kuzu: 9, rerun: 1, noKuzuFloor: 9 })] },
      { name: 'mix', kind: 'real', files: 1291, bytes: 9_500_000, runs: [
        run(1, 9000, 900, { floor: 3, kuzu: 2, rerun: 2, noKuzuFloor: 3 }),
        { ...run(2, 6000, 390, { floor: 1.45, kuzu: 1.12, rerun: 12, noKuzuFloor: 1.2 }), cpuRatios: { floor: 1.6, kuzu: 1.08, rerun: 9, noKuzuFloor: 1.4 }, cpuBounds: { cores: 2, floor: 0.75, noKuzuFloor: 0.65 } },
      ] },
      { name: 'real-10k', kind: 'real', files: 12000, bytes: 70_000_000, runs: [run(2, 60000, 800, { floor: 1.6, kuzu: 1.05, rerun: 10, noKuzuFloor: 1.3 })] },
      { name: 'synthetic-50000', kind: 'synthetic', files: 50000, bytes: 165_000_000, runs: [run(2, 90000, 1400, { floor: 1.37, kuzu: 1.05, rerun: 10, noKuzuFloor: 1.2 })] },
    ];
    expect(checkTargets(results)).toEqual([
      { target: 'index (Kuzu + validation) <= 1.5x the single-worker parse floor', met: false, figures: 'mix 1.45x (cpu 1.60x, so at least 0.75x on 2 cores), real-10k 1.60x, synthetic-50000 1.37x' },
      { target: 'index <= 1.10x index --no-kuzu', met: false, figures: 'mix 1.12x (cpu 1.08x)' },
      { target: 'index --no-kuzu <= 1.3x the single-worker parse floor', met: true, figures: 'mix 1.20x (cpu 1.40x, so at least 0.65x on 2 cores)' },
      { target: 'peak RSS <= 400 MB on the 9 MB mix', met: true, figures: 'mix 390 MB for 9.5 MB (41.1 MB/MB)' },
      { target: 'unchanged re-index <= 0.1x the full index (x rerun >= 10)', met: true, figures: 'mix 12.00x (cpu 9.00x)' },
      { target: 'peak RSS <= 10 MB per MB of source on the 10,000-file real tree', met: false, figures: 'real-10k 800 MB for 70.0 MB (11.4 MB/MB)' },
      { target: 'peak RSS <= 1.3 GB on the 50,000-file synthetic tree', met: false, figures: 'synthetic-50000 1400 MB for 165.0 MB (8.5 MB/MB)' },
    ]);
  });

  it('leaves out a target whose corpora were not run', () => {
    const results: BenchCorpus[] = [{ name: 'rxjs', kind: 'real', files: 252, bytes: 810_000, runs: [run(2, 2000, 300, { floor: 2, kuzu: 1.3, rerun: 4 })] }];
    expect(checkTargets(results)).toEqual([]);
  });

  it('shows a corpus that could not be prepared as one error row with its note', () => {
    const { rows, notes } = mainRows([{ name: 'three', kind: 'real', bytes: 0, failure: 'npm pack failed: ENOTFOUND' }]);
    expect(notes).toEqual(['three: npm pack failed: ENOTFOUND']);
    expect(rows).toEqual([['three', '', '', '', 'ERR[1]']]);
    const table = renderTable(MAIN_HEADERS, rows).split('\n');
    expect(table).toHaveLength(3);
    expect(table[2]).toMatch(/^three +ERR\[1\]/);
  });
});

describe('compareWithGenerator', () => {
  const expected = { classes: 2, interfaces: 1, functions: 5, types: 1, enums: 0, importEdges: 4, extends: 1, interfaceExtends: 1, implements: 1 };
  it('says exact when the graph holds what the generator planned', () => {
    const totals = { byLabel: { Class: 2, Interface: 1, Function: 5, Type: 1 }, byType: { IMPORTS: 4, INHERITS: 2, IMPLEMENTS: 1 } };
    expect(compareWithGenerator(expected, totals)).toBe('exact');
  });
  it('lists each count that is off as got/planned', () => {
    const totals = { byLabel: { Class: 2, Interface: 1, Function: 4, Type: 1 }, byType: { IMPORTS: 3, INHERITS: 2 } };
    expect(compareWithGenerator(expected, totals)).toBe('Function 4/5, IMPORTS 3/4, IMPLEMENTS 0/1');
  });
});

// Types for bench/lib/table.mjs, so TypeScript tests can import it.
export interface TargetVerdict {
  target: string;
  met: boolean;
  figures: string;
}
export interface BenchRun {
  workers: number;
  index?: { wallMs: number; peakRssMb: number | null; failure?: string | null; report?: unknown } | null;
  ratios: { floor: number | null; kuzu: number | null; rerun: number | null; noKuzuFloor?: number | null; parseFloor?: number | null };
  cpuRatios?: { floor: number | null; kuzu: number | null; rerun: number | null; noKuzuFloor?: number | null; parseFloor?: number | null };
  /** The least floor ratios the run's CPU time allows on `cores` cores (its CPU seconds over the cores, over the floor's wall time). */
  cpuBounds?: { cores: number; floor: number | null; noKuzuFloor: number | null };
  [key: string]: unknown;
}
export interface BenchCorpus {
  name: string;
  kind: 'examples' | 'synthetic' | 'real';
  files?: number;
  bytes: number;
  runs?: BenchRun[];
  failure?: string;
  [key: string]: unknown;
}
export declare function checkTargets(results: BenchCorpus[]): TargetVerdict[];
export declare function renderTable(headers: string[], rows: string[][]): string;
export declare function mainRows(results: BenchCorpus[]): { rows: string[][]; notes: string[] };
export declare const MAIN_HEADERS: string[];
export declare function compareWithGenerator(
  expected: Record<string, number> | null | undefined,
  totals: { byLabel?: Record<string, number>; byType?: Record<string, number> },
): string;

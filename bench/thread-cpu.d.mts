// Types for bench/thread-cpu.mjs, so TypeScript tests can import it.
export interface ThreadSeen {
  pid: number;
  tid: number;
  /** The process's command line, shortened. */
  command: string;
  /** User + system CPU seconds when last seen. */
  cpu: number;
  /** Milliseconds from the start when first and last seen. */
  first: number;
  last: number;
}
export declare function cpuOfStat(stat: string, ticksPerSecond?: number): number;
export declare function threadReport(threads: ThreadSeen[], minCpu?: number): string;

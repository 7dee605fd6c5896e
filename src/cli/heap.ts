import { setFlagsFromString } from 'node:v8';

/**
 * An index run allocates a phase's worth of short-lived objects on top of the parsed units, which
 * live to the end. V8 lets the heap grow up to four times past what a full collection left before
 * the next one, so most of the peak is garbage. Growth of at most half again keeps the peak lower
 * for no measurable time: on the 10,000-file synthetic tree, 738 MB -> 632 MB peak RSS, the same
 * CPU time (docs/benchmarks.md, "Memory at scale"). V8 reads this flag each time it sets the next
 * limit, so it takes effect when set at run time.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

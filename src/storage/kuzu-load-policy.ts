// How a run sizes its Kuzu load to the source it indexes: the buffer pool, and whether the COPYs
// wait until every phase is built. The numbers behind each are in docs/benchmarks.md.

/**
 * From this much source on, Kuzu's loads wait until every phase is built. Kuzu's memory grows
 * with each COPY and the run's with each phase; loaded beside the phases, the two peak together
 * (at the end of the calls phase), and held back, Kuzu grows only once the run has let go of its
 * units. Beside the phases the COPYs also took the second core from the phases' garbage
 * collection: on a large tree the phases go faster without them by about what the end takes
 * longer with them (Kuzu's loads, COMMIT and digest are then the end of the run). Measured
 * (docs/benchmarks.md, two runs each): the 9.5 MB mix, the run +0.24 s and no lower peak (its
 * peak is the parse); the 66 MB real-10k, the same time and a peak RSS of 611-630 MB instead of
 * 703-721; the 165 MB synthetic tree, 94.6 s and 2.10 GB instead of 96.4 s and 2.61 GB. The COPY
 * files of every phase are on disk at once meanwhile.
 */
export const HOLD_LOADS_SOURCE_BYTES = 32 * 2 ** 20;

/** Whether a run over `sourceBytes` of source holds Kuzu's loads back until every phase is built. */
export function holdLoadsFor(sourceBytes: number): boolean {
  return sourceBytes >= HOLD_LOADS_SOURCE_BYTES;
}

/**
 * A buffer pool sized to the load rather than Kuzu's default of 80% of the machine's memory, whose
 * page table Kuzu builds on every open (~130 ms here for 19 GiB, ~10 ms for 256 MiB). A database
 * holds about 10 bytes per byte of source (effect: 6.2 MB of source, 67 MB of graph.kuzu), and a
 * COPY needs its table's pages in the pool, so the pool is that much three times over, at least
 * 256 MiB. 0 (Kuzu's default) where that would be more. (Measured since: a 512 MiB pool loads the
 * 165 MB synthetic tree's 854 MB database as well, the Kuzu process peaking at the same ~1.1 GB,
 * which is its transaction's memory, not the pool's; docs/benchmarks.md, eighth session.)
 */
export function bufferPoolFor(sourceBytes: number, totalMemoryBytes: number): number {
  const wanted = Math.max(256 * 2 ** 20, 32 * sourceBytes);
  return wanted >= 0.8 * totalMemoryBytes ? 0 : Math.ceil(wanted / 2 ** 20) * 2 ** 20;
}

/**
 * From this much source on (the same tree size as `holdLoadsFor`), the tables are digested after
 * the COMMIT by a fresh Kuzu process, not by the one that loaded them. Kuzu holds a transaction's
 * rows in its buffer pool until the COMMIT and keeps the pages cached after it, then the digest
 * reads every page again: the loading process ended the 165 MB synthetic tree's run at ~1.1 GB
 * beside the run's ~0.5 GB. The load's memory goes with its process; a fresh one opens the committed
 * file read-only with a pool sized to it (`digestPoolFor`). Below this size the Kuzu process is not
 * where the run peaks, and a second process only adds its start (~0.2 s).
 */
export function digestApartFor(sourceBytes: number): boolean {
  return sourceBytes >= HOLD_LOADS_SOURCE_BYTES;
}

/**
 * The buffer pool of the process that digests a committed database of `databaseBytes` apart from
 * its load: 0.6 of the file, at least 256 MiB. Measured on the 165 MB synthetic tree's 858 MB file
 * (two connections, docs/benchmarks.md): a 512 MiB pool digests as fast as 5.3 GiB (5.2 s, the process
 * peaking at 692 MB against 725), 384 MiB takes 7.1 s, 256 MiB 9.5 s (446 MB); real-10k's 176 MB
 * file takes 0.86 s whatever the pool from 128 MiB up. 0 (Kuzu's default) where the pool would be
 * most of the machine's memory.
 */
export function digestPoolFor(databaseBytes: number, totalMemoryBytes: number): number {
  const wanted = Math.max(256 * 2 ** 20, 0.6 * databaseBytes);
  return wanted >= 0.8 * totalMemoryBytes ? 0 : Math.ceil(wanted / 2 ** 20) * 2 ** 20;
}

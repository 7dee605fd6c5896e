import { mkdir, rm } from 'node:fs/promises';
import type { GraphFragment, GraphHeader, NodeLabel } from '../graph/model.js';
import type { PhaseName } from '../model/phases.js';
import { StorageError, reasonOf } from '../errors.js';
import { schemaStatements } from './kuzu-schema.js';
import { emptyStats, type GraphSink, type PartRows, type PhaseWriteStats } from './sink.js';
import { KuzuClient } from './kuzu-client.js';
import type { BatchResult } from './kuzu-protocol.js';
import type { StoreDigest } from './kuzu-digest.js';
import { digestCommitted, digestInFreshProcess } from './committed-digest.js';
import { CopyFiles, type PreparedCopy } from './kuzu-copy-files.js';

export interface KuzuSinkOptions {
  /** Where the fresh database is built; it is swapped in by the output transaction. */
  readonly stagedPath: string;
  /** Folder for the CSV files COPY reads; removed at the end. */
  readonly scratchDir: string;
  /** Rows encoded and appended to a COPY's CSV file at a time (each table is one COPY). */
  readonly batchSize: number;
  /** Kuzu's buffer pool; see `bufferPoolFor` (kuzu-load-policy.ts). */
  readonly bufferPoolBytes: number;
  /** Work out every table's digest right after the COMMIT (the run validates by digest). */
  readonly digest?: boolean;
  /** The statement giving a table's digest (row-digest.ts); tests hand another to inject a fault. */
  readonly digestStatement?: (table: string) => string;
  /**
   * Hold the COPYs back until every phase has been handed over (`startHeldLoads`): their files
   * are written phase by phase as usual, and Kuzu loads them all once the run has let go of its
   * parsed units. See `holdLoadsFor` (kuzu-load-policy.ts).
   */
  readonly holdLoads?: boolean;
  /**
   * Digest the committed tables in a fresh Kuzu process, once the loading one has ended: see
   * `digestApartFor` (kuzu-load-policy.ts).
   */
  readonly digestApart?: boolean;
}

/**
 * Loads each phase into a fresh Kuzu database with COPY FROM CSV, the fastest loading method
 * measured (docs/adr/0001-kuzu-loading.md), in a child process (kuzu-process.ts) so that a native
 * crash fails the load, not the run. All phases load into one transaction that finish() commits;
 * after a failed statement or COMMIT the staged database is abandoned, so a half-loaded database
 * is never swapped in.
 */
export class KuzuSink implements GraphSink {
  readonly name = 'kuzu' as const;
  private client: KuzuClient | undefined;
  private failure: string | undefined;
  private readonly files: CopyFiles;
  private committedMs = 0;
  private digested: StoreDigest | undefined;
  private stopped = false;

  constructor(private readonly options: KuzuSinkOptions) {
    this.files = new CopyFiles(options.scratchDir, options.batchSize);
    if (options.holdLoads) this.queue = new Promise<void>((resolve) => (this.releaseLoads = resolve));
  }

  /** Starts the loads held back (holdLoads): every phase has been handed over. */
  startHeldLoads(): void {
    this.releaseLoads();
  }

  private releaseLoads: () => void = () => undefined;

  /**
   * The Kuzu process's time on COMMIT and CHECKPOINT in finish(): the run's rows written to disk
   * at once, for every phase, so it belongs to none of them (the run reports it as its own timing).
   */
  get finishMs(): number {
    return this.committedMs;
  }

  /**
   * Every table's row count and digest, computed by Kuzu right after the COMMIT (while graph.json is
   * still being written): index's validation compares them with graph.json's (validate/digest-validation.ts).
   */
  get digest(): StoreDigest | undefined {
    return this.digested;
  }

  /** The reason the store failed, once it has. */
  get failedReason(): string | undefined {
    return this.failure;
  }

  async open(): Promise<void> {
    try {
      await removeDatabase(this.options.stagedPath);
      await mkdir(this.options.scratchDir, { recursive: true });
      if (this.stopped) throw new StorageError('the run was stopped');
      this.client = new KuzuClient();
      await this.client.request({ op: 'open', path: this.options.stagedPath, bufferPoolBytes: this.options.bufferPoolBytes });
      // Loads that are not held back create the tables now, while the files are parsed: see createTables.
      if (!this.options.holdLoads) this.createTables().catch(() => undefined);
    } catch (error) {
      this.failure = `cannot create the Kuzu database at ${this.options.stagedPath}: ${reasonOf(error)}`;
      await this.abort();
      throw new StorageError(this.failure, { cause: error });
    }
  }

  /**
   * A load first writes every COPY file of the phase, then runs the COPYs: `taken()` settles in
   * between, once the fragment is no longer needed. The COPYs run one after another on the one
   * connection; a phase's files are written as soon as the phase before has written its own (its
   * nodes' labels place the relationships), not once its COPYs are done, so the caller builds the
   * next phase while Kuzu loads this one and the one before.
   */
  writePhase(phase: PhaseName, fragment: GraphFragment, parts?: PartRows): Promise<PhaseWriteStats> {
    const stats = emptyStats(phase, 'kuzu', fragment, parts);
    let release!: () => void;
    this.lastTaken = new Promise<void>((resolve) => (release = resolve));
    // The closures below share one scope that lives until the phase's COPYs are done; naming
    // `fragment` there would keep the phase's rows that long, so they take it from `held`, once.
    const held: { fragment?: GraphFragment } = { fragment };
    const prepared = this.encoding
      .then(() => {
        const taking = held.fragment ?? { nodes: [], relationships: [] };
        delete held.fragment;
        return this.prepare(phase, taking, stats);
      })
      .finally(release);
    this.encoding = prepared.then(
      () => undefined,
      () => undefined,
    );
    const load = Promise.all([prepared, this.queue]).then(([ready]) => ('status' in ready ? ready : this.copyAll(phase, ready, stats)));
    this.queue = load.then(
      () => undefined,
      () => undefined,
    );
    return load;
  }

  /**
   * Takes a part of a phase handed over in parts: its rows are added to the phase's COPY files,
   * which the phase's last part, handed to writePhase, completes and loads (still one COPY per
   * group). Settles once the part is written (the caller may let it go); a failure here is the
   * phase's, reported by writePhase, and the phase's later parts are not written.
   */
  writePart(_phase: PhaseName, fragment: GraphFragment): Promise<void> {
    const written = this.encoding.then(async () => {
      if (this.failure || !this.client || this.partError !== undefined) return;
      try {
        await this.writeGroups(fragment);
      } catch (error) {
        this.partError = { error };
      }
    });
    this.encoding = written;
    this.lastTaken = written;
    return written;
  }

  /** The first failure writing a part of the phase being handed over in parts. */
  private partError: { readonly error: unknown } | undefined;

  /** Settles once the last fragment handed to writePhase is encoded into COPY files (or failed). */
  taken(): Promise<void> {
    return this.lastTaken;
  }

  /** The last phase's COPYs, which the next phase's COPYs wait for. */
  private queue: Promise<void> = Promise.resolve();
  /** The last phase's COPY files being written, which the next phase's wait for. */
  private encoding: Promise<void> = Promise.resolve();
  private lastTaken: Promise<void> = Promise.resolve();

  /**
   * Writes the phase's last rows to its COPY files (its parts', if it came in parts, are there
   * already) and completes them; or the phase's final stats.
   */
  private async prepare(phase: PhaseName, fragment: GraphFragment, stats: Stats): Promise<PreparedPhase | PhaseWriteStats> {
    if (this.failure || !this.client) return this.skipped(stats);
    // The phase's time is the store's own work: encoding its rows here plus the Kuzu process's
    // time on its statements, not the time a reply waited while this thread built the next phase.
    const failedPart = this.partError;
    this.partError = undefined;
    if (failedPart) return this.failed(phase, stats, failedPart.error, this.files.takeEncodeMs());
    try {
      await this.writeGroups(fragment);
      return { copies: this.files.take(), encodeMs: this.files.takeEncodeMs() };
    } catch (error) {
      return this.failed(phase, stats, error, this.files.takeEncodeMs());
    }
  }

  /** Adds a fragment's rows to the COPY files of their tables, its nodes' labels kept first unless the run's builder has them. */
  private async writeGroups(fragment: GraphFragment): Promise<void> {
    if (!this.shared) for (const n of fragment.nodes) this.labels.set(n.id, n.label);
    await this.files.add(fragment, (id) => this.labelOf(id));
  }

  private async copyAll(phase: PhaseName, prepared: PreparedPhase, stats: Stats): Promise<PhaseWriteStats> {
    // A phase before this one may have failed after this one's files were written.
    if (this.failure || !this.client) return this.skipped(stats);
    const busyBefore = this.client.busyMs;
    const spent = (): number => prepared.encodeMs + (this.client?.busyMs ?? busyBefore) - busyBefore;
    try {
      await this.createTables();
      // The phase's COPYs go to the Kuzu process at once: it runs them back to back, stopping at
      // the first failure, while this thread builds the next phase (sent one by one, each waited
      // for a reply this thread was too busy to read: 0.4 s of the mix's end was that wait).
      const { results, error } = await this.batch(prepared.copies.map((copy) => copy.statement));
      for (const [i, result] of results.entries()) {
        const copy = prepared.copies[i]!;
        stats[copy.section].written += loadedRows(copy, result);
      }
      await Promise.all(prepared.copies.slice(0, results.length).map((copy) => rm(copy.file, { force: true })));
      if (error !== undefined) throw new StorageError(error);
      return { ...stats, ms: spent(), status: 'ok' };
    } catch (error) {
      return this.failed(phase, stats, error, spent());
    }
  }

  /** A phase not loaded: an earlier one failed, or there is no database (any more). */
  private skipped(stats: Stats): PhaseWriteStats {
    return { ...stats, ms: 0, status: 'skipped', reason: this.failure ?? 'the Kuzu database is not open' };
  }

  private failed(phase: PhaseName, stats: Stats, error: unknown, ms: number): PhaseWriteStats {
    // Kuzu 0.11.3 rolls the whole transaction back on a failed statement and runs the next ones
    // in transactions of their own, so nothing more may be sent: the load stops here, and the
    // phases before this one, loaded into the same transaction, are not written either.
    this.failure = `${phase}: ${reasonOf(error)}`;
    stats.nodes.failed = stats.nodes.attempted - stats.nodes.written;
    stats.relationships.failed = stats.relationships.attempted - stats.relationships.written;
    return { ...stats, ms, status: 'failed', reason: reasonOf(error) };
  }

  async finish(_header: GraphHeader): Promise<string> {
    this.releaseLoads();
    // Every phase's COPY files are written once the last encoding settles: the relationships'
    // ends need no labels any more (a large tree's ids are tens of MB kept by this map alone).
    await this.encoding;
    this.labels = new Map();
    this.shared = undefined;
    await this.queue;
    if (this.failure) throw new StorageError(this.failure);
    try {
      const client = this.client;
      if (!client) throw new StorageError('the Kuzu database is not open');
      await this.createTables();
      const busyBefore = client.busyMs;
      // A COMMIT that fails ("No active transaction" after a rollback nobody was told of, a full
      // disk) is a failed load: the database holds none of the run's rows.
      await this.run('COMMIT').catch((error: unknown) => {
        throw new StorageError(`the Kuzu transaction did not commit: ${reasonOf(error)}`);
      });
      await this.run('CHECKPOINT');
      this.committedMs = client.busyMs - busyBefore;
      if (this.options.digest) this.digested = this.options.digestApart ? await this.digestApart() : await digestCommitted(client, this.options.digestStatement);
      await this.close();
      await rm(this.options.scratchDir, { recursive: true, force: true });
      return this.options.stagedPath;
    } catch (error) {
      // The message carries the reason already: a cause would print it twice.
      this.failure = `finishing the database: ${reasonOf(error)}`;
      await this.abort();
      throw new StorageError(this.failure);
    }
  }

  /**
   * The digest by a fresh Kuzu process, once this one has closed the database and ended. Its time
   * is the whole of it: the close, the new process's start, the open and the statements.
   */
  private async digestApart(): Promise<StoreDigest> {
    const started = performance.now();
    await this.close();
    // abort() stops whichever process this.client is: a stop before the start ends the digest there.
    const start = (): KuzuClient | undefined => (this.stopped ? undefined : (this.client = new KuzuClient()));
    const digest = await digestInFreshProcess(this.options.stagedPath, start, this.options.digestStatement);
    return { ...digest, ms: performance.now() - started };
  }

  async abort(): Promise<void> {
    // The staged database is abandoned: its process is stopped at once, whatever it is loading
    // (closing the connection under a running load could crash the binding, and closing the
    // database on a full disk never returns, see KuzuClient.kill; ending the process cannot).
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.kill();
    // Loads still held back find no database, and end.
    this.releaseLoads();
    await this.encoding;
    await this.queue;
    await removeDatabase(this.options.stagedPath);
    await rm(this.options.scratchDir, { recursive: true, force: true });
  }

  /** Each loaded node's label, by id: where a relationship's ends go. Kept here unless the run's builder shares its own (useLabels). */
  private labels = new Map<string, NodeLabel>();
  private shared: ReadonlyMap<string, NodeLabel> | undefined;

  /** Reads nodes' labels from the run's builder rather than keeping them (GraphSink.useLabels). */
  useLabels(labels: ReadonlyMap<string, NodeLabel>): void {
    this.shared = labels;
  }

  private tables: Promise<void> | undefined;

  /**
   * Creates the tables and begins the run's transaction, once. Loads held back (a large tree) do
   * it at their first COPY: the ten node tables' key indexes take ~58 MB of the Kuzu process as
   * they are created, which it would otherwise hold through the whole parse and the phases, when
   * the run's memory is highest. Other runs do it at open, beside the parse: their peak is at the
   * end, where Kuzu holds its loaded rows, and the DDL (120–200 ms beside the phases on the mix)
   * would otherwise be the first link of Kuzu's chain after the parse, the end of the run.
   */
  private createTables(): Promise<void> {
    this.tables ??= (async () => {
      // Every load of the run goes into this one transaction, committed by finish(): outside a
      // transaction Kuzu 0.11.3 checkpoints after every COPY (20–80 ms each, whatever its size);
      // inside it a COPY costs 1–4 ms and the run pays for one COMMIT (docs/adr/0001).
      const { error } = await this.batch([...schemaStatements(), 'BEGIN TRANSACTION']);
      if (error !== undefined) throw new StorageError(error);
    })();
    return this.tables;
  }

  private labelOf(id: string): NodeLabel {
    const label = (this.shared ?? this.labels).get(id);
    if (!label) throw new StorageError(`relationship endpoint '${id}' was not loaded`);
    return label;
  }

  private async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.close();
  }

  private async run(statement: string): Promise<string> {
    if (!this.client) throw new StorageError('the Kuzu database is not open');
    return this.client.request({ op: 'exec', statement });
  }

  /** Runs the statements in order in the Kuzu process, up to the first that fails. */
  private async batch(statements: readonly string[]): Promise<BatchResult> {
    if (!this.client) throw new StorageError('the Kuzu database is not open');
    return JSON.parse(await this.client.request({ op: 'batch', statements })) as BatchResult;
  }
}

/** The rows a COPY says it loaded, which must be every row of its file. */
function loadedRows(copy: PreparedCopy, result: string): number {
  const copied = /^(\d+) tuples/.exec(result);
  const loaded = copied ? Number(copied[1]) : copy.count;
  if (loaded !== copy.count) throw new StorageError(`${copy.table}: COPY loaded ${loaded} of ${copy.count} rows`);
  return loaded;
}

type Stats = ReturnType<typeof emptyStats>;

interface PreparedPhase {
  readonly copies: readonly PreparedCopy[];
  /** This process's time writing the phase's COPY files, the first part of the phase's own time. */
  readonly encodeMs: number;
}

/** Sidecar files Kuzu keeps beside a database file. */
export const KUZU_SIDECARS = ['.wal', '.shadow'] as const;

async function removeDatabase(file: string): Promise<void> {
  await Promise.all([file, ...KUZU_SIDECARS.map((ext) => file + ext)].map((f) => rm(f, { force: true, recursive: true })));
}


import path from 'node:path';
import { reasonOf } from '../errors.js';
import type { GraphFragment, GraphHeader, NodeLabel } from '../graph/model.js';
import type { PhaseName } from '../model/phases.js';
import type { StoreDigest } from './kuzu-digest.js';
import { KUZU_SIDECARS } from './kuzu-sink.js';
import { GRAPH_JSON, GRAPH_KUZU, type FileStamp, type OutputTransaction } from './output-dir.js';
import { emptyStats, type GraphSink, type PartRows, type PhaseWriteStats, type StoreName, type StoreStatus } from './sink.js';

/** Each store's file in the output folder, the files it keeps beside it, and what it is. */
const STORE_FILES: Record<StoreName, { readonly file: string; readonly sidecars: readonly string[]; readonly what: string }> = {
  json: { file: GRAPH_JSON, sidecars: [], what: 'a JSON file' },
  kuzu: { file: GRAPH_KUZU, sidecars: KUZU_SIDECARS, what: 'a Kuzu database file' },
};

/** The stores' part of the commit: staged files to swap in, old files to delete. */
export interface StoredOutput {
  readonly renames: readonly (readonly [staged: string, finalName: string])[];
  readonly deletes: readonly string[];
  /** Size and mtime of the files written, for report.json (a later unchanged run checks them). */
  readonly outputs: { readonly graphJson?: FileStamp; readonly graphKuzu?: FileStamp };
  /** Each secondary store's own time finishing its file (Kuzu: COMMIT and CHECKPOINT). */
  readonly finishMs: Partial<Record<StoreName, number>>;
  /** The digests of the secondary stores that finished and computed one (Kuzu, after its COMMIT). */
  readonly digests: Partial<Record<StoreName, StoreDigest>>;
}

/**
 * Hands every phase's fragment to every store of a run and keeps what became of each. The first
 * sink (graph.json) is primary: its failure is thrown. The others are secondary: their failure to
 * open, load or finish is recorded (the run ends degraded), and a failed one loads nothing more.
 */
export class DualWriter {
  private readonly primary: GraphSink;
  private readonly secondary: readonly GraphSink[];
  private readonly statuses = new Map<GraphSink, StoreStatus>();
  private readonly opening: Promise<void>;
  /** Each secondary store's loads so far, which its finish waits for. */
  private readonly loads = new Map<GraphSink, Promise<void>>();

  constructor(
    private readonly tx: OutputTransaction,
    sinks: readonly GraphSink[],
  ) {
    const [primary, ...secondary] = sinks;
    if (!primary) throw new Error('a run needs at least one store');
    this.primary = primary;
    this.secondary = secondary;
    // Secondary stores open in the background: Kuzu's process opens its database file while the
    // files are parsed (its tables come with the first load, kuzu-sink.ts).
    this.opening = Promise.all(
      secondary.map(async (sink) => {
        this.statuses.set(sink, { status: 'ok' });
        await sink.open?.().catch((error: unknown) => this.degrade(sink, 'open', reasonOf(error)));
      }),
    ).then(() => undefined);
  }

  /** Settles once every secondary store is open or has failed to. */
  opened(): Promise<void> {
    return this.opening;
  }

  /**
   * Writes a phase to every store that opened; stores load in the background of the next phase,
   * one phase after another. A store whose load failed loads no more: its later phases are skipped.
   * `taken` settles once no store needs the fragment any more: the caller waits for it before it
   * builds the next phase, so that a run holds one phase's nodes and relationships at a time.
   */
  writePhase(phase: PhaseName, fragment: GraphFragment): { written: Promise<PhaseWriteStats[]>; taken: Promise<void> } {
    // The loads' closures live until the slowest store has loaded the phase (Kuzu's COPYs of one
    // phase go on while the next is built), so they reach the fragment only through `held`, which
    // lets go of it once every store has taken it. A function here naming `fragment`, even one
    // that runs at once, would keep it as long as they live: inner functions share their scope.
    const held: { fragment?: GraphFragment } = { fragment };
    const loads: Promise<PhaseWriteStats | undefined>[] = [];
    const taken: Promise<void>[] = [];
    const parts = this.partRows;
    this.partRows = { nodes: 0, relationships: 0 };
    for (const sink of this.secondary) {
      const load = this.load(sink, phase, held, parts, emptyStats(phase, sink.name, fragment, parts));
      loads.push(load.stats);
      taken.push(load.taken);
    }
    const primary = this.opening.then(() => this.primary.writePhase(phase, heldFragment(held), parts));
    const written = Promise.all([primary, ...loads]).then((stats) => stats.filter((s) => s !== undefined));
    const allTaken = Promise.all([primary.then(() => undefined), ...taken]).then(() => {
      delete held.fragment;
    });
    return { written, taken: allTaken };
  }

  /** The builder's node labels, for the stores that read them (GraphSink.useLabels); before the first phase. */
  useLabels(labels: ReadonlyMap<string, NodeLabel>): void {
    for (const sink of [this.primary, ...this.secondary]) sink.useLabels?.(labels);
  }

  /**
   * Hands a part of a phase to every store (a phase built in parts: PhaseBuild); the phase's last
   * part comes by writePhase, which hands the stores the rows of its parts, and whose stats count
   * the whole phase. Settles once every store has taken the part, so the caller lets it go before
   * it builds the next. The primary store's failure is thrown; a secondary store's failure to take
   * a part degrades it, like a failed load.
   */
  async writePart(phase: PhaseName, fragment: GraphFragment): Promise<void> {
    await this.opening;
    this.partRows = { nodes: this.partRows.nodes + fragment.nodes.length, relationships: this.partRows.relationships + fragment.relationships.length };
    const take = (sink: GraphSink): Promise<void> => {
      if (!sink.writePart) throw new Error(`the ${sink.name} store cannot take a phase in parts`);
      return sink.writePart(phase, fragment);
    };
    const secondary = this.secondary
      .filter((sink) => this.status(sink.name).status === 'ok')
      .map((sink) => take(sink).catch((error: unknown) => this.degrade(sink, phase, reasonOf(error))));
    await Promise.all([take(this.primary), ...secondary]);
  }

  /** The rows of the current phase's parts handed over so far (writePart), for its stats. */
  private partRows: PartRows = { nodes: 0, relationships: 0 };

  /**
   * A secondary store's load of a phase; `skipped`: its stats if it is not loaded. It is handed to
   * the store at once (the store queues its loads itself, and skips those after a failed one), so
   * that the store can take it while it still loads the phase before.
   */
  private load(sink: GraphSink, phase: PhaseName, held: { readonly fragment?: GraphFragment }, parts: PartRows, skipped: ReturnType<typeof emptyStats>): { stats: Promise<PhaseWriteStats | undefined>; taken: Promise<void> } {
    let release!: () => void;
    const taken = new Promise<void>((resolve) => (release = resolve));
    const stats = this.opening.then(async (): Promise<PhaseWriteStats | undefined> => {
      if (this.statuses.get(sink)?.phase === 'open') return undefined;
      const status = this.status(sink.name);
      if (status.status !== 'ok') return { ...skipped, ms: 0, status: 'skipped', reason: `${status.phase}: ${status.reason ?? ''}` };
      const writing = sink.writePhase(phase, heldFragment(held), parts);
      void (sink.taken?.() ?? writing).then(release, release);
      const loaded = await writing;
      if (loaded.status === 'failed') this.degrade(sink, phase, loaded.reason ?? 'load failed');
      return loaded;
    });
    void stats.then(release, release);
    const settled = stats.then(() => undefined, () => undefined);
    const before = this.loads.get(sink);
    this.loads.set(sink, before ? Promise.all([before, settled]).then(() => undefined) : settled);
    return { stats, taken };
  }

  /**
   * Finishes every store. A secondary store whose load failed gives its disk space back before
   * graph.json is written; a sound one finishes (Kuzu: COMMIT and CHECKPOINT, in its own process)
   * while graph.json is written. Should graph.json fail while a secondary store's finish failed too
   * (a full disk: that store may have taken the room), it is written again once the room is back.
   * A store that is not rebuilt loses its old file in the commit, so it can never disagree
   * silently with graph.json.
   */
  async finish(header: GraphHeader): Promise<StoredOutput> {
    const finishing: Promise<readonly [string, string] | undefined>[] = [];
    for (const sink of this.secondary) sink.startHeldLoads?.();
    for (const sink of this.secondary) {
      // A store whose load failed gives its room back before graph.json is written.
      if (this.status(sink.name).status !== 'ok') await this.explainAndAbort(sink);
      else finishing.push(this.finishSecondary(sink, header));
    }
    const primary = settle(this.primary.finish(header));
    const finished = await Promise.all(finishing);
    let written = await primary;
    if ('error' in written && finished.includes(undefined)) written = await settle(this.primary.finish(header));
    if ('error' in written) throw written.error;
    const renames: (readonly [string, string])[] = [[written.value, STORE_FILES[this.primary.name].file], ...finished.filter((r) => r !== undefined)];
    const staged = new Map(renames.map(([from, file]) => [file, from]));
    const deletes = Object.values(STORE_FILES).flatMap(({ file, sidecars }) => [...sidecars.map((ext) => file + ext), ...(staged.has(file) ? [] : [file])]);
    const stamp = async (file: string) => (staged.has(file) ? await this.tx.stamp(staged.get(file)!) : undefined);
    const [graphJson, graphKuzu] = await Promise.all([stamp(GRAPH_JSON), stamp(GRAPH_KUZU)]);
    const finishMs = Object.fromEntries(this.secondary.flatMap((s) => (s.finishMs === undefined ? [] : [[s.name, Math.round(s.finishMs)]])));
    const finishedOk = this.secondary.filter((s) => this.status(s.name).status === 'ok');
    const digests = Object.fromEntries(finishedOk.flatMap((s) => (s.digest === undefined ? [] : [[s.name, s.digest]])));
    return { renames, deletes, outputs: { ...(graphJson ? { graphJson } : {}), ...(graphKuzu ? { graphKuzu } : {}) }, finishMs, digests };
  }

  /**
   * Finishes a secondary store once its last loads are done (the run may finish the stores while
   * Kuzu still runs the last COPYs, graph.json being merged meanwhile): only then is it judged, so
   * that a store given up at the end gave up every phase it had loaded. Its staged file, or none.
   */
  private async finishSecondary(sink: GraphSink, header: GraphHeader): Promise<readonly [string, string] | undefined> {
    const { file, what } = STORE_FILES[sink.name];
    await this.loads.get(sink);
    if (this.status(sink.name).status === 'ok' && (await this.tx.isFolder(file))) {
      this.degrade(sink, 'finish', `${path.join(this.tx.outDir, file)} is a folder, not ${what}: move it away`);
    }
    if (this.status(sink.name).status !== 'ok') {
      await this.explainAndAbort(sink);
      return undefined;
    }
    return sink.finish(header).then(
      (staged) => [staged, file] as const,
      async (error: unknown) => {
        this.degrade(sink, 'finish', reasonOf(error));
        await this.explainAndAbort(sink);
        return undefined;
      },
    );
  }

  /**
   * The phases' records as they stand after finish: a store that ended degraded kept none of what
   * it loaded (Kuzu loads every phase into one transaction that was never committed, and its
   * staged file is removed), so its phases that had loaded say so, with nothing written.
   */
  written(stats: readonly PhaseWriteStats[]): PhaseWriteStats[] {
    return stats.map((s) => {
      const status = this.status(s.store);
      return status.status === 'degraded' ? uncommitted(s, `${status.phase}: ${status.reason ?? ''}`) : s;
    });
  }

  /** What became of the store of that name; `disabled` when the run has none. */
  status(name: StoreName): StoreStatus {
    const sink = [this.primary, ...this.secondary].find((s) => s.name === name);
    return (sink && this.statuses.get(sink)) ?? { status: sink ? 'ok' : 'disabled' };
  }

  /** Stops every store at once and removes what they staged (the run failed or was stopped). */
  async abort(): Promise<void> {
    await Promise.all([this.primary, ...this.secondary].map((s) => s.abort().catch(() => undefined)));
    await this.opening;
  }

  private degrade(sink: GraphSink, phase: StoreStatus['phase'], reason: string): void {
    if (this.statuses.get(sink)?.status !== 'degraded') this.statuses.set(sink, { status: 'degraded', phase, reason });
  }

  /** A failed load on a nearly full disk says so (Kuzu's own message rarely does); then the store goes. */
  private async explainAndAbort(sink: GraphSink): Promise<void> {
    const status = this.statuses.get(sink);
    const free = await this.tx.freeBytes();
    if (status && free !== undefined && free < 64 * 1024 * 1024) {
      this.statuses.set(sink, { ...status, reason: `${status.reason} (only ${Math.round(free / 1024)} KiB free on the output folder's disk)` });
    }
    await sink.abort();
  }
}

/**
 * A phase a store loaded but never committed (a later phase failed, its COMMIT failed, the file
 * could not be put in place): none of its rows are in that store.
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

async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** The fragment a store is handed: it is let go only once every store has taken it, so it is there. */
function heldFragment(held: { readonly fragment?: GraphFragment }): GraphFragment {
  if (!held.fragment) throw new Error('a phase was handed to a store after every store had taken it');
  return held.fragment;
}

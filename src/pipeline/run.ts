import { totalmem } from 'node:os';
import path from 'node:path';
import { GraphBuilder } from '../graph/builder.js';
import { compareIds } from '../graph/ids.js';
import type { CodeGraph, GraphFragment } from '../graph/model.js';
import type { IndexOptions } from '../config/options.js';
import { walk } from '../discover/walk.js';
import { InterruptedError, reasonOf } from '../errors.js';
import { DualWriter, uncommitted } from '../storage/dual-writer.js';
import { JsonSink } from '../storage/json-sink.js';
import { KUZU_SIDECARS, KuzuSink, bufferPoolFor } from '../storage/kuzu-sink.js';
import { GRAPH_JSON, GRAPH_KUZU, OutputTransaction, REPORT_JSON } from '../storage/output-dir.js';
import type { GraphSink } from '../storage/sink.js';
import { replaceReport, writeReport } from '../storage/report-file.js';
import { REPORT_VERSION, type IndexReport, type KuzuStatus, type PhaseReport } from '../report/index-report.js';
import { CODEGRAPH_VERSION } from '../version.js';
import { buildStructure } from './structure.js';
import { buildDefinitions } from './definitions.js';
import { buildHeritage } from './heritage.js';
import { buildImports } from './imports.js';
import { buildCalls } from './calls.js';
import { loadConfig, resolveProject } from './resolution.js';
import { formatChange, inputFingerprint, keepPrevious, unchangedSince } from '../cache/unchanged.js';
import { hashFiles } from '../discover/hash.js';
import { parseWithCache } from '../cache/incremental.js';
import { summarizeDiagnostics } from './diagnostics.js';
import { unlessAborted } from './abort.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { PhaseName, PhaseOutput, ProgressListener } from '../model/phases.js';

export interface RunContext {
  readonly listener?: ProgressListener;
  /** Checks the committed output folder; `kuzu: false` checks graph.json alone. */
  readonly validate?: (outDir: string, options: { kuzu: boolean }) => Promise<{ consistent: boolean; result: unknown }>;
  /** Called once the run knows it will write new output: validation may get ready meanwhile. */
  readonly willWrite?: () => void;
  /**
   * Stops the run at once (SIGINT/SIGTERM; the reason is the signal's name): it rejects with an
   * InterruptedError once its workers and child processes are stopped, its staged files removed
   * and the lock released. Before the commit, the previous output stays as it was.
   */
  readonly signal?: AbortSignal;
}

export interface IndexRun {
  readonly report: IndexReport;
  /** The graph built; absent when the inputs were unchanged and the last run's output was kept. */
  readonly graph?: CodeGraph;
}

/**
 * The whole pipeline on one screen: walk, parse, then the four processors in order, each
 * fragment dual-written; then both stores are finished, checked, and swapped in together.
 */
export async function runIndex(options: IndexOptions, ctx: RunContext = {}): Promise<IndexRun> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try {
      return await unlessAborted(Promise.resolve(work()), ctx.signal);
    } finally {
      timings[name] = Math.round(performance.now() - t0);
      ctx.signal?.throwIfAborted();
    }
  };
  const listener = ctx.listener ?? {};
  const tx = await OutputTransaction.begin(options.outDir);
  const json = new JsonSink(tx.staged(GRAPH_JSON));
  let kuzu: KuzuSink | undefined;
  let kuzuStatus: KuzuStatus = { status: options.kuzu ? 'ok' : 'disabled' };
  /** Settles once the database is open, with the reason when it could not be. */
  let kuzuOpening: Promise<string | undefined> | undefined;
  let committed = false;
  try {
    const diagnostics: Diagnostic[] = [];
    const report = (d: readonly Diagnostic[]): void => {
      for (const item of d) {
        diagnostics.push(item);
        listener.onDiagnostic?.(item);
      }
    };

    const walked = await time('walk', () => walk({ root: options.repo, outDir: options.outDir, include: options.include, exclude: options.exclude }));
    report(walked.diagnostics);
    listener.onFilesFound?.(walked.files);
    const hashes = options.incremental ? await time('hash', () => hashFiles(walked.files.map((f) => f.absPath))) : undefined;
    const loaded = await time('config', () => loadConfig(options.repo, walked.files.map((f) => f.relPath), options.outDir));
    const fingerprint = inputFingerprint(options, walked.files, hashes, loaded.configHash);

    const oldFormat = await formatChange(options.outDir);
    if (oldFormat) listener.onMessage?.(oldFormat);
    // Nothing changed since a clean last run: its output is exactly what this run would write.
    const previous = await unchangedSince(tx, options, fingerprint);
    ctx.signal?.throwIfAborted();
    if (previous) {
      listener.onMessage?.('unchanged since the last run: keeping its output');
      return await keepPrevious(previous, { options, timings, started, startedAt });
    }
    ctx.willWrite?.();
    // The database is created while the files are parsed.
    const sourceBytes = walked.files.reduce((sum, f) => sum + f.size, 0);
    if (options.kuzu) {
      kuzu = new KuzuSink({ stagedPath: tx.staged(GRAPH_KUZU), scratchDir: tx.staged('scratch'), batchSize: options.batchSize, bufferPoolBytes: bufferPoolFor(sourceBytes, totalmem()) });
      kuzuOpening = kuzu.open().then(
        () => undefined,
        (error: unknown) => reasonOf(error),
      );
    }

    const parsed = await time('parse', () =>
      parseWithCache(walked.files, { outDir: options.outDir, workers: options.workers, maxFileSize: options.maxFileSize, incremental: options.incremental, hashes, ...(ctx.signal ? { signal: ctx.signal } : {}) }, listener),
    );
    const units = parsed.units;
    const symbols = await time('resolve', () => resolveProject(options.repo, units, loaded.config));
    report(symbols.diagnostics);

    const openFailure = kuzuOpening ? await unlessAborted(kuzuOpening, ctx.signal) : undefined;
    if (openFailure !== undefined) kuzuStatus = { status: 'degraded', phase: 'open', reason: openFailure };
    const writer = new DualWriter(json, kuzu && openFailure === undefined ? [kuzu] : []);
    const builder = new GraphBuilder();
    const pending: Promise<PhaseReport>[] = [];
    const steps: readonly [PhaseName, () => PhaseOutput][] = [
      ['structure', () => buildStructure(options.rootName, units)],
      ['parsing', () => merge(buildDefinitions(units), buildHeritage(units, symbols.resolver))],
      ['imports', () => buildImports(units, symbols.resolver)],
      ['calls', () => buildCalls(units, symbols.resolver)],
    ];
    for (const [phase, build] of steps) {
      ctx.signal?.throwIfAborted();
      listener.onPhaseStart?.(phase);
      const t0 = performance.now();
      const output = build();
      // A node or relationship that breaks the graph's rules is a bug; it is reported, not fatal.
      const fragment = builder.addFragment(output.fragment, (error) =>
        report([{ severity: 'error', code: 'internal-error', message: `${phase}: left out of the graph: ${error.message}` }]),
      );
      const buildMs = performance.now() - t0 + (phase === 'parsing' ? (timings['parse'] ?? 0) : 0);
      report(output.diagnostics);
      // Stores load in the background while the next phase is computed.
      const stores = writer.writePhase(phase, fragment);
      pending.push(
        stores.then((written) => ({
          phase,
          buildMs: Math.round(buildMs),
          nodes: fragment.nodes.length,
          relationships: fragment.relationships.length,
          counts: output.counts ?? {},
          ...(output.externalPackages ? { externalPackages: output.externalPackages } : {}),
          stores: written.map((w) => ({ ...w, ms: Math.round(w.ms) })),
        })),
      );
      listener.onPhaseEnd?.(phase, performance.now() - t0);
    }

    let phases = await unlessAborted(Promise.all(pending), ctx.signal);
    for (const p of phases) {
      const failed = p.stores.find((s) => s.store === 'kuzu' && s.status === 'failed');
      if (failed && kuzuStatus.status === 'ok') kuzuStatus = { status: 'degraded', phase: p.phase, reason: failed.reason ?? 'load failed' };
    }
    const graph = builder.build(options.rootName, CODEGRAPH_VERSION);
    const staged = await time('write', async () => {
      let kuzuPath: string | undefined;
      if (kuzu && kuzuStatus.status === 'ok' && (await tx.isFolder(GRAPH_KUZU))) {
        kuzuStatus = { status: 'degraded', phase: 'finish', reason: `${path.join(options.outDir, GRAPH_KUZU)} is a folder, not a Kuzu database file: move it away` };
      }
      // A failed load gives its disk space back before graph.json is written; a sound one commits
      // in the Kuzu process while graph.json is written here.
      if (kuzu && kuzuStatus.status !== 'ok') await kuzu.abort();
      const committing = kuzu && kuzuStatus.status === 'ok' ? settle(kuzu.finish(graph)) : undefined;
      const writing = settle(json.finish(graph));
      const committed = await committing;
      if (committed && 'error' in committed) kuzuStatus = { status: 'degraded', phase: 'finish', reason: reasonOf(committed.error) };
      else if (committed) kuzuPath = committed.value;
      if (kuzuStatus.status === 'degraded') kuzuStatus = { ...kuzuStatus, reason: `${kuzuStatus.reason}${await diskHint(tx)}` };
      if (kuzu && !kuzuPath) await kuzu.abort();
      if (kuzu) timings['kuzuCommit'] = Math.round(kuzu.commitMs);
      // Every phase went into Kuzu's one transaction: without its COMMIT none of them was written.
      if (kuzu && !kuzuPath && kuzuStatus.status === 'degraded') {
        const reason = `${kuzuStatus.phase}: ${kuzuStatus.reason ?? ''}`;
        phases = phases.map((p) => ({ ...p, stores: p.stores.map((s) => (s.store === 'kuzu' ? uncommitted(s, reason) : s)) }));
      }
      let written = await writing;
      // A full disk: the failed commit may have taken the room graph.json needed; it is free again.
      if ('error' in written && committed && 'error' in committed) written = await settle(json.finish(graph));
      if ('error' in written) throw written.error;
      const jsonPath = written.value;
      return { jsonPath, kuzuPath };
    });

    timings['total'] = Math.round(performance.now() - started);

    const summary = summarizeDiagnostics(diagnostics);
    const degraded = kuzuStatus.status === 'degraded';
    const exitCode = degraded && !options.allowDegraded ? 3 : 0;
    const indexReport: IndexReport = {
      version: REPORT_VERSION,
      generator: { name: 'codegraph', version: CODEGRAPH_VERSION },
      root: options.rootName,
      repo: options.repo,
      startedAt,
      durationMs: timings['total'],
      options: { ...options },
      files: {
        found: walked.files.length,
        parsed: units.filter((u) => u.status.kind === 'parsed').length,
        reparsed: parsed.reparsed,
        skipped: countBy(units.flatMap((u) => (u.status.kind === 'skipped' ? [u.status.reason] : []))),
        syntaxErrors: units.filter((u) => u.status.kind === 'parsed' && u.status.syntaxErrorLine !== undefined).length,
      },
      phases,
      kuzu: kuzuStatus,
      totals: {
        nodes: graph.nodes.length,
        relationships: graph.relationships.length,
        byLabel: countBy(graph.nodes.map((n) => n.label)),
        byType: countBy(graph.relationships.map((r) => r.type)),
      },
      timings,
      diagnostics: summary,
      validation: null,
      fingerprint,
      outputs: { graphJson: await tx.stamp(staged.jsonPath), ...(staged.kuzuPath ? { graphKuzu: await tx.stamp(staged.kuzuPath) } : {}) },
      exitCode,
    };
    const reportPath = tx.staged(REPORT_JSON);
    await writeReport(reportPath, indexReport);
    const cacheRename = await parsed.saveCache(tx);
    ctx.signal?.throwIfAborted();
    // A graph.kuzu that was not rebuilt goes, so it can never disagree silently with graph.json.
    const renames: [string, string][] = [[staged.jsonPath, GRAPH_JSON]];
    if (staged.kuzuPath) renames.push([staged.kuzuPath, GRAPH_KUZU]);
    renames.push([reportPath, REPORT_JSON]);
    if (cacheRename) renames.push(cacheRename);
    await tx.commit(renames, [...KUZU_SIDECARS.map((ext) => GRAPH_KUZU + ext), ...(staged.kuzuPath ? [] : [GRAPH_KUZU])]);
    committed = true;

    if (!options.validate || !ctx.validate) return { report: indexReport, graph };
    // Validation reads the committed output, exactly as `codegraph validate` would.
    const validation = await time('validate', () => ctx.validate!(options.outDir, { kuzu: kuzuStatus.status === 'ok' }));
    timings['total'] = Math.round(performance.now() - started);
    const validated: IndexReport = {
      ...indexReport,
      durationMs: timings['total'],
      timings,
      validation: validation.result,
      exitCode: validation.consistent ? indexReport.exitCode : 1,
    };
    await replaceReport(path.join(options.outDir, REPORT_JSON), validated);
    return { report: validated, graph };
  } catch (error) {
    // Whatever is still loading or writing stops now, before the lock and staged files go.
    const sinks: GraphSink[] = [json, ...(kuzu ? [kuzu] : [])];
    await Promise.all(sinks.map((s) => s.abort().catch(() => undefined)));
    await kuzuOpening;
    if (ctx.signal?.aborted) throw new InterruptedError(signalName(ctx.signal.reason), committed);
    throw error;
  } finally {
    await tx.release();
  }
}

async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** A failed load on a nearly full disk says so: Kuzu's own message rarely does. */
async function diskHint(tx: OutputTransaction): Promise<string> {
  const free = await tx.freeBytes();
  return free !== undefined && free < 64 * 1024 * 1024 ? ` (only ${Math.round(free / 1024)} KiB free on the output folder's disk)` : '';
}

function signalName(reason: unknown): NodeJS.Signals {
  return reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
}

function merge(a: PhaseOutput, b: PhaseOutput): PhaseOutput {
  const fragment: GraphFragment = {
    nodes: [...a.fragment.nodes, ...b.fragment.nodes],
    relationships: [...a.fragment.relationships, ...b.fragment.relationships],
  };
  return { fragment, diagnostics: [...a.diagnostics, ...b.diagnostics], counts: { ...a.counts, ...b.counts } };
}

/** How many times each item occurs, keyed in sorted order; sorts the distinct items, not all of them. */
function countBy(items: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => compareIds(a, b)));
}

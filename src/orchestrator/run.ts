import path from 'node:path';
import type { IndexOptions } from '../config/options.js';
import { walk } from '../discover/walk.js';
import { hashFiles } from '../discover/hash.js';
import { InterruptedError } from '../errors.js';
import { GraphBuilder, graphHeader, type GraphCounts } from '../graph/builder.js';
import { compareIds } from '../graph/ids.js';
import type { CodeGraph, GraphFragment, GraphHeader } from '../graph/model.js';
import type { SourceFile } from '../model/source-file.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { PhaseBuild, PhaseName, ProgressListener } from '../model/phases.js';
import { contentHashes, formatChange, inputFingerprint, keepPrevious, mayBeUnchanged, unchangedSince } from '../cache/unchanged.js';
import { parseWithCache, type ParseResult } from '../cache/incremental.js';
import { commitOutput } from '../storage/commit-plan.js';
import { DualWriter } from '../storage/dual-writer.js';
import { indexStores, type StoreSetup } from '../storage/index-stores.js';
import { OutputTransaction, REPORT_JSON } from '../storage/output-dir.js';
import { PARSE_CACHE } from '../storage/parse-cache.js';
import { replaceReport } from '../storage/report-file.js';
import type { GraphSink } from '../storage/sink.js';
import { fileCounts, indexReport, withValidation, type IndexReport, type PhaseReport } from '../report/index-report.js';
import { CODEGRAPH_VERSION } from '../version.js';
import { buildStructure } from '../pipeline/structure.js';
import { buildDefinitionsInParts } from '../pipeline/definitions.js';
import { buildImports, externalPackagesOf } from '../pipeline/imports.js';
import { buildCallsInParts } from '../pipeline/calls.js';
import { loadConfig, resolveProject } from '../pipeline/resolution.js';
import { digestValidation } from '../validate/digest-validation.js';
import { writtenGraphChecks, type WrittenGraphChecks } from '../validate/written-graph-thread.js';
import type { WrittenGraph } from '../validate/written-graph.js';
import type { StoreDigest } from '../storage/kuzu-digest.js';
import { runSteps, unlessAborted, type RunSteps } from './steps.js';
import { buildPhase, whole } from './build-phase.js';

export interface RunContext {
  readonly listener?: ProgressListener;
  /**
   * Checks the committed output folder as `codegraph validate` does; `kuzu: false` checks graph.json
   * alone. The run calls it only when its own checks, made as it wrote, cannot say the output is
   * consistent (digest-validation.ts).
   */
  readonly validate?: (outDir: string, options: { kuzu: boolean }) => Promise<{ consistent: boolean; result: unknown }>;
  /**
   * Stops the run at once (SIGINT/SIGTERM; the reason is the signal's name): it rejects with an
   * InterruptedError once its workers and child processes are stopped, its staged files removed
   * and the lock released. Before the commit, the previous output stays as it was.
   */
  readonly signal?: AbortSignal;
  /** The stores to write, primary (graph.json) first; `indexStores` unless a test hands its own. */
  readonly stores?: (setup: StoreSetup) => readonly GraphSink[];
  /**
   * Keep the whole graph and return it (the default, for callers that look at it). The CLI says
   * false: each phase's part then goes to the stores and is let go, and memory stays near the
   * parsed units' size (docs/benchmarks.md, "Memory at scale").
   */
  readonly keepGraph?: boolean;
  /**
   * Called once the parsed units and the resolver are out of reach, before the stores finish: on a
   * large tree the CLI collects garbage there (cli/v8-tuning.ts), since they are most of the heap.
   */
  readonly releaseMemory?: () => void;
  /**
   * Called before the four phases build the graph, with the size of the source: the CLI narrows the
   * heap's growth there on a large tree (cli/v8-tuning.ts), and sets it back in releaseMemory.
   */
  readonly beginPhases?: (sourceBytes: number) => void;
  /**
   * Rows a phase built in parts gathers before it hands them to the stores (PART_ROWS unless
   * given: tests hand a small number to see phases in parts).
   */
  readonly partRows?: number;
}

export interface IndexRun {
  readonly report: IndexReport;
  /**
   * The graph built, unless the run was told not to keep it (`keepGraph: false`), or the inputs
   * were unchanged and the last run's output was kept.
   */
  readonly graph?: CodeGraph;
}

/**
 * The whole pipeline on one screen: walk, parse, then the four processors in order, each
 * fragment dual-written; then the stores are finished, swapped in together, and validated.
 */
export async function runIndex(options: IndexOptions, ctx: RunContext = {}): Promise<IndexRun> {
  const { signal, listener = {} } = ctx;
  const run = runSteps(signal);
  const diagnostics: Diagnostic[] = [];
  const note = (found: readonly Diagnostic[]): void => {
    diagnostics.push(...found);
    for (const d of found) listener.onDiagnostic?.(d);
  };
  const tx = await OutputTransaction.begin(options.outDir);
  let stores: DualWriter | undefined;
  let check: WrittenGraphChecks | undefined;
  let committed = false;
  try {
    const walked = await run.step('walk', () => walk({ root: options.repo, outDir: options.outDir, include: options.include, exclude: options.exclude }));
    note(walked.diagnostics);
    listener.onFilesFound?.(walked.files);
    // The content hashes are read up front only when a last run's output may make this run
    // unnecessary; a first run takes them from the parse, which reads every file anyway.
    const hashes = (await mayBeUnchanged(tx, options)) ? await run.step('hash', () => hashFiles(walked.files.map((f) => f.absPath))) : undefined;
    const loaded = await run.step('config', () => loadConfig(options.repo, walked.files.map((f) => f.relPath), options.outDir));
    const fingerprintOf = (known: readonly (string | undefined)[] | undefined): string => inputFingerprint(options, walked.files, known, loaded.configHash);
    const formatChanged = await formatChange(options.outDir);
    if (formatChanged) listener.onMessage?.(formatChanged);
    // Nothing changed since a clean last run: its output is exactly what this run would write.
    const previous = hashes ? await unchangedSince(tx, options, fingerprintOf(hashes)) : undefined;
    signal?.throwIfAborted();
    if (previous) {
      listener.onMessage?.('unchanged since the last run: keeping its output');
      return await keepPrevious(previous, { options, timings: run.total(), startedAt: run.startedAt });
    }
    // graph.json's checks are made on each line as it is written, while Kuzu commits and digests its tables.
    const sourceBytes = walked.files.reduce((sum, f) => sum + f.size, 0);
    check = options.validate && ctx.validate ? writtenGraphChecks({ digest: options.kuzu }, sourceBytes) : undefined;
    // The stores open (Kuzu's process opens its database file) while the files are parsed.
    stores = new DualWriter(tx, (ctx.stores ?? indexStores)({ staged: (name) => tx.staged(name), sourceBytes, kuzu: options.kuzu, batchSize: options.batchSize, ...(check ? { jsonLines: check } : {}) }));
    // The parsed units and the graph are gone once this returns: validation has the memory.
    const written = await writeOutput({ options, ctx, run, tx, stores, check, files: walked.files, sourceBytes, hashes, config: loaded.config, fingerprintOf, diagnostics, note });
    committed = true;
    const { report, graph } = written;
    const keep = graph ? { graph } : {};

    if (!options.validate || !ctx.validate || !written.checked) return { report, ...keep };
    const checked = written.checked;
    const validation = await run.step('validate', async () => {
      // What the run saw as it wrote agrees everywhere: the output is consistent without reading it again.
      const kuzu = report.kuzu.status === 'ok';
      const quick = digestValidation(options.outDir, kuzu, { written: checked, ...(written.kuzuDigest ? { kuzu: written.kuzuDigest } : {}), report });
      // Otherwise the committed output is read and compared row by row, exactly as `codegraph validate` would.
      return quick ? { consistent: true, result: quick } : ctx.validate!(options.outDir, { kuzu });
    });
    const validated = withValidation(report, validation, run.total());
    await replaceReport(path.join(options.outDir, REPORT_JSON), validated);
    return { report: validated, ...keep };
  } catch (error) {
    // Whatever is still loading or writing stops now, before the lock and staged files go.
    await stores?.abort();
    if (signal?.aborted) throw new InterruptedError(signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT', committed);
    throw error;
  } finally {
    check?.dispose();
    await tx.release();
  }
}

/** What writeOutput needs from the run that started it. */
interface WriteInput {
  readonly options: IndexOptions;
  readonly ctx: RunContext;
  readonly run: RunSteps;
  readonly tx: OutputTransaction;
  readonly stores: DualWriter;
  readonly check: WrittenGraphChecks | undefined;
  readonly files: readonly SourceFile[];
  /** The files' bytes in all. */
  readonly sourceBytes: number;
  readonly hashes: readonly (string | undefined)[] | undefined;
  readonly config: Awaited<ReturnType<typeof loadConfig>>['config'];
  /** The run's input fingerprint from the files' content hashes (undefined: --no-incremental). */
  readonly fingerprintOf: (hashes: readonly (string | undefined)[] | undefined) => string;
  readonly diagnostics: readonly Diagnostic[];
  readonly note: (found: readonly Diagnostic[]) => void;
}

/**
 * Parses, builds the four phases (each written to every store as soon as it is built), finishes
 * the stores and commits the output with its report. A phase's nodes and relationships are held
 * only until every store has them, unless the caller keeps the graph.
 */
async function writeOutput(input: WriteInput): Promise<{ report: IndexReport; graph?: CodeGraph; kuzuDigest?: StoreDigest; checked?: WrittenGraph }> {
  const { options, ctx, run, tx, stores } = input;
  const { signal } = ctx;
  const built = await buildPhases(input);
  // The parsed units and the resolver are out of reach from here on: the stores finish (graph.json
  // merged and checked, Kuzu's COMMIT and digest) in the memory they held.
  ctx.releaseMemory?.();
  // Finishing can be the longest step after the parse (from 32 MiB of source Kuzu loads every phase
  // here): say what is happening rather than sit silent after the last phase.
  ctx.listener?.onMessage?.(stores.status('kuzu').status === 'ok' ? 'writing graph.json and graph.kuzu' : 'writing graph.json');
  const header = graphHeader(options.rootName, CODEGRAPH_VERSION);
  const { stored, checked } = await run.step('write', async () => {
    const finished = await stores.finish(header);
    // The checks of graph.json's last lines may still be running in their thread.
    return { stored: finished, checked: await input.check?.settled() };
  });
  const phases = await unlessAborted(Promise.all(built.pending), signal);
  if (stored.finishMs.kuzu !== undefined) run.timings['kuzuCommit'] = stored.finishMs.kuzu;
  // Validation's share of `write`: Kuzu's digest of its tables after the COMMIT, and this process's
  // checks and digest of graph.json's lines as they were written.
  const kuzuDigest = stored.digests.kuzu;
  if (kuzuDigest) run.timings['kuzuDigest'] = Math.round(kuzuDigest.ms);
  if (checked) run.timings['jsonCheck'] = Math.round(checked.ms);
  const written = phases.map((p) => ({ ...p, stores: stores.written(p.stores) }));
  const report = indexReport({ options, startedAt: run.startedAt, timings: run.total(), files: built.files, phases: written, kuzu: stores.status('kuzu'), totals: built.totals, diagnostics: input.diagnostics, fingerprint: built.fingerprint, outputs: stored.outputs });
  await commitOutput(tx, stored, report, built.cacheFile, signal);
  return { report, ...(built.kept ? { graph: assembleGraph(header, built.kept) } : {}), ...(kuzuDigest ? { kuzuDigest } : {}), ...(checked ? { checked } : {}) };
}

/** What the run keeps of its parse and its phases once they are built. */
interface BuiltPhases {
  readonly files: IndexReport['files'];
  readonly fingerprint: string;
  readonly cacheFile: ParseResult['cacheFile'];
  readonly pending: readonly Promise<PhaseReport>[];
  readonly totals: GraphCounts;
  readonly kept: GraphFragment[] | undefined;
}

/**
 * Parses the files, resolves the project, and builds the four phases into the stores. Only
 * summaries come out: the units and the resolver, the biggest things the run holds, stay here.
 */
async function buildPhases(input: WriteInput): Promise<BuiltPhases> {
  const { options, ctx, run, tx, stores, note } = input;
  const { signal, listener = {} } = ctx;
  const parsed = await run.step('parse', () =>
    parseWithCache(input.files, { outDir: options.outDir, workers: options.workers, maxFileSize: options.maxFileSize, incremental: options.incremental, hashes: input.hashes, stagedCache: tx.staged(PARSE_CACHE), ...(signal ? { signal } : {}) }, listener),
  );
  const units = parsed.units;
  const fingerprint = input.fingerprintOf(options.incremental ? (input.hashes ?? (await contentHashes(input.files, units))) : undefined);
  const symbols = await run.step('resolve', () => resolveProject(options.repo, units, input.config));
  note(symbols.diagnostics);
  await unlessAborted(stores.opened(), signal);

  ctx.beginPhases?.(input.sourceBytes);
  const builder = new GraphBuilder({ retain: false });
  // Kuzu places relationships by their ends' labels: it reads the builder's rather than keeping a copy.
  stores.useLabels(builder.nodeLabels);
  const kept: GraphFragment[] | undefined = ctx.keepGraph === false ? undefined : [];
  const pending: Promise<PhaseReport>[] = [];
  const processors: readonly [PhaseName, () => PhaseBuild][] = [
    ['structure', whole(() => buildStructure(options.rootName, units, (unit) => externalPackagesOf(unit, symbols.resolver)))],
    // A large tree's definitions and calls are its most numerous rows: they go to the stores in parts.
    ['parsing', () => buildDefinitionsInParts(units, symbols.resolver, ctx.partRows)],
    ['imports', whole(() => buildImports(units, symbols.resolver))],
    ['calls', () => buildCallsInParts(units, symbols.resolver, ctx.partRows)],
  ];
  for (const [phase, build] of processors) {
    signal?.throwIfAborted();
    const { report, taken } = await buildPhase(phase, build, { builder, stores, kept, note, listener, parseMs: run.timings['parse'] ?? 0, signal });
    pending.push(report);
    // The next phase is built once the stores have this one's rows (graph.json's run written,
    // Kuzu's COPY files; its COPYs go on meanwhile): one phase's fragment is held at a time.
    await unlessAborted(taken, signal);
  }
  return { files: fileCounts(input.files.length, units, parsed.reparsed), fingerprint, cacheFile: parsed.cacheFile, pending, totals: builder.counts(), kept };
}

/** The whole graph from the phases' normalised fragments (each sorted by id). */
function assembleGraph(header: GraphHeader, fragments: readonly GraphFragment[]): CodeGraph {
  const sorted = <T extends { readonly id: string }>(items: T[]): T[] => items.sort((a, b) => compareIds(a.id, b.id));
  return Object.freeze({
    ...header,
    nodes: Object.freeze(sorted(fragments.flatMap((f) => f.nodes))),
    relationships: Object.freeze(sorted(fragments.flatMap((f) => f.relationships))),
  });
}

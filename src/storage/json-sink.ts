import { rm } from 'node:fs/promises';
import type { GraphFragment, GraphHeader } from '../graph/model.js';
import type { PhaseName } from '../model/phases.js';
import { StorageError } from '../errors.js';
import { emptyStats, type GraphSink, type PartRows, type PhaseWriteStats } from './sink.js';
import { mergeRuns, sortedById, writeRun } from './sorted-runs.js';
import { writeTextFile, type ChunkedWriter } from './text-file.js';

/**
 * Sees every node and relationship line of graph.json as it is written, in file order, so that
 * validation can check what was written while Kuzu commits (validate/written-graph.ts).
 */
export interface WrittenLines {
  /** graph.json is (again) being written: whatever an earlier, failed attempt showed is void. */
  begin(): void;
  /**
   * Must not throw: graph.json is written whatever it finds. A promise asks the writer to wait
   * before the next line (checks in another thread that have fallen behind).
   */
  line(list: 'nodes' | 'relationships', line: string): void | Promise<void>;
  /** Every line is written (graph.json is complete but for its closing brackets). */
  end(): void;
}

/**
 * The primary store. Each phase's nodes and relationships are written at once, sorted, to staged
 * files of their own (runs), so the run never holds the whole graph; finish merges the runs into
 * the staged graph.json, one node or relationship per line so that two runs diff line by line.
 */
export class JsonSink implements GraphSink {
  readonly name = 'json' as const;

  private readonly stop = new AbortController();
  private writing: Promise<void> | undefined;
  private readonly runs = { nodes: [] as string[], relationships: [] as string[] };
  private runCount = 0;

  constructor(
    private readonly stagedPath: string,
    private readonly written?: WrittenLines,
  ) {}

  async writePhase(phase: PhaseName, fragment: GraphFragment, parts?: PartRows): Promise<PhaseWriteStats> {
    const t0 = performance.now();
    const ms = this.partsMs;
    this.partsMs = 0;
    const stats = emptyStats(phase, 'json', fragment, parts);
    await this.writeRuns(fragment);
    stats.nodes.written = stats.nodes.attempted;
    stats.relationships.written = stats.relationships.attempted;
    return { ...stats, ms: ms + performance.now() - t0, status: 'ok' };
  }

  /** A part of a phase handed over in parts: its runs are written now, its time counted in the phase's. */
  async writePart(_phase: PhaseName, fragment: GraphFragment): Promise<void> {
    const t0 = performance.now();
    await this.writeRuns(fragment);
    this.partsMs += performance.now() - t0;
  }

  /** The time spent on the parts of the phase being handed over in parts. */
  private partsMs = 0;

  /** Writes a fragment's nodes and its relationships, each to a run of its own; throws a StorageError. */
  private async writeRuns(fragment: GraphFragment): Promise<void> {
    try {
      for (const section of ['nodes', 'relationships'] as const) {
        const items: readonly { readonly id: string }[] = fragment[section];
        if (items.length === 0) continue;
        // Staged names of the output transaction (`.graph.json.<pid>.tmp.<letters>`), so whatever a
        // killed run leaves behind is removed like its other staged files.
        const file = `${this.stagedPath}.${runSuffix(this.runCount++)}`;
        this.runs[section].push(file);
        this.writing = writeRun(file, sortedById(items), this.stop.signal);
        await this.writing;
      }
    } catch (error) {
      throw new StorageError(`could not write ${this.stagedPath}`, { cause: error });
    }
  }

  /**
   * Merges the runs into graph.json. A failed merge leaves the runs in place, so that it can be
   * tried again once there is room (DualWriter.finish does on a full disk); abort removes them.
   */
  async finish(header: GraphHeader): Promise<string> {
    try {
      this.written?.begin();
      this.writing = writeTextFile(this.stagedPath, (writer) => this.writeGraph(writer, header), this.stop.signal);
      await this.writing;
      await this.removeRuns();
      return this.stagedPath;
    } catch (error) {
      if (this.stop.signal.aborted) await this.abort();
      else await rm(this.stagedPath, { force: true });
      throw new StorageError(`could not write ${this.stagedPath}`, { cause: error });
    }
  }

  /** Stops a write in progress (its file closed first, so it cannot reappear) and removes the files. */
  async abort(): Promise<void> {
    this.stop.abort();
    await this.writing?.catch(() => undefined);
    await Promise.all([rm(this.stagedPath, { force: true }), this.removeRuns()]);
  }

  private async removeRuns(): Promise<void> {
    await Promise.all([...this.runs.nodes, ...this.runs.relationships].map((file) => rm(file, { force: true })));
  }

  private async writeGraph(writer: ChunkedWriter, header: GraphHeader): Promise<void> {
    await writer.write(
      `{\n  "version": ${header.version},\n  "generator": ${JSON.stringify(header.generator)},\n  "root": ${JSON.stringify(header.root)},\n  "nodes": [\n`,
    );
    await this.writeList(writer, 'nodes');
    await writer.write('  ],\n  "relationships": [\n');
    await this.writeList(writer, 'relationships');
    this.written?.end();
    await writer.write('  ]\n}\n');
  }

  /** The runs' lines merged, each indented, and each but the last followed by a comma. */
  private async writeList(writer: ChunkedWriter, list: 'nodes' | 'relationships'): Promise<void> {
    let previous: string | undefined;
    for await (const line of mergeRuns(this.runs[list])) {
      const behind = this.written?.line(list, line);
      if (behind) await behind;
      if (previous !== undefined) await writer.write(`    ${previous},\n`);
      previous = line;
    }
    if (previous !== undefined) await writer.write(`    ${previous}\n`);
  }
}

/** A run file's suffix: letters only (a, b, …, z, ba, …), as staged names allow. */
function runSuffix(n: number): string {
  let text = '';
  do {
    text = String.fromCharCode(97 + (n % 26)) + text;
    n = Math.floor(n / 26);
  } while (n > 0);
  return text;
}

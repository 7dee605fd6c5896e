import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { CodeGraph, GraphFragment } from '../graph/model.js';
import type { PhaseName } from '../model/phases.js';
import { StorageError } from '../errors.js';
import { emptyStats, type GraphSink, type PhaseWriteStats } from './sink.js';

/**
 * The primary store. Phases are accepted in memory (the builder already holds the graph); finish
 * streams the sorted graph to a staged file, one node or relationship per line so that two runs
 * diff line by line.
 */
export class JsonSink implements GraphSink {
  readonly name = 'json' as const;

  private readonly stop = new AbortController();
  private writing: Promise<void> | undefined;

  constructor(private readonly stagedPath: string) {}

  async writePhase(phase: PhaseName, fragment: GraphFragment): Promise<PhaseWriteStats> {
    const stats = emptyStats(phase, 'json', fragment);
    stats.nodes.written = fragment.nodes.length;
    stats.relationships.written = fragment.relationships.length;
    return { ...stats, ms: 0, status: 'ok' };
  }

  async finish(graph: CodeGraph): Promise<string> {
    try {
      this.writing = writeGraphJson(this.stagedPath, graph, this.stop.signal);
      await this.writing;
      return this.stagedPath;
    } catch (error) {
      await this.abort();
      throw new StorageError(`could not write ${this.stagedPath}`, { cause: error });
    }
  }

  /** Stops a write in progress (its file closed first, so it cannot reappear) and removes the file. */
  async abort(): Promise<void> {
    this.stop.abort();
    await this.writing?.catch(() => undefined);
    await rm(this.stagedPath, { force: true });
  }
}

async function writeGraphJson(path: string, graph: CodeGraph, signal?: AbortSignal): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8', ...(signal ? { signal } : {}) });
  try {
    await writeLines(out, graph);
  } catch (error) {
    out.destroy();
    if (!out.closed) await once(out, 'close');
    throw error;
  }
}

async function writeLines(out: WriteStream, graph: CodeGraph): Promise<void> {
  // Every error of the stream (the first one counts) is handled, also while no write is waiting.
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  failed.catch(() => undefined);
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  const list = async (items: readonly unknown[]): Promise<void> => {
    let buffer = '';
    for (let i = 0; i < items.length; i++) {
      buffer += `    ${JSON.stringify(items[i])}${i + 1 < items.length ? ',' : ''}\n`;
      if (buffer.length > 1 << 16) {
        await write(buffer);
        buffer = '';
      }
    }
    await write(buffer);
  };
  await write(
    `{\n  "version": ${graph.version},\n  "generator": ${JSON.stringify(graph.generator)},\n  "root": ${JSON.stringify(graph.root)},\n  "nodes": [\n`,
  );
  await list(graph.nodes);
  await write('  ],\n  "relationships": [\n');
  await list(graph.relationships);
  await write('  ]\n}\n');
  out.end();
  await Promise.race([once(out, 'close'), failed]);
}

import { createWriteStream } from 'node:fs';
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

  constructor(private readonly stagedPath: string) {}

  async writePhase(phase: PhaseName, fragment: GraphFragment): Promise<PhaseWriteStats> {
    const stats = emptyStats(phase, 'json', fragment);
    stats.nodes.written = fragment.nodes.length;
    stats.relationships.written = fragment.relationships.length;
    return { ...stats, ms: 0, status: 'ok' };
  }

  async finish(graph: CodeGraph): Promise<string> {
    try {
      await writeGraphJson(this.stagedPath, graph);
      return this.stagedPath;
    } catch (error) {
      await this.abort();
      throw new StorageError(`could not write ${this.stagedPath}`, { cause: error });
    }
  }

  async abort(): Promise<void> {
    await rm(this.stagedPath, { force: true });
  }
}

export async function writeGraphJson(path: string, graph: CodeGraph): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
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

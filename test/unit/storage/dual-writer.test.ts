import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { fileId } from '../../../src/graph/ids.js';
import type { GraphFragment } from '../../../src/graph/model.js';
import type { PhaseName } from '../../../src/model/phases.js';
import { DualWriter } from '../../../src/storage/dual-writer.js';
import { JsonSink } from '../../../src/storage/json-sink.js';
import { GRAPH_JSON, OutputTransaction } from '../../../src/storage/output-dir.js';
import { emptyStats, type GraphSink, type PhaseWriteStats } from '../../../src/storage/sink.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A secondary store (fake: the real Kuzu store cannot be made to hold a load open on cue) that
 * takes each fragment at once, as Kuzu does once its COPY files are written, and finishes the
 * load only when the test releases it, as Kuzu's COPYs go on while the next phase is built.
 */
class HeldLoadStore implements GraphSink {
  readonly name = 'kuzu' as const;
  readonly releases: (() => void)[] = [];

  writePhase(phase: PhaseName, fragment: GraphFragment): Promise<PhaseWriteStats> {
    const stats = emptyStats(phase, 'kuzu', fragment);
    const done = { ...stats, ms: 0, status: 'ok' as const, nodes: { ...stats.nodes, written: stats.nodes.attempted } };
    return new Promise((resolve) => this.releases.push(() => resolve(done)));
  }

  taken(): Promise<void> {
    return Promise.resolve();
  }

  finish(): Promise<string> {
    return Promise.resolve('unused');
  }

  abort(): Promise<void> {
    return Promise.resolve();
  }
}

/** A full collection, as cli/v8-tuning.ts gets one: --expose-gc reaches contexts made after it. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('DualWriter', () => {
  it('lets go of a phase once every store has taken it, while a store still loads it', async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'codegraph-dual-writer-'));
    dirs.push(outDir);
    const tx = await OutputTransaction.begin(outDir);
    const held = new HeldLoadStore();
    const writer = new DualWriter(tx, [new JsonSink(tx.staged(GRAPH_JSON)), held]);
    await writer.opened();
    const files = Array.from({ length: 1000 }, (_, i) => `src/file${i}.ts`);
    let fragment: GraphFragment | undefined = {
      nodes: files.map((p) => ({ id: fileId(p), label: 'File', properties: { name: p, filePath: p, language: 'typescript', size: 1 } })),
      relationships: [],
    };
    const gone = new WeakRef(fragment);
    const { written, taken } = writer.writePhase('structure', fragment);
    fragment = undefined;
    await taken;
    collectGarbage();
    // The fake store's load is still open: only the writer's own closures could keep the rows.
    expect(held.releases).toHaveLength(1);
    expect(gone.deref()).toBeUndefined();
    held.releases[0]!();
    const stats = await written;
    expect(stats.map((s) => [s.store, s.status, s.nodes.written])).toEqual([
      ['json', 'ok', 1000],
      ['kuzu', 'ok', 1000],
    ]);
    await writer.abort();
    await tx.release();
  });
});

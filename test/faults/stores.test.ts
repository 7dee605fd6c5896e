import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors.js';
import type { GraphFragment } from '../../src/graph/model.js';
import type { PhaseName } from '../../src/model/phases.js';
import { indexStores, type StoreSetup } from '../../src/storage/index-stores.js';
import { emptyStats, type GraphSink } from '../../src/storage/sink.js';
import { indexAsCli, indexedFixture, outputSnapshot } from '../helpers/index-in-process.js';

// A store failing at a chosen step, handed to runIndex in place of the real one. The real stores
// are wrapped and keep doing the work; the wrapper only turns one step into the failure a full
// disk gives (the real full-disk test, on a small tmpfs, is in storage.test.ts).
function failingAt(store: 'json' | 'kuzu', at: PhaseName | 'finish', reason: string): (setup: StoreSetup) => GraphSink[] {
  return (setup) =>
    indexStores(setup).map((sink): GraphSink => {
      if (sink.name !== store) return sink;
      return {
        name: sink.name,
        ...(sink.open ? { open: () => sink.open!() } : {}),
        writePhase: async (phase, fragment, parts) => (phase === at ? { ...emptyStats(phase, sink.name, fragment, parts), ms: 0, status: 'failed', reason } : sink.writePhase(phase, fragment, parts)),
        ...(sink.writePart ? { writePart: (phase: PhaseName, fragment: GraphFragment) => sink.writePart!(phase, fragment) } : {}),
        finish: async (graph) => {
          if (at !== 'finish') return sink.finish(graph);
          await sink.abort();
          throw new StorageError(`could not write the ${store} store`, { cause: new Error(reason) });
        },
        abort: () => sink.abort(),
      };
    });
}

const fixture = indexedFixture('index-basic');

describe('a store that fails (a real store made to fail at one step)', () => {
  it('Kuzu failing to load the imports phase: exit 3, the later phases skipped, graph.json complete, no graph.kuzu', async () => {
    const { report } = await indexAsCli(fixture.repo, { incremental: false }, { stores: failingAt('kuzu', 'imports', 'No space left on device') });
    expect(report.exitCode).toBe(3);
    expect(report.kuzu).toMatchObject({ status: 'degraded', phase: 'imports' });
    expect(report.kuzu.reason).toMatch(/^No space left on device/);
    // Kuzu loads every phase into one transaction: the phases loaded before the failure were never
    // committed either, and the table says so.
    expect(report.phases.map((p) => p.stores.map((s) => `${s.store}:${s.status}`).join(' '))).toEqual([
      'json:ok kuzu:failed',
      'json:ok kuzu:failed',
      'json:ok kuzu:failed',
      'json:ok kuzu:skipped',
    ]);
    const kuzuStores = report.phases.map((p) => p.stores.find((s) => s.store === 'kuzu')!);
    expect(kuzuStores[0]!.reason).toMatch(/^not committed: imports: No space left on device/);
    expect(kuzuStores.map((s) => s.nodes.written + s.relationships.written)).toEqual([0, 0, 0, 0]);
    expect(report.validation).toMatchObject({ consistent: true, kuzu: { status: 'skipped' } });
    expect(JSON.parse(readFileSync(path.join(fixture.out, 'graph.json'), 'utf8')).nodes).toHaveLength(24);
    expect(existsSync(path.join(fixture.out, 'graph.kuzu'))).toBe(false);
    expect(readdirSync(fixture.out).filter((f) => f.startsWith('.'))).toEqual([]);
    // --allow-degraded makes the same run exit 0; a healthy run brings graph.kuzu back.
    expect((await indexAsCli(fixture.repo, { incremental: false, allowDegraded: true }, { stores: failingAt('kuzu', 'calls', 'disk full') })).report.exitCode).toBe(0);
    expect((await indexAsCli(fixture.repo)).report).toMatchObject({ exitCode: 0, kuzu: { status: 'ok' } });
  });

  it('Kuzu failing at the last part of a calls phase handed over in parts: exit 3, every phase uncommitted, graph.json as a healthy run writes it', async () => {
    const { report } = await indexAsCli(fixture.repo, { incremental: false }, { stores: failingAt('kuzu', 'calls', 'disk full'), partRows: 1 });
    expect(report.exitCode).toBe(3);
    expect(report.kuzu).toMatchObject({ status: 'degraded', phase: 'calls', reason: 'disk full' });
    const calls = report.phases.find((p) => p.phase === 'calls')!;
    const total = report.totals.byType['CALLS']!;
    expect(total).toBeGreaterThan(1);
    expect(calls.stores.map((s) => [s.store, s.status, s.relationships.attempted, s.relationships.written])).toEqual([
      ['json', 'ok', total, total],
      ['kuzu', 'failed', total, 0],
    ]);
    const degraded = readFileSync(path.join(fixture.out, 'graph.json'), 'utf8');
    expect(existsSync(path.join(fixture.out, 'graph.kuzu'))).toBe(false);
    expect((await indexAsCli(fixture.repo, { incremental: false })).report.exitCode).toBe(0);
    expect(readFileSync(path.join(fixture.out, 'graph.json'), 'utf8')).toBe(degraded);
  });

  it('graph.json failing to finish: the run fails with a StorageError and the previous output stays byte-identical', async () => {
    const before = outputSnapshot(fixture.out);
    const failed = indexAsCli(fixture.repo, { incremental: false }, { stores: failingAt('json', 'finish', 'ENOSPC: no space left on device') });
    await expect(failed).rejects.toThrow(StorageError);
    expect(outputSnapshot(fixture.out)).toEqual(before);
  });

  it('graph.kuzu a folder while Kuzu has yet to load the last phase (fault injected: the calls load starts 300 ms late): the store is judged once it is loaded, every phase uncommitted', async () => {
    const late = (setup: StoreSetup): GraphSink[] =>
      indexStores(setup).map((sink): GraphSink => {
        if (sink.name !== 'kuzu') return sink;
        return {
          name: sink.name,
          open: () => sink.open!(),
          writePhase: async (phase, fragment, parts) => {
            if (phase === 'calls') await new Promise((resolve) => setTimeout(resolve, 300));
            return sink.writePhase(phase, fragment, parts);
          },
          // The run goes on to finish the stores before the calls load has begun.
          taken: () => sink.taken!(),
          finish: (graph) => sink.finish(graph),
          abort: () => sink.abort(),
        };
      });
    rmSync(path.join(fixture.out, 'graph.kuzu'), { force: true });
    mkdirSync(path.join(fixture.out, 'graph.kuzu'));
    try {
      const { report } = await indexAsCli(fixture.repo, { incremental: false }, { stores: late });
      expect(report.exitCode).toBe(3);
      expect(report.kuzu).toMatchObject({ status: 'degraded', phase: 'finish' });
      const kuzuStores = report.phases.map((p) => p.stores.find((s) => s.store === 'kuzu')!);
      expect(kuzuStores.map((s) => [s.status, s.nodes.written + s.relationships.written])).toEqual([
        ['failed', 0], ['failed', 0], ['failed', 0], ['failed', 0],
      ]);
      expect(kuzuStores[3]!.reason).toMatch(/^not committed: finish: .*is a folder/);
    } finally {
      rmSync(path.join(fixture.out, 'graph.kuzu'), { recursive: true, force: true });
    }
  });
});
